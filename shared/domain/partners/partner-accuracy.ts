import { z } from 'zod';
import type { RatingResult } from '../rating/rating-result.js';
import { auc, brier } from '../rating/training/metrics.js';
import type { Outcome } from '../risk/training-data.js';
import type { PartnerAssessment } from './partner-model.js';

/** At least this many outcomes, with at least this many defaults, before a partner's accuracy is reported. */
export const MIN_OUTCOMES = 50;
export const MIN_DEFAULTS = 10;
const BINS = 5;

const CalibrationBinSchema = z.object({
  meanPd: z.number(),
  observedDefaultRate: z.number(),
  count: z.number().int().nonnegative(),
});

/** `GET /v1/partners/{partnerId}/accuracy`. */
export const PartnerAccuracySchema = z.discriminatedUnion('status', [
  z.object({
    partnerId: z.string(),
    status: z.literal('insufficient_outcomes'),
    message: z.string(),
    outcomes: z.number().int().nonnegative(),
    defaults: z.number().int().nonnegative(),
    required: z.object({ outcomes: z.number().int(), defaults: z.number().int() }),
  }),
  z.object({
    partnerId: z.string(),
    status: z.literal('reported'),
    outcomes: z.number().int().nonnegative(),
    defaults: z.number().int().nonnegative(),
    auc: z.number().min(0).max(1),
    calibration: z.object({
      meanPd: z.number(),
      observedDefaultRate: z.number(),
      /** meanPd / observedDefaultRate: 1 is calibrated in the large, above 1 too pessimistic. */
      ratio: z.number(),
      brier: z.number(),
      /** Quintiles of the partner's PD, best first. */
      bins: z.array(CalibrationBinSchema),
    }),
    /** max(0, 2·AUC − 1) × min(ratio, 1/ratio), rounded to 0.05: a suggestion for `partners.weights`, never applied automatically. */
    suggestedWeight: z.number().min(0).max(1),
  }),
]);
export type PartnerAccuracy = z.infer<typeof PartnerAccuracySchema>;

interface Deps {
  assessments: { listForPartner(partnerId: string, options: { limit: number; cursor?: string }): Promise<{ assessments: PartnerAssessment[]; nextCursor?: string }> };
  outcomes: { list(customerId: string): Promise<Outcome[]> };
  /** A customer's rating history, oldest first: a rating with `defaulted` is a realised default when no outcome was recorded. */
  ratings: (customerId: string) => Promise<RatingResult[]>;
}

/** The realised outcome of a customer: the latest recorded outcome, else the first defaulted rating; `undefined` when nothing is known. */
const realised = (outcomes: readonly Outcome[], ratings: readonly RatingResult[]): { defaulted: boolean; at: string } | undefined => {
  const explicit = [...outcomes].sort((a, b) => a.at.localeCompare(b.at) || a.recordedAt.localeCompare(b.recordedAt)).at(-1);
  if (explicit) return { defaulted: explicit.defaulted, at: explicit.at };
  const defaultedAt = ratings.find((r) => r.defaulted === true)?.ratedAt;
  return defaultedAt ? { defaulted: true, at: defaultedAt } : undefined;
};

/**
 * A partner's accuracy against realised defaults: for each customer it assessed with a PD and whose
 * outcome is known (a recorded outcome, else a defaulted rating in the history), the partner's latest
 * PD submitted no later than the outcome. AUC, calibration (in the large, quintile bins, Brier) and a
 * suggested weight; below {@link MIN_OUTCOMES} outcomes or {@link MIN_DEFAULTS} defaults it says
 * "insufficient outcomes". Read-only: the suggestion goes into a policy only through a new version.
 */
export const partnerAccuracy =
  ({ assessments, outcomes, ratings }: Deps) =>
  async (partnerId: string): Promise<PartnerAccuracy> => {
    const byCustomer = new Map<string, PartnerAssessment[]>();
    let cursor: string | undefined;
    do {
      const page = await assessments.listForPartner(partnerId, { limit: 200, ...(cursor ? { cursor } : {}) });
      for (const a of page.assessments) if (a.pd !== undefined) byCustomer.set(a.customerId, [...(byCustomer.get(a.customerId) ?? []), a]);
      cursor = page.nextCursor;
    } while (cursor);
    const pds: number[] = [];
    const bad: boolean[] = [];
    for (const [customerId, own] of byCustomer) {
      const [recorded, history] = await Promise.all([outcomes.list(customerId), ratings(customerId)]);
      const outcome = realised(recorded, history);
      if (!outcome) continue;
      const before = own.filter((a) => a.submittedAt <= outcome.at).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)).at(-1);
      if (before?.pd === undefined) continue;
      pds.push(before.pd);
      bad.push(outcome.defaulted);
    }
    const defaults = bad.filter(Boolean).length;
    if (pds.length < MIN_OUTCOMES || defaults < MIN_DEFAULTS) {
      return {
        partnerId,
        status: 'insufficient_outcomes',
        message: `insufficient outcomes: ${pds.length} outcomes with ${defaults} defaults; at least ${MIN_OUTCOMES} with ${MIN_DEFAULTS} defaults are needed`,
        outcomes: pds.length,
        defaults,
        required: { outcomes: MIN_OUTCOMES, defaults: MIN_DEFAULTS },
      };
    }
    const meanPd = pds.reduce((s, p) => s + p, 0) / pds.length;
    const observedDefaultRate = defaults / pds.length;
    const ratio = meanPd / observedDefaultRate;
    const order = pds.map((p, i) => i).sort((i, j) => pds[i]! - pds[j]!);
    const bins = Array.from({ length: BINS }, (_, b) => {
      const idx = order.slice(Math.floor((b * order.length) / BINS), Math.floor(((b + 1) * order.length) / BINS));
      return { meanPd: idx.reduce((s, i) => s + pds[i]!, 0) / Math.max(1, idx.length), observedDefaultRate: idx.filter((i) => bad[i]).length / Math.max(1, idx.length), count: idx.length };
    });
    const area = auc(pds, bad);
    const raw = Math.max(0, 2 * area - 1) * (ratio > 0 ? Math.min(ratio, 1 / ratio) : 0);
    return {
      partnerId,
      status: 'reported',
      outcomes: pds.length,
      defaults,
      auc: area,
      calibration: { meanPd, observedDefaultRate, ratio, brier: brier(pds, bad), bins },
      suggestedWeight: Math.min(1, Math.round(raw * 20) / 20),
    };
  };
