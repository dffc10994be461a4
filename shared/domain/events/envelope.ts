import { z } from 'zod';

/**
 * The one envelope for every outbound event, on webhooks and SQS alike.
 * `type` + `version` select the data schema in the event catalogue; `sequence` increases
 * per customer so that receivers can drop stale updates. The descriptions go into the
 * exported JSON Schemas and the AsyncAPI document.
 */
export const EventEnvelopeSchema = z.object({
  id: z
    .string()
    .regex(/^evt_[0-9A-Z]{26}$/)
    .describe('Event id (evt_ + ULID). The same on every retry, replay, subscription and queue: deduplicate on it.'),
  type: z.string().regex(/^[a-z][a-z_]*(\.[a-z_]+)+$/),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }).describe('When the change happened (ISO 8601).'),
  customerId: z.string().optional().describe('The customer the event is about; absent for events about no customer.'),
  sequence: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('Present on events about a customer; increases per customer. Drop an event whose sequence is not above the highest one you applied for that customer and that kind of state.'),
  data: z.record(z.string(), z.unknown()),
}).meta({ id: 'EventEnvelope' });
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;
