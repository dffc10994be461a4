import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import { DEFAULT_POLICY, DEFAULT_POLICY_INPUT } from '../../../shared/domain/rating/default-policy.js';
import { parsePolicy, type RiskPolicyInput } from '../../../shared/domain/rating/policy.js';
import { rateProfile, sameRatingInputs } from '../../../shared/domain/rating/rate-profile.js';
import { NOW } from '../../fixtures/rating/profiles.js';
import { GOLDEN_PROFILE_COUNT, V1_EVERY_EXTRACTOR, V1_GOLDEN_POLICIES, goldenProfile, ratingDigest } from '../../fixtures/rating/v1-golden.js';

/** The default policy in format 2, as an author would write it (defaults applied, JSON round trip). */
const v2 = (): RiskPolicyInput => JSON.parse(JSON.stringify({ ...DEFAULT_POLICY, version: 3, status: 'draft' })) as RiskPolicyInput;

const issuesOf = (input: unknown): { path: string; message: string; code?: string }[] => {
  try {
    parsePolicy(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
};

describe('policy format 2', () => {
  it('reads a format 2 document with its named sections and gives back the same document', () => {
    // Act
    const policy = parsePolicy(v2());
    // Assess
    expect(Object.keys(policy)).toEqual(expect.arrayContaining(['schemaVersion', 'scoring', 'grades', 'limits', 'rfm', 'partners', 'alerts', 'measures', 'cadence']));
    expect(parsePolicy(JSON.parse(JSON.stringify(policy)))).toEqual(policy);
  });

  it('applies section defaults when a later section is omitted', () => {
    const input = v2() as Record<string, unknown>;
    delete input['partners'];
    delete input['alerts'];
    delete input['measures'];
    delete input['cadence'];
    const policy = parsePolicy(input);
    expect(policy.alerts).toMatchObject({ downgradeNotches: 2, dpdThresholds: [30, 60], cooldownHours: 24, rules: [] });
    expect(policy.alerts.sla.critical).toEqual({ acknowledgeHours: 1, resolveHours: 24 });
    expect(policy.measures).toEqual({ onDefault: 'freeze_limit', onAlert: [] });
    expect(policy.partners).toEqual({ weights: {}, defaultWeight: 0.2, combine: 'pooled' });
    expect(policy.cadence).toMatchObject({ rerateHours: { default: 24, byGrade: {} }, bureauBudget: { pulls: 100, period: 'day' } });
  });

  it('refuses unknown partner, alert, measure and cadence keys, naming each path', () => {
    const input = v2() as unknown as Record<string, Record<string, unknown>>;
    input['partners'] = { partnerWeights: { 'agency-1': 0.5 } };
    input['alerts'] = { ...input['alerts'], cooldownHours: 12, anomaly: { zScore: 3 } };
    input['cadence'] = { reevaluateHours: 6 };
    const issues = issuesOf(input);
    expect(issues.map((i) => [i.path, i.code])).toEqual(
      expect.arrayContaining([
        ['partners.partnerWeights', 'unrecognized_keys'],
        ['alerts.anomaly', 'unrecognized_keys'],
        ['cadence.reevaluateHours', 'unrecognized_keys'],
      ]),
    );
    expect(issues).toHaveLength(3);
  });

  it('reads alert rules, cool-downs, SLA, measures and cadence (none dropped)', () => {
    const input = v2() as unknown as Record<string, unknown>;
    input['alerts'] = {
      cooldownHours: 12,
      rules: [
        { id: 'order-volume', kind: 'anomaly', severity: 'warning', metric: 'order_volume', period: 'week', direction: 'down' },
        { id: 'drift', kind: 'event', severity: 'info', eventType: 'rating.drift_detected', cooldownHours: 48 },
        { id: 'utilisation', kind: 'utilisation', severity: 'warning', abovePercent: 90 },
      ],
      sla: { calendar: { utcOffsetMinutes: 480, workingHours: { from: '09:00', to: '18:00' } } },
    };
    input['measures'] = { onAlert: [{ rule: 'utilisation', take: [{ type: 'reduce_limit', params: { keepPercent: 80 }, expiresAfterHours: 72 }] }] };
    input['cadence'] = { rerateHours: { default: 24, byGrade: { A: 168 } }, bureauBudget: { pulls: 20, period: 'week' } };
    const policy = parsePolicy(input);
    expect(policy.alerts.cooldownHours).toBe(12);
    expect(policy.alerts.rules[0]).toMatchObject({ kind: 'anomaly', minPeriods: 6, threshold: 2.75, dedupeKey: '{rule}:{customerId}' });
    expect(policy.alerts.rules[1]).toMatchObject({ cooldownHours: 48 });
    expect(policy.alerts.sla.calendar).toMatchObject({ utcOffsetMinutes: 480, workingDays: [1, 2, 3, 4, 5] });
    expect(policy.measures.onAlert[0]!.take[0]).toEqual({ type: 'reduce_limit', params: { keepPercent: 80 }, expiresAfterHours: 72 });
    expect(policy.cadence.rerateHours.byGrade).toEqual({ A: 168 });
    expect(parsePolicy(JSON.parse(JSON.stringify(policy)))).toEqual(policy);
  });

  it('refuses unknown rule fields, too-short anomaly histories, unknown rule references and grades, naming each path', () => {
    const input = v2() as unknown as Record<string, unknown>;
    input['alerts'] = {
      rules: [
        { id: 'pd', kind: 'pd_jump', severity: 'warning', minIncrease: 0.05, colour: 'red' },
        { id: 'volume', kind: 'anomaly', severity: 'warning', metric: 'order_volume', period: 'week', minPeriods: 3 },
      ],
    };
    input['measures'] = { onAlert: [{ rule: 'nope', take: [{ type: 'freeze_all_credit' }] }] };
    input['cadence'] = { rerateHours: { default: 24, byGrade: { Z: 1 } } };
    const paths = issuesOf(input).map((i) => [i.path, i.code]);
    expect(paths).toEqual(expect.arrayContaining([['alerts.rules[0].colour', 'unrecognized_keys'], ['alerts.rules[1].minPeriods', 'too_small']]));
    const refs = v2() as unknown as Record<string, unknown>;
    refs['measures'] = { onAlert: [{ rule: 'nope', take: [{ type: 'freeze_all_credit' }] }] };
    refs['cadence'] = { rerateHours: { default: 24, byGrade: { Z: 1 } } };
    expect(issuesOf(refs).map((i) => i.path)).toEqual(expect.arrayContaining(['measures.onAlert[0].rule', 'cadence.rerateHours.byGrade.Z']));
  });

  it('refuses unknown keys in every section with their paths (scoring.features[1].weight, grades.colour)', () => {
    const input = v2() as unknown as { scoring: { features: Record<string, unknown>[] }; grades: Record<string, unknown>; measures: Record<string, unknown> };
    input.scoring.features[1]!['weight'] = 2;
    input.grades['colour'] = 'green';
    input.measures['onDowngrade'] = 'call';
    expect(issuesOf(input).map((i) => i.path).sort()).toEqual(['grades.colour', 'measures.onDowngrade', 'scoring.features[1].weight']);
  });

  it('names format 2 paths in cross-field rules (bins, grade scale, characteristic kind, derived params)', () => {
    const input = v2();
    (input.scoring.characteristics[1]!.bins as { from?: number }[])[2]!.from = 31;
    input.grades.scale[3] = { grade: 'AA', maxPd: 0.0001 };
    input.scoring.features[0]!.kind = 'categorical';
    input.scoring.features[4]!.params = { months: 99 };
    input.scoring.features[5]!.params = { colour: 'red' };
    input.scoring.features[6]!.path = 'derived.astrology';
    const paths = issuesOf(input).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'scoring.characteristics[1].bins[2].from',
        'grades.scale[3].grade',
        'grades.scale[3].maxPd',
        'scoring.characteristics[0].type',
        'scoring.features[4].params.months',
        'scoring.features[5].params.colour',
        'scoring.features[6].path',
      ]),
    );
  });

  it('refuses params on a feature that is not derived, and a path outside the canonical sources', () => {
    const input = v2();
    input.scoring.features[0] = { id: 'bureau_score', label: 'x', path: 'fields.country', kind: 'categorical', params: { months: 3 } };
    input.scoring.features[1]!.path = 'profile.secret';
    const paths = issuesOf(input).map((i) => i.path);
    expect(paths).toContain('scoring.features[0].params');
    expect(paths).toContain('scoring.features[1].path');
  });
});

describe('policy format 1 → 2 migration', () => {
  it('migrates every v1 extractor to a canonical path, keeping the training column', () => {
    const policy = parsePolicy(V1_EVERY_EXTRACTOR);
    const byId = Object.fromEntries(policy.scoring.features.map((f) => [f.id, f]));
    expect(byId['bureau_score']).toMatchObject({ path: 'derived.bureau_score_percentile', params: { bureau: 'experian', model: 'fico', combine: 'mean' } });
    expect(byId['orders_6m']).toMatchObject({ path: 'derived.orders_12m', params: { months: 6 } });
    expect(byId['country']).toMatchObject({ path: 'fields.country', kind: 'categorical', trainingColumn: 'country' });
    expect(byId['dpd_col']).toMatchObject({ path: 'derived.worst_days_past_due', params: { includeBureaus: true }, kind: 'numeric', trainingColumn: 'worst_dpd' });
    expect(byId['shoe_size']).toMatchObject({ path: 'custom.shoe_size', trainingColumn: 'shoe_size' });
    expect(policy.grades.defaultDpd).toBe(60);
    expect(policy.measures.onDefault).toBe('none');
    expect(policy.alerts).toMatchObject({ downgradeNotches: 3, dpdThresholds: [15, 45] });
    expect(policy.scoring.minFeatures).toBe(5);
  });

  it('rates every profile of the golden portfolio exactly as the version 1 engine did', () => {
    // Prepare: what the v1 engine (before format 2) answered, recorded in the fixture.
    const recorded = JSON.parse(readFileSync(new URL('../../fixtures/rating/v1-engine-ratings.json', import.meta.url), 'utf8')) as Record<string, unknown[]>;
    for (const [name, doc] of Object.entries(V1_GOLDEN_POLICIES)) {
      // Act
      // The version 1 engine took the highest partner PD; format 2 pools by weight unless `partners.combine` is `max`.
      const parsed = parsePolicy(doc);
      const policy = { ...parsed, partners: { ...parsed.partners, combine: 'max' as const } };
      const ratings = Array.from({ length: GOLDEN_PROFILE_COUNT }, (_, i) => rateProfile(goldenProfile(i), policy, NOW));
      // Assess: the recorded hashes are version 1 (bare SHA-256); today's h2 ratings must recognise them as the same inputs.
      const expected = recorded[name] as Array<{ inputsHash: string }>;
      expect(ratings.map((r, i) => sameRatingInputs(expected[i]?.inputsHash, r)), name).toEqual(ratings.map(() => true));
      expect(ratings.map((r) => ratingDigest({ ...r, inputsHash: 'h1' })), name).toEqual(expected.map((d) => ({ ...d, inputsHash: 'h1' })));
    }
  });

  it('migrated and hand-written format 2 rate the same: the v1 default and its v2 document agree', () => {
    const fromV1 = parsePolicy(DEFAULT_POLICY_INPUT);
    const fromV2 = parsePolicy(JSON.parse(JSON.stringify(fromV1)));
    for (let i = 0; i < 50; i += 1) expect(rateProfile(goldenProfile(i), fromV2, NOW)).toEqual(rateProfile(goldenProfile(i), fromV1, NOW));
  });
});
