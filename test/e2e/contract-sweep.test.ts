import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteSpec } from '../../infra/topology.js';
import { problemStatuses } from '../../shared/lambda/http-route.js';
import { ROLE_SCOPES, RoleSchema, type Role } from '../../shared/domain/auth/principal.js';
import { ensureTenant } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/**
 * The router's own answers on every declared route, so the contract test sees each of them:
 * 401 without a key (or, on signed routes, without a signature), 403 for a role (or scope) the
 * route does not admit, 400 for malformed JSON, a missing body or a path that is not validly
 * percent-encoded, 413 for a body over the limit, 415 for a media type the route does not take
 * and 422 for an unknown query parameter or a malformed path parameter. Each must come back as
 * RFC 9457 problem+json with its stable code.
 */
describe('router conventions on every declared route', () => {
  let t: TestHub;
  const keys = new Map<string, string>();
  const hubRoutes = routes.filter((r) => r.auth === 'apiKey');
  const signedRoutes = routes.filter((r) => r.auth === 'signature');

  const keyFor = async (role: Role, scopes?: string[]): Promise<string> => {
    const id = `${role}:${scopes?.join(',') ?? '*'}`;
    const existing = keys.get(id);
    if (existing) return existing;
    const body = { name: `sweep ${id}`, role, ...(scopes ? { scopes } : {}), ...(role === 'admin' ? {} : { tenantRef: await ensureTenant(t, role, 'sweep-tenant') }) };
    const created = await t.api('POST', '/v1/admin/api-keys', { body });
    expect(created.status, created.text).toBe(201);
    keys.set(id, created.json.key);
    return created.json.key;
  };

  /** A caller the route admits (admin where it may, else its first role with that role's scopes); none for signed and public routes. */
  const callerOf = async (route: RouteSpec): Promise<string | null> => {
    if (route.auth !== 'apiKey') return null;
    return route.roles.includes('admin') ? t.adminKey : keyFor(route.roles[0] ?? 'admin');
  };

  /** A concrete path for a route template; the router answers these statuses before it reads the path's values. */
  const concrete = (route: RouteSpec): string => route.path.replace(/\{[^}]+\}/g, 'x');

  const expectProblem = (response: { status: number; headers: Headers; json: { code?: string; status?: number } }, status: number, code: string, what: string) => {
    expect(response.status, what).toBe(status);
    expect(response.headers.get('content-type'), what).toBe('application/problem+json');
    expect(response.json, what).toMatchObject({ status, code });
  };

  beforeAll(async () => {
    // The sweep fires every route several times at machine speed, bulk routes too (~30 times in a
    // few seconds, more than a caller's bulk bucket holds): a larger bulk bucket keeps it about
    // the conventions it checks; test/e2e/rate-limits.test.ts checks the limits.
    t = await startTestHub({ env: { RATE_LIMITS: JSON.stringify({ bulk: { burst: 200, perSecond: 10 } }) } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers 401 without a key and 403 for a role or scope the route does not admit', async () => {
    for (const route of hubRoutes) {
      const what = `${route.method} ${route.path}`;
      expectProblem(await t.api(route.method, concrete(route), { key: null }), 401, 'unauthorized', what);
      const outsider = RoleSchema.options.find((role) => !route.roles.includes(role));
      const inside = route.roles[0];
      const narrower = inside && route.scope ? ROLE_SCOPES[inside].find((s) => s !== route.scope) : undefined;
      if (!problemStatuses(route).includes(403)) continue;
      const key = outsider ? await keyFor(outsider) : inside && narrower ? await keyFor(inside, [narrower]) : undefined;
      expect(key, `${what}: no caller can be refused`).toBeDefined();
      expectProblem(await t.api(route.method, concrete(route), { key: key ?? null }), 403, 'forbidden', what);
    }
  });

  it('answers 401 to a signed push without its signature', async () => {
    expect(signedRoutes.length).toBeGreaterThan(0);
    for (const route of signedRoutes) {
      expectProblem(await t.api(route.method, concrete(route), { key: null, rawBody: '{}' }), 401, 'unauthorized', `${route.method} ${route.path}`);
    }
  });

  it('answers 400, 413 and 415 for bodies it cannot read, before it looks at the values', async () => {
    for (const route of [...hubRoutes, ...signedRoutes].filter((r) => r.body || r.accepts)) {
      const what = `${route.method} ${route.path}`;
      const key = await callerOf(route);
      const takesJson = (route.accepts ?? ['application/json']).includes('application/json');
      if (takesJson && route.body) {
        expectProblem(await t.api(route.method, concrete(route), { key, rawBody: '{"unfinished":', headers: { 'content-type': 'application/json' } }), 400, 'malformed_input', what);
      }
      if (route.bodyRequired !== false) {
        expectProblem(await t.api(route.method, concrete(route), { key, rawBody: '', headers: { 'content-type': route.accepts?.[0] ?? 'application/json' } }), 400, 'malformed_input', what);
      }
      expectProblem(await t.api(route.method, concrete(route), { key, rawBody: '<a/>', headers: { 'content-type': 'application/xml' } }), 415, 'unsupported_media_type', what);
      const limit = route.maxBodyBytes ?? 1_000_000;
      const type = route.accepts?.[0] ?? 'application/json';
      expectProblem(await t.api(route.method, concrete(route), { key, rawBody: `"${'x'.repeat(limit + 10)}"`, headers: { 'content-type': type } }), 413, 'payload_too_large', what);
    }
  });

  it('answers 400 for a path parameter that is not validly percent-encoded, and 422 for one its schema refuses', async () => {
    const withParams = routes.filter((r) => r.params);
    expect(withParams.length).toBeGreaterThan(30);
    for (const route of withParams) {
      const what = `${route.method} ${route.path}`;
      const key = await callerOf(route);
      const body = route.body || route.accepts ? { rawBody: '{}', headers: { 'content-type': route.accepts?.[0] ?? 'application/json' } } : {};
      // The first parameter broken, the others as `concrete` fills them.
      const at = (value: string) => route.path.replace(/\{[^}]+\}/, value).replace(/\{[^}]+\}/g, 'x');
      expectProblem(await t.api(route.method, at('%E0%A4%A'), { key, ...body }), 400, 'malformed_input', what);
      const bad = `bad value ${'z'.repeat(300)}`;
      const names = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((m) => m[1]!);
      if (route.params!.safeParse(Object.fromEntries(names.map((name, i) => [name, i === 0 ? bad : 'x']))).success) continue;
      const refused = await t.api(route.method, at(encodeURIComponent(bad)), { key, ...body });
      expectProblem(refused, 422, 'validation_failed', what);
      expect(refused.json.errors, what).toContainEqual(expect.objectContaining({ in: 'path' }));
    }
  });

  it('answers 422 naming a query parameter the route does not declare', async () => {
    for (const route of hubRoutes.filter((r) => r.convention !== 'foreign' && problemStatuses(r).includes(422))) {
      const what = `${route.method} ${route.path}`;
      const body = route.body || route.accepts ? { rawBody: '{}', headers: { 'content-type': route.accepts?.[0] ?? 'application/json' } } : {};
      const response = await t.api(route.method, `${concrete(route)}?sweepUnknown=1`, { key: await callerOf(route), ...body });
      expectProblem(response, 422, 'validation_failed', what);
      expect(response.json.errors, what).toContainEqual(expect.objectContaining({ path: 'sweepUnknown', in: 'query', code: 'unrecognized_keys' }));
    }
  });
});
