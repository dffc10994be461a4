import { describe, expect, it } from 'vitest';
import { detectAssessmentConflict } from '../../../shared/domain/partners/assessment-conflict.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { parsePolicy, type RiskPolicy } from '../../../shared/domain/rating/policy.js';
import { decideRating } from '../../../shared/domain/risk/recompute-rating.js';
import { NOW, daysAgo, tradingProfile } from '../../fixtures/rating/profiles.js';

const policyWith = (extra: { partners?: unknown; rules?: unknown[] }): RiskPolicy =>
  parsePolicy({
    ...JSON.parse(JSON.stringify(DEFAULT_POLICY)),
    partners: extra.partners ?? {},
    alerts: { ...JSON.parse(JSON.stringify(DEFAULT_POLICY.alerts)), rules: extra.rules ?? [] },
  });

const conflictRule = { id: 'partner-conflict', kind: 'event', severity: 'warning', eventType: 'assessment.conflict_detected', dedupeKey: '{rule}:{customerId}:{detail}' };

describe('assessment conflicts', () => {
  it('flags a new assessment more than the logit threshold away from another partner and names both', () => {
    // Prepare
    const policy = policyWith({ partners: { conflictThreshold: { logit: 1.5 } } });
    const profile = { ...tradingProfile(), assessments: [
      { partnerId: 'established', assessmentId: 'asm-1', pd: 0.02, submittedAt: daysAgo(10) },
      { partnerId: 'newcomer', assessmentId: 'asm-2', pd: 0.35, submittedAt: daysAgo(1) },
    ] };
    // Act
    const conflict = detectAssessmentConflict(profile, policy, NOW);
    // Assess: |logit(0.35) − logit(0.02)| = 3.27 > 1.5
    expect(conflict).toMatchObject({ assessmentId: 'asm-2', partnerId: 'newcomer', against: 'partner', otherPartnerId: 'established', otherPd: 0.02 });
    expect(conflict?.logitDistance).toBeCloseTo(3.2728, 3);
  });

  it('stays quiet within the threshold, without a threshold, and for an assessment already flagged', () => {
    const close = { ...tradingProfile(), assessments: [
      { partnerId: 'a', assessmentId: 'asm-1', pd: 0.02, submittedAt: daysAgo(10) },
      { partnerId: 'b', assessmentId: 'asm-2', pd: 0.03, submittedAt: daysAgo(1) },
    ] };
    expect(detectAssessmentConflict(close, policyWith({ partners: { conflictThreshold: { logit: 1.5 } } }), NOW)).toBeUndefined();
    const far = { ...close, assessments: [close.assessments[0]!, { ...close.assessments[1]!, pd: 0.6 }] };
    expect(detectAssessmentConflict(far, policyWith({}), NOW)).toBeUndefined();
    const flagged = { ...far, partnerConflict: { assessmentId: 'asm-2', partnerId: 'b', against: 'partner' as const, logitDistance: 4, notches: 3, detectedAt: NOW.toISOString() } };
    expect(detectAssessmentConflict(flagged, policyWith({ partners: { conflictThreshold: { logit: 1.5 } } }), NOW)).toBeUndefined();
  });

  it('compares with the hub’s own rating in grade notches', () => {
    const policy = policyWith({ partners: { conflictThreshold: { notches: 2 } } });
    const base = tradingProfile();
    const rated = { ...base, rating: decideRating(base, policy, NOW)!.rating };
    const profile = { ...rated, assessments: [{ partnerId: 'gloomy', assessmentId: 'asm-9', pd: 0.6, submittedAt: daysAgo(0) }] };
    expect(detectAssessmentConflict(profile, policy, NOW)).toMatchObject({ against: 'hub', otherPd: rated.rating.pd, assessmentId: 'asm-9' });
  });

  it('re-rating emits assessment.conflict_detected, flags the profile and raises the event rule’s alert once', () => {
    // Prepare
    const policy = policyWith({ partners: { conflictThreshold: { logit: 1.5 } }, rules: [conflictRule] });
    const rated = decideRating(tradingProfile(), policy, NOW)!.profile;
    const profile = { ...rated, assessments: [
      { partnerId: 'established', assessmentId: 'asm-1', pd: 0.02, submittedAt: daysAgo(10) },
      { partnerId: 'newcomer', assessmentId: 'asm-2', pd: 0.35, submittedAt: daysAgo(1) },
    ] };
    // Act
    const decision = decideRating(profile, policy, NOW)!;
    // Assess
    expect(decision.events.map((e) => e.type)).toEqual(expect.arrayContaining(['assessment.conflict_detected', 'alert.raised']));
    expect(decision.alerts).toEqual([expect.objectContaining({ type: 'partner-conflict', dedupeKey: `partner-conflict:${profile.customerId}:asm-2` })]);
    expect(decision.profile.partnerConflict).toMatchObject({ assessmentId: 'asm-2', partnerId: 'newcomer' });
    expect(decision.profile.partnerConflict?.logitDistance).toBeGreaterThan(1.5);
    const again = decideRating(decision.profile, policy, NOW);
    expect(again?.events.map((e) => e.type) ?? []).not.toContain('assessment.conflict_detected');
  });
});
