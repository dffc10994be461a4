import { createRiskBridgeClient, type Problem, type RiskBridgeClient } from '@riskbridge/client';
import { currentSession } from './session.js';

/** An answer of the hub other than 2xx, with its problem details (RFC 9457) when it sent some. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem> | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

/** The typed client (@riskbridge/client) for this origin, with the session's bearer when signed in. */
export const client = (bearer = currentSession()?.bearer): RiskBridgeClient =>
  createRiskBridgeClient({ baseUrl: location.origin, ...(bearer ? { key: bearer } : {}) });

/**
 * Unwraps an openapi-fetch answer: `data` on 2xx, an ApiError otherwise.
 * @example const { customers } = await ok(client().GET('/v1/customers', { params: { query: { limit: 50 } } }));
 */
export const ok = async <T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> => {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error && typeof error === 'object' ? (error as Partial<Problem>) : undefined);
  return data as T;
};
