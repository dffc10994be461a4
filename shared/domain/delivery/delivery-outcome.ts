import { z } from 'zod';

/**
 * What the delivery engine does next with one attempt:
 * - `delivered`: the receiver answered 2xx; stop.
 * - `retry`: schedule the next attempt (timeouts, connection errors, 3xx, 4xx other than 410, 5xx).
 * - `disable_endpoint`: the receiver answered 410 Gone; disable the subscription, do not retry.
 * - `failed_permanent`: the attempt can never succeed as configured (URL refused by the SSRF guard,
 *   malformed URL); quarantine the delivery with the reason.
 */
export const DeliveryClassificationSchema = z.enum(['delivered', 'retry', 'disable_endpoint', 'failed_permanent']);
export type DeliveryClassification = z.infer<typeof DeliveryClassificationSchema>;

/** Upper bound on the receiver's response text kept in the delivery log. */
export const RESPONSE_EXCERPT_MAX = 512;

/**
 * The result of one webhook attempt, as kept in the delivery log. `status` is absent when no
 * HTTP response arrived (timeout, refused connection, unsafe URL); `error` then names the cause
 * with a short code (`timeout`, `connection_error`, `unsafe_url`, `invalid_url`, `redirect`).
 */
export const DeliveryOutcomeSchema = z.object({
  ok: z.boolean(),
  status: z.number().int().min(100).max(599).optional(),
  latencyMs: z.number().nonnegative(),
  responseExcerpt: z.string().max(RESPONSE_EXCERPT_MAX),
  classification: DeliveryClassificationSchema,
  retryAfterMs: z.number().int().nonnegative().optional(),
  error: z.string().optional(),
});
export type DeliveryOutcome = z.infer<typeof DeliveryOutcomeSchema>;

/**
 * Classifies an HTTP status per the Standard Webhooks delivery rules used by RiskBridge.
 * @example classifyStatus(204) // 'delivered'
 */
export const classifyStatus = (status: number): DeliveryClassification => {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'disable_endpoint';
  return 'retry';
};

/**
 * Parses a Retry-After header value (delta-seconds or HTTP-date) into milliseconds from `now`.
 * Returns undefined for absent or unreadable values; past dates give 0.
 * @example parseRetryAfter('120', new Date()) // 120000
 */
export const parseRetryAfter = (value: string | null | undefined, now: Date): number | undefined => {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds * 1000) ? seconds * 1000 : undefined;
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
};
