import { z } from 'zod';

/**
 * The one envelope for every outbound event, on webhooks and SQS alike.
 * `type` + `version` select the data schema in the event catalogue; `sequence` increases
 * per customer so that receivers can drop stale updates.
 */
export const EventEnvelopeSchema = z.object({
  id: z.string().regex(/^evt_[0-9A-Z]{26}$/),
  type: z.string().regex(/^[a-z][a-z_]*(\.[a-z_]+)+$/),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  customerId: z.string().optional(),
  sequence: z.number().int().nonnegative().optional(),
  data: z.record(z.string(), z.unknown()),
}).meta({ id: 'EventEnvelope' });
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;
