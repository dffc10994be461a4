import { z } from 'zod';
import { NotFoundError, PermanentError } from '../../../domain/errors.js';
import type { ConnectionConfig } from '../../../domain/crm/field-mapping.js';
import { CrmFieldMissingError, type CrmFieldMetadata, type CrmFieldSpec } from '../../../domain/crm/crm-fields.js';
import type { CrmWriteBack, SecretSource, WriteBackContext, WriteBackResult } from '../../../domain/crm/write-back.js';
import { parseOrThrow } from '../../../domain/validation.js';
import { createTokenCache, crmRequest, joinUrl, secretFor, type TokenCache, type OutboundFetch } from '../http.js';

export const SALESFORCE_API_VERSION = 'v62.0';

const TokenSchema = z.object({ access_token: z.string().min(1), instance_url: z.url(), token_type: z.string().optional(), issued_at: z.string().optional() });
const SObjectSchema = z.looseObject({ Id: z.string().min(15).max(18) });
const DescribeSchema = z.looseObject({ fields: z.array(z.looseObject({ name: z.string() })) });
/** Salesforce's error answer: `[{ errorCode, message, fields? }]`. */
const ErrorsSchema = z.array(z.looseObject({ errorCode: z.string(), message: z.string().optional(), fields: z.array(z.string()).optional() }));

/** The Tooling API `CustomField` metadata for a write-back field (custom fields end in `__c`). */
export const salesforceFieldMetadata = (spec: CrmFieldSpec): Record<string, unknown> => {
  const label = spec.label.slice(0, 40);
  switch (spec.kind) {
    case 'boolean':
      return { label, type: 'Checkbox', defaultValue: 'false' };
    case 'text':
      return { label, type: 'Text', length: spec.length ?? 255 };
    case 'textarea':
      return { label, type: 'LongTextArea', length: 32_768, visibleLines: 5 };
    case 'currency':
      return { label, type: 'Currency', precision: 18, scale: 2 };
    case 'number':
      return { label, type: 'Number', precision: 18, scale: 0 };
    case 'decimal':
      return { label, type: 'Number', precision: 18, scale: 6 };
    case 'datetime':
      return { label, type: 'DateTime' };
  }
};

/** The field an INVALID_FIELD answer names (`No such column 'X__c' on sobject of type Account`). */
const missingFieldOf = (body: unknown, sent: Record<string, unknown>): string | undefined | false => {
  const parsed = ErrorsSchema.safeParse(body);
  const invalid = parsed.success ? parsed.data.find((e) => e.errorCode === 'INVALID_FIELD') : undefined;
  if (!invalid) return false;
  const named = invalid.fields?.[0] ?? /'([A-Za-z0-9_]+)'/.exec(invalid.message ?? '')?.[1];
  return named !== undefined && Object.hasOwn(sent, named) ? named : Object.keys(sent).find((k) => invalid.message?.includes(k));
};

/** Host suffixes a token answer's `instance_url` may point to, besides the connection's own `apiBaseUrl`. */
export const SALESFORCE_INSTANCE_DOMAINS: readonly string[] = ['.salesforce.com', '.force.com', '.my.salesforce.com'];

/**
 * Where the calls after a token answer may go: the `instance_url` Salesforce returned, only when
 * it is the connection's configured `apiBaseUrl` (same origin) or an https host under a Salesforce
 * domain (`*.salesforce.com`, `*.force.com`, `*.my.salesforce.com`) on the default port. The guarded
 * fetch then checks it again (public addresses, pinned) on every call. Returns its origin.
 * @throws PermanentError `crm_instance_url_refused`, so a token endpoint cannot send the session elsewhere.
 * @example salesforceInstanceOrigin('https://acme.my.salesforce.com', connection) // 'https://acme.my.salesforce.com'
 */
export const salesforceInstanceOrigin = (instanceUrl: string, c: Pick<ConnectionConfig, 'connectionId' | 'apiBaseUrl'>): string => {
  const refused = () =>
    new PermanentError('crm_instance_url_refused', `Salesforce sent an instance_url outside Salesforce and connection ${c.connectionId}`, { details: { crm: 'salesforce', connectionId: c.connectionId } });
  if (!URL.canParse(instanceUrl)) throw refused();
  const url = new URL(instanceUrl);
  if (url.username !== '' || url.password !== '') throw refused();
  if (c.apiBaseUrl && URL.canParse(c.apiBaseUrl) && new URL(c.apiBaseUrl).origin === url.origin) return url.origin;
  const host = url.hostname.toLowerCase();
  if (url.protocol !== 'https:' || url.port !== '' || !SALESFORCE_INSTANCE_DOMAINS.some((suffix) => host.endsWith(suffix))) throw refused();
  return url.origin;
};

export interface SalesforceClientDeps {
  secrets: SecretSource;
  /** The function's guarded fetch (`createGuardedFetch(outboundPolicy())`): every call of this client goes through it. */
  outbound: OutboundFetch;
  tokens?: TokenCache;
  /** Salesforce sessions last per org policy; we assume this and refresh on 401 anyway. */
  sessionMs?: number;
  timeoutMs?: number;
}

/**
 * Salesforce REST client using the OAuth 2.0 client-credentials flow of a connected app
 * (`POST {myDomain}/services/oauth2/token`). Reads and PATCHes sObjects at API v62.0, on the
 * token answer's `instance_url` once {@link salesforceInstanceOrigin} accepts it.
 */
export const createSalesforceClient = (deps: SalesforceClientDeps) => {
  const tokens = deps.tokens ?? createTokenCache();
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const instances = new Map<string, string>();

  const refresh = async (c: ConnectionConfig) => {
    if (!c.apiBaseUrl) throw new PermanentError('crm_credentials_missing', `Connection ${c.connectionId} needs apiBaseUrl (My Domain URL)`);
    const [clientId, clientSecret] = await Promise.all((['clientId', 'clientSecret'] as const).map((role) => secretFor(deps.secrets, c, role)));
    const response = await crmRequest(deps.outbound, 'salesforce', {
      method: 'POST',
      url: joinUrl(c.authBaseUrl ?? c.apiBaseUrl, '/services/oauth2/token'),
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId ?? '', client_secret: clientSecret ?? '' }),
      timeoutMs,
    });
    const token = TokenSchema.safeParse(response.body);
    if (!token.success) throw new PermanentError('crm_unauthorized', 'Salesforce did not issue an access token');
    instances.set(c.connectionId, salesforceInstanceOrigin(token.data.instance_url, c));
    return { value: token.data.access_token, expiresAtMs: Date.now() + (deps.sessionMs ?? 30 * 60_000) };
  };

  const call = async (c: ConnectionConfig, method: 'GET' | 'PATCH' | 'POST', path: string, body?: unknown, signal?: AbortSignal, acceptStatuses?: number[]) =>
    tokens.withToken(c.connectionId, () => refresh(c), (token) => {
      const base = instances.get(c.connectionId) ?? c.apiBaseUrl ?? '';
      return crmRequest(deps.outbound, 'salesforce', { method, url: joinUrl(base, `/services/data/${SALESFORCE_API_VERSION}/${path}`), headers: { authorization: `Bearer ${token}` }, body, timeoutMs, signal }, { defaultRetryAfterMs: 60_000, acceptStatuses });
    });

  return {
    /** `GET /services/data/v62.0/sobjects/{sObject}/{id}` → the native record. */
    async fetchRecord(c: ConnectionConfig, sObject: string, id: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
      try {
        const response = await call(c, 'GET', `sobjects/${encodeURIComponent(sObject)}/${encodeURIComponent(id)}`, undefined, signal);
        return parseOrThrow(SObjectSchema, response.body, 'Salesforce sObject');
      } catch (error) {
        if (error instanceof PermanentError && error.code === 'crm_record_not_found') throw new NotFoundError(`Salesforce ${sObject}`, { cause: error });
        throw error;
      }
    },
    /**
     * `PATCH /services/data/v62.0/sobjects/{sObject}/{id}`; Salesforce answers 204.
     * @throws CrmFieldMissingError when Salesforce answers INVALID_FIELD (a field the org does not have).
     */
    async updateRecord(c: ConnectionConfig, sObject: string, id: string, fields: Record<string, unknown>, signal?: AbortSignal): Promise<void> {
      const response = await call(c, 'PATCH', `sobjects/${encodeURIComponent(sObject)}/${encodeURIComponent(id)}`, fields, signal, [400]);
      if (response.status !== 400) return;
      const missing = missingFieldOf(response.body, fields);
      if (missing !== false) throw new CrmFieldMissingError('salesforce', missing);
      throw new PermanentError('crm_rejected', 'salesforce rejected the request (400)', { details: { crm: 'salesforce', status: 400 } });
    },
    /** `GET /services/data/v62.0/sobjects/{sObject}/describe` → the API names of its fields. */
    async describeFields(c: ConnectionConfig, sObject: string, signal?: AbortSignal): Promise<Set<string>> {
      const response = await call(c, 'GET', `sobjects/${encodeURIComponent(sObject)}/describe`, undefined, signal);
      return new Set(parseOrThrow(DescribeSchema, response.body, 'Salesforce describe').fields.map((f) => f.name));
    },
    /** Tooling API `POST /services/data/v62.0/tooling/sobjects/CustomField` with `FullName: <sObject>.<Field>__c`. */
    async createCustomField(c: ConnectionConfig, sObject: string, spec: CrmFieldSpec, signal?: AbortSignal): Promise<void> {
      if (!spec.apiName.endsWith('__c')) throw new PermanentError('crm_field_name_invalid', `Salesforce custom fields end in __c; ${spec.apiName} does not`);
      await call(c, 'POST', 'tooling/sobjects/CustomField', { FullName: `${sObject}.${spec.apiName}`, Metadata: salesforceFieldMetadata(spec) }, signal);
    },
  };
};
export type SalesforceClient = ReturnType<typeof createSalesforceClient>;

/** CrmWriteBack for Salesforce (default sObject `Account`). */
export const createSalesforceWriteBack = (client: SalesforceClient): CrmWriteBack => ({
  crm: 'salesforce',
  async update(connection, externalId, fields, ctx: WriteBackContext = {}): Promise<WriteBackResult> {
    const objectName = ctx.objectName ?? connection.writeBack?.objectName ?? 'Account';
    await client.updateRecord(connection, objectName, externalId, fields, ctx.signal);
    return { status: 'updated', crm: 'salesforce', externalId, objectName, fields: Object.keys(fields) };
  },
});

/** Field metadata for Salesforce: describe to check, the Tooling API to create. */
export const createSalesforceFieldMetadata = (client: SalesforceClient): CrmFieldMetadata => ({
  listFields: (connection, objectName) => client.describeFields(connection, objectName),
  createField: (connection, objectName, spec) => client.createCustomField(connection, objectName, spec),
});
