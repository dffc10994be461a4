import type { HttpRequestInfo } from './http-route.js';

/**
 * The origin the caller used (API Gateway's domain behind `x-forwarded-*`, or the local host): HubSpot
 * signs the full URL, and Zoho must be told where to notify. Plain http only for localhost / 127.0.0.1.
 * @example publicOrigin(request) // 'https://abc.execute-api.eu-west-1.amazonaws.com'
 */
export const publicOrigin = (request: Pick<HttpRequestInfo, 'headers'>): string => {
  const host = request.headers['x-forwarded-host'] ?? request.headers['host'] ?? 'localhost';
  const proto = request.headers['x-forwarded-proto'] ?? (/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host) ? 'http' : 'https');
  return `${proto}://${host}`;
};

/**
 * The full URL of this request as the caller sent it (origin, path and query string).
 * @example publicUrl(request) // 'https://hub.example.com/v1/inbound/hubspot/acme?x=1'
 */
export const publicUrl = (request: Pick<HttpRequestInfo, 'headers' | 'path' | 'query'>): string => {
  const query = new URLSearchParams(request.query).toString();
  return `${publicOrigin(request)}${request.path}${query ? `?${query}` : ''}`;
};
