import { describe, expect, it } from 'vitest';
import { backtest, BacktestReportSchema, INSUFFICIENT } from '../../../shared/domain/rating/backtest.js';
import { DEFAULT_POLICY, DEFAULT_POLICY_INPUT } from '../../../shared/domain/rating/default-policy.js';
import { parsePolicy } from '../../../shared/domain/rating/policy.js';
import { rateProfile } from '../../../shared/domain/rating/rate-profile.js';
import { NOW, syntheticPortfolio } from '../../fixtures/rating/profiles.js';

/** A stricter draft: 20 points fewer for everyone, so grades can only fall. */
const stricter = parsePolicy({
  ...structuredClone(DEFAULT_POLICY_INPUT),
  version: 2,
  status: 'draft',
  scorecard: { ...structuredClone(DEFAULT_POLICY_INPUT.scorecard), basePoints: 240 },
});

describe('backtest', () => {
  it('reports an identity migration when the draft equals the active policy', () => {
    // Act
    const report = backtest(syntheticPortfolio(300), DEFAULT_POLICY, { ...DEFAULT_POLICY, version: 2 }, NOW);
    // Assess
    expect(BacktestReportSchema.parse(report)).toEqual(report);
    expect(report.profiles).toBe(300);
    for (const [from, row] of Object.entries(report.migration)) expect(Object.keys(row)).toEqual([from]);
    expect(report.upgrades + report.downgrades).toBe(0);
    expect(report.limits.EUR?.deltaMinor).toBe(0);
    expect(report.insufficientData.active).toBe(report.insufficientData.draft);
  });

  it('counts grade migration, limit changes and insufficient data consistently with single ratings', () => {
    // Prepare
    const profiles = [...syntheticPortfolio(400)];
    // Act
    const report = backtest(profiles, DEFAULT_POLICY, stricter, NOW);
    // Assess
    const cells = Object.values(report.migration).flatMap((row) => Object.values(row));
    expect(cells.reduce((a, b) => a + b, 0)).toBe(400);
    expect(report.upgrades).toBe(0);
    expect(report.downgrades).toBeGreaterThan(0);
    const insufficient = profiles.filter((p) => rateProfile(p, DEFAULT_POLICY, NOW).status === 'insufficient_data').length;
    expect(report.insufficientData.active).toBe(insufficient);
    expect(report.countsByGrade.active[INSUFFICIENT] ?? 0).toBe(insufficient);
    const eur = report.limits.EUR!;
    expect(eur.up).toBe(0);
    expect(eur.up + eur.down + eur.unchanged).toBe(400);
    expect(eur.deltaMinor).toBe(eur.draftMinor - eur.activeMinor);
    expect(eur.deltaMinor).toBeLessThan(0);
  });

  it('consumes a one-shot generator without needing the whole portfolio in memory', () => {
    const report = backtest(syntheticPortfolio(50), DEFAULT_POLICY, stricter, NOW);
    expect(report.profiles).toBe(50);
    expect(report.grades[report.grades.length - 1]).toBe(INSUFFICIENT);
  });
});
