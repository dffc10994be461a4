import { PermanentError, TransientError } from '../../../domain/errors.js';
import { SubjectNotFoundError, type BureauRequestContext } from '../../../domain/credit/bureau-connector.js';
import type { BureauId } from '../../../domain/credit/credit-summary.js';

/**
 * HTTP transport for the D&B, Creditsafe and PBOC-gateway connectors: vendor-specific
 * authentication (a pluggable `authenticate` that yields headers and an expiry, cached and
 * shared by concurrent callers, refreshed once on 401), `AbortSignal.timeout`, and the
 * connector error contract: network failure / 5xx → `TransientError('bureau_unavailable')`,
 * timeout → `TransientError('bureau_timeout')`, 429 → `TransientError('bureau_rate_limited',
 * { retryAfterMs })`, 404 → `SubjectNotFoundError`, 401/403 → `PermanentError('bureau_auth_failed')`,
 * other 4xx → `PermanentError('bureau_rejected')`. Never logs or embeds payloads or credentials.
 */

export interface Credential {
  headers: Record<string, string>;
  /** Epoch ms after which the credential must be renewed (Infinity for static API keys). */
  expiresAtMs: number;
}

/** A raw call without auth headers, for the authenticate step itself. */
export type RawCall = (path: string, init: RequestInit, ctx?: BureauRequestContext) => Promise<Response>;

export interface TransportOptions {
  bureau: BureauId;
  baseUrl: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  authenticate(call: RawCall, ctx?: BureauRequestContext): Promise<Credential>;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Parses `Retry-After` (delta seconds or HTTP date) into milliseconds. */
export const parseRetryAfter = (header: string | null, now = Date.now()): number | undefined => {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
};

/** Maps a non-2xx status to the connector error contract. */
export const statusError = (bureau: BureauId, response: Response, now = Date.now()): Error => {
  const { status } = response;
  if (status === 429) {
    return new TransientError('bureau_rate_limited', `${bureau} is rate limiting requests`, {
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now),
      details: { bureau, status },
    });
  }
  if (status >= 500) return new TransientError('bureau_unavailable', `${bureau} answered ${status}`, { details: { bureau, status } });
  if (status === 404) return new SubjectNotFoundError(bureau, { details: { status } });
  if (status === 401 || status === 403) return new PermanentError('bureau_auth_failed', `${bureau} refused our credentials`, { details: { bureau, status } });
  return new PermanentError('bureau_rejected', `${bureau} rejected the request (${status})`, { details: { bureau, status } });
};

const isAbort = (error: unknown): boolean => error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

/** Builds the transport; `send` returns the text of a 2xx answer or throws per the contract. */
export const createTransport = (options: TransportOptions) => {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const { bureau } = options;
  let cached: Credential | undefined;
  let pending: Promise<Credential> | undefined;

  const rawCall: RawCall = async (path, init, ctx) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = ctx?.signal ? AbortSignal.any([timeout, ctx.signal]) : timeout;
    try {
      return await doFetch(new URL(path, options.baseUrl), { ...init, signal });
    } catch (cause) {
      if (isAbort(cause)) throw new TransientError('bureau_timeout', `${bureau} did not answer within ${timeoutMs} ms`, { cause, details: { bureau } });
      throw new TransientError('bureau_unavailable', `${bureau} could not be reached`, { cause, details: { bureau } });
    }
  };

  const readText = async (response: Response): Promise<string> => {
    try {
      return await response.text();
    } catch (cause) {
      if (isAbort(cause)) throw new TransientError('bureau_timeout', `${bureau} did not finish answering within ${timeoutMs} ms`, { cause, details: { bureau } });
      throw new TransientError('bureau_unavailable', `${bureau} connection failed while reading`, { cause, details: { bureau } });
    }
  };

  const credential = async (ctx?: BureauRequestContext): Promise<Credential> => {
    if (cached && cached.expiresAtMs > now()) return cached;
    pending ??= options
      .authenticate(rawCall, ctx)
      .then((fresh) => (cached = fresh))
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  const send = async (path: string, init: RequestInit, ctx: BureauRequestContext): Promise<{ body: string; contentType: string }> => {
    for (let attempt = 0; ; attempt += 1) {
      const { headers } = await credential(ctx);
      const response = await rawCall(path, { ...init, headers: { accept: 'application/json', ...(init.headers as Record<string, string> | undefined), ...headers } }, ctx);
      if (response.status === 401 && attempt === 0) {
        await response.body?.cancel();
        cached = undefined;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw statusError(bureau, response, now());
      }
      return { body: await readText(response), contentType: response.headers.get('content-type') ?? 'application/json' };
    }
  };

  return { send, rawCall, readText, invalidate: () => (cached = undefined) };
};
export type Transport = ReturnType<typeof createTransport>;

/** Parses a JSON text without trusting it (`unknown`); undefined when it is not JSON. */
export const tryParseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};
