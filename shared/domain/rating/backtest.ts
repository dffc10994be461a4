import { z } from 'zod';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { gradeOrder, type RiskPolicy } from './policy.js';
import { binShares, decileEdges, psi } from './drift.js';
import { rateProfile } from './rate-profile.js';
import { auc, ks } from './training/metrics.js';

/** Pseudo-grade for customers a policy could not rate. */
export const INSUFFICIENT = 'insufficient_data';

const CountsSchema = z.record(z.string(), z.number().int().nonnegative());

export const BacktestReportSchema = z.object({
  activeVersion: z.number().int().positive(),
  draftVersion: z.number().int().positive(),
  ranAt: z.iso.datetime({ offset: true }),
  profiles: z.number().int().nonnegative(),
  /** Row/column order of the matrix: the draft's grades best → worst, then any extra active grades, then `insufficient_data`. */
  grades: z.array(z.string()),
  /** migration[activeGrade][draftGrade] = number of customers. */
  migration: z.record(z.string(), CountsSchema),
  countsByGrade: z.object({ active: CountsSchema, draft: CountsSchema }),
  insufficientData: z.object({ active: z.number().int().nonnegative(), draft: z.number().int().nonnegative() }),
  upgrades: z.number().int().nonnegative(),
  downgrades: z.number().int().nonnegative(),
  /** Per currency, sums in minor units. */
  limits: z.record(
    z.string(),
    z.object({
      activeMinor: z.number().int(),
      draftMinor: z.number().int(),
      deltaMinor: z.number().int(),
      up: z.number().int().nonnegative(),
      down: z.number().int().nonnegative(),
      unchanged: z.number().int().nonnegative(),
    }),
  ),
});
export type BacktestReport = z.infer<typeof BacktestReportSchema>;

/**
 * Incremental backtest: feed profiles one at a time (from a paginated scan or a stream), then
 * `report()`. Memory is O(grades² + currencies), independent of the portfolio size.
 */
export const createBacktest = (active: RiskPolicy, draft: RiskPolicy, now: Date) => {
  const draftGrades = gradeOrder(draft);
  const activeGrades = gradeOrder(active);
  const grades = [...draftGrades, ...activeGrades.filter((g) => !draftGrades.includes(g)), INSUFFICIENT];
  const rankOf = (policyGrades: string[], g: string | undefined): number => (g === undefined ? -1 : policyGrades.indexOf(g) / Math.max(1, policyGrades.length - 1));
  const migration: Record<string, Record<string, number>> = {};
  const countsActive: Record<string, number> = {};
  const countsDraft: Record<string, number> = {};
  const limits: BacktestReport['limits'] = {};
  let profiles = 0;
  let upgrades = 0;
  let downgrades = 0;
  const bump = (counts: Record<string, number>, key: string): void => {
    counts[key] = (counts[key] ?? 0) + 1;
  };

  return {
    /** Counts active customers only: merged profiles live on in their survivor, pending stubs are not customers yet. */
    add(profile: CustomerProfile): void {
      if (profile.status !== 'active') return;
      profiles += 1;
      const a = rateProfile(profile, active, now);
      const d = rateProfile(profile, draft, now);
      const ag = a.grade ?? INSUFFICIENT;
      const dg = d.grade ?? INSUFFICIENT;
      bump((migration[ag] ??= {}), dg);
      bump(countsActive, ag);
      bump(countsDraft, dg);
      if (a.grade !== undefined && d.grade !== undefined) {
        const ar = rankOf(activeGrades, a.grade);
        const dr = rankOf(draftGrades, d.grade);
        if (dr > ar) downgrades += 1;
        else if (dr < ar) upgrades += 1;
      }
      const al = a.limit?.recommended;
      const dl = d.limit?.recommended;
      const currency = dl?.currency ?? al?.currency ?? draft.currency;
      const l = (limits[currency] ??= { activeMinor: 0, draftMinor: 0, deltaMinor: 0, up: 0, down: 0, unchanged: 0 });
      const av = al?.amountMinor ?? 0;
      const dv = dl?.amountMinor ?? 0;
      l.activeMinor += av;
      l.draftMinor += dv;
      l.deltaMinor += dv - av;
      if (dv > av) l.up += 1;
      else if (dv < av) l.down += 1;
      else l.unchanged += 1;
    },
    report(): BacktestReport {
      return {
        activeVersion: active.version,
        draftVersion: draft.version,
        ranAt: now.toISOString(),
        profiles,
        grades,
        migration: structuredClone(migration),
        countsByGrade: { active: { ...countsActive }, draft: { ...countsDraft } },
        insufficientData: { active: countsActive[INSUFFICIENT] ?? 0, draft: countsDraft[INSUFFICIENT] ?? 0 },
        upgrades,
        downgrades,
        limits: structuredClone(limits),
      };
    },
  };
};

/**
 * Rates every profile under the active and the draft policy and reports grade migration, counts
 * per grade, limit changes and insufficient-data counts. Streams: accepts any iterable (a
 * generator over pages) and keeps no per-customer results.
 */
export const backtest = (profiles: Iterable<CustomerProfile>, active: RiskPolicy, draft: RiskPolicy, now: Date): BacktestReport => {
  const run = createBacktest(active, draft, now);
  for (const p of profiles) run.add(p);
  return run.report();
};

/** As `backtest`, over an async iterable (e.g. a paginated DynamoDB scan adapter). */
export const backtestAsync = async (
  profiles: AsyncIterable<CustomerProfile>,
  active: RiskPolicy,
  draft: RiskPolicy,
  now: Date,
): Promise<BacktestReport> => {
  const run = createBacktest(active, draft, now);
  for await (const p of profiles) run.add(p);
  return run.report();
};

/** Discrimination of one policy against realised defaults. */
export const PerformanceSchema = z.object({
  customers: z.number().int().nonnegative().describe('Rated customers with a label'),
  defaults: z.number().int().nonnegative(),
  auc: z.number().min(0).max(1),
  ks: z.number().min(0).max(1),
});

export const PointInTimeReportSchema = z.object({
  asOf: z.iso.datetime({ offset: true }),
  /** Defaults count when recorded in (asOf, asOf + horizonMonths]. */
  horizonMonths: z.number().int().positive(),
  /** Migration, grade counts, limits: the portfolio as it was at `asOf`. */
  portfolio: BacktestReportSchema,
  performance: z.object({ active: PerformanceSchema, draft: PerformanceSchema }),
  /** Share of rated customers with a zero limit under each policy. */
  zeroLimitShare: z.object({ active: z.number().min(0).max(1), draft: z.number().min(0).max(1) }),
  /** PSI of each policy's scores at `asOf` against `compareAsOf` (the earlier period), and CSI per feature (draft). */
  stability: z
    .object({
      compareAsOf: z.iso.datetime({ offset: true }),
      psi: z.object({ active: z.number(), draft: z.number() }),
      csi: z.record(z.string(), z.number()),
    })
    .optional(),
});
export type PointInTimeReport = z.infer<typeof PointInTimeReportSchema>;

/** A recorded outcome: the latest by `at` decides. */
export interface LabelledOutcome {
  customerId: string;
  defaulted: boolean;
  at: string;
}

/**
 * Whether each customer defaulted in (asOf, asOf + horizon]: a recorded default in the window; a
 * customer with no default recorded there counts as good.
 */
export const realisedDefaults = (outcomes: Iterable<LabelledOutcome>, asOf: Date, horizonMonths: number): Set<string> => {
  const end = Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() + horizonMonths, asOf.getUTCDate(), asOf.getUTCHours(), asOf.getUTCMinutes());
  const bad = new Set<string>();
  for (const o of outcomes) {
    const t = Date.parse(o.at);
    if (o.defaulted && t > asOf.getTime() && t <= end) bad.add(o.customerId);
  }
  return bad;
};

const performanceOf = (pds: number[], bads: boolean[]) => ({
  customers: pds.length,
  defaults: bads.filter(Boolean).length,
  auc: auc(pds, bads),
  ks: ks(pds, bads),
});

/**
 * The point-in-time backtest: the portfolio replayed as of `asOf` (from kept profile versions),
 * rated under the active policy and the draft; each policy's AUC and KS against the defaults
 * realised in the following `horizonMonths`; the zero-limit share; and, with an earlier
 * portfolio, PSI of the scores and CSI of the draft's features between the two periods.
 * Customers already defaulted at `asOf` are left out of the discrimination figures.
 */
export const pointInTimeBacktest = (input: {
  portfolio: readonly CustomerProfile[];
  earlier?: { asOf: Date; portfolio: readonly CustomerProfile[] };
  outcomes: Iterable<LabelledOutcome>;
  active: RiskPolicy;
  draft: RiskPolicy;
  asOf: Date;
  horizonMonths?: number;
}): PointInTimeReport => {
  const horizonMonths = input.horizonMonths ?? 12;
  const bad = realisedDefaults(input.outcomes, input.asOf, horizonMonths);
  const run = createBacktest(input.active, input.draft, input.asOf);
  const series = { active: { pd: [] as number[], bad: [] as boolean[], zero: 0, rated: 0 }, draft: { pd: [] as number[], bad: [] as boolean[], zero: 0, rated: 0 } };
  const scores = { active: [] as number[], draft: [] as number[] };
  for (const profile of input.portfolio) {
    if (profile.status !== 'active') continue;
    run.add(profile);
    for (const which of ['active', 'draft'] as const) {
      const r = rateProfile(profile, input[which], input.asOf);
      if (r.status !== 'rated' || r.pd === undefined) continue;
      const s = series[which];
      s.rated += 1;
      if ((r.limit?.recommended.amountMinor ?? 0) === 0) s.zero += 1;
      if (r.score !== undefined) scores[which].push(r.score);
      if (r.defaulted) continue;
      s.pd.push(r.pd);
      s.bad.push(bad.has(profile.customerId));
    }
  }
  const report: PointInTimeReport = {
    asOf: input.asOf.toISOString(),
    horizonMonths,
    portfolio: run.report(),
    performance: { active: performanceOf(series.active.pd, series.active.bad), draft: performanceOf(series.draft.pd, series.draft.bad) },
    zeroLimitShare: {
      active: series.active.rated === 0 ? 0 : series.active.zero / series.active.rated,
      draft: series.draft.rated === 0 ? 0 : series.draft.zero / series.draft.rated,
    },
  };
  if (input.earlier) {
    const { asOf: then, portfolio } = input.earlier;
    const earlierScores = { active: [] as number[], draft: [] as number[] };
    const featuresThen: Record<string, number[]> = {};
    const featuresNow: Record<string, number[]> = {};
    const collect = (profiles: readonly CustomerProfile[], at: Date, into: typeof earlierScores, features: Record<string, number[]>) => {
      for (const p of profiles) {
        if (p.status !== 'active') continue;
        for (const which of ['active', 'draft'] as const) {
          const r = rateProfile(p, input[which], at);
          if (r.score !== undefined) into[which].push(r.score);
          if (which === 'draft') for (const [id, v] of Object.entries(r.features ?? {})) if (typeof v === 'number') (features[id] ??= []).push(v);
        }
      }
    };
    collect(portfolio, then, earlierScores, featuresThen);
    collect(input.portfolio, input.asOf, { active: [], draft: [] }, featuresNow);
    const stabilityOf = (base: number[], now: number[]): number => {
      const edges = decileEdges(base);
      return base.length === 0 || now.length === 0 ? 0 : psi(binShares(base, edges), binShares(now, edges));
    };
    const csi: Record<string, number> = {};
    for (const id of Object.keys(featuresThen)) csi[id] = stabilityOf(featuresThen[id]!, featuresNow[id] ?? []);
    report.stability = {
      compareAsOf: then.toISOString(),
      psi: { active: stabilityOf(earlierScores.active, scores.active), draft: stabilityOf(earlierScores.draft, scores.draft) },
      csi,
    };
  }
  return report;
};
