import { z } from 'zod';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { gradeOrder, type RiskPolicy } from './policy.js';
import { rateProfile } from './rate-profile.js';

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
