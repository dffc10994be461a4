import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
// By path, not through undici's index: see undici-modules.d.ts (bundle size).
import Agent from 'undici/lib/dispatcher/agent.js';
import { fetch as undiciFetch } from 'undici/lib/web/fetch/index.js';
import { PermanentError } from '../../domain/errors.js';
import { assertSafeUrl, type OutboundPolicy, type ResolvedAddress, type Resolver } from './ssrf-guard.js';

export { DEFAULT_OUTBOUND_PORTS, UnsafeUrlError, type OutboundPolicy } from './ssrf-guard.js';

/** The policy of the cloud: https, public addresses, port 443. */
export const STRICT_OUTBOUND: OutboundPolicy = Object.freeze({ allowLoopback: false });

export const DEFAULT_OUTBOUND_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1_048_576;

/** An answer was larger than the caller's cap; the rest was not read. Not retryable. */
export class ResponseTooLargeError extends PermanentError {
  constructor(maxBytes: number) {
    super('response_too_large', `The answer is larger than ${maxBytes} bytes`, { details: { maxBytes } });
  }
}

export interface GuardedFetchOptions extends OutboundPolicy {
  /** Name resolution port; defaults to dns.lookup (all addresses). Tests inject a fake. */
  resolve?: Resolver;
  /** Default per-call budget (resolve, connect, headers and body), ms. Default 10 000. */
  timeoutMs?: number;
  /** Default response body cap in bytes. Default 1 MiB. */
  maxResponseBytes?: number;
}

/** What a caller may set on one outbound call. There is no `redirect`: a 3xx is always returned, never followed. */
export interface OutboundInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | URLSearchParams;
  /** Caller's cancellation (e.g. Lambda time left); combined with the timeout. */
  signal?: AbortSignal;
  /** This call's budget, ms (overrides the instance default). */
  timeoutMs?: number;
  /** This call's body cap in bytes (overrides the instance default). */
  maxResponseBytes?: number;
  /** Past the cap: `error` (default) throws ResponseTooLargeError, `truncate` keeps the first bytes. */
  oversize?: 'error' | 'truncate';
}

/** The one way out of the hub: see {@link createGuardedFetch}. */
export type OutboundFetch = (url: string | URL, init?: OutboundInit) => Promise<Response>;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for sockets that only ever answers with addresses the guard already vetted. */
const pinnedLookup =
  (addresses: readonly ResolvedAddress[]) =>
  (_hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
    if ('all' in options && options.all) {
      callback(null, addresses.map(({ address, family }) => ({ address, family })));
      return;
    }
    const wanted = options.family === 6 || options.family === 4 ? options.family : undefined;
    const pick = addresses.find((entry) => wanted === undefined || entry.family === wanted) ?? addresses[0];
    if (!pick) {
      callback(Object.assign(new Error('no vetted address'), { code: 'ENOTFOUND' }), '', 0);
      return;
    }
    callback(null, pick.address, pick.family);
  };

const readCapped = async (response: { body: ReadableStream<Uint8Array> | null; headers: { get(name: string): string | null } }, max: number, oversize: 'error' | 'truncate'): Promise<Uint8Array | null> => {
  if (!response.body) return null;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (oversize === 'error' && declared > max) {
    await response.body.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(max);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size <= max) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(chunks);
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  if (oversize === 'error') throw new ResponseTooLargeError(max);
  return Buffer.concat(chunks).subarray(0, max);
};

/**
 * Builds the hub's one outbound `fetch`. Every call is checked by the SSRF guard (assertSafeUrl:
 * scheme, credentials in the URL, port allow-list, every resolved address public) and then
 * connects ONLY to the vetted addresses through a pinned `lookup`, so a DNS answer that changes
 * between check and connect (rebinding) cannot reach an internal address; TLS SNI and the Host
 * header stay the original hostname. Redirects are never followed: a 3xx comes back as the
 * response, for the caller to treat as a failure. Each call has a budget (`AbortSignal.timeout`,
 * combined with the caller's signal) covering resolution, connection and the whole body, and a
 * body cap; the body is buffered so the per-call connection is closed before returning. Nothing
 * is logged: URLs, headers and bodies (credentials, bureau payloads) never leave this function.
 *
 * Throws UnsafeUrlError (permanent) for refused URLs, ResponseTooLargeError (permanent) past the
 * cap, and the usual fetch errors for network failures (TypeError; TimeoutError / AbortError
 * DOMExceptions when the budget or the caller's signal ends the call).
 * @example
 * const outbound = createGuardedFetch({ allowLoopback: false, allowedPorts: [443] });
 * const res = await outbound('https://crm.example.com/api', { method: 'POST', body, timeoutMs: 15_000 });
 */
export const createGuardedFetch = (options: GuardedFetchOptions): OutboundFetch => {
  const policy = { allowLoopback: options.allowLoopback, ...(options.allowedPorts ? { allowedPorts: options.allowedPorts } : {}), ...(options.resolve ? { resolve: options.resolve } : {}) };
  return async (url, init = {}) => {
    const timeout = AbortSignal.timeout(init.timeoutMs ?? options.timeoutMs ?? DEFAULT_OUTBOUND_TIMEOUT_MS);
    const signal = init.signal ? AbortSignal.any([timeout, init.signal]) : timeout;
    const vetted = await assertSafeUrl(url, policy);
    signal.throwIfAborted();
    const dispatcher = new Agent({ connect: { lookup: pinnedLookup(vetted.addresses) }, pipelining: 0 });
    try {
      const response = await undiciFetch(vetted.url, {
        method: init.method ?? 'GET',
        ...(init.headers ? { headers: init.headers } : {}),
        ...(init.body === undefined ? {} : { body: init.body }),
        signal,
        redirect: 'manual',
        dispatcher,
      });
      const bytes = await readCapped(
        { body: response.body as ReadableStream<Uint8Array> | null, headers: response.headers },
        init.maxResponseBytes ?? options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        init.oversize ?? 'error',
      );
      const nullBody = response.status === 204 || response.status === 205 || response.status === 304;
      return new Response(nullBody ? null : bytes, { status: response.status, statusText: response.statusText, headers: [...response.headers.entries()] });
    } finally {
      dispatcher.destroy().catch(() => undefined);
    }
  };
};

// The guard without a connection lives apart (no undici in the functions that only check URLs).
export { checkOutboundUrl, outboundUrlGuard } from './outbound-url-guard.js';
