import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpFunction, type HttpEvent } from '../../../shared/lambda/http.js';
import { defineRoutes } from '../../../shared/lambda/http-route.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import { lambdaContext } from '../../../infra/local/event-sources.js';

const ThingSchema = z.strictObject({ name: z.string().min(1), size: z.number().int().positive(), tags: z.array(z.strictObject({ k: z.string() })).optional() });
const routes = defineRoutes({
  create: {
    method: 'POST', path: '/v1/things', auth: 'apiKey', roles: ['admin'], scope: 'customers:write', summary: '', tag: 't',
    body: ThingSchema, responses: { 201: { description: 'made', body: ThingSchema } },
  },
  read: {
    method: 'GET', path: '/v1/things/{thingId}', auth: 'apiKey', roles: ['admin'], summary: '', tag: 't',
    params: z.strictObject({ thingId: z.string().regex(/^t_\d+$/) }), query: z.strictObject({ verbose: z.enum(['true', 'false']).optional() }),
    responses: { 200: { description: 'a thing', body: z.object({ id: z.string(), verbose: z.boolean() }) } },
  },
  list: {
    method: 'GET', path: '/v1/things', auth: 'apiKey', roles: ['admin'], summary: '', tag: 't', list: true,
    query: z.strictObject({ status: z.enum(['open', 'closed']).optional() }),
    responses: { 200: { description: 'a page', body: z.object({ things: z.array(z.number()), nextCursor: z.string().nullable(), next: z.string().nullable() }) } },
  },
  csv: {
    method: 'POST', path: '/v1/csv', auth: 'apiKey', roles: ['admin'], summary: '', tag: 't',
    body: z.strictObject({ data: z.string() }), accepts: ['application/json', 'text/csv'],
    responses: { 200: { description: 'echo', body: z.object({ mediaType: z.string(), text: z.string() }) } },
  },
  boom: {
    method: 'GET', path: '/v1/boom', auth: 'apiKey', roles: ['admin', 'crm'], summary: '', tag: 't',
    query: z.strictObject({ conflict: z.string().optional() }),
    responses: { 200: { description: 'never' } },
  },
  rows: {
    method: 'GET', path: '/v1/rows', auth: 'apiKey', roles: ['admin'], summary: '', tag: 't',
    query: z.strictObject({ format: z.enum(['ndjson', 'json']).default('ndjson') }),
    responses: { 200: { description: 'rows', body: z.string(), mediaType: 'application/x-ndjson', alternatives: { 'application/json': z.object({ rows: z.array(z.number()) }) } } },
  },
  signed: {
    method: 'POST', path: '/v1/inbound/x', auth: 'signature', roles: [], summary: '', tag: 't', convention: 'foreign', accepts: ['application/json'],
    responses: { 200: { description: 'echo', body: z.object({ raw: z.string(), principal: z.null() }) } },
  },
});

const ITEMS = Array.from({ length: 7 }, (_, i) => i);
let clockMs = Date.parse('2026-12-07T10:00:00Z');
const key = Buffer.alloc(32, 7);
const handler = httpFunction(
  routes,
  {
    create: async ({ body }) => ({ status: 201, body }),
    read: async ({ params, query }) => ({ status: 200, body: { id: params.thingId, verbose: query.verbose === 'true' } }),
    list: async ({ page, query }) => {
      const start = typeof page.after === 'number' ? page.after : 0;
      const items = ITEMS.filter((i) => query.status !== 'closed' || i % 2 === 1).slice(start, start + page.limit);
      const more = start + page.limit < ITEMS.length;
      return { status: 200, body: { things: items, nextCursor: null, next: null }, ...(more ? { next: start + page.limit } : {}) };
    },
    csv: async ({ body, mediaType, text }) => ({ status: 200, body: { mediaType: mediaType ?? '', text: mediaType === 'text/csv' ? text : (body?.data ?? '') } }),
    boom: async ({ query }) => {
      if (query.conflict) throw new ConflictError('busy');
      throw new Error('secret internal detail');
    },
    rows: async ({ query }) =>
      query.format === 'json' ? { status: 200, headers: { 'content-type': 'application/json' }, body: { rows: [1, 2] } } : { status: 200, body: '{"row":1}\n{"row":2}\n' },
    signed: async ({ text, principal }) => ({ status: 200, body: { raw: text, principal: principal === undefined ? null : null } }),
  },
  { signingKey: async () => key, now: () => clockMs },
);

const admin = { authenticated: 'true', principalId: 'key:a', keyId: 'a', role: 'admin', scopes: 'customers:write customers:read' };
type CallOptions = { body?: string; auth?: Record<string, unknown>; headers?: Record<string, string>; query?: Record<string, string>; params?: Record<string, string> };
const call = async (routeKey: string, options: CallOptions = {}) => {
  const [method, path] = routeKey.split(' ');
  const event = {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'hub.example.com', 'x-forwarded-proto': 'https', ...options.headers },
    queryStringParameters: options.query,
    pathParameters: options.params,
    requestContext: { requestId: 'r1', http: { method, path }, authorizer: { lambda: options.auth ?? admin } },
    body: options.body,
    isBase64Encoded: false,
  } as unknown as HttpEvent;
  const result = await handler(event, lambdaContext('t', 5));
  const type = result.headers?.['content-type'];
  return { status: result.statusCode, type, text: result.body, json: result.body && /^application\/([a-z.-]+\+)?json$/.test(String(type)) ? JSON.parse(result.body) : undefined };
};

describe('httpFunction', () => {
  it('runs the operation with the validated body and answers JSON', async () => {
    const r = await call('POST /v1/things', { body: '{"name":"a","size":2}' });
    expect(r).toMatchObject({ status: 201, type: 'application/json', json: { name: 'a', size: 2 } });
  });

  it('maps client mistakes to problem+json with the right status', async () => {
    const cases: Array<[Parameters<typeof call>, number, string]> = [
      [['POST /v1/things', { body: '{"name":' }], 400, 'malformed_input'],
      [['POST /v1/things', { body: '' }], 400, 'malformed_input'],
      [['POST /v1/things', { body: '{"name":"","size":-1,"x":1}' }], 422, 'validation_failed'],
      [['POST /v1/things', { body: 'name=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }], 415, 'unsupported_media_type'],
      [['POST /v1/things', { body: '{}', auth: { authenticated: 'false', reason: 'missing_key' } }], 401, 'unauthorized'],
      [['POST /v1/things', { body: '{}', auth: { ...admin, role: 'crm' } }], 403, 'forbidden'],
      [['POST /v1/things', { body: '{}', auth: { ...admin, scopes: 'customers:read' } }], 403, 'forbidden'],
      [['GET /v1/nothing', {}], 404, 'not_found'],
      [['GET /v1/boom', { query: { conflict: '1' } }], 409, 'conflict'],
      [['POST /v1/things', { body: JSON.stringify({ name: 'x'.repeat(1_100_000), size: 1 }) }], 413, 'payload_too_large'],
    ];
    for (const [args, status, code] of cases) {
      const r = await call(...args);
      expect(r.status, JSON.stringify(r.json)).toBe(status);
      expect(r.type).toBe('application/problem+json');
      expect(r.json).toMatchObject({ status, code, type: expect.stringContaining(code.replace(/_/g, '-')), title: expect.any(String), detail: expect.any(String) });
    }
  });

  it('lists every failing field path on 422 with a code and where it is, one entry per unknown key, nested too', async () => {
    const r = await call('POST /v1/things', { body: '{"name":"","size":-1,"x":1,"tags":[{"k":"a","evil":true}]}' });
    expect(r.json.errors).toEqual(
      expect.arrayContaining([
        { path: 'x', message: 'unknown field "x"', code: 'unrecognized_keys', in: 'body' },
        { path: 'tags[0].evil', message: 'unknown field "evil"', code: 'unrecognized_keys', in: 'body' },
        expect.objectContaining({ path: 'name', code: 'too_small', in: 'body' }),
        expect.objectContaining({ path: 'size', code: 'too_small', in: 'body' }),
      ]),
    );
  });

  it('validates path and query before the handler, and refuses unknown query parameters by name', async () => {
    expect((await call('GET /v1/things/{thingId}', { params: { thingId: 't_1' }, query: { verbose: 'true' } })).json).toEqual({ id: 't_1', verbose: true });
    const badPath = await call('GET /v1/things/{thingId}', { params: { thingId: 'nope' } });
    expect(badPath.status).toBe(422);
    expect(badPath.json.errors).toEqual([expect.objectContaining({ path: 'thingId', in: 'path' })]);
    const unknown = await call('GET /v1/things/{thingId}', { params: { thingId: 't_1' }, query: { verbose: 'true', asOf: '2020-01-01', x: '1' } });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors.map((e: { path: string; in: string }) => `${e.in}:${e.path}`).sort()).toEqual(['query:asOf', 'query:x']);
  });

  it('pages lists with signed cursors and absolute next links until the last page', async () => {
    const first = await call('GET /v1/things', { query: { limit: '3' } });
    expect(first.json.things).toEqual([0, 1, 2]);
    expect(first.json.next).toMatch(/^https:\/\/hub\.example\.com\/v1\/things\?limit=3&cursor=/);
    const second = await call('GET /v1/things', { query: { limit: '3', cursor: first.json.nextCursor } });
    expect(second.json.things).toEqual([3, 4, 5]);
    const last = await call('GET /v1/things', { query: Object.fromEntries(new URL(second.json.next).searchParams) });
    expect(last.json).toMatchObject({ things: [6], nextCursor: null, next: null });
    expect((await call('GET /v1/things')).json.things).toHaveLength(7);
  });

  it('refuses limits outside 1..200 and cursors that are forged, tampered, expired or bound to another caller or query', async () => {
    for (const limit of ['0', '201', 'abc', '1.5']) {
      const r = await call('GET /v1/things', { query: { limit } });
      expect(r.status, limit).toBe(422);
      expect(r.json.errors[0]).toMatchObject({ path: 'limit', code: 'invalid_limit', in: 'query' });
    }
    const { json } = await call('GET /v1/things', { query: { limit: '2' } });
    const cursor: string = json.nextCursor;
    const [payload, signature] = cursor.split('.');
    const forged = `${Buffer.from(JSON.stringify({ p: 5, e: Date.now() + 1e9 })).toString('base64url')}.${signature}`;
    const attempts: CallOptions[] = [
      { query: { limit: '2', cursor: 'garbage' } },
      { query: { limit: '2', cursor: forged } },
      { query: { limit: '2', cursor: `${payload}.${signature?.slice(1)}A` } },
      { query: { limit: '2', cursor, status: 'closed' } },
      { query: { limit: '2', cursor }, auth: { ...admin, principalId: 'key:b' } },
    ];
    for (const attempt of attempts) {
      const r = await call('GET /v1/things', attempt);
      expect(r.status, JSON.stringify(attempt)).toBe(422);
      expect(r.json.errors[0]).toMatchObject({ path: 'cursor', code: 'invalid_cursor', in: 'query' });
    }
    clockMs += 25 * 3_600_000;
    const expired = await call('GET /v1/things', { query: { limit: '2', cursor } });
    expect(expired.json.errors[0].message).toMatch(/expired/);
  });

  it('takes the declared media types: JSON is validated, CSV arrives raw', async () => {
    const csv = await call('POST /v1/csv', { body: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv; charset=utf-8' } });
    expect(csv.json).toEqual({ mediaType: 'text/csv', text: 'a,b\n1,2\n' });
    const json = await call('POST /v1/csv', { body: '{"data":"x"}' });
    expect(json.json).toEqual({ mediaType: 'application/json', text: 'x' });
    const ndjson = await call('POST /v1/csv', { body: '{}\n', headers: { 'content-type': 'application/x-ndjson' } });
    expect(ndjson.status).toBe(415);
    expect(ndjson.json.detail).toContain('application/json or text/csv');
  });

  it('answers the media type the handler picks among the declared ones: JSON serialised as JSON, text as it is', async () => {
    const json = await call('GET /v1/rows', { query: { format: 'json' } });
    expect(json).toMatchObject({ status: 200, type: 'application/json', text: '{"rows":[1,2]}' });
    const ndjson = await call('GET /v1/rows');
    expect(ndjson).toMatchObject({ status: 200, type: 'application/x-ndjson', text: '{"row":1}\n{"row":2}\n' });
  });

  it('hides unexpected errors behind a generic 500', async () => {
    const r = await call('GET /v1/boom');
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.json)).not.toContain('secret internal detail');
  });

  it('passes signed routes through without a principal and with the exact raw body', async () => {
    const r = await call('POST /v1/inbound/x', { body: '{ "a" : 1 }', auth: { authenticated: 'false', principalId: 'signature-verified' }, query: { anything: '1' } });
    expect(r.json).toEqual({ raw: '{ "a" : 1 }', principal: null });
  });
});
