import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { z } from 'zod';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import type { RouteDecl } from '../../shared/lambda/http-route.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/** Malformed bodies per write route (at least 200, as the brief of the fuzz test says). */
const BODIES_PER_ROUTE = 200;
const CONCURRENCY = 10;
const SEED = Number(process.env['RB_FUZZ_SEED'] ?? Date.now() % 2 ** 31);

type WriteRoute = RouteDecl & { operation: string };

/** Every POST/PUT/PATCH/DELETE route that takes a body, from every function's route declarations. */
const writeRoutes = async (): Promise<WriteRoute[]> => {
  const found: WriteRoute[] = [];
  for (const fn of readdirSync('functions', { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const file = join('functions', fn.name, 'routes.ts');
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(join(process.cwd(), file)).href)) as Record<string, unknown>;
    } catch {
      continue;
    }
    for (const exported of Object.values(module)) {
      if (!exported || typeof exported !== 'object') continue;
      for (const [operation, decl] of Object.entries(exported as Record<string, unknown>)) {
        const route = decl as Partial<RouteDecl> | undefined;
        if (!route || typeof route !== 'object' || typeof route.method !== 'string' || typeof route.path !== 'string') continue;
        if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method) || !(route.body || route.accepts)) continue;
        found.push({ ...(route as RouteDecl), operation });
      }
    }
  }
  return found;
};

/** A path value the route's own parameter schema accepts, so the body is what gets tested. */
const PARAM_CANDIDATES = ['fuzz-1', 'sub_01HZZZZZZZZZZZZZZZZZZZZZZZ', 'imp_01HZZZZZZZZZZZZZZZZZZZZZZZ', 'rev_fuzz', 'abcdefghij0123456789', '1', 'agr_01HZZZZZZZZZZZZZZZZZZZZZZZ', 'job_01HZZZZZZZZZZZZZZZZZZZZZZZ', 'p-fuzz'];
const concretePath = (route: WriteRoute): string =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const schema = (route.params?.shape as Record<string, z.ZodType> | undefined)?.[name];
    return encodeURIComponent(PARAM_CANDIDATES.find((c) => schema?.safeParse(c).success) ?? 'fuzz-1');
  });

const topKeys = (route: WriteRoute): string[] => {
  const shape = (route.body as { shape?: Record<string, unknown> } | undefined)?.shape;
  const keys = shape ? Object.keys(shape) : [];
  return keys.length > 0 ? keys : ['fields', 'records', 'name'];
};

const HUGE = ['1e400', '-1e400', '1e308', '-1e308', '9007199254740993', '123456789012345678901234567890', '1e-400', '-0', '0.1e999999'];
const PROTO = ['"__proto__":{"isAdmin":true,"role":"admin"}', '"constructor":{"prototype":{"polluted":1}}', '"prototype":null', '"__defineGetter__":1', '"hasOwnProperty":"x"'];
const BAD_UTF8 = [[0xff], [0xfe, 0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0x00]];

/** One malformed body as raw bytes: wrong types, huge numbers as JSON text, deep nesting, bad UTF-8, prototype and unknown keys. */
const malformedBody = (keys: string[]): fc.Arbitrary<Buffer> => {
  const key = fc.constantFrom(...keys);
  const text = (s: fc.Arbitrary<string>) => s.map((v) => Buffer.from(v, 'utf8'));
  return fc.oneof(
    // Wrong type at the root or at a known key.
    text(fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 })).map((v) => JSON.stringify(v))),
    text(fc.tuple(key, fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.string({ maxLength: 20 }))).map(([k, v]) => JSON.stringify({ [k]: v, fuzzUnknown: 1 }))),
    // Huge and non-finite numbers as raw JSON text, at a known key, nested one level, or in an array.
    text(fc.tuple(key, fc.constantFrom(...HUGE), fc.constantFrom(...keys, 'legalName', 'amountMinor', 'overlapHours')).map(([k, n, inner]) => `{"${k}":{"${inner}":${n}},"${k}2":${n}}`)),
    text(fc.tuple(key, fc.constantFrom(...HUGE)).map(([k, n]) => `{"${k}":[${n},{"amountMinor":${n}}]}`)),
    // Deep nesting: arrays, objects under a known key.
    text(fc.constantFrom(1_000, 10_000, 100_000).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`)),
    text(fc.tuple(key, fc.constantFrom(200, 2_000, 20_000)).map(([k, n]) => `{"${k}":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`)),
    text(fc.tuple(key, fc.constantFrom(200, 5_000)).map(([k, n]) => `{"${k}":{"custom":${'['.repeat(n)}${']'.repeat(n)}}}`)),
    // Invalid UTF-8 bytes in a key, in a value, or instead of the JSON.
    fc.tuple(key, fc.constantFrom(...BAD_UTF8), fc.constantFrom('key', 'value', 'raw')).map(([k, bytes, where]) =>
      where === 'key'
        ? Buffer.concat([Buffer.from('{"'), Buffer.from(bytes), Buffer.from(`":1,"${k}":1}`)])
        : where === 'value'
          ? Buffer.concat([Buffer.from(`{"${k}":"`), Buffer.from(bytes), Buffer.from('","fuzzUnknown":true}')])
          : Buffer.concat([Buffer.from(bytes), Buffer.from('{}')]),
    ),
    // Prototype keys at the root and under a known key.
    text(fc.tuple(key, fc.constantFrom(...PROTO), fc.boolean()).map(([k, p, nested]) => (nested ? `{"${k}":{${p}}}` : `{${p},"${k}":{}}`))),
    // Unknown keys beside known ones.
    text(fc.tuple(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !keys.includes(s)), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }), key).map(([extra, k]) => JSON.stringify({ ...extra, [k]: extra }))),
  );
};

/** Digest of every item in the table (scan order differs: items are sorted first). */
const tableDigest = async (client: DynamoDBClient, tableName: string): Promise<{ digest: string; items: number }> => {
  const items: string[] = [];
  for await (const page of paginateScan({ client }, { TableName: tableName, ConsistentRead: true })) {
    for (const item of page.Items ?? []) items.push(JSON.stringify(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1))));
  }
  items.sort();
  return { digest: createHash('sha256').update(items.join('\n')).digest('hex'), items: items.length };
};

const routes = await writeRoutes();

describe('write routes under malformed input (seeded fuzz)', () => {
  let t: TestHub;
  let dynamo: DynamoDBClient;
  beforeAll(async () => {
    // Schedules off (periods × 10⁶): a scheduled writer (the audit checkpoint every 5 min) landing while a route is
    // fuzzed would change the table digest that proves a refused request wrote nothing.
    t = await startTestHub({ scheduleScale: 1e6 });
    dynamo = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });
  afterAll(async () => {
    dynamo?.destroy();
    await t?.stop();
  });

  it('finds the write routes of every function (at least 30)', () => {
    console.log(`write fuzz seed: ${SEED} (repeat with RB_FUZZ_SEED=${SEED})`);
    expect(routes.length).toBeGreaterThanOrEqual(30);
  });

  // One test per route, each with its own budget: a loaded machine slows every route alike, and a
  // failure names its route.
  for (const [index, route] of routes.entries()) {
    it(`${route.method} ${route.path}: ${BODIES_PER_ROUTE} malformed bodies → 4xx problem+json (never 5xx), and a refused request writes nothing`, { timeout: 180_000 }, async () => {
      const bodies = fc.sample(malformedBody(topKeys(route)), { numRuns: BODIES_PER_ROUTE, seed: SEED + index });
      const path = concretePath(route);
      const contentType = route.accepts?.[0] ?? 'application/json';
      const fiveHundreds: string[] = [];
      const before = await tableDigest(dynamo, t.hub.resources.tableName);
      const statuses: number[] = [];
      for (let i = 0; i < bodies.length; i += CONCURRENCY) {
        const answers = await Promise.all(
          bodies.slice(i, i + CONCURRENCY).map(async (body) => {
            // Raw bytes (invalid UTF-8 included): undici's request, as the typed client only sends valid JSON.
            const response = await request(`${t.hub.url}${path}`, { method: route.method, headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': contentType }, body });
            const text = await response.body.text();
            if (response.statusCode >= 500) fiveHundreds.push(`${response.statusCode}: ${body.subarray(0, 120).toString('utf8')} → ${text.slice(0, 200)}`);
            else if (response.statusCode >= 400) expect(response.headers['content-type'], `${route.method} ${route.path}`).toBe('application/problem+json');
            return response.statusCode;
          }),
        );
        statuses.push(...answers);
      }
      const after = await tableDigest(dynamo, t.hub.resources.tableName);
      expect(fiveHundreds).toEqual([]);
      if (statuses.every((s) => s >= 400 && s < 500)) expect(after, `every answer was 4xx, so nothing may be written (seed ${SEED + index})`).toEqual(before);
    });
  }
});
