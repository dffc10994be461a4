import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { ProfileRepository } from '../customers/ports.js';
import { NotFoundError } from '../errors.js';
import type { RatingResult } from '../rating/rating-result.js';
import type { AuditPort } from './ports.js';

/** Body of `POST /v1/customers/{id}/outcomes`: an explicitly recorded credit outcome. No personal data in `note`. */
export const OutcomeCommandSchema = z.strictObject({
  defaulted: z.boolean(),
  at: z.iso.datetime({ offset: true }),
  note: z.string().trim().min(1).max(300).optional(),
});
export type OutcomeCommand = z.infer<typeof OutcomeCommandSchema>;

export const OutcomeSchema = OutcomeCommandSchema.extend({
  customerId: z.string().min(1),
  recordedAt: z.iso.datetime({ offset: true }),
  recordedBy: z.string().min(1),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

/** Port: recorded outcomes per customer (key layout is the adapter's). */
export interface OutcomeStore {
  put(outcome: Outcome): Promise<void>;
  list(customerId: string): Promise<Outcome[]>;
}

/** Port: customer ids page by page (an opaque cursor), and a customer's whole rating history, oldest first. */
export interface TrainingSource {
  customerPage(input: { cursor?: string; limit: number }): Promise<{ customerIds: string[]; nextCursor?: string }>;
  ratings(customerId: string): Promise<RatingResult[]>;
}

/** One training row: the feature values of the observation rating, keyed by feature id, plus the label. */
export type TrainingRowValue = number | string | null;
export type TrainingDataRow = Record<string, TrainingRowValue>;

export interface TrainingRowOptions {
  /** Only ratings made at or before this instant are observations (the start of the performance window). */
  observedBefore?: Date;
  /** A default counts only when it happens within this many days after the observation. */
  performanceDays?: number;
}

export type TrainingRowResult =
  | { row: TrainingDataRow; observedAt: string; policyVersion: number; defaultAt?: string }
  | { skipped: 'no_observation' };

const DAY_MS = 86_400_000;

/**
 * The labelled training row of one customer, from its rating history and recorded outcomes.
 *
 * - Default date: the latest explicit outcome decides when there is one (`defaulted: false`
 *   clears a policy default, e.g. a disputed invoice); otherwise the first rating that met the
 *   policy's default definition (`defaulted`, the same event that freezes the limit).
 * - Observation: the newest rating that carries feature values, did not itself meet the default
 *   definition, and was made before the default (and at or before `observedBefore`). Using the
 *   rating before the default keeps the default's own DPD out of the features (no target leak).
 * - Label `defaulted`: 1 when the default follows the observation (within `performanceDays` when
 *   given), else 0. Columns are the policy's feature ids — for the default policy `bureau_score`,
 *   `worst_dpd`, `overdue_ratio`, … — which a trained policy's `column` extractors resolve on hub
 *   profiles (see `STANDARD_FEATURE_EXTRACTORS`). No customer id, name or identifier is exported.
 */
export const trainingRow = (ratings: readonly RatingResult[], outcomes: readonly Outcome[], options: TrainingRowOptions = {}): TrainingRowResult => {
  const sorted = [...ratings].sort((a, b) => a.ratedAt.localeCompare(b.ratedAt));
  const explicit = [...outcomes].sort((a, b) => a.at.localeCompare(b.at) || a.recordedAt.localeCompare(b.recordedAt)).at(-1);
  const defaultAt = explicit ? (explicit.defaulted ? explicit.at : undefined) : sorted.find((r) => r.defaulted === true)?.ratedAt;
  const defaultMs = defaultAt === undefined ? Infinity : Date.parse(defaultAt);
  const latestMs = options.observedBefore?.getTime() ?? Infinity;
  const observation = sorted
    .filter((r) => r.features !== undefined && r.defaulted !== true && Date.parse(r.ratedAt) < defaultMs && Date.parse(r.ratedAt) <= latestMs)
    .at(-1);
  if (!observation?.features) return { skipped: 'no_observation' };
  const observedMs = Date.parse(observation.ratedAt);
  const inWindow = options.performanceDays === undefined || defaultMs - observedMs <= options.performanceDays * DAY_MS;
  const label = defaultAt !== undefined && defaultMs > observedMs && inWindow ? 1 : 0;
  return {
    row: { ...observation.features, defaulted: label },
    observedAt: observation.ratedAt,
    policyVersion: observation.policyVersion,
    ...(defaultAt !== undefined ? { defaultAt } : {}),
  };
};

export interface TrainingPage {
  rows: TrainingDataRow[];
  customers: number;
  skipped: number;
  bads: number;
  nextCursor?: string;
}

/**
 * Exports one page of labelled training rows (one per customer with an observation), for
 * `npm run train -- --input rows.ndjson --target defaulted`. Reads only: no audit entry per page.
 */
export const exportTrainingData =
  ({ source, outcomes, concurrency = 8 }: { source: TrainingSource; outcomes: Pick<OutcomeStore, 'list'>; concurrency?: number }) =>
  async (input: { cursor?: string; limit: number } & TrainingRowOptions): Promise<TrainingPage> => {
    const page = await source.customerPage({ limit: input.limit, ...(input.cursor !== undefined ? { cursor: input.cursor } : {}) });
    const results: TrainingRowResult[] = [];
    for (let i = 0; i < page.customerIds.length; i += concurrency) {
      const batch = page.customerIds.slice(i, i + concurrency);
      results.push(...(await Promise.all(batch.map(async (id) => trainingRow(await source.ratings(id), await outcomes.list(id), input)))));
    }
    const rows = results.flatMap((r) => ('row' in r ? [r.row] : []));
    return {
      rows,
      customers: page.customerIds.length,
      skipped: results.length - rows.length,
      bads: rows.filter((r) => r['defaulted'] === 1).length,
      ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
    };
  };

/** Rows as NDJSON, one JSON object a line: the input format of `npm run train`. */
export const toNdjson = (rows: readonly TrainingDataRow[]): string => rows.map((row) => `${JSON.stringify(row)}\n`).join('');

/** Records a customer's credit outcome (the training label), audited as `customer.outcome_recorded`. */
export const recordOutcome =
  ({ profiles, outcomes, audit, clock }: { profiles: Pick<ProfileRepository, 'get'>; outcomes: Pick<OutcomeStore, 'put'>; audit: AuditPort; clock: Clock }) =>
  async (customerId: string, command: OutcomeCommand, actor: string): Promise<Outcome> => {
    const profile = await profiles.get(customerId);
    if (!profile) throw new NotFoundError(`Customer ${customerId}`);
    const outcome: Outcome = { ...command, customerId, recordedAt: clock.now().toISOString(), recordedBy: actor };
    await outcomes.put(outcome);
    await audit.append({ actor, action: 'customer.outcome_recorded', target: `customer:${customerId}`, details: { defaulted: command.defaulted, at: command.at } });
    return outcome;
  };
