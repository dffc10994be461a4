import { z } from 'zod';
import { NotFoundError, PermanentError } from '../../../domain/errors.js';
import type { ConnectionConfig } from '../../../domain/crm/field-mapping.js';
import { CrmFieldMissingError, type CrmFieldMetadata, type CrmFieldSpec } from '../../../domain/crm/crm-fields.js';
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

const PropertiesSchema = z.looseObject({ results: z.array(z.looseObject({ name: z.string() })) });
/** HubSpot's 400 answer for an unknown property: `errors[].code` PROPERTY_DOESNT_EXIST with `context.propertyName`. */
const ValidationSchema = z.looseObject({
  category: z.string().optional(),
  message: z.string().optional(),
  errors: z.array(z.looseObject({ code: z.string().optional(), message: z.string().optional(), context: z.record(z.string(), z.array(z.string())).optional() })).optional(),
});

/** The property group RiskBridge creates its properties in. */
export const HUBSPOT_PROPERTY_GROUP = 'riskbridge';

/** The CRM v3 property definition (`type` + `fieldType`) of a write-back field. */
export const hubSpotPropertyDefinition = (spec: CrmFieldSpec): Record<string, unknown> => {
  const base = { name: spec.apiName, label: spec.label, groupName: HUBSPOT_PROPERTY_GROUP };
  switch (spec.kind) {
    case 'boolean':
      return { ...base, type: 'bool', fieldType: 'booleancheckbox', options: [{ label: 'Yes', value: 'true', displayOrder: 0 }, { label: 'No', value: 'false', displayOrder: 1 }] };
    case 'text':
      return { ...base, type: 'string', fieldType: 'text' };
    case 'textarea':
      return { ...base, type: 'string', fieldType: 'textarea' };
    case 'currency':
    case 'number':
    case 'decimal':
      return { ...base, type: 'number', fieldType: 'number' };
    case 'datetime':
      return { ...base, type: 'datetime', fieldType: 'date' };
  }
};

/** The property a PROPERTY_DOESNT_EXIST answer names, `false` when the 400 is about something else. */
const missingPropertyOf = (body: unknown, sent: Record<string, unknown>): string | undefined | false => {
  const parsed = ValidationSchema.safeParse(body);
  if (!parsed.success) return false;
  const error = parsed.data.errors?.find((e) => e.code === 'PROPERTY_DOESNT_EXIST');
  if (!error && !parsed.data.message?.includes('PROPERTY_DOESNT_EXIST')) return false;
  const named = error?.context?.['propertyName']?.[0] ?? Object.keys(sent).find((k) => parsed.data.message?.includes(`"${k}"`));
  return named;
};

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

  const call = async (c: ConnectionConfig, method: 'GET' | 'PATCH' | 'POST', path: string, body?: unknown, signal?: AbortSignal, acceptStatuses?: number[]) => {
    const token = await secretFor(deps.secrets, c, 'accessToken');
    await limiter.acquire(c.connectionId, signal);
    return crmRequest(deps.outbound, 'hubspot', { method, url: joinUrl(base(c), path), headers: { authorization: `Bearer ${token}` }, body, timeoutMs, signal }, { defaultRetryAfterMs: 10_000, acceptStatuses });
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

    /**
     * `PATCH /crm/v3/objects/{objectType}/{id}` with `{ properties }`.
     * @throws CrmFieldMissingError when HubSpot answers PROPERTY_DOESNT_EXIST.
     */
    async updateObject(c: ConnectionConfig, objectType: string, id: string, properties: Record<string, unknown>, signal?: AbortSignal) {
      const response = await call(c, 'PATCH', `/crm/v3/objects/${encodeURIComponent(objectType)}/${encodeURIComponent(id)}`, { properties }, signal, [400]);
      if (response.status === 400) {
        const missing = missingPropertyOf(response.body, properties);
        if (missing !== false) throw new CrmFieldMissingError('hubspot', missing);
        throw new PermanentError('crm_rejected', 'hubspot rejected the request (400)', { details: { crm: 'hubspot', status: 400 } });
      }
      return parseOrThrow(ObjectSchema, response.body, 'HubSpot update response');
    },

    /** `GET /crm/v3/properties/{objectType}` → the names of its properties. */
    async listProperties(c: ConnectionConfig, objectType: string, signal?: AbortSignal): Promise<Set<string>> {
      const response = await call(c, 'GET', `/crm/v3/properties/${encodeURIComponent(objectType)}`, undefined, signal);
      return new Set(parseOrThrow(PropertiesSchema, response.body, 'HubSpot properties').results.map((p) => p.name));
    },

    /** Creates the `riskbridge` property group (409 when it exists is fine), then `POST /crm/v3/properties/{objectType}`. */
    async createProperty(c: ConnectionConfig, objectType: string, spec: CrmFieldSpec, signal?: AbortSignal): Promise<void> {
      const type = encodeURIComponent(objectType);
      await call(c, 'POST', `/crm/v3/properties/${type}/groups`, { name: HUBSPOT_PROPERTY_GROUP, label: 'RiskBridge', displayOrder: -1 }, signal, [409]);
      await call(c, 'POST', `/crm/v3/properties/${type}`, hubSpotPropertyDefinition(spec), signal);
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

/** Field metadata for HubSpot: CRM v3 properties, in the `riskbridge` property group. */
export const createHubSpotFieldMetadata = (client: HubSpotClient): CrmFieldMetadata => ({
  listFields: (connection, objectName) => client.listProperties(connection, objectName),
  createField: (connection, objectName, spec) => client.createProperty(connection, objectName, spec),
});
