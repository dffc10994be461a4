import { createHash, timingSafeEqual } from 'node:crypto';
import { ownSecretName } from '../../domain/crm/connection-secrets.js';
import type { ConnectionConfig, CredentialRole } from '../../domain/crm/field-mapping.js';
import { DomainError, PermanentError, TransientError } from '../../domain/errors.js';
import type { OutboundFetch } from '../http/guarded-fetch.js';

export type { OutboundFetch } from '../http/guarded-fetch.js';

export interface CrmHttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is already a string or URLSearchParams. */
  body?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface CrmHttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON (unknown: parse with zod), or undefined for empty bodies. */
  body: unknown;
}

/** Seconds or an HTTP-date → milliseconds from `now`; undefined when absent or unreadable. */
export const parseRetryAfter = (header: string | null, now = Date.now()): number | undefined => {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
};

/** CRM answers are JSON records and pages; more than this is not a CRM answer we want to buffer. */
export const CRM_MAX_RESPONSE_BYTES = 4 * 1_048_576;

/**
 * One JSON call to a CRM through the hub's guarded fetch (`outbound`: SSRF guard, pinned
 * addresses, no redirects, body cap). Network failures, timeouts, 5xx and 429 become
 * TransientError (429 with `retryAfterMs` from Retry-After or `defaultRetryAfterMs`); a refused
 * URL or an oversized answer stays the guard's PermanentError (`unsafe_url`, `response_too_large`);
 * a 3xx is `crm_redirect` (never followed); 401/403/404/other 4xx become PermanentError with codes
 * crm_unauthorized / crm_forbidden / crm_record_not_found / crm_rejected. Error messages carry
 * the status only, never the CRM's payload, the URL or credentials.
 */
export const crmRequest = async (
  outbound: OutboundFetch,
  crm: string,
  request: CrmHttpRequest,
  options: { defaultRetryAfterMs?: number; acceptStatuses?: number[] } = {},
): Promise<CrmHttpResponse> => {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | URLSearchParams | undefined;
  if (request.body instanceof URLSearchParams || typeof request.body === 'string') body = request.body;
  else if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  let response: Response;
  try {
    response = await outbound(request.url, {
      method: request.method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(request.signal ? { signal: request.signal } : {}),
      timeoutMs: request.timeoutMs ?? 10_000,
      maxResponseBytes: CRM_MAX_RESPONSE_BYTES,
    });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new TransientError(timedOut ? 'crm_timeout' : 'crm_unreachable', `${crm} ${request.method} did not answer`, { cause: error });
  }
  const text = await response.text();
  let parsed: unknown;
  if (text.length > 0) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  const status = response.status;
  if ((status >= 200 && status < 300) || options.acceptStatuses?.includes(status)) return { status, headers: response.headers, body: parsed };
  const details = { crm, status };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? options.defaultRetryAfterMs;
    throw new TransientError('crm_rate_limited', `${crm} is throttling requests`, { retryAfterMs, details });
  }
  if (status >= 300 && status < 400) throw new PermanentError('crm_redirect', `${crm} answered with a redirect (${status}); redirects are not followed`, { details });
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    throw new TransientError('crm_unavailable', `${crm} answered ${status}`, { retryAfterMs, details });
  }
  if (status === 401) throw new PermanentError('crm_unauthorized', `${crm} refused the credentials`, { details });
  if (status === 403) throw new PermanentError('crm_forbidden', `${crm} forbids this operation`, { details });
  if (status === 404) throw new PermanentError('crm_record_not_found', `${crm} has no such record`, { details });
  throw new PermanentError('crm_rejected', `${crm} rejected the request (${status})`, { details });
};

/** Constant-time string comparison that also hides the length (both sides hashed first). */
export const safeEqual = (a: string, b: string): boolean =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/** A cached bearer token with its expiry (epoch ms). */
export interface CachedToken {
  value: string;
  expiresAtMs: number;
}

/** Per-connection in-memory token cache, refreshed 60 s before expiry; one refresh in flight per key. */
export const createTokenCache = (now: () => number = Date.now) => {
  const tokens = new Map<string, CachedToken>();
  const inflight = new Map<string, Promise<CachedToken>>();
  return {
    async get(key: string, refresh: () => Promise<CachedToken>, force = false): Promise<string> {
      const cached = tokens.get(key);
      if (!force && cached && cached.expiresAtMs - 60_000 > now()) return cached.value;
      let pending = inflight.get(key);
      if (!pending) {
        pending = refresh().finally(() => inflight.delete(key));
        inflight.set(key, pending);
      }
      const token = await pending;
      tokens.set(key, token);
      return token.value;
    },
    invalidate(key: string): void {
      tokens.delete(key);
    },
    /**
     * Runs `send` with the cached token; when the CRM refuses it (`isRefused`, by default a
     * `crm_unauthorized` PermanentError), refreshes once and sends again.
     */
    async withToken<T>(
      key: string,
      refresh: () => Promise<CachedToken>,
      send: (token: string) => Promise<T>,
      isRefused: (error: unknown) => boolean = (error) => error instanceof PermanentError && error.code === 'crm_unauthorized',
    ): Promise<T> {
      try {
        return await send(await this.get(key, refresh));
      } catch (error) {
        if (!isRefused(error)) throw error;
        this.invalidate(key);
        return send(await this.get(key, refresh, true));
      }
    },
  };
};
export type TokenCache = ReturnType<typeof createTokenCache>;

/**
 * Client-side token bucket per key (one per connection per container), so a burst of
 * write-backs stays under the CRM's published rate instead of collecting 429s.
 */
export const createRateLimiter = (options: { capacity: number; refillPerSecond: number }, now: () => number = Date.now) => {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    async acquire(key: string, signal?: AbortSignal): Promise<void> {
      for (;;) {
        const t = now();
        const bucket = buckets.get(key) ?? { tokens: options.capacity, at: t };
        bucket.tokens = Math.min(options.capacity, bucket.tokens + ((t - bucket.at) / 1000) * options.refillPerSecond);
        bucket.at = t;
        buckets.set(key, bucket);
        if (bucket.tokens >= 1) {
          bucket.tokens -= 1;
          return;
        }
        const waitMs = Math.ceil(((1 - bucket.tokens) / options.refillPerSecond) * 1000);
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, waitMs);
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason);
          }, { once: true });
        });
      }
    },
  };
};
export type RateLimiter = ReturnType<typeof createRateLimiter>;

/**
 * Resolves `role` from the connection's credential names through the secret source. Only the
 * connection's own secrets (`riskbridge/<crm>/<connectionId>/…`) are read: another
 * connection's is refused (`crm_secret_not_bound`) before the secret store is asked.
 */
export const secretFor = async (
  secrets: { get(name: string): Promise<string> },
  connection: Pick<ConnectionConfig, 'crm' | 'connectionId' | 'credentials'>,
  role: CredentialRole,
): Promise<string> => secrets.get(ownSecretName(connection, role));

/** Joins an API root and a path without doubling slashes. */
export const joinUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
