import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const WRITERS = 200;
const CUSTOMER = 'hot-customer';

/**
 * Probe of truthful answers under contention: many writers on one customer, each adding its own
 * identifier. Every write answers with the truth: 2xx = committed, 409/503 = nothing committed.
 */
describe('a hot customer (200 concurrent writers)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
    expect((await t.api('PUT', `/v1/customers/${CUSTOMER}`, { body: { kind: 'business', fields: { legalName: 'Hot Trading Ltd' } } })).status).toBe(201);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers every writer with the truth: each 2xx value is there, each 409/503 value is not, no other 5xx', async () => {
    const email = (i: number) => `writer-${i}@hot.example`;
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        try {
          const r = await t.api('PUT', `/v1/customers/${CUSTOMER}`, { body: { identifiers: [{ scheme: 'email', value: email(i) }] } });
          return { i, status: r.status, retryAfter: r.headers.get('retry-after'), failure: undefined };
        } catch (error) {
          // A broken contract (a 5xx) is kept with its problem body, so the assertion below names the cause.
          return { i, status: 0, retryAfter: null, failure: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const committed = answers.filter((a) => a.status >= 200 && a.status < 300);
    const refused = answers.filter((a) => a.status === 409 || a.status === 503);
    const counts = Object.fromEntries([...new Set(answers.map((a) => a.status))].map((s) => [s, answers.filter((a) => a.status === s).length]));
    console.log(`hot customer: ${committed.length}/${WRITERS} committed in ${seconds.toFixed(2)} s = ${(committed.length / seconds).toFixed(1)} committed writes/s; answers ${JSON.stringify(counts)}`);

    expect(answers.flatMap((a) => (a.failure ? [`writer ${a.i}: ${a.failure}`] : []))).toEqual([]);
    expect(committed.length + refused.length).toBe(WRITERS);
    for (const a of refused) expect(a.retryAfter, `writer ${a.i}`).toMatch(/^\d+$/);
    const profile = (await t.api('GET', `/v1/customers/${CUSTOMER}`)).json.profile;
    const held = new Set(profile.identifiers.filter((id: { scheme: string }) => id.scheme === 'email').map((id: { value: string }) => id.value));
    for (const a of committed) expect(held.has(email(a.i)), `committed writer ${a.i}`).toBe(true);
    for (const a of refused) expect(held.has(email(a.i)), `refused writer ${a.i}`).toBe(false);
    expect(held.size).toBe(committed.length);
    expect(committed.length).toBeGreaterThan(0);
  });
});
