import { z } from 'zod';

/**
 * Message on the `writebacks` queue. The relay sends `{ eventId, customerId }` for every
 * rating.changed / limit.changed; a retry names one CRM record (`target`, a `crm_record`
 * identifier value) and when it is due (`dueAt`; messages that arrive early hop again); an admin
 * replay (`POST /v1/write-backs/replay`) sets `replay`.
 */
export const WriteBackMessageSchema = z.object({
  eventId: z.string().regex(/^evt_[0-9A-Z]{26}$/),
  customerId: z.string().min(1).max(128),
  target: z.string().min(5).max(300).optional(),
  dueAt: z.iso.datetime({ offset: true }).optional(),
  /** An admin replay: written again even when the record was already written (still never older over newer). */
  replay: z.boolean().optional(),
});
export type WriteBackMessage = z.infer<typeof WriteBackMessageSchema>;

export const WriteBackAttemptSchema = z.object({
  n: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  latencyMs: z.number().nonnegative(),
  outcome: z.enum(['written', 'retry', 'failed']),
  /** Error code (`crm_rate_limited`, `crm_unavailable`, `crm_record_not_found`, …); never the CRM's payload. */
  code: z.string().max(100).optional(),
  retryAfterMs: z.number().int().nonnegative().optional(),
  /** The first attempt of an admin replay; retries count again from here. */
  replay: z.literal(true).optional(),
});
export type WriteBackAttempt = z.infer<typeof WriteBackAttemptSchema>;

/**
 * The write-back log of one (event, CRM record): every attempt and the outcome.
 * - `written`: the CRM accepted the fields (names in `fields`; values are not kept);
 * - `scheduled`: a retry is due at `nextAttemptAt`;
 * - `exhausted`: every scheduled attempt failed;
 * - `failed`: the CRM refused for good (unknown record, credentials…); the message is quarantined;
 * - `superseded`: a newer event (higher `sequence`) was already written to this record;
 * - `skipped`: nothing to write (no write-back mapping, CRM without write-back, no fields).
 */
export const WriteBackRecordSchema = z.object({
  customerId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  sequence: z.number().int().nonnegative(),
  target: z.string(),
  crm: z.string(),
  connectionId: z.string(),
  externalId: z.string(),
  status: z.enum(['scheduled', 'written', 'exhausted', 'failed', 'superseded', 'skipped']),
  reason: z.string().max(300).optional(),
  fields: z.array(z.string()).optional(),
  attempts: z.array(WriteBackAttemptSchema),
  nextAttemptAt: z.iso.datetime({ offset: true }).optional(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type WriteBackRecord = z.infer<typeof WriteBackRecordSchema>;
