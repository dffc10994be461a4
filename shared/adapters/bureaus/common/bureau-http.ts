import { z } from 'zod';
import { DomainError, PermanentError, TransientError } from '../../../domain/errors.js';
import { MalformedReportError, SubjectNotFoundError, type BureauRequestContext } from '../../../domain/credit/bureau-connector.js';
import type { BureauId } from '../../../domain/credit/credit-summary.js';
import type { OutboundFetch, OutboundInit } from '../../http/guarded-fetch.js';

export type { OutboundFetch } from '../../http/guarded-fetch.js';

/**
 * The one HTTP transport of the bureau connectors, on the hub's guarded fetch (`outbound`: SSRF
 * guard, pinned addresses, no redirects, body cap, budget per call): vendor-specific
 * authentication (a pluggable `authenticate` yielding headers and an expiry, cached and shared by
 * concurrent callers, refreshed once on 401), and the error mapping every connector follows:
 * 5xx / network → `TransientError('bureau_unavailable')`, timeout → `TransientError('bureau_timeout')`,
 * 429 → `TransientError('bureau_rate_limited', { retryAfterMs })`, 404 → `SubjectNotFoundError`,
 * 401/403 → `PermanentError('bureau_auth_failed')` (after one credential refresh),
 * 3xx → `PermanentError('bureau_redirect')` (never followed), a refused URL or an oversized
 * answer → the guard's PermanentError (`unsafe_url`, `response_too_large`),
 * other 4xx → `PermanentError('bureau_rejected')`. Never logs or embeds payloads or credentials.
 *
 * {@link createBureauHttp} is the transport with OAuth2 client-credentials (Experian, Equifax,
 * TransUnion); D&B, Creditsafe and the PBOC gateway plug their own `authenticate` into
 * {@link createTransport} (through {@link vendorTransport}).
 */

export interface Credential {
  headers: Record<string, string>;
  /** Epoch ms after which the credential must be renewed (Infinity for static API keys). */
  expiresAtMs: number;
}

/** What a connector sets on one call (method, headers, body); budget, cap and cancellation are the transport's. */
export type BureauInit = Pick<OutboundInit, 'method' | 'headers' | 'body'>;

/** A raw call without auth headers (path relative to the base URL), for the authenticate step itself. */
export type RawCall = (path: string, init: BureauInit, ctx?: BureauRequestContext) => Promise<Response>;

/** Bureau reports are large documents; an answer past this is refused, not truncated. */
export const BUREAU_MAX_RESPONSE_BYTES = 16 * 1_048_576;

export interface TransportOptions {
  bureau: BureauId;
  baseUrl: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  authenticate(call: RawCall, ctx?: BureauRequestContext): Promise<Credential>;
  /** Headers sent with every authorised request, under the caller's and the credential's (default none). */
  defaultHeaders?: Record<string, string>;
  /** Content type reported when a 2xx answer has none (default `application/octet-stream`). */
  defaultContentType?: string;
  /** The function's guarded fetch (`createGuardedFetch(outboundPolicy())`); every call goes through it. */
  outbound: OutboundFetch;
  /** Body cap per answer (default {@link BUREAU_MAX_RESPONSE_BYTES}). */
  maxResponseBytes?: number;
  now?: () => number;
}

/** Parses `Retry-After` (delta seconds or HTTP date) into milliseconds. */
export const retryAfterMs = (header: string | null, now = Date.now()): number | undefined => {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
};

/** Maps a non-2xx response to the connector error contract. */
export const errorForStatus = (bureau: BureauId, response: Response, now = Date.now()): Error => {
  const { status } = response;
  if (status === 429) {
    return new TransientError('bureau_rate_limited', `${bureau} is rate limiting requests`, {
      retryAfterMs: retryAfterMs(response.headers.get('retry-after'), now),
      details: { bureau, status },
    });
  }
  if (status >= 300 && status < 400) return new PermanentError('bureau_redirect', `${bureau} answered with a redirect (${status}); redirects are not followed`, { details: { bureau, status } });
  if (status >= 500) return new TransientError('bureau_unavailable', `${bureau} answered ${status}`, { details: { bureau, status } });
  if (status === 404) return new SubjectNotFoundError(bureau, { details: { status } });
  if (status === 401 || status === 403) return new PermanentError('bureau_auth_failed', `${bureau} refused our credentials`, { details: { bureau, status } });
  return new PermanentError('bureau_rejected', `${bureau} rejected the request (${status})`, { details: { bureau, status } });
};

const isAbort = (error: unknown): boolean => error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

/**
 * Builds a transport bound to one bureau; `send` returns the text of a 2xx answer or throws per the contract.
 * @example
 * const transport = createTransport({ bureau: 'pboc', baseUrl, authenticate: async () => ({ headers: { 'x-api-key': key }, expiresAtMs: Infinity }) });
 * const { body } = await transport.send('/v1/personal-credit-reports', { method: 'POST', body }, ctx);
 */
export const createTransport = (options: TransportOptions) => {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const { bureau } = options;
  let cached: Credential | undefined;
  let pending: Promise<Credential> | undefined;

  const rawCall: RawCall = async (path, init, ctx) => {
    try {
      return await options.outbound(new URL(path, options.baseUrl), {
        ...init,
        ...(ctx?.signal ? { signal: ctx.signal } : {}),
        timeoutMs,
        maxResponseBytes: options.maxResponseBytes ?? BUREAU_MAX_RESPONSE_BYTES,
      });
    } catch (cause) {
      if (cause instanceof DomainError) throw cause;
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

  /** Cached credential; concurrent callers share one authenticate call. */
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

  const send = async (path: string, init: BureauInit, ctx: BureauRequestContext): Promise<{ body: string; contentType: string }> => {
    for (let attempt = 0; ; attempt += 1) {
      const { headers } = await credential(ctx);
      const response = await rawCall(path, { ...init, headers: { ...options.defaultHeaders, ...init.headers, ...headers } }, ctx);
      if (response.status === 401 && attempt === 0) {
        await response.body?.cancel();
        cached = undefined;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw errorForStatus(bureau, response, now());
      }
      return { body: await readText(response), contentType: response.headers.get('content-type') ?? options.defaultContentType ?? 'application/octet-stream' };
    }
  };

  return { send, rawCall, readText, invalidate: () => (cached = undefined) };
};
export type Transport = ReturnType<typeof createTransport>;

/** Parses a JSON text without trusting it (`unknown`); undefined when it is not JSON. */
export const tryParseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** What the client factories take besides their config. */
export interface ConnectorDeps {
  /** The function's guarded fetch (`createGuardedFetch(outboundPolicy())`). */
  outbound: OutboundFetch;
  /** Clock, injected for tests. */
  now?: () => number;
}

/**
 * The transport of a vendor connector (D&B, Creditsafe, PBOC gateway) from its parsed config:
 * JSON by default (`accept: application/json`), the vendor's own `authenticate` given the clock.
 * @example const { transport, now } = vendorTransport('pboc', config, deps, async () => ({ headers: { 'x-api-key': config.apiKey }, expiresAtMs: Infinity }));
 */
export const vendorTransport = (
  bureau: BureauId,
  config: { baseUrl: string; timeoutMs: number },
  deps: ConnectorDeps,
  authenticate: (call: RawCall, ctx: BureauRequestContext | undefined, now: () => number) => Promise<Credential>,
): { transport: Transport; now: () => number } => {
  const now = deps.now ?? Date.now;
  const transport = createTransport({
    bureau,
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
    authenticate: (call, ctx) => authenticate(call, ctx, now),
    defaultHeaders: { accept: 'application/json' },
    defaultContentType: 'application/json',
    outbound: deps.outbound,
    now,
  });
  return { transport, now };
};

/**
 * Reads a vendor's authentication answer: non-2xx → the error contract, a body that fails
 * `schema` → `PermanentError('bureau_auth_failed', message)`.
 */
export const parseAuthAnswer = async <T>(bureau: BureauId, response: Response, schema: z.ZodType<T>, message: string, now: number): Promise<T> => {
  if (!response.ok) {
    await response.body?.cancel();
    throw errorForStatus(bureau, response, now);
  }
  const parsed = schema.safeParse(tryParseJson(await response.text()));
  if (!parsed.success) throw new PermanentError('bureau_auth_failed', message);
  return parsed.data;
};

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
  /** The function's guarded fetch (`createGuardedFetch(outboundPolicy())`); every call goes through it. */
  outbound: OutboundFetch;
  now?: () => number;
}

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

/**
 * The transport with OAuth2 client-credentials (HTTP Basic on `tokenPath`, bearer token cached
 * until `tokenSkewMs` before it expires).
 * @example
 * const http = createBureauHttp('equifax', { baseUrl, clientId, clientSecret, tokenPath: '/v2/oauth/token' });
 * const res = await http.send('/reports', { method: 'POST', body: JSON.stringify(req) }, ctx);
 */
export const createBureauHttp = (bureau: BureauId, config: BureauHttpConfig) => {
  const now = config.now ?? Date.now;
  const skew = config.tokenSkewMs ?? 60_000;
  const authenticate = async (call: RawCall, ctx?: BureauRequestContext): Promise<Credential> => {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (config.scope) form.set('scope', config.scope);
    const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
    const response = await call(
      config.tokenPath,
      { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() },
      ctx,
    );
    if (!response.ok) {
      await response.body?.cancel();
      throw errorForStatus(bureau, response, now());
    }
    const parsed = TokenResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new PermanentError('bureau_auth_failed', `${bureau} token response is not a valid OAuth2 token`);
    return { headers: { authorization: `Bearer ${parsed.data.access_token}` }, expiresAtMs: now() + (parsed.data.expires_in ?? 300) * 1000 - skew };
  };
  const transport = createTransport({ bureau, baseUrl: config.baseUrl, timeoutMs: config.timeoutMs, authenticate, outbound: config.outbound, now });
  return { send: transport.send, invalidateToken: transport.invalidate };
};
export type BureauHttp = ReturnType<typeof createBureauHttp>;

/**
 * Checks that a 2xx body is JSON with the vendor's top-level shape; throws
 * `malformed_report` otherwise (the full structure is the normaliser's job).
 */
export const assertJsonShape = (body: string, shape: z.ZodType, what: string): void => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    throw new MalformedReportError(`${what} body is not valid JSON`, { cause, rawBody: body });
  }
  if (!shape.safeParse(parsed).success) throw new MalformedReportError(`${what} body lacks its top-level structure`, { rawBody: body });
};
