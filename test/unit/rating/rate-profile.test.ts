import { describe, expect, it } from 'vitest';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { compareRatings, rateProfile } from '../../../shared/domain/rating/rate-profile.js';
import { RatingResultSchema } from '../../../shared/domain/rating/rating-result.js';
import { pdToScore, scalingConstants, scoreToPd } from '../../../shared/domain/rating/scorecard.js';
import { NOW, daysAgo, dnb, experian, tradingProfile } from '../../fixtures/rating/profiles.js';

describe('scaling', () => {
  it('gives odds 50:1 at 600 points and doubles the odds every 20 points', () => {
    const s = DEFAULT_POLICY.scoring.scaling;
    expect(scoreToPd(600, s)).toBeCloseTo(1 / 51, 10);
    expect(scoreToPd(620, s)).toBeCloseTo(1 / 101, 10);
    expect(pdToScore(1 / 51, s)).toBeCloseTo(600, 8);
    expect(scalingConstants(s).factor).toBeCloseTo(28.8539, 3);
  });

  it('never leaves [0, 1] for extreme scores', () => {
    const s = DEFAULT_POLICY.scoring.scaling;
    expect(scoreToPd(1e9, s)).toBe(0);
    expect(scoreToPd(-1e9, s)).toBe(1);
  });
});

describe('rateProfile', () => {
  it('rates a clean trading customer with bureau data in a good grade with a limit and its reasons', () => {
    // Prepare
    const profile = tradingProfile();
    profile.credit.experian = experian(780);
    profile.credit.dnb = dnb(80, 10_000_000);
    // Act
    const result = rateProfile(profile, DEFAULT_POLICY, NOW);
    // Assess
    expect(RatingResultSchema.parse(result)).toEqual(result);
    expect(result.status).toBe('rated');
    expect(result.grade).toBe('AA');
    expect(result.score).toBe(690);
    expect(result.rfm).toEqual({ r: 5, f: 5, m: 4, segment: 'Champions' });
    // 3–4 × 5,000 EUR monthly (lower than 80–100% of the 100,000 EUR bureau limit), less 5,000 EUR exposure
    expect(result.limit?.recommended.currency).toBe('EUR');
    expect(result.limit?.factors.map((f) => f.name)).toEqual(expect.arrayContaining(['purchase_volume', 'bureau_recommendation', 'exposure']));
    expect(result.limit?.recommended.amountMinor).toBe(1_250_000); // 3.5 × 5,000 EUR (AA) − 5,000 EUR open
    expect(result.limit?.recommended.amountMinor! % 10_000).toBe(0);
    expect(result.policyVersion).toBe(1);
    expect(result.inputsHash).toMatch(/^h2:[A-Za-z0-9_-]{43}$/);
  });

  it('puts the biggest point losses first among at most four adverse reasons', () => {
    const profile = tradingProfile({ overdueMinor: 700_000, oldestOpenDueDaysAgo: 45, maxDaysPastDue: 45, lastOrderDaysAgo: 200 });
    const result = rateProfile(profile, DEFAULT_POLICY, NOW);
    expect(result.reasons.length).toBeLessThanOrEqual(4);
    expect(result.reasons[0]).toEqual({ code: 'R02', text: 'Payments past due', points: -60 });
    const lost = result.reasons.map((r) => -(r.points ?? 0));
    expect([...lost].sort((a, b) => b - a)).toEqual(lost);
  });

  it('is deterministic: same inputs, same result and hash', () => {
    const a = rateProfile(tradingProfile(), DEFAULT_POLICY, NOW);
    const b = rateProfile(tradingProfile(), DEFAULT_POLICY, NOW);
    expect(b).toEqual(a);
  });

  it('changes the inputs hash when the policy version changes', () => {
    const a = rateProfile(tradingProfile(), DEFAULT_POLICY, NOW);
    const b = rateProfile(tradingProfile(), { ...DEFAULT_POLICY, version: 2 }, NOW);
    expect(b.inputsHash).not.toBe(a.inputsHash);
  });

  it('returns insufficient_data without score, grade or PD for an empty profile', () => {
    const result = rateProfile(newProfile('c-0', 'business', NOW), DEFAULT_POLICY, NOW);
    expect(result.status).toBe('insufficient_data');
    expect(result.score).toBeUndefined();
    expect(result.grade).toBeUndefined();
    expect(result.pd).toBeUndefined();
    expect(result.reasons[0]?.code).toBe('INSUFFICIENT_DATA');
    expect(result.limit?.recommended.amountMinor).toBe(0);
    expect(RatingResultSchema.safeParse(result).success).toBe(true);
  });

  it('grades a customer at the default definition D with PD 1 and no limit', () => {
    const profile = tradingProfile({ overdueMinor: 500_000, oldestOpenDueDaysAgo: 95, maxDaysPastDue: 95 });
    const result = rateProfile(profile, DEFAULT_POLICY, NOW);
    expect(result).toMatchObject({ status: 'rated', grade: 'D', pd: 1, defaulted: true, worstDaysPastDue: 95 });
    expect(result.reasons[0]?.code).toBe('DEFAULT');
    expect(result.limit?.recommended.amountMinor).toBe(0);
  });

  it('gives a frozen customer a zero limit but still a grade', () => {
    const profile = tradingProfile();
    profile.freeze = { reason: 'manual review', frozenAt: daysAgo(1), by: 'admin-2' };
    const result = rateProfile(profile, DEFAULT_POLICY, NOW);
    expect(result.grade).toBeDefined();
    expect(result.limit).toEqual({ recommended: { amountMinor: 0, currency: 'EUR' }, factors: [{ name: 'frozen', value: 0, reason: 'Credit is frozen for this customer' }] });
  });

  it('rates contradictory data with warnings instead of failing', () => {
    const profile = tradingProfile({ openMinor: -50_000, overdueMinor: 90_000 });
    profile.aggregates.orders.firstOrderAt = daysAgo(1);
    profile.aggregates.orders.lastOrderAt = daysAgo(300);
    profile.credit.experian = experian(700, { scores: [{ model: 'FICO Score 8', value: 900, min: 850, max: 300, direction: 'higher_is_better' }] });
    const result = rateProfile(profile, DEFAULT_POLICY, NOW);
    expect(result.status).toBe('rated');
    expect(Number.isFinite(result.score)).toBe(true);
    expect(result.warnings?.map((w) => w.code)).toEqual(['DQ_ORDER_DATES', 'DQ_NEGATIVE_EXPOSURE', 'DQ_OVERDUE_EXCEEDS_OPEN']);
    expect(result.features?.days_since_last_order).toBe(1);
    expect(result.features?.bureau_score).toBeNull();
    expect(RatingResultSchema.safeParse(result).success).toBe(true);
  });

  it('ignores bureau reports whose subject did not match', () => {
    const profile = tradingProfile();
    profile.credit.experian = experian(320, { subjectMatch: 'mismatch' });
    expect(rateProfile(profile, DEFAULT_POLICY, NOW).features?.bureau_score).toBeNull();
  });

  it('reads a lower-is-better score on its own range', () => {
    const profile = tradingProfile();
    profile.credit.creditsafe = { ...experian(0), bureau: 'creditsafe', scores: [{ model: 'Risk class', value: 2, min: 1, max: 5, direction: 'lower_is_better' }] };
    expect(rateProfile(profile, DEFAULT_POLICY, NOW).features?.bureau_score).toBe(75);
  });
});

describe('compareRatings', () => {
  it('sees no change when only ratedAt differs', () => {
    const a = rateProfile(tradingProfile(), DEFAULT_POLICY, NOW);
    const cmp = compareRatings(a, { ...a, ratedAt: '2030-01-01T00:00:00.000Z' });
    expect(cmp).toMatchObject({ ratingChanged: false, limitChanged: false, gradeNotches: 0, changedFields: [] });
  });

  it('counts downgrade notches and flags a limit change', () => {
    const good = rateProfile(tradingProfile(), DEFAULT_POLICY, NOW);
    const bad = rateProfile(tradingProfile({ overdueMinor: 600_000, oldestOpenDueDaysAgo: 95, maxDaysPastDue: 95 }), DEFAULT_POLICY, NOW);
    const cmp = compareRatings(good, bad, DEFAULT_POLICY);
    expect(cmp.ratingChanged).toBe(true);
    expect(cmp.limitChanged).toBe(true);
    expect(cmp.gradeNotches).toBe(DEFAULT_POLICY.grades.scale.findIndex((g) => g.grade === 'D') - DEFAULT_POLICY.grades.scale.findIndex((g) => g.grade === good.grade));
    expect(cmp.changedFields).toEqual(expect.arrayContaining(['grade', 'score', 'pd', 'limit']));
  });

  it('treats a first rating as a change', () => {
    const a = rateProfile(tradingProfile(), DEFAULT_POLICY, NOW);
    expect(compareRatings(undefined, a)).toMatchObject({ ratingChanged: true, limitChanged: true });
  });
});
