import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routes, type RouteSpec } from '../../infra/topology.js';
import { problemStatuses } from '../../shared/lambda/http-route.js';
import { createApiKey } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';
import { sampleJsonSchema, type JsonSchema } from '../support/json-schema-sample.js';

const SEED = 20_260_401;
const ATTEMPTS = 20;
/**
 * Routes whose path parameter is a hub-signed token, not an object id: a drawn token is forged,
 * so it is refused with this code before any object is looked up (their 404, a file gone, is
 * exercised with real links in jobs.test.ts).
 */
const SIGNED_TOKEN_ROUTES: Readonly<Record<string, { status: number; code: string }>> = { download: { status: 403, code: 'link_invalid' } };

const jsonSchema = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as JsonSchema;

/**
 * A value drawn from `schema`'s JSON Schema that `schema` itself accepts (minimal first, then
 * with every optional property), or undefined when no draw passes.
 */
const validSample = (schema: z.ZodType, seed: number): unknown => {
  const json = jsonSchema(schema);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    for (const mode of ['minimal', 'full'] as const) {
      const value = sampleJsonSchema(json, { seed: seed + attempt * 1_000, mode });
      if (schema.safeParse(value).success) return value;
    }
  }
  return undefined;
};

/** The route's path with well-formed path parameters drawn from their schemas (unknown to a fresh hub). */
const wellFormedPath = (route: RouteSpec, seed: number): string | undefined => {
  if (!route.params) return route.path;
  const params = validSample(route.params, seed) as Record<string, unknown> | undefined;
  if (!params) return undefined;
  return route.path.replace(/\{([A-Za-z0-9_]+)\+?\}/g, (_m, name: string) => encodeURIComponent(String(params[name])));
};

/**
 * Every route that declares 404 for an object named in its path answers 404 problem+json when
 * that object does not exist: path parameters are well formed (drawn from their own schemas with
 * fast-check, seeded) and a body, where the route takes one, is minimal and valid (drawn from the
 * request body's JSON Schema and checked with the route's zod schema before it is sent), so
 * nothing but the unknown object can refuse the request. A route where no valid body can be drawn
 * must say so in its `unexercised[404]`.
 */
describe('unknown objects on every route that declares 404', () => {
  let t: TestHub;
  const candidates = routes.filter((r) => r.auth !== 'signature' && r.params && problemStatuses(r).includes(404));

  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers 404 problem+json for well-formed ids of objects that do not exist', async () => {
    expect(candidates.map((r) => r.operation)).toEqual(expect.arrayContaining(Object.keys(SIGNED_TOKEN_ROUTES)));
    expect(candidates.length).toBeGreaterThan(30);
    const keys = new Map<string, string>();
    const callerOf = async (route: RouteSpec): Promise<string | null> => {
      if (route.auth === 'public') return null;
      // A customer route open to CRM keys is swept with one bound to a connection: for such a key an object
      // outside its tenancy is as unknown as a missing one (404), while an admin may create on PUT.
      const customerRoute = route.roles.includes('crm') && route.path.includes('{customerId}');
      if (route.roles.includes('admin') && !customerRoute) return t.adminKey;
      const role = customerRoute ? 'crm' : route.roles[0]!;
      const key = keys.get(role) ?? (await createApiKey(t, { name: `objects ${role}`, role, tenantRef: 'objects-tenant' })).key;
      keys.set(role, key);
      return key;
    };
    const answers: string[] = [];
    const unexercisable: string[] = [];
    for (const [i, route] of candidates.entries()) {
      const what = `${route.operation} (${route.method} ${route.path})`;
      const path = wellFormedPath(route, SEED + i * 100_000);
      expect(path, `${what}: no well-formed path parameters can be drawn`).toBeDefined();
      let body: { rawBody?: string; headers?: Record<string, string> } = {};
      if (route.body) {
        const value = validSample(route.body, SEED + i * 100_000 + 50_000);
        if (value === undefined) {
          unexercisable.push(route.operation);
          expect(route.unexercised?.[404], `${what}: no valid body can be drawn from its schema; give unexercised[404] a reason`).toBeTruthy();
          continue;
        }
        body = { rawBody: JSON.stringify(value), headers: { 'content-type': 'application/json' } };
      } else if (route.accepts) {
        expect(route.bodyRequired, `${what}: takes a raw body; the sweep sends none`).toBe(false);
        body = { rawBody: '', headers: { 'content-type': route.accepts[0]! } };
      }
      const response = await t.api(route.method, path!, { key: await callerOf(route), ...body });
      const code = response.json?.code;
      const expected = SIGNED_TOKEN_ROUTES[route.operation] ?? { status: 404, code: 'not_found' };
      if (response.status !== expected.status || code !== expected.code) answers.push(`${what} ${path} answered ${response.status} ${code ?? ''}: ${response.json?.detail ?? response.text.slice(0, 120)}`);
      else expect(response.headers.get('content-type'), what).toBe('application/problem+json');
    }
    expect(answers).toEqual([]);
    // A reason is only honest while the body really cannot be drawn.
    for (const route of candidates.filter((r) => r.unexercised?.[404] && !unexercisable.includes(r.operation))) {
      expect.soft(route.unexercised?.[404], `${route.operation}: a valid body can be drawn now; drop its unexercised[404]`).toBeUndefined();
    }
  });
});
