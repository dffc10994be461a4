import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { PrincipalSchema, SIGNATURE_PRINCIPAL_ID, type Principal } from '../domain/auth/principal.js';
import { DomainError, ForbiddenError, MalformedInputError, NotFoundError, UnauthorizedError, ValidationError, type FieldIssue } from '../domain/errors.js';
import { toFieldIssues } from '../domain/validation.js';
import { DEFAULT_RATE_LIMITS, type RateLimiter, type RateLimits } from '../domain/rate-limit/token-bucket.js';
import { createDocumentClient } from '../adapters/dynamodb/client.js';
import { idempotencyStore, type IdempotencyStore } from '../adapters/dynamodb/idempotency-store.js';
import { rateLimitStore } from '../adapters/dynamodb/rate-limit-store.js';
import { cursorBinding, openCursor, signCursor } from './cursor.js';
import {
  JSON_MEDIA_TYPES,
  type HttpRequestInfo,
  type ListPosition,
  type MediaType,
  type ResponseDecl,
  type RouteDecl,
  type RouteHandlers,
  rateClassOf,
  responseContent,
} from './http-route.js';
import { requestGuardEnv } from './env.js';
import { flushMetrics, metricsFor } from './metrics.js';
import { logger } from './powertools.js';
import { toProblem } from './problem.js';
import { publicOrigin } from './public-url.js';

export type HttpEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, unknown>>;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** Options of an HTTP function: where its signing key comes from (cursors), and the clock. */
export interface HttpFunctionOptions {
  /** Key that signs list cursors; resolved once, on the first list request. */
  signingKey?: () => Promise<Buffer>;
  now?: () => number;
  /**
   * Rate limits and Idempotency-Key records. Default: built from the environment on the first
   * request (REQUESTS_TABLE_NAME, RATE_LIMITS); `null` (or no requests table) turns both off.
   */
  guards?: RequestGuards | null;
}

/** What the router checks around a handler: a token per request, and at most one run per idempotency key. */
export interface RequestGuards {
  rateLimiter?: RateLimiter;
  idempotency?: Pick<IdempotencyStore, 'once'>;
}

/** The limits in force: the defaults, with the classes RATE_LIMITS names replaced. */
export const rateLimitsFrom = (setting: Partial<RateLimits> | undefined): RateLimits => ({
  read: setting?.read ?? DEFAULT_RATE_LIMITS.read,
  write: setting?.write ?? DEFAULT_RATE_LIMITS.write,
  bulk: setting?.bulk ?? DEFAULT_RATE_LIMITS.bulk,
});

let environmentGuards: RequestGuards | null | undefined;
/** The guards of this function from its environment, built once per cold start. */
const guardsFromEnvironment = (): RequestGuards | null => {
  if (environmentGuards === undefined) {
    const { REQUESTS_TABLE_NAME: tableName, RATE_LIMITS } = requestGuardEnv();
    environmentGuards = tableName
      ? {
          rateLimiter: rateLimitStore({ table: { client: createDocumentClient(), tableName }, limits: rateLimitsFrom(RATE_LIMITS), now: Date.now }),
          idempotency: idempotencyStore({ tableName }),
        }
      : null;
  }
  return environmentGuards;
};

/** The longest accepted Idempotency-Key (draft-ietf-httpapi-idempotency-key-header leaves it to the server). */
export const IDEMPOTENCY_KEY_MAX = 255;

/** The request's Idempotency-Key (undefined when not sent), or a 422 naming the header. */
const readIdempotencyKey = (headers: Record<string, string>): string | undefined => {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (key.length >= 1 && key.length <= IDEMPOTENCY_KEY_MAX && /^[\x20-\x7e]+$/.test(key)) return key;
  throw new ValidationError('The Idempotency-Key is not valid', [
    { path: 'idempotency-key', in: 'header', code: 'invalid_idempotency_key', message: `1 to ${IDEMPOTENCY_KEY_MAX} printable ASCII characters` },
  ]);
};

const DEFAULT_MAX_BODY_BYTES = 1_000_000;
export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 200;

const metrics = metricsFor();

const problemResult = (error: unknown, instance: string, requestId: string): HttpResult => {
  const problem = toProblem(error, instance);
  metrics.addMetric(problem.status >= 500 ? 'ServerErrors' : 'ClientErrors', MetricUnit.Count, 1);
  if (problem.status >= 500) logger.error('request failed', { error: error as Error, requestId });
  else logger.info('request refused', { code: problem.code, status: problem.status, requestId });
  const retryAfter = error instanceof DomainError ? error.details?.['retryAfterSeconds'] : undefined;
  const rateLimit = error instanceof DomainError ? (error.details?.['rateLimit'] as { limit: number; remaining: number; resetSeconds: number } | undefined) : undefined;
  return {
    statusCode: problem.status,
    headers: {
      'content-type': 'application/problem+json',
      'x-request-id': requestId,
      ...(typeof retryAfter === 'number' ? { 'retry-after': String(Math.ceil(retryAfter)) } : {}),
      ...(rateLimit ? { 'ratelimit-limit': String(rateLimit.limit), 'ratelimit-remaining': String(rateLimit.remaining), 'ratelimit-reset': String(rateLimit.resetSeconds) } : {}),
    },
    body: JSON.stringify(problem),
  };
};

const readPrincipal = (event: HttpEvent): Principal | undefined => {
  const ctx = event.requestContext.authorizer?.lambda;
  if (!ctx || ctx['authenticated'] !== 'true' || ctx['principalId'] === SIGNATURE_PRINCIPAL_ID) return undefined;
  const parsed = PrincipalSchema.safeParse({
    principalId: ctx['principalId'],
    keyId: ctx['keyId'],
    role: ctx['role'],
    scopes: typeof ctx['scopes'] === 'string' ? ctx['scopes'].split(' ').filter(Boolean) : ctx['scopes'],
    ...(ctx['tenantRef'] ? { tenantRef: ctx['tenantRef'] } : {}),
    ...(ctx['personId'] ? { personId: ctx['personId'] } : {}),
    ...(ctx['serviceAccountId'] ? { serviceAccountId: ctx['serviceAccountId'] } : {}),
    ...(ctx['bootstrap'] === 'true' ? { bootstrap: true } : {}),
  });
  return parsed.success ? parsed.data : undefined;
};

const authorise = (operation: string, route: RouteDecl, principal: Principal | undefined): void => {
  if (route.auth === 'signature' || route.auth === 'public') return;
  if (!principal) throw new UnauthorizedError();
  if (!route.roles.includes(principal.role)) throw new ForbiddenError(`Role ${principal.role} may not call ${operation}`);
  if (route.scope && !principal.scopes.includes(route.scope)) throw new ForbiddenError(`Scope ${route.scope} is required`);
};

const decodePathParameter = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch (error) {
    throw new MalformedInputError('The path is not validly percent-encoded', { cause: error });
  }
};

const entries = (record: Record<string, string | undefined> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(record ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, v]])));

const lowerHeaders = (headers: Record<string, string | undefined> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k.toLowerCase(), v]])));

const validate = <S extends z.ZodType>(schema: S, input: unknown, location: 'body' | 'query' | 'path' | 'header'): z.output<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const what = { body: 'body', query: 'query', path: 'path', header: 'headers' }[location];
  throw new ValidationError(`The ${what} is not valid`, toFieldIssues(result.error, location));
};

/**
 * The query, validated as one: parameters the route does not declare (hub convention: 422 naming
 * each one, the same on every route), `limit` on lists (1–200, default 50) and the route's schema.
 */
const readQuery = (route: RouteDecl, rawQuery: Record<string, string>): { query: unknown; limit: number; cursor: string | undefined } => {
  const { limit: rawLimit, cursor, ...filters } = rawQuery;
  const issues: FieldIssue[] = [];
  if (route.convention !== 'foreign') {
    const known = new Set([...Object.keys(route.query?.shape ?? {}), ...(route.list ? ['limit', 'cursor'] : [])]);
    for (const name of Object.keys(rawQuery)) {
      if (!known.has(name)) issues.push({ path: name, message: `unknown query parameter "${name}"`, code: 'unrecognized_keys', in: 'query' });
    }
  }
  let limit = LIST_LIMIT_DEFAULT;
  if (route.list && rawLimit !== undefined) {
    limit = /^\d{1,3}$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= LIST_LIMIT_MAX)) issues.push({ path: 'limit', message: `a whole number from 1 to ${LIST_LIMIT_MAX}`, code: 'invalid_limit', in: 'query' });
  }
  let query: unknown = {};
  if (route.query) {
    const known = route.convention === 'foreign' ? rawQuery : Object.fromEntries(Object.entries(route.list ? filters : rawQuery).filter(([k]) => k in route.query!.shape));
    const parsed = route.query.safeParse(known);
    if (parsed.success) query = parsed.data;
    else issues.push(...toFieldIssues(parsed.error, 'query'));
  }
  if (issues.length > 0) throw new ValidationError('The query is not valid', issues);
  return { query, limit, cursor: route.list ? cursor : undefined };
};

const mediaTypeOf = (contentType: string | undefined): string | undefined => contentType?.split(';')[0]?.trim().toLowerCase() || undefined;

/** The accepted media type of a request body, or a 415 naming the ones the route takes. */
const acceptedMediaType = (route: RouteDecl, contentType: string | undefined): MediaType => {
  const accepts = route.accepts ?? ['application/json'];
  const given = mediaTypeOf(contentType) ?? accepts[0];
  const match = accepts.find((type) => type === given) ?? (given === 'application/json' || given?.endsWith('+json') ? accepts.find((t) => t === 'application/json') : undefined);
  if (!match) throw new DomainError('unsupported_media_type', `Send the body as ${accepts.join(' or ')}`);
  return match;
};

const parseJson = (rawBody: string): unknown => {
  try {
    return JSON.parse(rawBody);
  } catch (error) {
    throw new MalformedInputError('The body is not valid JSON', { cause: error });
  }
};

/**
 * Reads the body as the route declares it, in two steps: `decode` (media type 415, empty body and
 * malformed JSON 400) runs before any validation, so transport mistakes are answered as such;
 * `validate` checks the decoded JSON against the body schema (422) together with the other parts.
 */
const decodeBody = (route: RouteDecl, rawBody: string, headers: Record<string, string>): { json: unknown; mediaType: MediaType | undefined } => {
  if (!route.body && !route.accepts) return { json: undefined, mediaType: undefined };
  const empty = rawBody.trim() === '';
  if (empty && route.bodyRequired !== false) throw new MalformedInputError('A request body is required');
  const mediaType = empty ? (route.accepts?.[0] ?? 'application/json') : acceptedMediaType(route, headers['content-type']);
  // Without a body schema the route takes the body raw (signature checks over the exact bytes).
  if (!route.body || !JSON_MEDIA_TYPES.includes(mediaType)) return { json: undefined, mediaType };
  return { json: empty ? {} : parseJson(rawBody), mediaType };
};

const isJsonResponse = (mediaType: MediaType | undefined): boolean => mediaType === undefined || JSON_MEDIA_TYPES.includes(mediaType);

/**
 * The declared media type a handler answered with: the one its `content-type` header names when
 * the status declares it (its own or an alternative), else the status's own (undefined: JSON).
 */
const answeredMediaType = (declared: ResponseDecl | undefined, headers: Record<string, string> | undefined): MediaType | undefined => {
  if (!declared) return undefined;
  const given = mediaTypeOf(Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1]);
  return responseContent(declared).find(([type]) => type === given)?.[0] ?? declared.mediaType;
};

/**
 * Builds the middy handler of an HTTP function from its route declarations and one handler per
 * operation. Before a handler runs, the router authorises (role and scope), takes a token from
 * the caller's rate-limit bucket of the route's class (429 with `Retry-After` when empty), checks
 * the size and media type, parses JSON and validates path, query, headers (an `Idempotency-Key`
 * on idempotent routes too) and body against the declaration (unknown query parameters and body
 * keys are refused with 422), and verifies list cursors. With an `Idempotency-Key`, the handler
 * runs at most once per key: a retry gets the stored 2xx answer (see `idempotencyStore`). Every
 * error becomes an `application/problem+json` answer: 4xx with the error's message and failing
 * paths, 500 without details.
 */
export const httpFunction = <const T extends Record<string, RouteDecl>>(routes: T, handlers: NoInfer<RouteHandlers<T>>, options: HttpFunctionOptions = {}) => {
  const byRouteKey = new Map(Object.entries(routes).map(([operation, route]) => [`${route.method} ${route.path}`, { operation, route }]));
  const now = options.now ?? Date.now;
  let signingKey: Promise<Buffer> | undefined;
  const key = (): Promise<Buffer> => {
    if (!options.signingKey) throw new Error('This HTTP function has list routes but no signing key');
    signingKey ??= options.signingKey();
    return signingKey;
  };
  return middy<HttpEvent, HttpResult, Error, Context>()
    .use(flushMetrics(metrics))
    .handler(async (event, context) => {
      const requestId = event.requestContext?.requestId ?? context.awsRequestId;
      const instance = event.rawPath ?? '/';
      try {
        const matched = byRouteKey.get(event.routeKey);
        if (!matched) throw new NotFoundError(`Route ${event.requestContext?.http?.method ?? ''} ${instance}`.trim());
        const { operation, route } = matched;
        const principal = readPrincipal(event);
        authorise(operation, route, principal);
        const guards = options.guards === undefined ? guardsFromEnvironment() : options.guards;
        if (principal && route.auth === 'apiKey' && guards?.rateLimiter) await guards.rateLimiter.admit(principal.principalId, rateClassOf(route));
        const rawBody = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
        const maxBytes = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
        if (Buffer.byteLength(rawBody) > maxBytes) {
          throw new DomainError('payload_too_large', `The body is larger than ${maxBytes.toLocaleString('en')} bytes`, { details: { httpStatus: 413 } });
        }
        const headers = lowerHeaders(event.headers);
        const rawParams = Object.fromEntries(Object.entries(event.pathParameters ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, decodePathParameter(v)]])));
        const rawQuery = entries(event.queryStringParameters);
        const info: HttpRequestInfo = { method: route.method, path: instance, requestId, rawBody, headers, query: rawQuery, params: rawParams };

        const { json, mediaType } = decodeBody(route, rawBody, headers);
        // Every part is checked and every failing path reported in one 422.
        const issues: FieldIssue[] = [];
        const collect = <V>(check: () => V, fallback: V): V => {
          try {
            return check();
          } catch (error) {
            if (!(error instanceof ValidationError)) throw error;
            issues.push(...error.issues);
            return fallback;
          }
        };
        const params = collect(() => (route.params ? validate(route.params, rawParams, 'path') : {}), {});
        const { query, limit, cursor } = collect(() => readQuery(route, rawQuery), { query: {}, limit: LIST_LIMIT_DEFAULT, cursor: undefined });
        const headerValues = collect(() => (route.headers ? validate(route.headers, headers, 'header') : {}), {});
        const input = collect(() => (route.body && json !== undefined ? validate(route.body, json, 'body') : undefined), undefined);
        const idempotencyKey = collect(() => (route.idempotent ? readIdempotencyKey(headers) : undefined), undefined);
        if (issues.length > 0) throw new ValidationError('The request is not valid', issues);

        let page: { limit: number; after: ListPosition | undefined } | undefined;
        let binding = '';
        if (route.list) {
          binding = cursorBinding(operation, principal?.principalId ?? '', rawParams, rawQuery);
          page = { limit, after: cursor === undefined ? undefined : openCursor(await key(), binding, cursor, now()) };
        }

        const respond = async (): Promise<HttpResult> => {
          const handler = handlers[operation] as (input: unknown) => Promise<{ status: number; body?: unknown; headers?: Record<string, string>; next?: ListPosition }>;
          const response = await handler({ params, query, headers: headerValues, body: input, text: rawBody, mediaType, principal, page, request: info });
          const answerType = answeredMediaType(route.responses[response.status], response.headers);
          const extraHeaders: Record<string, string> = {
            'x-request-id': requestId,
            ...(route.deprecated
              ? { deprecation: `@${Math.floor(Date.parse(route.deprecated.since) / 1000)}`, sunset: new Date(route.deprecated.sunset).toUTCString(), ...(route.deprecated.link ? { link: `<${route.deprecated.link}>; rel="deprecation"` } : {}) }
              : {}),
          };
          if (!isJsonResponse(answerType)) {
            const text = typeof response.body === 'string' ? response.body : '';
            return { statusCode: response.status, headers: { 'content-type': answerType ?? 'text/plain', ...extraHeaders, ...response.headers }, body: text };
          }
          let body = response.body;
          if (route.list && body && typeof body === 'object') {
            const nextCursor = response.next === undefined ? null : signCursor(await key(), binding, response.next, now());
            const nextQuery = new URLSearchParams({ ...rawQuery, limit: String(page?.limit ?? LIST_LIMIT_DEFAULT), ...(nextCursor ? { cursor: nextCursor } : {}) });
            body = { ...body, nextCursor, next: nextCursor ? `${publicOrigin({ headers })}${instance}?${nextQuery.toString()}` : null };
          }
          return {
            statusCode: response.status,
            headers: { ...(body === undefined ? {} : { 'content-type': answerType ?? 'application/json' }), ...extraHeaders, ...response.headers },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          };
        };
        if (idempotencyKey === undefined || !principal || !guards?.idempotency) return await respond();
        // Stored as a DynamoDB item: no undefined header values.
        const storable = async (): Promise<HttpResult> => {
          const result = await respond();
          return { ...result, headers: Object.fromEntries(Object.entries(result.headers ?? {}).filter(([, value]) => value !== undefined)) };
        };
        const { response, replayed } = await guards.idempotency.once(
          { principalId: principal.principalId, operation, key: idempotencyKey },
          { params: rawParams, query: rawQuery, body: rawBody },
          storable,
          (result) => (result.statusCode ?? 0) >= 200 && (result.statusCode ?? 0) < 300,
          context,
        );
        return replayed ? { ...response, headers: { ...response.headers, 'x-request-id': requestId, 'idempotent-replayed': 'true' } } : response;
      } catch (error) {
        return problemResult(error, instance, requestId);
      }
    });
};
