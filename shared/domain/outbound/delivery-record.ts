import { z } from 'zod';
import { DeliveryClassificationSchema } from '../delivery/delivery-outcome.js';

/** Message on the deliveries queue: one event for one subscription. */
export const DeliveryMessageSchema = z.object({
  eventId: z.string().regex(/^evt_[0-9A-Z]{26}$/),
  subscriptionId: z.string().regex(/^sub_[0-9A-Z]{26}$/),
  /** An admin asked to send it again even if it was delivered. */
  replay: z.boolean().default(false),
});
export type DeliveryMessage = z.infer<typeof DeliveryMessageSchema>;

export const DeliveryAttemptSchema = z.object({
  n: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  status: z.number().int().optional(),
  latencyMs: z.number().nonnegative(),
  classification: DeliveryClassificationSchema,
  responseExcerpt: z.string().max(512).optional(),
  error: z.string().max(200).optional(),
  replay: z.boolean().optional(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

/** The delivery log of one (event, subscription): every attempt, and what happens next. */
export const DeliveryRecordSchema = z.object({
  subscriptionId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  customerId: z.string().optional(),
  status: z.enum(['scheduled', 'delivered', 'exhausted', 'failed', 'skipped']),
  attempts: z.array(DeliveryAttemptSchema),
  nextAttemptAt: z.iso.datetime({ offset: true }).optional(),
  skippedReason: z.string().optional(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecordSchema>;

/** Attempts kept per record; older ones are summarised away (the count stays in `n`). */
export const MAX_LOGGED_ATTEMPTS = 20;
