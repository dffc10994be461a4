import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpFunction, type HttpEvent } from '../../../shared/lambda/http.js';
import type { HttpRouteSpec } from '../../../shared/lambda/http-route.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import { parseOrThrow } from '../../../shared/domain/validation.js';
import { lambdaContext } from '../../../infra/local/event-sources.js';

const routes: HttpRouteSpec[] = [
  { method: 'POST', path: '/v1/things', operation: 'create', auth: 'apiKey', roles: ['admin'], scope: 'customers:write', summary: '' },
  { method: 'GET', path: '/v1/boom', operation: 'boom', auth: 'apiKey', roles: ['admin', 'crm'], summary: '' },
  { method: 'POST', path: '/v1/inbound/x', operation: 'signed', auth: 'signature', roles: [], summary: '' },
];
const ThingSchema = z.strictObject({ name: z.string().min(1), size: z.number().int().positive() });
const handler = httpFunction(routes, {
  create: async (request) => ({ status: 201, body: parseOrThrow(ThingSchema, request.json(), 'thing') }),
  boom: async (request) => {
    if (request.query['conflict']) throw new ConflictError('busy');
    throw new Error('secret internal detail');
  },
  signed: async (request) => ({ status: 200, body: { raw: request.rawBody, principal: request.principal ?? null } }),
});

const admin = { authenticated: 'true', principalId: 'key:a', keyId: 'a', role: 'admin', scopes: 'customers:write customers:read' };
const call = async (routeKey: string, options: { body?: string; auth?: Record<string, unknown>; headers?: Record<string, string>; query?: Record<string, string> } = {}) => {
  const [method, path] = routeKey.split(' ');
  const event = {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...options.headers },
    queryStringParameters: options.query,
    requestContext: { requestId: 'r1', http: { method, path }, authorizer: { lambda: options.auth ?? admin } },
    body: options.body,
    isBase64Encoded: false,
  } as unknown as HttpEvent;
  const result = await handler(event, lambdaContext('t', 5));
  return { status: result.statusCode, type: result.headers?.['content-type'], json: result.body ? JSON.parse(result.body) : undefined };
};

describe('httpFunction', () => {
  it('runs the operation and answers JSON', async () => {
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
      expect(r.json).toMatchObject({ status, code, type: expect.stringContaining(code.replace(/_/g, '-')) });
    }
  });

  it('lists every failing field path on 422', async () => {
    const r = await call('POST /v1/things', { body: '{"name":"","size":-1,"x":1}' });
    expect(r.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['(root)', 'name', 'size']);
  });

  it('hides unexpected errors behind a generic 500', async () => {
    const r = await call('GET /v1/boom');
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.json)).not.toContain('secret internal detail');
  });

  it('passes signed routes through without a principal and with the exact raw body', async () => {
    const r = await call('POST /v1/inbound/x', { body: '{ "a" : 1 }', auth: { authenticated: 'false', principalId: 'signature-verified' } });
    expect(r.json).toEqual({ raw: '{ "a" : 1 }', principal: null });
  });
});
