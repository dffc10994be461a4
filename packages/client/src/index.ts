import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './api.js';

export type { components, operations, paths };
/** The body of a problem answer (RFC 9457), as every error of the API has it. */
export type Problem = components['schemas']['Problem'];
export type RiskBridgeClient = Client<paths>;

export interface RiskBridgeClientOptions {
  /** The hub's origin, e.g. `http://localhost:3000` or the HTTP API's URL. */
  baseUrl: string;
  /** An API key (`rbk_…`); sent as `Authorization: Bearer`. Omit it for the public routes only. */
  key?: string;
  /** Another fetch (tests, retries, tracing); defaults to the global one. */
  fetch?: ClientOptions['fetch'];
}

/**
 * A typed client of the RiskBridge API: paths, parameters, bodies and answers come from the
 * OpenAPI document (docs/openapi.json), so a call the API does not declare does not compile.
 * Each call resolves to `{ data, error, response }`: `data` on 2xx, `error` (a Problem) otherwise.
 * @example
 * const rb = createRiskBridgeClient({ baseUrl: 'http://localhost:3000', key: process.env.RB_KEY });
 * const { data, error } = await rb.GET('/v1/customers/{customerId}', { params: { path: { customerId: 'c-1' } } });
 */
export const createRiskBridgeClient = ({ baseUrl, key, fetch }: RiskBridgeClientOptions): RiskBridgeClient =>
  createClient<paths>({
    baseUrl,
    ...(key ? { headers: { authorization: `Bearer ${key}` } } : {}),
    ...(fetch ? { fetch } : {}),
  });
