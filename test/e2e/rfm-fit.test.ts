import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const AS_OF = Date.UTC(2010, 0, 1);
const day = (daysBefore: number): string => new Date(AS_OF - daysBefore * 86_400_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Six customers: (orders, days from the last one to 2010-01-01). Worked out by hand: recency
 * quintiles of [1,3,10,20,30,40] are 3, 10, 20, 30 days; frequency ranks (ties by id) give F1 F1 F2
 * F3 F4 F5. 20001 also has a cancellation two days before the as-of date, which must not make it recent.
 */
const CUSTOMERS: [id: string, orders: number, last: number, segment: string][] = [
  ['20001', 1, 40, 'Hibernating'],
  ['20002', 1, 3, 'New'],
  ['20003', 2, 20, 'About to Sleep'],
  ['20004', 3, 10, 'Potential Loyalist'],
  ['20005', 4, 30, 'At Risk'],
  ['20006', 6, 1, 'Champions'],
];

const csv = (): string => {
  const lines = ['Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country'];
  let invoice = 500_000;
  for (const [id, orders, last] of CUSTOMERS) {
    for (let n = orders - 1; n >= 0; n -= 1) lines.push(`${invoice++},85048,LIGHTS,2,${day(last + n * 5)},3.50,${id},United Kingdom`);
  }
  lines.push(`C${invoice},85048,LIGHTS,-1,${day(2)},3.50,20001,United Kingdom`);
  return lines.join('\n');
};

describe('RFM fit as of a date: a historical import is measured against its own last day, not today', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers 404 before a fit, 422 with nothing to fit or a bad date, then fits the imported customers by hand-computed segments', async () => {
    expect((await t.api('GET', '/v1/rfm/fit')).status).toBe(404);
    const empty = await t.api('POST', '/v1/rfm/fit', { body: { asOf: '2010-01-01' } });
    expect(empty.status).toBe(422);
    expect(empty.json.type).toMatch(/no-rfm-data$/);
    const bad = await t.api('POST', '/v1/rfm/fit', { body: { asOf: '2010-13-40' } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(['asOf']);

    const created = await t.api('POST', '/v1/imports?mapping=online-retail-ii&connectionId=e2e-rfm', { rawBody: csv(), headers: { 'content-type': 'text/csv' } });
    expect(created.status).toBe(202);
    const job = await until(() => t.api('GET', `/v1/imports/${created.json.import.jobId}`), (r) => r.json?.import?.done === true);
    expect(job.json.import.recordsFailed).toBe(0);

    const fitted = await t.api('POST', '/v1/rfm/fit', { body: { asOf: '2010-01-01' } });
    expect(fitted.status).toBe(201);
    expect(fitted.json.fit).toMatchObject({ asOf: '2010-01-01T00:00:00.000Z', customers: 6, recencyDays: [3, 10, 20, 30] });
    const expected: Record<string, number> = {};
    for (const [, , , segment] of CUSTOMERS) expected[segment] = (expected[segment] ?? 0) + 1;
    expect(fitted.json.fit.segmentCounts).toEqual(expected);
    expect((await t.api('GET', '/v1/rfm/fit')).json).toEqual(fitted.json);
  });
});
