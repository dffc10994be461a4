import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, E2E_WAIT_MS, ensureConnection } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/** Small buckets so the test empties them in a few requests; refills are quick, waited for as conditions. */
const RATE_LIMITS = { read: { burst: 4, perSecond: 2 }, write: { burst: 3, perSecond: 2 }, bulk: { burst: 1, perSecond: 1 } };

/** Calls until the hub answers 429 (at most `max` calls); returns every answer. */
const untilLimited = async (call: () => ReturnType<TestHub['api']>, max = 30) => {
  const answers = [];
  for (let i = 0; i < max; i += 1) {
    const answer = await call();
    answers.push(answer);
    if (answer.status === 429) break;
  }
  return answers;
};

describe('rate limits per principal (token buckets per route class)', () => {
  let t: TestHub;

  beforeAll(async () => {
    t = await startTestHub({ env: { RATE_LIMITS: JSON.stringify(RATE_LIMITS) } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers 429 problem+json with Retry-After once the read bucket is empty, and serves again after the refill', async () => {
    const answers = await untilLimited(() => t.api('GET', '/v1/subscriptions'));
    const limited = answers.at(-1)!;

    expect(limited.status).toBe(429);
    // Never more than the burst plus what refilled meanwhile (2 a second) before the refusal.
    expect(answers.length - 1).toBeGreaterThanOrEqual(RATE_LIMITS.read.burst);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    expect(limited.json).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('ratelimit-limit')).toBe(String(RATE_LIMITS.read.burst));
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');

    // Recovery: the bucket refills at 2 tokens a second; wait for the condition, not a fixed time.
    await expect.poll(async () => (await t.api('GET', '/v1/subscriptions')).status, { timeout: E2E_WAIT_MS, interval: 200 }).toBe(200);
  });

  it('keeps separate buckets per principal and per class: another key, and the same key\'s writes, still pass', async () => {
    const { key: other } = await createApiKey(t, { name: 'second admin', role: 'admin' });
    const tenant = await ensureConnection(t, 'rl-tenant');
    const answers = await untilLimited(() => t.api('GET', '/v1/subscriptions'));
    expect(answers.at(-1)!.status).toBe(429);

    const otherRead = await t.api('GET', '/v1/subscriptions', { key: other });
    const ownWrite = await t.api('POST', '/v1/admin/api-keys', { body: { name: 'third', role: 'crm', tenantRef: tenant } });

    expect(otherRead.status, otherRead.text).toBe(200);
    expect(ownWrite.status, ownWrite.text).toBe(201);
  });

  it('limits writes and bulk routes in their own, smaller buckets', async () => {
    const writes = await untilLimited(() => t.api('PUT', '/v1/customers/rl-write-1', { body: { kind: 'business', fields: { legalName: 'Rate GmbH', country: 'DE' } } }));
    const bulk = await untilLimited(() => t.api('POST', '/v1/exports/portfolio', { body: { format: 'ndjson' } }));

    expect(writes.at(-1)!.status).toBe(429);
    expect(writes.at(-1)!.json.detail).toContain('write');
    expect(bulk.map((a) => a.status)).toEqual([202, 429]);
    expect(bulk[1]!.json.detail).toContain('bulk');
    await expect.poll(async () => (await t.api('POST', '/v1/exports/portfolio', { body: { format: 'ndjson' } })).status, { timeout: E2E_WAIT_MS, interval: 250 }).toBe(202);
  });

  it('does not count requests without a principal (401 stays 401)', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.api('GET', '/v1/subscriptions', { key: null })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(401));
  });
});
