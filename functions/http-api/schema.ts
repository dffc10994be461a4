import { z } from 'zod';
import { CustomerIdSchema } from '../../shared/domain/profile/customer-profile.js';

/** Path and query inputs of the HTTP API; bodies use the domain's command schemas. */
export const CustomerPathSchema = z.object({ customerId: CustomerIdSchema });
export const KeyPathSchema = z.object({ keyId: z.string().regex(/^[0-9a-z]{20}$/, 'a key id (20 lowercase letters or digits)') });
export const SubscriptionPathSchema = z.object({ subscriptionId: z.string().regex(/^sub_[0-9A-Z]{26}$/, 'a subscription id (sub_…)') });
export const EventsQuerySchema = z.object({
  afterSequence: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const UpdateSubscriptionSchema = z.strictObject({ enabled: z.boolean() });
export const RotateSecretSchema = z.strictObject({ overlapHours: z.number().int().min(0).max(168).default(24) });
