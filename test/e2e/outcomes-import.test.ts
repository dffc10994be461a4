import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

describe('POST /v1/outcomes: bulk outcome labels', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t?.stop());

  it('records CSV and NDJSON rows once, refuses a bad file whole with row paths, and answers only CSV or NDJSON', async () => {
    for (const id of ['oc-1', 'oc-2']) expect((await t.api('PUT', `/v1/customers/${id}`, { body: { fields: { legalName: `${id} GmbH`, country: 'DE' } } })).status).toBe(201);
    const csv = 'customerId,defaulted,at\noc-1,true,2026-06-30T00:00:00Z\noc-2,false,2026-06-30T00:00:00Z\n';
    const first = await t.api('POST', '/v1/outcomes', { rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toEqual({ received: 2, recorded: 2, duplicates: 0 });
    const again = await t.api('POST', '/v1/outcomes', { rawBody: '{"customerId":"oc-1","defaulted":true,"at":"2026-06-30T02:00:00+02:00"}\n', headers: { 'content-type': 'application/x-ndjson' } });
    expect(again.status, again.text).toBe(200);
    expect(again.json).toEqual({ received: 1, recorded: 0, duplicates: 1 });

    const bad = await t.api('POST', '/v1/outcomes', { rawBody: 'customerId,defaulted,at\noc-1,maybe,2026-06-30T00:00:00Z\noc-404,true,2026-06-30T00:00:00Z\n', headers: { 'content-type': 'text/csv' } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(['rows[0].defaulted']);
    const unknown = await t.api('POST', '/v1/outcomes', { rawBody: 'customerId,defaulted,at\noc-404,true,2026-06-30T00:00:00Z\n', headers: { 'content-type': 'text/csv' } });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ path: 'rows[0].customerId', code: 'unknown_customer' })]);

    const json = await t.api('POST', '/v1/outcomes', { body: { customerId: 'oc-1', defaulted: true, at: '2026-06-30T00:00:00Z' } });
    expect(json.status).toBe(415);
    // Nothing to import is a request that cannot be read.
    const empty = await t.api('POST', '/v1/outcomes', { rawBody: '', headers: { 'content-type': 'text/csv' } });
    expect(empty.status, empty.text).toBe(400);
    expect(empty.json).toMatchObject({ code: 'malformed_input' });
  });
});
