import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { parsePolicy, type RiskPolicy } from '../../../shared/domain/rating/policy.js';
import { rateProfile } from '../../../shared/domain/rating/rate-profile.js';
import { exportProfileRecord, planColumns, rateRecord } from '../../../shared/domain/rating/scoring/rate-record.js';
import { NOW, dnb, experian, tradingProfile, type TradeOptions } from '../../fixtures/rating/profiles.js';

const tradeArb: fc.Arbitrary<TradeOptions> = fc.record({
  monthlyOrders: fc.integer({ min: 0, max: 40 }),
  monthlyNetMinor: fc.integer({ min: -100_000, max: 10_000_000 }),
  activeMonths: fc.integer({ min: 1, max: 24 }),
  lastOrderDaysAgo: fc.integer({ min: -30, max: 1_000 }),
  openMinor: fc.integer({ min: 0, max: 50_000_000 }),
  overdueMinor: fc.integer({ min: 0, max: 5_000_000 }),
  maxDaysPastDue: fc.integer({ min: 0, max: 200 }),
  payments: fc.integer({ min: 0, max: 200 }),
  lateCount: fc.integer({ min: 0, max: 200 }),
  daysLateSum: fc.integer({ min: 0, max: 5_000 }),
});

const profileArb = fc
  .record({
    trade: tradeArb,
    fico: fc.option(fc.integer({ min: 300, max: 850 }), { nil: undefined }),
    paydex: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    bureauLimit: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: undefined }),
    country: fc.option(fc.constantFrom('DE', 'FR', 'GB', 'US'), { nil: undefined }),
    employees: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: undefined }),
    segment: fc.option(fc.constantFrom('smb', 'ent', 'gov'), { nil: undefined }),
    frozen: fc.boolean(),
  })
  .map(({ trade, fico, paydex, bureauLimit, country, employees, segment, frozen }): CustomerProfile => {
    const p = tradingProfile(trade);
    const at = { source: 'test', observedAt: NOW.toISOString() };
    if (fico !== undefined) p.credit.experian = experian(fico);
    if (paydex !== undefined) p.credit.dnb = dnb(paydex, bureauLimit);
    if (country !== undefined) p.fields = { ...p.fields, country: { value: country, ...at } } as CustomerProfile['fields'];
    p.custom = {
      ...(employees !== undefined ? { employees: { value: employees, ...at } } : {}),
      ...(segment !== undefined ? { segment: { value: segment, ...at } } : {}),
    };
    if (frozen) p.freeze = { frozenAt: NOW.toISOString(), by: 'test', reason: 'test' };
    return p;
  });

/** A boosted policy on canonical paths (field, aggregate, custom attributes, a derived feature) with a pair term. */
const BOOSTED: RiskPolicy = parsePolicy({
  ...JSON.parse(JSON.stringify(DEFAULT_POLICY)),
  version: 7,
  status: 'draft',
  scoring: {
    family: 'boosted',
    features: [
      { id: 'country', label: 'Country', path: 'fields.country', kind: 'categorical' },
      { id: 'orders', label: 'Orders', path: 'aggregates.orders.count', kind: 'numeric' },
      { id: 'employees', label: 'Employees', path: 'custom.employees', kind: 'numeric' },
      { id: 'segment', label: 'Segment', path: 'custom.segment', kind: 'categorical' },
      { id: 'worst_dpd', label: 'Worst DPD', path: 'derived.worst_days_past_due', kind: 'numeric', params: { includeBureaus: true } },
    ],
    scaling: DEFAULT_POLICY.scoring.scaling,
    basePoints: 512.25,
    minFeatures: 3,
    characteristics: [
      { type: 'categorical', feature: 'country', bins: [{ values: ['DE'], points: 12.5 }, { values: ['FR', 'GB'], points: 3 }], otherPoints: -4, missingPoints: -8, reasonCode: 'C1', reasonText: 'Country' },
      { type: 'numeric', feature: 'orders', bins: [{ to: 10, points: -20 }, { from: 10, to: 100, points: 4.25 }, { from: 100, points: 18 }], missingPoints: -30, reasonCode: 'O1', reasonText: 'Few orders' },
      { type: 'numeric', feature: 'employees', bins: [{ to: 50, points: -6 }, { from: 50, points: 9 }], missingPoints: -2, reasonCode: 'E1', reasonText: 'Small company' },
      { type: 'categorical', feature: 'segment', bins: [{ values: ['ent'], points: 7 }, { values: ['smb'], points: -3 }], otherPoints: 0, missingPoints: -1, reasonCode: 'S1', reasonText: 'Segment' },
      { type: 'numeric', feature: 'worst_dpd', bins: [{ to: 1, points: 25 }, { from: 1, to: 30, points: 0 }, { from: 30, points: -40 }], missingPoints: 0, reasonCode: 'D1', reasonText: 'Late payments' },
    ],
    pairs: [
      {
        features: ['orders', 'segment'],
        table: [
          [-5, 2, 0, 1.5],
          [0.5, -1, 3, 0],
          [4, -6.75, 1, 2],
          [0, 0, 0, 0],
        ],
      },
    ],
  },
});

/** What a CSV file would hold: every value as text. */
const asCsvRow = (record: Record<string, unknown>): Record<string, string> => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)]));

const comparable = (p: CustomerProfile, policy: RiskPolicy) => {
  const live = rateProfile(p, policy, NOW);
  return {
    status: live.status,
    score: live.score,
    pd: live.pd,
    grade: live.grade,
    limit: live.limit?.recommended,
    reasons: live.reasons.map((r) => ({ code: r.code, text: r.text })),
  };
};

describe('file scoring engine', () => {
  it.each([
    ['the default scorecard', DEFAULT_POLICY],
    ['a boosted policy on fields, aggregates, custom attributes and a pair', BOOSTED],
  ])('scores a profile’s flat export exactly as live rating rates the profile (%s)', (_, policy) => {
    fc.assert(
      fc.property(profileArb, fc.boolean(), (profile, csv) => {
        // Prepare
        const exported = exportProfileRecord(profile, policy, NOW);
        const record = csv ? asCsvRow(exported) : exported;
        // Act
        const scored = rateRecord(record, policy, planColumns(Object.keys(record), policy), NOW);
        // Assess
        expect({ status: scored.status, score: scored.score, pd: scored.pd, grade: scored.grade, limit: scored.limit, reasons: scored.reasons.map((r) => ({ code: r.code, text: r.text })) }).toEqual(
          comparable(profile, policy),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('reports the features a header lacks and the columns it has extra', () => {
    const plan = planColumns(['row', 'fields.country', 'aggregates.orders.count', 'shoe_size'], BOOSTED);
    expect(plan.missing.map((m) => m.feature)).toEqual(['employees', 'segment', 'worst_dpd']);
    expect(plan.extra).toEqual(['shoe_size']);
  });

  it('says why a row with too few features is not rated and gives it no limit', () => {
    const plan = planColumns(['fields.country'], BOOSTED);
    const r = rateRecord({ 'fields.country': 'DE' }, BOOSTED, plan, NOW);
    expect(r).toMatchObject({ status: 'insufficient_data', limit: { amountMinor: 0 } });
    expect(r.why).toBe('1 of 5 rating features available; 3 required');
  });
});
