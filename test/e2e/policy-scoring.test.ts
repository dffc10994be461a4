import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/domain/rating/default-policy.js';
import { parsePolicy } from '../../shared/domain/rating/policy.js';
import { planColumns, rateRecord } from '../../shared/domain/rating/scoring/rate-record.js';
import { createApiKey } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/** A boosted draft on a field, an aggregate and a derived feature, with one pair term. */
const boostedDraft = () => {
  const base = JSON.parse(JSON.stringify(DEFAULT_POLICY)) as typeof DEFAULT_POLICY;
  return {
    ...base,
    version: 2,
    status: 'draft',
    name: 'Boosted draft for the policy lab',
    scoring: {
      family: 'boosted',
      features: [
        { id: 'country', label: 'Country', path: 'fields.country', kind: 'categorical' },
        { id: 'orders', label: 'Orders', path: 'aggregates.orders.count', kind: 'numeric' },
        { id: 'worst_dpd', label: 'Worst DPD', path: 'derived.worst_days_past_due', kind: 'numeric', params: { includeBureaus: true } },
      ],
      scaling: base.scoring.scaling,
      basePoints: 540.5,
      minFeatures: 2,
      characteristics: [
        { type: 'categorical', feature: 'country', bins: [{ values: ['DE'], points: 12.5 }, { values: ['FR', 'GB'], points: 3 }], otherPoints: -4, missingPoints: -8, reasonCode: 'C1', reasonText: 'Country risk' },
        { type: 'numeric', feature: 'orders', bins: [{ to: 10, points: -20 }, { from: 10, points: 15 }], missingPoints: -30, reasonCode: 'O1', reasonText: 'Few orders' },
        { type: 'numeric', feature: 'worst_dpd', bins: [{ to: 1, points: 25 }, { from: 1, to: 30, points: 0 }, { from: 30, points: -40 }], missingPoints: 0, reasonCode: 'D1', reasonText: 'Late payments' },
      ],
      pairs: [{ features: ['country', 'orders'], table: [[4, -2, 0], [-1, 3, 0], [0, 0, 0], [2, -6, 0]] }],
    },
  };
};

const RECORD = { 'fields.country': 'FR', 'aggregates.orders.count': 4, 'derived.worst_days_past_due': 12, 'limit.averageMonthlyPurchasesMinor': 250_000, crm_id: 'x-1' };

describe('POST /v1/policies/{version}/score', () => {
  let t: TestHub;

  beforeAll(async () => {
    t = await startTestHub();
    const created = await t.api('POST', '/v1/policies', { body: boostedDraft() });
    expect(created.status, created.text).toBe(201);
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('scores one JSON record of a CRM prospect against a draft as the engine does, naming missing and extra columns', async () => {
    // Act
    const res = await t.api('POST', '/v1/policies/2/score', { body: RECORD });
    // Assess
    expect(res.status, res.text).toBe(200);
    const policy = parsePolicy(boostedDraft());
    const expected = rateRecord(RECORD, policy, planColumns(Object.keys(RECORD), policy), new Date());
    expect(res.json).toMatchObject({ policyVersion: 2, policyStatus: 'draft', columns: { missing: [], extra: ['crm_id'] } });
    expect(res.json.rows).toEqual([
      expect.objectContaining({ row: 1, status: 'rated', score: expected.score, grade: expected.grade, limit: expected.limit.amountMinor, reasons: expected.reasons.map((r) => ({ code: r.code, text: r.text })) }),
    ]);
    expect(res.json.rows[0].reasons[0]).toEqual({ code: 'O1', text: 'Few orders' });
  });

  it('scores NDJSON rows in order and answers an unreadable line unrated with why', async () => {
    const lines = [JSON.stringify(RECORD), '{oops', JSON.stringify({ 'fields.country': 'DE' })].join('\n');
    const res = await t.api('POST', '/v1/policies/2/score', { rawBody: lines, headers: { 'content-type': 'application/x-ndjson' } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.rows.map((r: { row: number; status: string; why?: string }) => [r.row, r.status, r.why])).toEqual([
      [1, 'rated', undefined],
      [2, 'insufficient_data', 'not valid JSON'],
      [3, 'insufficient_data', '1 of 3 rating features available; 2 required'],
    ]);
    expect(res.json.rows[2].limit).toBe(0);
  });

  it('answers 413 beyond 1,000 rows, pointing to file scoring', async () => {
    const lines = Array.from({ length: 1_001 }, () => '{"fields.country":"DE","aggregates.orders.count":3}').join('\n');
    const res = await t.api('POST', '/v1/policies/2/score', { rawBody: lines, headers: { 'content-type': 'application/x-ndjson' } });
    expect(res.status).toBe(413);
    expect(res.json.detail).toContain('rb score');
  });

  it('refuses wrong columns (422), a malformed body (400), an unknown media type (415) and an unknown version (404)', async () => {
    const wrong = await t.api('POST', '/v1/policies/2/score', { body: { name: 'Ada', shoe_size: 38 } });
    expect(wrong.status).toBe(422);
    expect(wrong.json.detail ?? wrong.text).toContain('wrong columns');
    expect((await t.api('POST', '/v1/policies/2/score', { rawBody: '{"fields.country":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await t.api('POST', '/v1/policies/2/score', { rawBody: 'a,b', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await t.api('POST', '/v1/policies/99/score', { body: RECORD })).status).toBe(404);
  });

  it('needs a key (401) with policies:manage (403)', async () => {
    expect((await t.api('POST', '/v1/policies/2/score', { body: RECORD, key: null })).status).toBe(401);
    const reader = await createApiKey(t, { name: 'reader', role: 'admin', scopes: ['customers:read'] });
    expect((await t.api('POST', '/v1/policies/2/score', { body: RECORD, key: reader.key })).status).toBe(403);
  });
});
