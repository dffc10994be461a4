import type { Role, Scope } from '../domain/auth/principal.js';

/**
 * One HTTP route of an HTTP function: pure data read by the topology (API Gateway routes), the
 * local runtime and the function itself (role and scope checks per operation).
 */
export interface HttpRouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path template, e.g. `/v1/customers/{customerId}`. */
  path: string;
  operation: string;
  /**
   * `apiKey`: the authorizer resolves a principal from the API key.
   * `signature`: the sender signs with its own scheme (HubSpot v3, Zoho channel token, ...)
   * and the handler verifies it on the raw body; such routes live under SIGNED_ROUTE_PREFIX.
   * `public`: no principal is needed (static files of the risk console: the page itself holds no
   * data; every call it makes goes to an `apiKey` route). `roles` is empty.
   */
  auth: 'apiKey' | 'signature' | 'public';
  roles: Role[];
  scope?: Scope;
  summary: string;
}

/** Every signature-verified route lives under this prefix; the authorizer lets them through. */
export const SIGNED_ROUTE_PREFIX = '/v1/inbound/';
