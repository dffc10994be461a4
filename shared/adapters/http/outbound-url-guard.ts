import type { UrlGuard } from '../../domain/outbound/url-guard.js';
import { assertSafeUrl, type OutboundPolicy, type Resolver, type VettedUrl } from './ssrf-guard.js';

/** The guard's settings: the outbound policy and, in tests, a resolver. */
export interface OutboundUrlGuardOptions extends OutboundPolicy {
  resolve?: Resolver;
}

/**
 * The guard alone, for checking a URL when it is saved (subscription URLs, CRM connection URLs):
 * same rules as the guarded fetch (guarded-fetch.ts), no connection made. Throws UnsafeUrlError.
 * @example await checkOutboundUrl('https://crm.example.com/hook', { allowLoopback: false });
 */
export const checkOutboundUrl = (url: string | URL, options: OutboundUrlGuardOptions): Promise<VettedUrl> =>
  assertSafeUrl(url, { allowLoopback: options.allowLoopback, ...(options.allowedPorts ? { allowedPorts: options.allowedPorts } : {}), ...(options.resolve ? { resolve: options.resolve } : {}) });

/**
 * {@link checkOutboundUrl} as the domain's UrlGuard port (manageSubscriptions, manageConnections).
 * @example manageSubscriptions({ ..., guardUrl: outboundUrlGuard(outboundPolicy()) })
 */
export const outboundUrlGuard =
  (options: OutboundUrlGuardOptions): UrlGuard =>
  async (url) => {
    await checkOutboundUrl(url, options);
  };
