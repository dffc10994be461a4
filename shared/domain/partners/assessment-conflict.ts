import { z } from 'zod';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { logit } from '../rating/partner-pooling.js';
import type { RiskPolicy } from '../rating/policy.js';

/** What `assessment.conflict_detected` carries and the profile keeps (`partnerConflict`): ids and PDs, no rationale. */
export const AssessmentConflictSchema = z.object({
  assessmentId: z.string(),
  partnerId: z.string(),
  pd: z.number().min(0).max(1),
  /** What the assessment disagrees with: another partner's latest PD, or the hub's own rating. */
  against: z.enum(['partner', 'hub']),
  otherPartnerId: z.string().optional(),
  otherAssessmentId: z.string().optional(),
  otherPd: z.number().min(0).max(1),
  /** |logit(pd) − logit(otherPd)|. */
  logitDistance: z.number().nonnegative(),
  /** Grades apart on the policy's master scale. */
  notches: z.number().int().nonnegative(),
  threshold: z.object({ logit: z.number().optional(), notches: z.number().int().optional() }),
  policyVersion: z.number().int().positive(),
  detectedAt: z.iso.datetime({ offset: true }),
});
export type AssessmentConflict = z.infer<typeof AssessmentConflictSchema>;

const DAY_MS = 86_400_000;

/**
 * The conflict the newest partner assessment (with a PD) of `profile` raises under the policy's
 * `partners.conflictThreshold`: against each other partner's latest PD within `maxAgeDays` and
 * against the hub's own rating before it (`profile.rating`, when rated and not defaulted). The largest
 * disagreement beyond the threshold wins; `undefined` when there is none, when the policy sets no
 * threshold, or when this assessment was already flagged (`profile.partnerConflict`). Pure.
 */
export const detectAssessmentConflict = (profile: CustomerProfile, policy: RiskPolicy, now: Date): AssessmentConflict | undefined => {
  const threshold = policy.partners.conflictThreshold;
  if (!threshold) return undefined;
  const maxAgeDays = policy.partners.maxAgeDays ?? 365;
  const recent = profile.assessments.filter((a) => a.pd !== undefined && now.getTime() - Date.parse(a.submittedAt) <= maxAgeDays * DAY_MS);
  const newest = recent.reduce<(typeof recent)[number] | undefined>((best, a) => (!best || a.submittedAt > best.submittedAt ? a : best), undefined);
  if (!newest || newest.pd === undefined || profile.partnerConflict?.assessmentId === newest.assessmentId) return undefined;
  const scale = policy.grades.scale;
  const gradeIndex = (pd: number): number => {
    const i = scale.findIndex((g) => pd <= g.maxPd);
    return i < 0 ? scale.length - 1 : i;
  };
  const pd = newest.pd;
  const candidates: Array<Omit<AssessmentConflict, 'threshold' | 'policyVersion' | 'detectedAt' | 'assessmentId' | 'partnerId' | 'pd'>> = [];
  const latestOther = new Map<string, (typeof recent)[number]>();
  for (const a of recent) {
    if (a.partnerId === newest.partnerId) continue;
    const prev = latestOther.get(a.partnerId);
    if (!prev || a.submittedAt > prev.submittedAt) latestOther.set(a.partnerId, a);
  }
  for (const other of latestOther.values()) {
    candidates.push({ against: 'partner', otherPartnerId: other.partnerId, otherAssessmentId: other.assessmentId, otherPd: other.pd!, logitDistance: Math.abs(logit(pd) - logit(other.pd!)), notches: Math.abs(gradeIndex(pd) - gradeIndex(other.pd!)) });
  }
  const hub = profile.rating;
  if (hub?.status === 'rated' && hub.pd !== undefined && hub.defaulted !== true) {
    candidates.push({ against: 'hub', otherPd: hub.pd, logitDistance: Math.abs(logit(pd) - logit(hub.pd)), notches: Math.abs(gradeIndex(pd) - gradeIndex(hub.pd)) });
  }
  const beyond = candidates.filter((c) => (threshold.logit !== undefined && c.logitDistance > threshold.logit) || (threshold.notches !== undefined && c.notches > threshold.notches));
  const worst = beyond.sort((a, b) => b.logitDistance - a.logitDistance)[0];
  if (!worst) return undefined;
  return {
    assessmentId: newest.assessmentId,
    partnerId: newest.partnerId,
    pd,
    ...worst,
    threshold: { ...(threshold.logit !== undefined ? { logit: threshold.logit } : {}), ...(threshold.notches !== undefined ? { notches: threshold.notches } : {}) },
    policyVersion: policy.version,
    detectedAt: now.toISOString(),
  };
};
