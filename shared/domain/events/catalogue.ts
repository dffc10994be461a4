import { z } from 'zod';
import { CustomerProfileSchema } from '../profile/customer-profile.js';

/**
 * Versioned event types. Each entry is the schema of `data` for one (type, version).
 * Subscriptions name event types from this list; anything else is refused.
 * Capabilities add their types here; docs/events/*.json is generated from it.
 */
export const CustomerUpdatedV1Schema = z.object({
  profile: CustomerProfileSchema.pick({
    customerId: true,
    kind: true,
    status: true,
    fields: true,
    identifiers: true,
    version: true,
    updatedAt: true,
  }),
  changedFields: z.array(z.string()),
});

export const eventCatalogue = {
  'customer.updated': { version: 1, data: CustomerUpdatedV1Schema, description: 'A customer profile was created or changed.' },
} as const satisfies Record<string, { version: number; data: z.ZodType; description: string }>;

export type EventType = keyof typeof eventCatalogue;
export const EVENT_TYPES = Object.keys(eventCatalogue) as EventType[];
export const EventTypeSchema = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);
export type EventData<T extends EventType> = z.infer<(typeof eventCatalogue)[T]['data']>;
