import { z } from 'zod';
import { NotFoundError, PermanentError } from '../../../domain/errors.js';
import type { ConnectionConfig } from '../../../domain/crm/field-mapping.js';
import type { CrmWriteBack, SecretSource, WriteBackContext, WriteBackResult } from '../../../domain/crm/write-back.js';
import { parseOrThrow } from '../../../domain/validation.js';
import { createRateLimiter, crmRequest, joinUrl, secretFor, type RateLimiter, type OutboundFetch } from '../http.js';

const ObjectSchema = z.looseObject({
  id: z.string().min(1),
  properties: z.record(z.string(), z.unknown()),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  archived: z.boolean().optional(),
});

export interface HubSpotClientDeps {
  secrets: SecretSource;
  /** The function's guarded fetch (`createGuardedFetch(outboundPolicy())`): every call of this client goes through it. */
  outbound: OutboundFetch;
  /** HubSpot private apps: 100–190 requests per 10 s; default 10 req/s with burst 10. */
  limiter?: RateLimiter;
  timeoutMs?: number;
}

/**
 * HubSpot CRM v3 objects client (private-app bearer token). 429s honour Retry-After and
 * otherwise wait out HubSpot's 10-second rolling window.
 */
export const createHubSpotClient = (deps: HubSpotClientDeps) => {
  const limiter = deps.limiter ?? createRateLimiter({ capacity: 10, refillPerSecond: 10 });
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const base = (c: ConnectionConfig) => c.apiBaseUrl ?? 'https://api.hubapi.com';

  const call = async (c: ConnectionConfig, method: 'GET' | 'PATCH', path: string, body?: unknown, signal?: AbortSignal) => {
    const token = await secretFor(deps.secrets, c, 'accessToken');
    await limiter.acquire(c.connectionId, signal);
    return crmRequest(deps.outbound, 'hubspot', { method, url: joinUrl(base(c), path), headers: { authorization: `Bearer ${token}` }, body, timeoutMs, signal }, { defaultRetryAfterMs: 10_000 });
  };

  return {
    /**
     * `GET /crm/v3/objects/{objectType}/{id}?properties=...&associations=companies` → native object.
     * @throws NotFoundError for unknown or archived-and-purged ids.
     */
    async fetchObject(c: ConnectionConfig, objectType: string, id: string, options: { properties?: string[]; associations?: string[]; signal?: AbortSignal } = {}) {
      const query = new URLSearchParams();
      if (options.properties?.length) query.set('properties', options.properties.join(','));
      if (options.associations?.length) query.set('associations', options.associations.join(','));
      const qs = query.size ? `?${query.toString()}` : '';
      try {
        const response = await call(c, 'GET', `/crm/v3/objects/${encodeURIComponent(objectType)}/${encodeURIComponent(id)}${qs}`, undefined, options.signal);
        return parseOrThrow(ObjectSchema, response.body, 'HubSpot object');
      } catch (error) {
        if (error instanceof PermanentError && error.code === 'crm_record_not_found') throw new NotFoundError(`HubSpot ${objectType} object`, { cause: error });
        throw error;
      }
    },

    /** `PATCH /crm/v3/objects/{objectType}/{id}` with `{ properties }`. */
    async updateObject(c: ConnectionConfig, objectType: string, id: string, properties: Record<string, unknown>, signal?: AbortSignal) {
      const response = await call(c, 'PATCH', `/crm/v3/objects/${encodeURIComponent(objectType)}/${encodeURIComponent(id)}`, { properties }, signal);
      return parseOrThrow(ObjectSchema, response.body, 'HubSpot update response');
    },
  };
};
export type HubSpotClient = ReturnType<typeof createHubSpotClient>;

/** CrmWriteBack for HubSpot: PATCHes the write-back object type (default `companies`). */
export const createHubSpotWriteBack = (client: HubSpotClient): CrmWriteBack => ({
  crm: 'hubspot',
  async update(connection, externalId, fields, ctx: WriteBackContext = {}): Promise<WriteBackResult> {
    const objectName = ctx.objectName ?? connection.writeBack?.objectName ?? 'companies';
    const stringified = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
    await client.updateObject(connection, objectName, externalId, stringified, ctx.signal);
    return { status: 'updated', crm: 'hubspot', externalId, objectName, fields: Object.keys(fields) };
  },
});
