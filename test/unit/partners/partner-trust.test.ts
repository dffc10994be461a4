import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { poolPartnerPds } from '../../../shared/domain/rating/partner-pooling.js';
import { parsePolicy, type RiskPolicy } from '../../../shared/domain/rating/policy.js';
import { rateProfileReference } from '../../../shared/domain/rating/rate-profile-reference.js';
import { rateProfile } from '../../../shared/domain/rating/rate-profile.js';
import { NOW, daysAgo, tradingProfile } from '../../fixtures/rating/profiles.js';
import { V1_GOLDEN_POLICIES } from '../../fixtures/rating/v1-golden.js';

const withPartners = (partners: Record<string, unknown>): unknown => JSON.parse(JSON.stringify({ ...DEFAULT_POLICY, version: 7, status: 'draft', partners }));

const issuesOf = (input: unknown): { path: string; code?: string }[] => {
  try {
    parsePolicy(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
};

const established = { partnerId: 'established', assessmentId: 'asm-1', pd: 0.02, submittedAt: daysAgo(10) };
const newcomer = { partnerId: 'newcomer', assessmentId: 'asm-2', pd: 0.35, submittedAt: daysAgo(5) };

describe('partner trust', () => {
  it('pools the worked case: PD 0.02 at weight 1 and PD 0.35 at weight 0.2 give 0.0340, where the maximum gives 0.35', () => {
    // Act
    const pooled = poolPartnerPds([established, newcomer], { weights: { established: 1 }, defaultWeight: 0.2 }, NOW, 365);
    // Assess
    expect(pooled?.pd).toBeCloseTo(0.034, 4);
    expect(pooled?.pd.toFixed(4)).toBe('0.0340');
    expect(Math.max(established.pd, newcomer.pd)).toBe(0.35);
    expect(pooled?.inputs.map((i) => [i.partnerId, i.weight, Number(i.share.toFixed(3))])).toEqual([
      ['established', 1, 0.833],
      ['newcomer', 0.2, 0.167],
    ]);
  });

  it('leaves out partners at weight 0 and assessments older than maxAgeDays, and uses each partner’s latest PD', () => {
    const old = { partnerId: 'established', assessmentId: 'asm-0', pd: 0.5, submittedAt: daysAgo(20) };
    const stale = { partnerId: 'stale', assessmentId: 'asm-3', pd: 0.9, submittedAt: daysAgo(400) };
    const pooled = poolPartnerPds([old, established, newcomer, stale], { weights: { newcomer: 0 }, defaultWeight: 0.2 }, NOW, 365);
    expect(pooled?.pd).toBeCloseTo(0.02, 10);
    expect(pooled?.inputs.map((i) => i.assessmentId)).toEqual(['asm-1']);
    expect(poolPartnerPds([stale], { weights: {}, defaultWeight: 0.2 }, NOW, 365)).toBeUndefined();
  });

  it('keeps partners.weights, defaultWeight and maxAgeDays in the policy (never dropped) and defaults defaultWeight to 0.2', () => {
    const policy = parsePolicy(withPartners({ weights: { established: 1, newcomer: 0.5 }, maxAgeDays: 90 }));
    expect(policy.partners).toEqual({ weights: { established: 1, newcomer: 0.5 }, defaultWeight: 0.2, combine: 'pooled', maxAgeDays: 90 });
    expect(parsePolicy(withPartners({})).partners).toEqual({ weights: {}, defaultWeight: 0.2, combine: 'pooled' });
  });

  it('refuses a weight outside [0, 1] at its path', () => {
    expect(issuesOf(withPartners({ weights: { established: 1.5 } }))).toEqual([expect.objectContaining({ path: 'partners.weights.established' })]);
    expect(issuesOf(withPartners({ weights: { established: -0.1 } }))).toEqual([expect.objectContaining({ path: 'partners.weights.established' })]);
    expect(issuesOf(withPartners({ defaultWeight: 2 }))).toEqual([expect.objectContaining({ path: 'partners.defaultWeight' })]);
  });

  it('migrates a version 1 partnerWeights into partners.weights instead of dropping it', () => {
    const [v1] = Object.values(V1_GOLDEN_POLICIES);
    const policy = parsePolicy({ ...(v1 as object), partnerWeights: { established: 0.7 } });
    expect(policy.partners.weights).toEqual({ established: 0.7 });
    expect(issuesOf({ ...(v1 as object), partnerWeights: { established: 7 } })).toEqual([expect.objectContaining({ path: 'partnerWeights.established' })]);
  });

  it('rates with the pooled PD under the policy weights, names the driving partner internally and keeps partner names out of the reason text', () => {
    // Prepare
    const policy: RiskPolicy = parsePolicy(withPartners({ weights: { established: 1 } }));
    const profile = { ...tradingProfile(), assessments: [established, newcomer] };
    // Act
    const rating = rateProfile(profile, policy, NOW);
    const underDefault = rateProfile(profile, DEFAULT_POLICY, NOW);
    // Assess
    expect(rating.features?.['partner_pd']).toBeCloseTo(0.034, 4);
    expect(rating.partnerInputs?.[0]).toMatchObject({ partnerId: 'established', assessmentId: 'asm-1', weight: 1 });
    expect(underDefault.features?.['partner_pd']).toBeCloseTo(Math.sqrt(0.02 * 0.35) / (Math.sqrt(0.02 * 0.35) + Math.sqrt(0.98 * 0.65)), 10);
    expect(JSON.stringify(rating.reasons)).not.toMatch(/established|newcomer/);
    const { inputsHash: _a, ...reference } = rateProfileReference(profile, policy, NOW);
    const { inputsHash: _b, ...compiled } = rating;
    expect(compiled).toEqual(reference);
  });
});
