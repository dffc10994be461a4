import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ForbiddenError, MalformedInputError, NotFoundError, UnauthorizedError, DomainError } from '../domain/errors.js';
import { PrincipalSchema, SIGNATURE_PRINCIPAL_ID, type Principal } from '../domain/auth/principal.js';
import type { HttpRouteSpec } from './http-route.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { flushMetrics, metricsFor } from './metrics.js';
import { logger } from './powertools.js';
import { toProblem } from './problem.js';

export type HttpEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, unknown>>;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** What a route handler sees: parsed pieces of the request, never the raw event. */
export interface HttpRequest {
  operation: string;
  principal: Principal | undefined;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Exact bytes received, for signature checks. */
  rawBody: string;
  /** JSON body, parsed lazily; malformed JSON raises a 400. */
  json(): unknown;
  method: string;
  path: string;
  requestId: string;
}

export interface HttpResponse {
  status: number;
  body?: unknown;
  /** Sent as-is instead of a JSON `body` (static files); set its content-type in `headers`. */
  text?: string;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: HttpRequest) => Promise<HttpResponse>;

const MAX_BODY_BYTES = 1_000_000;

const metrics = metricsFor();

const problemResult = (error: unknown, instance: string, requestId: string): HttpResult => {
  const problem = toProblem(error, instance);
  metrics.addMetric(problem.status >= 500 ? 'ServerErrors' : 'ClientErrors', MetricUnit.Count, 1);
  if (problem.status >= 500) logger.error('request failed', { error: error as Error, requestId });
  else logger.info('request refused', { code: problem.code, status: problem.status, requestId });
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', 'x-request-id': requestId },
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
    scopes: typeof ctx['scopes'] === 'string' ? (ctx['scopes'] as string).split(' ').filter(Boolean) : ctx['scopes'],
    ...(ctx['tenantRef'] ? { tenantRef: ctx['tenantRef'] } : {}),
  });
  return parsed.success ? parsed.data : undefined;
};

const authorise = (route: HttpRouteSpec, principal: Principal | undefined): void => {
  if (route.auth === 'signature' || route.auth === 'public') return;
  if (!principal) throw new UnauthorizedError();
  if (!route.roles.includes(principal.role)) throw new ForbiddenError(`Role ${principal.role} may not call ${route.operation}`);
  if (route.scope && !principal.scopes.includes(route.scope)) throw new ForbiddenError(`Scope ${route.scope} is required`);
};

const decodePathParameter = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch (error) {
    throw new MalformedInputError('The path is not validly percent-encoded', { cause: error });
  }
};

const lowerHeaders = (headers: Record<string, string | undefined> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k.toLowerCase(), v]])));

/**
 * Builds the middy handler of an HTTP function from its route specs and one handler per
 * operation. It authorises (role and scope), parses JSON lazily, and turns every error into
 * an `application/problem+json` answer: 4xx with the error's message, 500 without details.
 */
export const httpFunction = (specs: HttpRouteSpec[], handlers: Record<string, RouteHandler>) => {
  const byRouteKey = new Map(specs.map((s) => [`${s.method} ${s.path}`, s]));
  for (const spec of specs) {
    if (!handlers[spec.operation]) throw new Error(`No handler for operation ${spec.operation}`);
  }
  return middy<HttpEvent, HttpResult, Error, Context>()
    .use(flushMetrics(metrics))
    .handler(async (event, context) => {
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    const instance = event.rawPath ?? '/';
    try {
      const route = byRouteKey.get(event.routeKey);
      if (!route) throw new NotFoundError(`Route ${event.requestContext?.http?.method ?? ''} ${instance}`.trim());
      const principal = readPrincipal(event);
      authorise(route, principal);
      const rawBody = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
      if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) {
        throw new DomainError('payload_too_large', 'The body is larger than 1 MB', { details: { httpStatus: 413 } });
      }
      const headers = lowerHeaders(event.headers);
      let parsed: { value: unknown } | undefined;
      const request: HttpRequest = {
        operation: route.operation,
        principal,
        params: Object.fromEntries(Object.entries(event.pathParameters ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, decodePathParameter(v)]]))),
        query: Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, v]]))),
        headers,
        rawBody,
        method: route.method,
        path: instance,
        requestId,
        json: () => {
          if (!parsed) {
            if (rawBody.trim() === '') throw new MalformedInputError('A JSON body is required');
            const type = headers['content-type'] ?? 'application/json';
            if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
              throw new DomainError('unsupported_media_type', 'Send the body as application/json');
            }
            try {
              parsed = { value: JSON.parse(rawBody) };
            } catch (error) {
              throw new MalformedInputError('The body is not valid JSON', { cause: error });
            }
          }
          return parsed.value;
        },
      };
      const handler = handlers[route.operation];
      if (!handler) throw new NotFoundError(`Operation ${route.operation}`);
      const response = await handler(request);
      if (response.text !== undefined) {
        return { statusCode: response.status, headers: { 'x-request-id': requestId, ...response.headers }, body: response.text };
      }
      return {
        statusCode: response.status,
        headers: {
          ...(response.body === undefined ? {} : { 'content-type': 'application/json' }),
          'x-request-id': requestId,
          ...response.headers,
        },
        ...(response.body === undefined ? {} : { body: JSON.stringify(response.body) }),
      };
    } catch (error) {
      return problemResult(error, instance, requestId);
    }
  });
};
