import { z } from 'zod';
import { NotFoundError, PermanentError } from '../../../domain/errors.js';
import type { ConnectionConfig } from '../../../domain/crm/field-mapping.js';
import { CrmFieldMissingError, type CrmFieldMetadata, type CrmFieldSpec } from '../../../domain/crm/crm-fields.js';
import type { WatchChannel } from '../../../domain/crm/channel-rearm.js';
import type { CrmWriteBack, SecretSource, WriteBackContext, WriteBackResult } from '../../../domain/crm/write-back.js';
import { parseOrThrow } from '../../../domain/validation.js';
import { createRateLimiter, createTokenCache, crmRequest, joinUrl, secretFor, type CrmHttpRequest, type RateLimiter, type TokenCache, type OutboundFetch } from '../http.js';

const API_VERSION = 'v8';

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive().default(3600),
  api_domain: z.string().optional(),
  token_type: z.string().optional(),
});

const RecordResponseSchema = z.object({ data: z.array(z.record(z.string(), z.unknown())).min(1) });

const ActionResponseSchema = z.object({
  data: z.array(z.object({ code: z.string(), status: z.string(), message: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() })),
});

const WatchResponseSchema = z.object({
  watch: z.array(z.object({ code: z.string(), status: z.string(), message: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() })),
});

const FieldsSchema = z.looseObject({ fields: z.array(z.looseObject({ api_name: z.string() })) });
const FieldsActionSchema = z.looseObject({ fields: z.array(z.looseObject({ code: z.string(), status: z.string(), details: z.record(z.string(), z.unknown()).optional() })) });

/** The `settings/fields` definition of a write-back field. Zoho derives the API name from the label, so the label is the API name with spaces. */
export const zohoFieldDefinition = (spec: CrmFieldSpec): Record<string, unknown> => {
  const base = { field_label: spec.apiName.replaceAll('_', ' '), api_name: spec.apiName };
  switch (spec.kind) {
    case 'boolean':
      return { ...base, data_type: 'boolean' };
    case 'text':
      return { ...base, data_type: 'text', length: spec.length ?? 255 };
    case 'textarea':
      return { ...base, data_type: 'textarea', textarea: { type: 'large' } };
    case 'currency':
      return { ...base, data_type: 'currency', length: 16, decimal_place: 2 };
    case 'number':
      return { ...base, data_type: 'integer', length: 9 };
    case 'decimal':
      return { ...base, data_type: 'double', length: 16, decimal_place: 6 };
    case 'datetime':
      return { ...base, data_type: 'datetime' };
  }
};

/** Zoho's words for a field the module does not have (as opposed to a bad value for a field it has). */
const UNAVAILABLE_FIELD = /not (available|found|exist)|no such field|invalid field|unknown field/i;

export interface ZohoClientDeps {
  secrets: SecretSource;
  /** The function's guarded fetch (`createGuardedFetch(outboundPolicy())`): every call of this client goes through it. */
  outbound: OutboundFetch;
  /** Shared across calls of one container; defaults to a fresh cache. */
  tokens?: TokenCache;
  /** Zoho allows ~10 concurrent calls per org plus a daily credit budget; default 10 req/s. */
  limiter?: RateLimiter;
  timeoutMs?: number;
}

/**
 * Zoho CRM REST client (API v8): OAuth refresh-token flow against the accounts server,
 * record reads, notification channel arm/re-arm, and Accounts write-back. One instance
 * per container; state is only the token cache and rate limiter.
 */
export const createZohoClient = (deps: ZohoClientDeps) => {
  const tokens = deps.tokens ?? createTokenCache();
  const limiter = deps.limiter ?? createRateLimiter({ capacity: 10, refillPerSecond: 10 });
  const timeoutMs = deps.timeoutMs ?? 10_000;

  const apiBase = (c: ConnectionConfig): string => c.apiBaseUrl ?? 'https://www.zohoapis.com';

  const refresh = async (c: ConnectionConfig) => {
    const [clientId, clientSecret, refreshToken] = await Promise.all(
      (['clientId', 'clientSecret', 'refreshToken'] as const).map((role) => secretFor(deps.secrets, c, role)),
    );
    const form = new URLSearchParams({ refresh_token: refreshToken ?? '', client_id: clientId ?? '', client_secret: clientSecret ?? '', grant_type: 'refresh_token' });
    const response = await crmRequest(deps.outbound, 'zoho', {
      method: 'POST',
      url: joinUrl(c.authBaseUrl ?? 'https://accounts.zoho.com', '/oauth/v2/token'),
      body: form,
      timeoutMs,
    });
    const parsed = TokenResponseSchema.safeParse(response.body);
    if (!parsed.success) throw new PermanentError('crm_unauthorized', 'Zoho did not issue an access token');
    return { value: parsed.data.access_token, expiresAtMs: Date.now() + parsed.data.expires_in * 1000 };
  };

  /** Authorised call; on 401 (INVALID_TOKEN) refreshes once and retries. */
  const call = async (c: ConnectionConfig, request: Omit<CrmHttpRequest, 'url'> & { path: string }, acceptStatuses?: number[]) =>
    tokens.withToken(c.connectionId, () => refresh(c), async (token) => {
      await limiter.acquire(c.connectionId, request.signal);
      return crmRequest(
        deps.outbound,
        'zoho',
        { ...request, url: joinUrl(apiBase(c), `/crm/${API_VERSION}/${request.path}`), headers: { authorization: `Zoho-oauthtoken ${token}` }, timeoutMs },
        { defaultRetryAfterMs: 60_000, acceptStatuses },
      );
    });

  return {
    /** `GET /crm/v8/{module}/{id}` → the native record. @throws NotFoundError when Zoho has no such record (204/404). */
    async fetchRecord(c: ConnectionConfig, module: string, id: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
      try {
        const response = await call(c, { method: 'GET', path: `${encodeURIComponent(module)}/${encodeURIComponent(id)}`, signal }, [204]);
        if (response.status === 204) throw new NotFoundError(`Zoho ${module} record`);
        const record = parseOrThrow(RecordResponseSchema, response.body, 'Zoho record response').data[0];
        if (!record) throw new NotFoundError(`Zoho ${module} record`);
        return record;
      } catch (error) {
        if (error instanceof PermanentError && error.code === 'crm_record_not_found') throw new NotFoundError(`Zoho ${module} record`, { cause: error });
        throw error;
      }
    },

    /**
     * Arms (POST) or re-arms (PATCH) a notification channel via `/crm/v8/actions/watch`.
     * The notify URL must be HTTPS and reachable by Zoho; `token` is echoed in each callback.
     */
    async watch(c: ConnectionConfig, channel: WatchChannel, options: { notifyUrl: string; token: string; rearm?: boolean; signal?: AbortSignal }): Promise<void> {
      const response = await call(c, {
        method: options.rearm ? 'PATCH' : 'POST',
        path: 'actions/watch',
        body: {
          watch: [{ channel_id: channel.channelId, events: channel.events, channel_expiry: channel.expiresAt, token: options.token, notify_url: options.notifyUrl, return_affected_field_values: true }],
        },
        signal: options.signal,
      });
      const result = parseOrThrow(WatchResponseSchema, response.body, 'Zoho watch response').watch[0];
      if (!result || result.status !== 'success') throw new PermanentError('crm_rejected', `Zoho refused the channel (${result?.code ?? 'no result'})`);
    },

    /** `PUT /crm/v8/{module}` with `trigger: []` so no Zoho workflow, approval or blueprint fires on our write. */
    async updateRecord(c: ConnectionConfig, module: string, id: string, fields: Record<string, unknown>, signal?: AbortSignal) {
      const response = await call(c, { method: 'PUT', path: encodeURIComponent(module), body: { data: [{ id, ...fields }], trigger: [] }, signal });
      const result = parseOrThrow(ActionResponseSchema, response.body, 'Zoho update response').data[0];
      if (!result || result.status !== 'success') {
        const apiName = typeof result?.details?.api_name === 'string' ? result.details.api_name : undefined;
        if (result?.code === 'INVALID_DATA' && apiName !== undefined && Object.hasOwn(fields, apiName) && UNAVAILABLE_FIELD.test(result.message ?? '')) {
          throw new CrmFieldMissingError('zoho', apiName);
        }
        throw new PermanentError(result?.code === 'INVALID_DATA' ? 'crm_invalid_field' : 'crm_rejected', `Zoho refused the update (${result?.code ?? 'no result'})`, {
          details: { apiName: result?.details?.api_name },
        });
      }
      return result.code;
    },

    /** `GET /crm/v8/settings/fields?module={module}` → the API names of the module's fields. */
    async listFields(c: ConnectionConfig, module: string, signal?: AbortSignal): Promise<Set<string>> {
      const response = await call(c, { method: 'GET', path: `settings/fields?module=${encodeURIComponent(module)}`, signal });
      return new Set(parseOrThrow(FieldsSchema, response.body, 'Zoho fields').fields.map((f) => f.api_name));
    },

    /** `POST /crm/v8/settings/fields?module={module}` with one field definition. */
    async createField(c: ConnectionConfig, module: string, spec: CrmFieldSpec, signal?: AbortSignal): Promise<void> {
      const response = await call(c, { method: 'POST', path: `settings/fields?module=${encodeURIComponent(module)}`, body: { fields: [zohoFieldDefinition(spec)] }, signal });
      const result = parseOrThrow(FieldsActionSchema, response.body, 'Zoho create field response').fields[0];
      if (!result || result.status !== 'success') throw new PermanentError('crm_rejected', `Zoho refused the field (${result?.code ?? 'no result'})`);
    },
  };
};
export type ZohoClient = ReturnType<typeof createZohoClient>;

/** CrmWriteBack for Zoho: updates the connection's write-back module (default `Accounts`). */
export const createZohoWriteBack = (client: ZohoClient): CrmWriteBack => ({
  crm: 'zoho',
  async update(connection, externalId, fields, ctx: WriteBackContext = {}): Promise<WriteBackResult> {
    const objectName = ctx.objectName ?? connection.writeBack?.objectName ?? 'Accounts';
    const crmStatus = await client.updateRecord(connection, objectName, externalId, fields, ctx.signal);
    return { status: 'updated', crm: 'zoho', externalId, objectName, fields: Object.keys(fields), crmStatus };
  },
});

/** Field metadata for Zoho CRM: `settings/fields` of the write-back module. */
export const createZohoFieldMetadata = (client: ZohoClient): CrmFieldMetadata => ({
  listFields: (connection, objectName) => client.listFields(connection, objectName),
  createField: (connection, objectName, spec) => client.createField(connection, objectName, spec),
});
