import type { paths } from '@riskbridge/client';

/** The JSON body of a 200 answer of `GET path` (types from the generated OpenAPI client). */
export type Got<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer B } } } } } ? B : never;

export type PortfolioRow = Got<'/v1/customers'>['customers'][number];
export type Profile = Got<'/v1/customers/{customerId}'>['profile'];
export type Rating = Got<'/v1/customers/{customerId}/ratings'>['ratings'][number];
export type PolicyRecord = Got<'/v1/policies/{version}'>['policy'];
