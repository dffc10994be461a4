import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lambdaContext } from '../../../infra/local/event-sources.js';
import { RateLimitedError, takeToken, type RateClass } from '../../../shared/domain/rate-limit/token-bucket.js';
import { httpFunction, rateLimitsFrom, type HttpEvent, type HttpResult, type RequestGuards } from '../../../shared/lambda/http.js';
import { defineRoutes } from '../../../shared/lambda/http-route.js';

const routes = defineRoutes({
  create: {
    method: 'POST', path: '/v1/things', auth: 'apiKey', roles: ['admin'], summary: '', tag: 't', idempotent: true,
    body: z.strictObject({ name: z.string().min(1) }), responses: { 201: { description: 'made', body: z.object({ n: z.number(), name: z.string() }) } },
    errors: [404],
  },
  read: { method: 'GET', path: '/v1/things', auth: 'apiKey', roles: ['admin'], summary: '', tag: 't', responses: { 200: { description: 'ok', body: z.object({ n: z.number() }) } } },
  export: { method: 'POST', path: '/v1/exports', auth: 'apiKey', roles: ['admin'], summary: '', tag: 't', rateClass: 'bulk', responses: { 202: { description: 'ok' } } },
});

const admin = { authenticated: 'true', principalId: 'key:a', keyId: 'a', role: 'admin', scopes: '' };

/** In-memory guards that record what the router asked; the DynamoDB ones have their own integration tests. */
const fakeGuards = (options: { refuse?: boolean } = {}) => {
  const admitted: Array<[string, RateClass]> = [];
  const scopes: unknown[] = [];
  const stored = new Map<string, HttpResult>();
  const guards: RequestGuards = {
    rateLimiter: {
      async admit(principalId, rateClass) {
        admitted.push([principalId, rateClass]);
        if (options.refuse) throw new RateLimitedError(rateClass, takeToken(Date.now() + 10_000, Date.now(), { burst: 1, perSecond: 0.5 }), { burst: 1, perSecond: 0.5 });
      },
    },
    idempotency: {
      async once(scope, fingerprint, produce, isStorable) {
        scopes.push({ scope, fingerprint });
        const key = JSON.stringify(scope);
        const earlier = stored.get(key);
        if (earlier) return { response: earlier as never, replayed: true };
        const response = await produce();
        if (isStorable(response)) stored.set(key, response as HttpResult);
        return { response, replayed: false };
      },
    },
  };
  return { guards, admitted, scopes };
};

const build = (guards: RequestGuards) => {
  let n = 0;
  return httpFunction(
    routes,
    {
      create: async ({ body }) => (body.name === 'missing' ? { status: 404 as never, body: undefined as never } : { status: 201, body: { n: ++n, name: body.name } }),
      read: async () => ({ status: 200, body: { n } }),
      export: async () => ({ status: 202 }),
    },
    { guards },
  );
};

const call = async (handler: ReturnType<typeof build>, routeKey: string, options: { body?: string; headers?: Record<string, string>; auth?: Record<string, unknown>; requestId?: string } = {}) => {
  const [method, path] = routeKey.split(' ');
  const event = {
    version: '2.0', routeKey, rawPath: path, rawQueryString: '',
    headers: { 'content-type': 'application/json', ...options.headers },
    requestContext: { requestId: options.requestId ?? 'r1', http: { method, path }, authorizer: { lambda: options.auth ?? admin } },
    body: options.body, isBase64Encoded: false,
  } as unknown as HttpEvent;
  const result = await handler(event, lambdaContext('t', 5));
  return { status: result.statusCode, headers: result.headers ?? {}, text: result.body, json: result.body ? JSON.parse(result.body) : undefined };
};

describe('httpFunction request guards', () => {
  it('takes a token of the route class per principal: GET read, other methods write, declared bulk', async () => {
    const { guards, admitted } = fakeGuards();
    const handler = build(guards);
    await call(handler, 'GET /v1/things');
    await call(handler, 'POST /v1/things', { body: '{"name":"a"}' });
    await call(handler, 'POST /v1/exports');
    expect(admitted).toEqual([['key:a', 'read'], ['key:a', 'write'], ['key:a', 'bulk']]);
  });

  it('answers an empty bucket with 429 problem+json, Retry-After and RateLimit-* after authorising and before reading the body', async () => {
    const { guards } = fakeGuards({ refuse: true });
    const handler = build(guards);

    const limited = await call(handler, 'POST /v1/things', { body: '{"name":' });
    const anonymous = await call(handler, 'POST /v1/things', { body: '{}', auth: { authenticated: 'false' } });

    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toBe('application/problem+json');
    expect(limited.json).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(limited.headers['retry-after']).toBe('10');
    expect(limited.headers).toMatchObject({ 'ratelimit-limit': '1', 'ratelimit-remaining': '0' });
    expect(anonymous.status).toBe(401);
  });

  it('reports a malformed Idempotency-Key in the same 422 as the body, and runs nothing', async () => {
    const { guards, scopes } = fakeGuards();
    const handler = build(guards);
    for (const key of ['', 'k'.repeat(256), 'tab\tkey']) {
      const r = await call(handler, 'POST /v1/things', { body: '{"name":"","x":1}', headers: { 'idempotency-key': key } });
      expect(r.status).toBe(422);
      expect(r.json.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'idempotency-key', in: 'header', code: 'invalid_idempotency_key' }),
          expect.objectContaining({ path: 'x', in: 'body' }),
          expect.objectContaining({ path: 'name', in: 'body' }),
        ]),
      );
    }
    expect(scopes).toEqual([]);
  });

  it('runs a keyed request through the store scoped by principal, operation and key, and marks a replay with the current request id', async () => {
    const { guards, scopes } = fakeGuards();
    const handler = build(guards);
    const headers = { 'idempotency-key': 'k-1' };

    const first = await call(handler, 'POST /v1/things', { body: '{"name":"a"}', headers, requestId: 'first' });
    const again = await call(handler, 'POST /v1/things', { body: '{"name":"a"}', headers, requestId: 'again' });
    const unkeyed = await call(handler, 'POST /v1/things', { body: '{"name":"a"}' });

    expect(scopes[0]).toEqual({ scope: { principalId: 'key:a', operation: 'create', key: 'k-1' }, fingerprint: { params: {}, query: {}, body: '{"name":"a"}' } });
    expect(first.json).toEqual({ n: 1, name: 'a' });
    expect(again.text).toBe(first.text);
    expect(again.headers).toMatchObject({ 'idempotent-replayed': 'true', 'x-request-id': 'again' });
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(unkeyed.json).toEqual({ n: 2, name: 'a' });
    expect(scopes).toHaveLength(2);
  });

  it('ignores Idempotency-Key on routes that are not idempotent', async () => {
    const { guards, scopes } = fakeGuards();
    const r = await call(build(guards), 'POST /v1/exports', { headers: { 'idempotency-key': '' } });
    expect(r.status).toBe(202);
    expect(scopes).toEqual([]);
  });
});

describe('rateLimitsFrom', () => {
  it('replaces only the classes the setting names', () => {
    const limits = rateLimitsFrom({ bulk: { burst: 2, perSecond: 0.1 } });
    expect(limits.bulk).toEqual({ burst: 2, perSecond: 0.1 });
    expect(limits.read).toEqual(rateLimitsFrom(undefined).read);
  });
});
