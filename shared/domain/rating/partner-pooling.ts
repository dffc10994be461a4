import { z } from 'zod';

const DAY_MS = 86_400_000;
/** PDs are clamped to [ε, 1 − ε] before the logit, so a PD of 0 or 1 pools to a finite value. */
export const PD_EPSILON = 1e-6;

/** What pooling reads of a profile's assessment summary. */
export interface PartnerAssessmentSummary {
  partnerId: string;
  assessmentId: string;
  pd?: number | undefined;
  submittedAt: string;
}

/** The policy's partner settings the pooling reads (`partners` section). */
export interface PartnerPoolingSettings {
  /** Trust weight per partner id, 0..1; 0 leaves the partner out. */
  weights: Readonly<Record<string, number>>;
  /** Weight of a partner the policy does not name. */
  defaultWeight: number;
  /** Assessments older than this many days are left out (overrides the feature's own `maxAgeDays`). */
  maxAgeDays?: number | undefined;
  /** `pooled` (default): the weighted log-odds mean; `max`: the highest PD (the version 1 engine's reading). */
  combine?: 'pooled' | 'max' | undefined;
}

/** Settings of a policy without a partners section: every partner weighs 0.2. */
export const DEFAULT_POOLING: PartnerPoolingSettings = { weights: {}, defaultWeight: 0.2 };

/** One partner assessment the pooled PD used, with its weight and share of the total weight (internal: names the partner). */
export const PartnerInputSchema = z.object({
  partnerId: z.string(),
  assessmentId: z.string(),
  pd: z.number().min(0).max(1),
  weight: z.number().min(0).max(1),
  /** weight / Σ weights: how much of the pooled logit this partner contributed. */
  share: z.number().min(0).max(1),
  submittedAt: z.iso.datetime({ offset: true }),
});
export type PartnerInput = z.infer<typeof PartnerInputSchema>;

const clampPd = (p: number): number => Math.min(1 - PD_EPSILON, Math.max(PD_EPSILON, p));
export const logit = (p: number): number => {
  const c = clampPd(p);
  return Math.log(c / (1 - c));
};
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** The weight the policy gives a partner. */
export const partnerWeight = (settings: PartnerPoolingSettings, partnerId: string): number => settings.weights[partnerId] ?? settings.defaultWeight;

/**
 * Pools the partners' PDs: σ(Σ wᵢ·logit(pᵢ) / Σ wᵢ) over each partner's latest assessment with a
 * PD, submitted at most `maxAgeDays` before `now`, whose partner weighs more than 0. `undefined`
 * when no assessment qualifies. `inputs` lists what was pooled, largest share first.
 * @example poolPartnerPds([{ partnerId: 'a', pd: 0.02, … }, { partnerId: 'b', pd: 0.35, … }], { weights: { a: 1 }, defaultWeight: 0.2 }, now, 365)?.pd // 0.0340
 */
export const poolPartnerPds = (
  assessments: readonly PartnerAssessmentSummary[],
  settings: PartnerPoolingSettings,
  now: Date,
  maxAgeDays: number,
): { pd: number; inputs: PartnerInput[] } | undefined => {
  const latest = new Map<string, PartnerAssessmentSummary & { pd: number }>();
  const nowMs = now.getTime();
  for (const a of assessments) {
    if (a.pd === undefined) continue;
    const t = Date.parse(a.submittedAt);
    if (!Number.isFinite(t)) continue;
    const age = Math.max(0, Math.floor((nowMs - t) / DAY_MS));
    if (age > maxAgeDays) continue;
    const prev = latest.get(a.partnerId);
    if (!prev || a.submittedAt > prev.submittedAt) latest.set(a.partnerId, { ...a, pd: a.pd });
  }
  let weightSum = 0;
  let logitSum = 0;
  const used: Array<Omit<PartnerInput, 'share'>> = [];
  for (const a of [...latest.values()].sort((x, y) => (x.partnerId < y.partnerId ? -1 : x.partnerId > y.partnerId ? 1 : 0))) {
    const weight = partnerWeight(settings, a.partnerId);
    if (!(weight > 0)) continue;
    weightSum += weight;
    logitSum += weight * logit(a.pd);
    used.push({ partnerId: a.partnerId, assessmentId: a.assessmentId, pd: a.pd, weight, submittedAt: a.submittedAt });
  }
  if (used.length === 0) return undefined;
  const inputs = used.map((u) => ({ ...u, share: u.weight / weightSum })).sort((x, y) => y.share - x.share || (x.partnerId < y.partnerId ? -1 : 1));
  const first = used[0]!.pd;
  // σ(logit(p)) is p: a single PD (or identical PDs) pools to itself exactly, not to a rounding of it.
  const pd = settings.combine === 'max' ? Math.max(...used.map((u) => u.pd)) : used.every((u) => u.pd === first) ? first : sigmoid(logitSum / weightSum);
  return { pd, inputs };
};
