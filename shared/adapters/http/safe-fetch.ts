import type { LookupAddress, LookupOneOptions, LookupAllOptions } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';
import { assertSafeUrl, type ResolvedAddress, type Resolver } from './ssrf-guard.js';

export interface SafeFetchOptions {
  /** Allow plain http to loopback addresses (local sandboxes). Never true in the cloud. */
  allowLoopbackHttp: boolean;
  /** Name resolution port; defaults to dns.lookup (all addresses). */
  resolve?: Resolver;
  /** Response bodies are buffered up to this many bytes, the rest is dropped. Default 1 MiB. */
  maxResponseBytes?: number;
}

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

const readCapped = async (body: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array | null> => {
  if (!body) return null;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, max);
};

/**
 * `fetch` for user-supplied URLs (webhook subscribers, CRM endpoints). Vets the URL with
 * assertSafeUrl, then connects ONLY to the vetted addresses through a pinned `lookup`, so a DNS
 * answer that changes between check and connect (rebinding) cannot reach an internal address;
 * TLS SNI and the Host header stay the original hostname. Redirects are never followed (a 3xx is
 * returned as is). The response body is buffered (capped) so the per-call connection is closed
 * before returning. Throws UnsafeUrlError (not retryable) for refused URLs and the usual fetch
 * errors (TypeError, TimeoutError via `init.signal`) for network failures.
 * @example const res = await safeFetch('https://crm.example.com/hook', { method: 'POST', body, signal: AbortSignal.timeout(15_000) }, { allowLoopbackHttp: false });
 */
export const safeFetch = async (url: string, init: RequestInit, options: SafeFetchOptions): Promise<Response> => {
  const vetted = await assertSafeUrl(url, options);
  const dispatcher = new Agent({ connect: { lookup: pinnedLookup(vetted.addresses) }, pipelining: 0 });
  try {
    const response = await undiciFetch(vetted.url, {
      method: init.method ?? 'GET',
      headers: init.headers as ConstructorParameters<typeof Headers>[0],
      body: init.body as string | Uint8Array | null | undefined,
      signal: init.signal ?? null,
      redirect: 'manual',
      dispatcher,
    });
    const bytes = await readCapped(response.body as ReadableStream<Uint8Array> | null, options.maxResponseBytes ?? 1_048_576);
    const nullBody = response.status === 204 || response.status === 205 || response.status === 304;
    return new Response(nullBody ? null : bytes, {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers.entries()],
    });
  } finally {
    dispatcher.destroy().catch(() => undefined);
  }
};

/**
 * Adapts safeFetch to the `(url, init) => Promise<Response>` shape `sendWebhook` takes.
 * @example sendWebhook({ ..., fetchImpl: guardedFetch({ allowLoopbackHttp: env.LOCAL }) })
 */
export const guardedFetch =
  (options: SafeFetchOptions) =>
  (url: string, init: RequestInit): Promise<Response> =>
    safeFetch(url, init, options);
