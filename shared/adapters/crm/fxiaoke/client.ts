import { z } from 'zod';
import { NotFoundError, PermanentError, TransientError } from '../../../domain/errors.js';
import type { ConnectionConfig } from '../../../domain/crm/field-mapping.js';
import { CrmFieldMissingError, type CrmFieldMetadata } from '../../../domain/crm/crm-fields.js';
import { pollSince, type PollCursor, type PollPageRequest } from '../../../domain/crm/poll-cursor.js';
import type { CrmWriteBack, SecretSource, WriteBackContext, WriteBackResult } from '../../../domain/crm/write-back.js';
import { parseOrThrow } from '../../../domain/validation.js';
import { createRateLimiter, createTokenCache, crmRequest, joinUrl, secretFor, type RateLimiter, type TokenCache, type OutboundFetch } from '../http.js';

/**
 * Fxiaoke answers errors as HTTP 200 with a non-zero `errorCode`. These code lists decide
 * the reaction; message patterns back them up because codes differ between API generations.
 * Verify the codes against the tenant's OpenAPI error table when onboarding.
 */
export interface FxiaokeErrorCodes {
  tokenExpired: number[];
  rateLimited: number[];
  notFound: number[];
}
export const DEFAULT_FXIAOKE_ERROR_CODES: FxiaokeErrorCodes = {
  tokenExpired: [20016, 20029],
  rateLimited: [20005, 40050],
  notFound: [320002],
};

const EnvelopeSchema = z.looseObject({ errorCode: z.number().int(), errorMessage: z.string().optional() });
const TokenSchema = z.object({ errorCode: z.literal(0), corpAccessToken: z.string().min(1), corpId: z.string().min(1), expiresIn: z.number().int().positive().default(7200) });
const QuerySchema = z.object({
  errorCode: z.literal(0),
  data: z.object({ total: z.number().int().optional(), dataList: z.array(z.record(z.string(), z.unknown())).default([]) }),
});
const GetSchema = z.object({ errorCode: z.literal(0), data: z.record(z.string(), z.unknown()) });
const DescribeSchema = z.object({ errorCode: z.literal(0), data: z.object({ describe: z.looseObject({ fields: z.record(z.string(), z.unknown()) }) }) });

/** Thrown inside the client to trigger one token refresh + retry. */
class FxiaokeTokenExpiredError extends TransientError {
  constructor() {
    super('crm_token_expired', 'Fxiaoke corpAccessToken expired');
  }
}

/** Maps a parsed `{ errorCode, errorMessage }` to the hub's error classes. Exported for tests. */
export const fxiaokeError = (errorCode: number, errorMessage: string | undefined, codes: FxiaokeErrorCodes = DEFAULT_FXIAOKE_ERROR_CODES): Error => {
  const message = errorMessage ?? '';
  if (codes.tokenExpired.includes(errorCode) || (/token/i.test(message) && /(过期|失效|无效|expire|invalid)/i.test(message))) return new FxiaokeTokenExpiredError();
  if (codes.rateLimited.includes(errorCode) || /(频繁|限流|频率|too many|rate limit)/i.test(message)) {
    return new TransientError('crm_rate_limited', 'Fxiaoke is throttling requests', { retryAfterMs: 20_000, details: { crm: 'fxiaoke', errorCode } });
  }
  if (codes.notFound.includes(errorCode)) return new NotFoundError('Fxiaoke record', { details: { errorCode } });
  const unknownField = /字段\s*\[?([A-Za-z0-9_]+)\]?\s*不存在|field\s+\[?([A-Za-z0-9_]+)\]?\s+(?:does not|doesn't) exist/i.exec(message);
  if (unknownField) return new CrmFieldMissingError('fxiaoke', unknownField[1] ?? unknownField[2]);
  if (errorCode < 0 || /(系统|繁忙|busy|timeout|超时)/i.test(message)) {
    return new TransientError('crm_unavailable', `Fxiaoke error ${errorCode}`, { details: { crm: 'fxiaoke', errorCode } });
  }
  return new PermanentError('crm_rejected', `Fxiaoke refused the request (errorCode ${errorCode})`, { details: { crm: 'fxiaoke', errorCode } });
};

export interface FxiaokeClientDeps {
  secrets: SecretSource;
  /** The function's guarded fetch (`createGuardedFetch(outboundPolicy())`): every call of this client goes through it. */
  outbound: OutboundFetch;
  tokens?: TokenCache;
  /** Fxiaoke OpenAPI allows about 100 calls per 20 s per tenant: default 5 req/s. */
  limiter?: RateLimiter;
  errorCodes?: FxiaokeErrorCodes;
  timeoutMs?: number;
}

/** A native Fxiaoke row with the fields the poller needs. */
export interface FxiaokeRow extends Record<string, unknown> {
  _id: string;
  last_modified_time: number;
}

/** Adapts Fxiaoke rows to the poll-cursor row shape. */
export const fxiaokeRowKey = (row: FxiaokeRow) => ({ id: row._id, modifiedAtMs: row.last_modified_time });

const isCustom = (objectName: string): boolean => objectName.endsWith('__c');

/**
 * Fxiaoke (纷享销客) OpenAPI client: corpAccessToken (V2), incremental object query by
 * `last_modified_time`, single get, and update. Standard objects use `/cgi/crm/v2/...`,
 * custom `xxx__c` objects `/cgi/crm/custom/v2/...`.
 */
export const createFxiaokeClient = (deps: FxiaokeClientDeps) => {
  const tokens = deps.tokens ?? createTokenCache();
  const limiter = deps.limiter ?? createRateLimiter({ capacity: 5, refillPerSecond: 5 });
  const codes = deps.errorCodes ?? DEFAULT_FXIAOKE_ERROR_CODES;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const base = (c: ConnectionConfig): string => c.apiBaseUrl ?? 'https://open.fxiaoke.com';
  const corpIds = new Map<string, string>();

  const post = async (c: ConnectionConfig, path: string, body: unknown, signal?: AbortSignal): Promise<unknown> => {
    await limiter.acquire(c.connectionId, signal);
    const response = await crmRequest(deps.outbound, 'fxiaoke', { method: 'POST', url: joinUrl(base(c), path), body, timeoutMs, signal }, { defaultRetryAfterMs: 20_000 });
    const envelope = EnvelopeSchema.safeParse(response.body);
    if (!envelope.success) throw new TransientError('crm_bad_response', 'Fxiaoke answered without an errorCode');
    if (envelope.data.errorCode !== 0) throw fxiaokeError(envelope.data.errorCode, envelope.data.errorMessage, codes);
    return response.body;
  };

  const refresh = async (c: ConnectionConfig) => {
    const [appId, appSecret, permanentCode] = await Promise.all(
      (['appId', 'appSecret', 'permanentCode'] as const).map((role) => secretFor(deps.secrets, c, role)),
    );
    const body = await post(c, '/cgi/corpAccessToken/get/V2', { appId, appSecret, permanentCode });
    const token = parseOrThrow(TokenSchema, body, 'Fxiaoke token response');
    corpIds.set(c.connectionId, token.corpId);
    return { value: token.corpAccessToken, expiresAtMs: Date.now() + token.expiresIn * 1000 };
  };

  /** Authorised call; a token-expired errorCode refreshes the token once and retries. */
  const call = async (c: ConnectionConfig, path: string, data: unknown, signal?: AbortSignal): Promise<unknown> => {
    if (!c.actingUserId) throw new PermanentError('crm_credentials_missing', `Connection ${c.connectionId} needs actingUserId (Fxiaoke currentOpenUserId)`);
    const send = async (force: boolean) => {
      const corpAccessToken = await tokens.get(c.connectionId, () => refresh(c), force);
      return post(c, path, { corpAccessToken, corpId: corpIds.get(c.connectionId), currentOpenUserId: c.actingUserId, data }, signal);
    };
    try {
      return await send(false);
    } catch (error) {
      if (!(error instanceof FxiaokeTokenExpiredError)) throw error;
      tokens.invalidate(c.connectionId);
      try {
        return await send(true);
      } catch (again) {
        if (again instanceof FxiaokeTokenExpiredError) throw new PermanentError('crm_unauthorized', 'Fxiaoke keeps refusing a fresh corpAccessToken');
        throw again;
      }
    }
  };

  const prefix = (objectName: string) => (isCustom(objectName) ? '/cgi/crm/custom/v2/data' : '/cgi/crm/v2/data');

  const queryPage = async (c: ConnectionConfig, objectName: string, page: PollPageRequest, signal?: AbortSignal): Promise<FxiaokeRow[]> => {
    const body = await call(
      c,
      `${prefix(objectName)}/query`,
      {
        dataObjectApiName: objectName,
        search_query_info: {
          limit: page.limit,
          offset: page.offset,
          filters: [{ field_name: 'last_modified_time', field_values: [page.sinceMs], operator: 'GTE' }],
          orders: [
            { fieldName: 'last_modified_time', isAsc: true },
            { fieldName: '_id', isAsc: true },
          ],
        },
      },
      signal,
    );
    const rows = parseOrThrow(QuerySchema, body, 'Fxiaoke query response').data.dataList;
    return rows.filter((row): row is FxiaokeRow => typeof row._id === 'string' && typeof row.last_modified_time === 'number');
  };

  return {
    queryPage,

    /**
     * Everything of `objectName` changed after `cursor`, with the cursor to store next.
     * `complete: false` means maxPages was reached: call again with the returned cursor.
     */
    async pollChanges(c: ConnectionConfig, objectName: string, cursor: PollCursor, options: { limit?: number; maxPages?: number; signal?: AbortSignal } = {}) {
      const result = await pollSince((page) => queryPage(c, objectName, page, options.signal), fxiaokeRowKey, cursor, { limit: options.limit ?? 100, maxPages: options.maxPages ?? 20 });
      return { records: result.rows, cursor: result.cursor, complete: result.complete };
    },

    /** One record by id (`/data/get`). */
    async fetchRecord(c: ConnectionConfig, objectName: string, id: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
      const body = await call(c, `${prefix(objectName)}/get`, { dataObjectApiName: objectName, objectDataId: id }, signal);
      return parseOrThrow(GetSchema, body, 'Fxiaoke get response').data;
    },

    /** `POST /cgi/crm/v2/object/describe` (`includeDetail`) → the API names of the object's fields. */
    async describeFields(c: ConnectionConfig, objectName: string, signal?: AbortSignal): Promise<Set<string>> {
      const body = await call(c, '/cgi/crm/v2/object/describe', { apiName: objectName, includeDetail: true }, signal);
      return new Set(Object.keys(parseOrThrow(DescribeSchema, body, 'Fxiaoke describe response').data.describe.fields));
    },

    /**
     * `POST /cgi/crm/v2/data/update` with `object_data: { dataObjectApiName, _id, ...fields }`.
     * @throws CrmFieldMissingError when Fxiaoke answers that a field does not exist (字段不存在).
     */
    async updateRecord(c: ConnectionConfig, objectName: string, id: string, fields: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
      const body = await call(c, `${prefix(objectName)}/update`, { object_data: { dataObjectApiName: objectName, _id: id, ...fields } }, signal);
      return EnvelopeSchema.parse(body).errorMessage ?? 'OK';
    },
  };
};
export type FxiaokeClient = ReturnType<typeof createFxiaokeClient>;

/** CrmWriteBack for Fxiaoke: updates the write-back object (default `AccountObj`). */
export const createFxiaokeWriteBack = (client: FxiaokeClient): CrmWriteBack => ({
  crm: 'fxiaoke',
  async update(connection, externalId, fields, ctx: WriteBackContext = {}): Promise<WriteBackResult> {
    const objectName = ctx.objectName ?? connection.writeBack?.objectName ?? 'AccountObj';
    const crmStatus = await client.updateRecord(connection, objectName, externalId, fields, ctx.signal);
    return { status: 'updated', crm: 'fxiaoke', externalId, objectName, fields: Object.keys(fields), crmStatus };
  },
});

/**
 * Field metadata for Fxiaoke: the object describe API checks the fields. Fxiaoke's OpenAPI has no
 * call that creates a field: a missing one is reported with what to create in 对象管理 (object
 * management), where Fxiaoke names custom fields `field_xxx__c` (map the name it gave).
 */
export const createFxiaokeFieldMetadata = (client: FxiaokeClient): CrmFieldMetadata => ({
  listFields: (connection, objectName) => client.describeFields(connection, objectName),
  createField: async (_connection, objectName, spec) => {
    throw new PermanentError('crm_field_not_creatable', `Fxiaoke creates no fields through its OpenAPI: add a ${spec.kind} field ${spec.apiName} to ${objectName} in object management`);
  },
});
