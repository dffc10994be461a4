import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpFunction, type HttpEvent } from '../../../shared/lambda/http.js';
import { defineRoutes } from '../../../shared/lambda/http-route.js';
import { lambdaContext } from '../../../infra/local/event-sources.js';

const Echo = z.object({ body: z.unknown(), text: z.string(), mediaType: z.string().nullable() });
const routes = defineRoutes({
  signed: {
    method: 'POST', path: '/v1/inbound/x/{id}', auth: 'signature', roles: [], tag: 'Test', summary: 'A signed push', convention: 'foreign',
    accepts: ['application/json'], params: z.strictObject({ id: z.string() }),
    responses: { 202: { description: 'Echo', body: Echo } },
  },
  mixed: {
    method: 'POST', path: '/v1/mixed', auth: 'public', roles: [], tag: 'Test', summary: 'JSON or CSV',
    accepts: ['application/json', 'text/csv'], body: z.strictObject({ name: z.string() }),
    responses: { 202: { description: 'Echo', body: Echo } },
  },
});
const echo = async (input: { body: unknown; text: string; mediaType: string | undefined }) => ({
  status: 202 as const,
  body: { body: input.body ?? null, text: input.text, mediaType: input.mediaType ?? null },
});
const handler = httpFunction(routes, { signed: echo, mixed: echo });

const call = async (routeKey: string, path: string, body: string, contentType: string) => {
  const event = {
    version: '2.0', routeKey, rawPath: path, rawQueryString: '',
    headers: { 'content-type': contentType },
    pathParameters: routeKey.includes('{id}') ? { id: 'acme' } : undefined,
    requestContext: { requestId: 'r1', http: { method: 'POST', path }, authorizer: { lambda: { authenticated: 'false', principalId: 'signature-verified' } } },
    body, isBase64Encoded: false,
  } as unknown as HttpEvent;
  const result = await handler(event, lambdaContext('t', 5));
  return { status: result.statusCode, json: result.body ? JSON.parse(result.body) : undefined };
};

describe('httpFunction raw bodies', () => {
  it('hands a route with accepted media types but no body schema the raw body, unparsed, even when it is not JSON', async () => {
    const raw = '{ "b" : 1, "a": [ ] }';
    expect(await call('POST /v1/inbound/x/{id}', '/v1/inbound/x/acme', raw, 'application/json; charset=utf-8')).toEqual({
      status: 202, json: { body: null, text: raw, mediaType: 'application/json' },
    });
    const broken = await call('POST /v1/inbound/x/{id}', '/v1/inbound/x/acme', '{"truncated', 'application/json');
    expect(broken).toEqual({ status: 202, json: { body: null, text: '{"truncated', mediaType: 'application/json' } });
  });

  it('validates JSON against the body schema and passes text media types raw on a route that takes both', async () => {
    expect(await call('POST /v1/mixed', '/v1/mixed', '{"name":"a"}', 'application/json')).toMatchObject({ status: 202, json: { body: { name: 'a' }, mediaType: 'application/json' } });
    expect(await call('POST /v1/mixed', '/v1/mixed', 'name\na\n', 'text/csv')).toEqual({ status: 202, json: { body: null, text: 'name\na\n', mediaType: 'text/csv' } });
    const unknownKey = await call('POST /v1/mixed', '/v1/mixed', '{"name":"a","x":1}', 'application/json');
    expect(unknownKey.status).toBe(422);
    expect(unknownKey.json.errors).toEqual([expect.objectContaining({ path: 'x', in: 'body' })]);
  });
});
