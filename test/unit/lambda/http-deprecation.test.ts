import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lambdaContext } from '../../../infra/local/event-sources.js';
import { httpFunction, type HttpEvent } from '../../../shared/lambda/http.js';
import { defineRoutes } from '../../../shared/lambda/http-route.js';

const Drill = z.object({ outcome: z.string() });
const routes = defineRoutes({
  oldDrill: {
    method: 'POST', path: '/v1/old-drill', auth: 'apiKey', roles: ['admin'], summary: 'Old drill', tag: 't',
    body: z.strictObject({ customerId: z.string() }),
    deprecated: { since: '2026-01-01T00:00:00Z', sunset: '2026-12-31T23:59:59Z', link: 'https://docs.example.com/migrate/what-if' },
    responses: { 200: { description: 'the drill', body: Drill } },
  },
  oldNoLink: {
    method: 'GET', path: '/v1/old-no-link', auth: 'apiKey', roles: ['admin'], summary: 'Old read', tag: 't',
    deprecated: { since: '2026-03-15', sunset: '2027-03-15' },
    responses: { 204: { description: 'nothing' } },
  },
  current: {
    method: 'GET', path: '/v1/current', auth: 'apiKey', roles: ['admin'], summary: 'Current', tag: 't',
    responses: { 200: { description: 'the drill', body: Drill } },
  },
});

const handler = httpFunction(routes, {
  oldDrill: async ({ body }) => ({ status: 200, body: { outcome: `drilled ${body.customerId}` } }),
  oldNoLink: async () => ({ status: 204 }),
  current: async () => ({ status: 200, body: { outcome: 'now' } }),
});

const admin = { authenticated: 'true', principalId: 'key:a', keyId: 'a', role: 'admin', scopes: '' };
const call = async (routeKey: string, body?: string): Promise<{ status: number; headers: Record<string, unknown> }> => {
  const [method, path] = routeKey.split(' ');
  const event = {
    version: '2.0', routeKey, rawPath: path, rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'hub.example.com' },
    requestContext: { requestId: 'r1', http: { method, path }, authorizer: { lambda: admin } },
    body, isBase64Encoded: false,
  } as unknown as HttpEvent;
  const result = await handler(event, lambdaContext('t', 5));
  return { status: result.statusCode ?? 0, headers: (result.headers ?? {}) as Record<string, unknown> };
};

/** RFC 9110 IMF-fixdate, the HTTP-date form RFC 8594 requires for `Sunset`. */
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

describe('httpFunction on deprecated routes', () => {
  it('answers Deprecation as an RFC 9745 date (@ unix seconds), Sunset as an HTTP date and the deprecation link', async () => {
    // Act
    const r = await call('POST /v1/old-drill', '{"customerId":"c1"}');

    // Assess
    expect(r.status).toBe(200);
    expect(r.headers['deprecation']).toBe('@1767225600');
    expect(r.headers['sunset']).toBe('Thu, 31 Dec 2026 23:59:59 GMT');
    expect(r.headers['sunset']).toMatch(IMF_FIXDATE);
    expect(r.headers['link']).toBe('<https://docs.example.com/migrate/what-if>; rel="deprecation"');
  });

  it('reads date-only declarations as midnight UTC and sends no Link without one, on bodiless answers too', async () => {
    // Act
    const r = await call('GET /v1/old-no-link');

    // Assess
    expect(r.status).toBe(204);
    expect(r.headers['deprecation']).toBe(`@${Date.UTC(2026, 2, 15) / 1000}`);
    expect(r.headers['sunset']).toBe('Mon, 15 Mar 2027 00:00:00 GMT');
    expect(r.headers).not.toHaveProperty('link');
  });

  it('sends no deprecation headers on routes that are not deprecated', async () => {
    // Act
    const r = await call('GET /v1/current');

    // Assess
    expect(r.status).toBe(200);
    expect(Object.keys(r.headers).filter((h) => ['deprecation', 'sunset', 'link'].includes(h))).toEqual([]);
  });
});
