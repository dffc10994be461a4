import { z } from 'zod';
import { PermanentError, TransientError } from '../../../domain/errors.js';
import { MalformedReportError, SubjectNotFoundError, type BureauRequestContext } from '../../../domain/credit/bureau-connector.js';
import type { BureauId } from '../../../domain/credit/credit-summary.js';

/**
 * HTTP plumbing shared by the bureau connectors: OAuth2 client-credentials tokens with
 * caching, timeouts, and the error mapping every connector follows:
 * 5xx / network / timeout → `TransientError` (`bureau_unavailable`, `bureau_timeout`),
 * 429 → `TransientError('bureau_rate_limited', { retryAfterMs })`, 404 → `SubjectNotFoundError`,
 * 401/403 → `PermanentError('bureau_auth_failed')` (after one token refresh),
 * other 4xx → `PermanentError('bureau_rejected')`. Never logs or embeds payloads.
 */

export interface BureauHttpConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Path of the OAuth2 token endpoint, relative to baseUrl. */
  tokenPath: string;
  scope?: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Refresh tokens this long before they expire (default 60 s). */
  tokenSkewMs?: number;
  /** Injected for tests; defaults to global fetch. */
  fetch?: typeof fetch;
  now?: () => number;
}

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

/** Parses `Retry-After` (delta seconds or HTTP date) into milliseconds. */
export const retryAfterMs = (header: string | null, now = Date.now()): number | undefined => {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
};

/** Maps a non-2xx response to the connector error contract. */
export const errorForStatus = (bureau: BureauId, response: Response): Error => {
  const { status } = response;
  if (status === 429) {
    return new TransientError('bureau_rate_limited', `${bureau} is rate limiting requests`, {
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      details: { bureau, status },
    });
  }
  if (status >= 500) return new TransientError('bureau_unavailable', `${bureau} answered ${status}`, { details: { bureau, status } });
  if (status === 404) return new SubjectNotFoundError(bureau, { details: { status } });
  if (status === 401 || status === 403) return new PermanentError('bureau_auth_failed', `${bureau} refused our credentials`, { details: { bureau, status } });
  return new PermanentError('bureau_rejected', `${bureau} rejected the request (${status})`, { details: { bureau, status } });
};

const isAbort = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

/**
 * A small OAuth2 client-credentials HTTP client bound to one bureau.
 * @example
 * const http = createBureauHttp('equifax', { baseUrl, clientId, clientSecret, tokenPath: '/v2/oauth/token' });
 * const res = await http.send('/reports', { method: 'POST', body: JSON.stringify(req) }, ctx);
 */
export const createBureauHttp = (bureau: BureauId, config: BureauHttpConfig) => {
  const doFetch = config.fetch ?? fetch;
  const now = config.now ?? Date.now;
  const timeoutMs = config.timeoutMs ?? 10_000;
  const skew = config.tokenSkewMs ?? 60_000;
  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  const signalFor = (ctx?: BureauRequestContext): AbortSignal => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return ctx?.signal ? AbortSignal.any([timeout, ctx.signal]) : timeout;
  };

  const call = async (url: string, init: RequestInit, ctx?: BureauRequestContext): Promise<Response> => {
    try {
      return await doFetch(url, { ...init, signal: signalFor(ctx) });
    } catch (cause) {
      if (isAbort(cause)) throw new TransientError('bureau_timeout', `${bureau} did not answer within ${timeoutMs} ms`, { cause, details: { bureau } });
      throw new TransientError('bureau_unavailable', `${bureau} could not be reached`, { cause, details: { bureau } });
    }
  };

  const fetchToken = async (ctx?: BureauRequestContext): Promise<string> => {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (config.scope) form.set('scope', config.scope);
    const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
    const response = await call(
      new URL(config.tokenPath, config.baseUrl).toString(),
      { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() },
      ctx,
    );
    if (!response.ok) {
      await response.body?.cancel();
      throw errorForStatus(bureau, response);
    }
    const parsed = TokenResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new PermanentError('bureau_auth_failed', `${bureau} token response is not a valid OAuth2 token`);
    cached = { token: parsed.data.access_token, expiresAt: now() + (parsed.data.expires_in ?? 300) * 1000 - skew };
    return cached.token;
  };

  /** Cached access token; concurrent callers share one token request. */
  const token = async (ctx?: BureauRequestContext): Promise<string> => {
    if (cached && cached.expiresAt > now()) return cached.token;
    inflight ??= fetchToken(ctx).finally(() => {
      inflight = undefined;
    });
    return inflight;
  };

  /**
   * Sends an authorised request and returns the body text of a 2xx answer; maps everything
   * else to the error contract. Retries once with a fresh token on 401.
   */
  const send = async (path: string, init: RequestInit, ctx: BureauRequestContext): Promise<{ body: string; contentType: string }> => {
    for (let attempt = 0; ; attempt += 1) {
      const accessToken = await token(ctx);
      const response = await call(
        new URL(path, config.baseUrl).toString(),
        { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${accessToken}` } },
        ctx,
      );
      if (response.status === 401 && attempt === 0) {
        await response.body?.cancel();
        cached = undefined;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw errorForStatus(bureau, response);
      }
      let body: string;
      try {
        body = await response.text();
      } catch (cause) {
        if (isAbort(cause)) throw new TransientError('bureau_timeout', `${bureau} did not finish answering within ${timeoutMs} ms`, { cause });
        throw new TransientError('bureau_unavailable', `${bureau} connection failed while reading`, { cause });
      }
      return { body, contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
    }
  };

  return { send, token, invalidateToken: () => (cached = undefined) };
};
export type BureauHttp = ReturnType<typeof createBureauHttp>;

/**
 * Checks that a 2xx body is JSON with the vendor's top-level shape; throws
 * `malformed_report` otherwise (the full structure is the normaliser's job).
 */
export const assertJsonShape = (body: string, shape: z.ZodType, what: string): void => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body) as unknown;
  } catch (cause) {
    throw new MalformedReportError(`${what} body is not valid JSON`, { cause, rawBody: body });
  }
  if (!shape.safeParse(parsed).success) throw new MalformedReportError(`${what} body lacks its top-level structure`, { rawBody: body });
};
