import { describe, expect, it } from 'vitest';
import { compileRoutes, matchesInsertFilter, rateToMs } from '../../../infra/local/event-sources.js';
import { routes, functions, queues } from '../../../infra/topology.js';
import { SIGNED_ROUTE_PREFIX } from '../../../shared/lambda/http-route.js';

describe('local event sources', () => {
  it('matches API Gateway path templates like API Gateway does', () => {
    const compiled = compileRoutes(routes);
    const hit = compiled.find((r) => r.spec.method === 'PUT' && r.pattern.test('/v1/customers/acme-1'));
    expect(hit?.routeKey).toBe('PUT /v1/customers/{customerId}');
    expect(hit?.pattern.exec('/v1/customers/acme-1')?.[1]).toBe('acme-1');
    expect(compiled.some((r) => r.pattern.test('/v1/customers/a/b/c/d/e'))).toBe(false);
  });

  it('parses rate expressions', () => {
    expect(rateToMs('rate(1 minute)')).toBe(60_000);
    expect(rateToMs('rate(2 hours)')).toBe(7_200_000);
    expect(rateToMs('cron(0 12 * * ? *)')).toBeUndefined();
  });

  it('filters stream records to outbox inserts', () => {
    expect(matchesInsertFilter({ eventName: 'INSERT', dynamodb: { NewImage: { pk: { S: 'EVENT#evt_1' } } } }, 'EVENT#')).toBe(true);
    expect(matchesInsertFilter({ eventName: 'MODIFY', dynamodb: { NewImage: { pk: { S: 'EVENT#evt_1' } } } }, 'EVENT#')).toBe(false);
    expect(matchesInsertFilter({ eventName: 'INSERT', dynamodb: { NewImage: { pk: { S: 'CUSTOMER#1' } } } }, 'EVENT#')).toBe(false);
  });
});

describe('topology', () => {
  it('keeps every queue visible at least six times as long as its consumer may run', () => {
    for (const fn of Object.values(functions)) {
      for (const trigger of fn.triggers) {
        if (trigger.kind === 'sqs') expect(queues[trigger.queue].visibilityTimeoutSeconds, fn.id).toBeGreaterThanOrEqual(6 * fn.timeoutSeconds);
      }
    }
  });

  it('has unique route keys and signed routes only under the inbound prefix', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of routes) expect(r.auth === 'signature', `${r.method} ${r.path}`).toBe(r.path.startsWith(SIGNED_ROUTE_PREFIX));
  });

  it('gives each function the queues it consumes from nowhere else and only existing entries', () => {
    for (const fn of Object.values(functions)) {
      for (const q of fn.sendsTo) expect(queues[q], `${fn.id} → ${q}`).toBeDefined();
    }
  });
});

describe('local route matching of greedy path parameters', () => {
  const spec = (path: string, fn: 'httpApi' | 'serveConsole' = 'serveConsole') => ({ method: 'GET' as const, path, operation: 'x', auth: 'public' as const, roles: [], summary: 'x', tag: 'x', responses: {}, function: fn });

  it('matches {proxy+} across segments and captures the rest of the path', () => {
    const [route] = compileRoutes([spec('/console/{proxy+}')]);
    expect(route?.pattern.exec('/console/app.js')?.[1]).toBe('app.js');
    expect(route?.pattern.exec('/console/views/a/b.js')?.[1]).toBe('views/a/b.js');
    expect(route?.pattern.test('/console')).toBe(false);
    expect(route?.pattern.test('/console/')).toBe(false);
    expect(route?.pattern.test('/consoleX/app.js')).toBe(false);
  });

  it('tries greedy routes after specific ones, as API Gateway prefers the most specific route', () => {
    const compiled = compileRoutes([spec('/files/{proxy+}'), spec('/files/{name}/meta', 'httpApi'), spec('/files')]);
    const first = compiled.find((r) => r.pattern.test('/files/a/meta'));
    expect(first?.routeKey).toBe('GET /files/{name}/meta');
    expect(compiled.find((r) => r.pattern.test('/files/a/b/c'))?.routeKey).toBe('GET /files/{proxy+}');
    expect(compiled.find((r) => r.pattern.test('/files'))?.routeKey).toBe('GET /files');
  });

  it('routes the console through the topology', () => {
    const compiled = compileRoutes(routes);
    expect(compiled.find((r) => r.pattern.test('/console'))?.spec.function).toBe('serveConsole');
    expect(compiled.find((r) => r.pattern.test('/console/app.js'))?.spec.function).toBe('serveConsole');
    expect(compiled.find((r) => r.spec.method === 'GET' && r.pattern.test('/v1/customers'))?.routeKey).toBe('GET /v1/customers');
  });
});
