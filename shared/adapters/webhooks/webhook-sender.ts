import { Webhook } from 'standardwebhooks';
import type { EventEnvelope } from '../../domain/events/envelope.js';
import {
  RESPONSE_EXCERPT_MAX,
  classifyStatus,
  parseRetryAfter,
  type DeliveryOutcome,
} from '../../domain/delivery/delivery-outcome.js';
import { DomainError } from '../../domain/errors.js';
import { createGuardedFetch, STRICT_OUTBOUND, type OutboundFetch } from '../http/guarded-fetch.js';

/** The `fetch` the sender calls: the hub's guarded fetch (http/guarded-fetch.ts), or a fake in tests. */
export type FetchLike = OutboundFetch;

const strictFetch = createGuardedFetch(STRICT_OUTBOUND);

export interface SendWebhookInput {
  /** Receiver URL (already vetted, or vetted by `fetchImpl`). */
  url: string;
  /** Active `whsec_…` secrets, newest first. During rotation every one signs, space-separated. */
  secrets: readonly string[];
  /** The (possibly projected) event; serialised once and signed as sent. */
  envelope: EventEnvelope;
  /**
   * Standard Webhooks `webhook-id`: the event id (`evt_…`), the same on every attempt, replay and
   * subscription of one event, so receivers deduplicate across retries, replays and channels.
   */
  messageId: string;
  /** 1-based attempt number; echoed in the outcome for the delivery log. */
  attempt: number;
  /** Whole-attempt budget (connect, headers and response excerpt). Default 15 000 ms. */
  timeoutMs?: number;
  /**
   * The function's guarded fetch (`createGuardedFetch(outboundPolicy())`); defaults to the strict
   * cloud policy (https, public addresses, port 443). Tests may inject a fake.
   */
  fetchImpl?: FetchLike;
  /** Signing time source. Keep it the real clock: receivers reject timestamps older than 5 minutes. */
  now?: () => Date;
}

export const WEBHOOK_USER_AGENT = 'RiskBridge-Webhooks/1';
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 15_000;

/**
 * Builds the Standard Webhooks headers for `body`, signing with every secret (newest first).
 * @example signatureHeaders(['whsec_…'], 'evt_01J…', new Date(), '{"a":1}')['webhook-signature'] // 'v1,…'
 */
export const signatureHeaders = (
  secrets: readonly string[],
  messageId: string,
  at: Date,
  body: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> => ({
  'webhook-id': messageId,
  'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
  'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(' '),
});

const readExcerpt = async (response: Response): Promise<string> => {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < RESPONSE_EXCERPT_MAX) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // A broken or slow body does not change the status we already have.
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return text.slice(0, RESPONSE_EXCERPT_MAX);
};

const errorCode = (error: unknown): string => {
  if (error instanceof DomainError) return error.code;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  return 'connection_error';
};

/**
 * Delivers one signed event to one endpoint, once, and classifies the result. Never throws for
 * network or HTTP problems: the classification tells the caller whether to stop, retry (with
 * `retryAfterMs` from a 429/503 Retry-After), disable the endpoint (410) or quarantine
 * (URL refused by the SSRF guard, unusable secret). Redirects are not followed: a 3xx is a failed attempt.
 * The body is the exact JSON that was signed; neither the body nor the secrets are logged.
 */
export const sendWebhook = async (input: SendWebhookInput): Promise<DeliveryOutcome & { attempt: number }> => {
  const now = input.now ?? (() => new Date());
  const fetchImpl = input.fetchImpl ?? strictFetch;
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 1000) / 1000;
  const failed = (classification: DeliveryOutcome['classification'], error: string) => ({
    ok: false,
    latencyMs: elapsed(),
    responseExcerpt: '',
    classification,
    error,
    attempt: input.attempt,
  });

  if (input.secrets.length === 0) return failed('failed_permanent', 'no_active_secret');
  const body = JSON.stringify(input.envelope);
  let headers: ReturnType<typeof signatureHeaders>;
  try {
    headers = signatureHeaders(input.secrets, input.messageId, now(), body);
  } catch {
    return failed('failed_permanent', 'invalid_secret');
  }

  let response: Response;
  const timeoutMs = input.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  try {
    response = await fetchImpl(input.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': WEBHOOK_USER_AGENT },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      timeoutMs,
      // Only an excerpt is kept (UTF-8: at most 4 bytes a character); a long answer is not a failure.
      maxResponseBytes: RESPONSE_EXCERPT_MAX * 4,
      oversize: 'truncate',
    });
  } catch (error) {
    const code = errorCode(error);
    const permanent = error instanceof DomainError && !error.retryable;
    return failed(permanent ? 'failed_permanent' : 'retry', code);
  }

  const responseExcerpt = await readExcerpt(response);
  const classification = classifyStatus(response.status);
  const retryAfterMs =
    response.status === 429 || response.status === 503
      ? parseRetryAfter(response.headers.get('retry-after'), now())
      : undefined;
  return {
    ok: classification === 'delivered',
    status: response.status,
    latencyMs: elapsed(),
    responseExcerpt,
    classification,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(response.status >= 300 && response.status < 400 ? { error: 'redirect' } : {}),
    attempt: input.attempt,
  };
};
