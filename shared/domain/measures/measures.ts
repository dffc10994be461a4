import { z } from 'zod';
import { DomainError } from '../errors.js';

/** The emergency-measure catalogue (the seed's emergency plan). */
export const MeasureTypeSchema = z.enum(['freeze_new_orders', 'freeze_all_credit', 'reduce_limit', 'require_prepayment', 'hold_shipments', 'hand_over_to_collections']);
export type MeasureType = z.infer<typeof MeasureTypeSchema>;

/** What a measure asks for; `reduce_limit` names the share of the rated limit that is kept or a cap. */
export const MeasureParamsSchema = z
  .strictObject({
    keepPercent: z.number().min(0).max(100).optional(),
    capMinor: z.number().int().nonnegative().optional(),
  })
  .default({});

/**
 * One emergency measure on one customer. It links to the alert that led to it (`alertId`) and may be
 * referenced by an incident (`incidentId`); `origin` says who imposed it — a person, or the policy
 * (on an alert rule or the default definition), whose lifting takes a second person.
 */
export const MeasureRecordSchema = z.strictObject({
  measureId: z.string(),
  customerId: z.string(),
  type: MeasureTypeSchema,
  params: MeasureParamsSchema,
  reason: z.string().min(3).max(500),
  origin: z.enum(['manual', 'policy', 'default']),
  alertId: z.string().optional(),
  incidentId: z.string().optional(),
  drill: z.boolean().optional(),
  takenBy: z.string(),
  takenAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(['active', 'lifted', 'expired']),
  liftedBy: z.string().optional(),
  liftedAt: z.iso.datetime({ offset: true }).optional(),
  liftReason: z.string().optional(),
  version: z.number().int().nonnegative(),
});
export type MeasureRecord = z.infer<typeof MeasureRecordSchema>;

/**
 * The combined effect of a customer's active measures, as written to the profile and to the CRMs
 * (credit-hold flag, reason, limit). Overlaps resolve to the most restrictive: any hold holds, the
 * lowest cap and keep-share win, and lifting one measure leaves the others in force.
 * Confirmed orders are never touched (`confirmedOrdersUntouched` is always true and is told to the CRM).
 */
export const RestrictionsSchema = z.strictObject({
  creditHold: z.boolean(),
  newOrdersBlocked: z.boolean(),
  prepaymentRequired: z.boolean(),
  shipmentsHeld: z.boolean(),
  collections: z.boolean(),
  /** Lowest cap on the limit, in minor units (0 when all credit is frozen). */
  limitCapMinor: z.number().int().nonnegative().optional(),
  /** Lowest share (0–100) of the rated limit to keep. */
  limitKeepPercent: z.number().min(0).max(100).optional(),
  /** Reasons of the active measures, most restrictive first, for the CRM's hold-reason field. */
  reasons: z.array(z.string()),
  measureIds: z.array(z.string()),
  confirmedOrdersUntouched: z.literal(true),
});
export type Restrictions = z.infer<typeof RestrictionsSchema>;

const RANK: Record<MeasureType, number> = { freeze_all_credit: 0, hand_over_to_collections: 1, freeze_new_orders: 2, hold_shipments: 3, require_prepayment: 4, reduce_limit: 5 };

/** Active measures at `now` (expired ones no longer count, even before the sweep marks them). */
export const activeAt = (measures: readonly MeasureRecord[], now: Date): MeasureRecord[] =>
  measures.filter((m) => m.status === 'active' && (m.expiresAt === undefined || Date.parse(m.expiresAt) > now.getTime()));

/** Combines measures: the most restrictive wins. Pure. */
export const combineMeasures = (measures: readonly MeasureRecord[], now: Date): Restrictions => {
  const active = activeAt(measures, now).sort((a, b) => RANK[a.type] - RANK[b.type] || a.takenAt.localeCompare(b.takenAt));
  const has = (...types: MeasureType[]) => active.some((m) => types.includes(m.type));
  const caps = active.flatMap((m) => (m.type === 'freeze_all_credit' ? [0] : m.type === 'reduce_limit' && m.params.capMinor !== undefined ? [m.params.capMinor] : []));
  const keeps = active.flatMap((m) => (m.type === 'reduce_limit' && m.params.keepPercent !== undefined ? [m.params.keepPercent] : []));
  return {
    creditHold: has('freeze_all_credit', 'freeze_new_orders', 'hand_over_to_collections'),
    newOrdersBlocked: has('freeze_all_credit', 'freeze_new_orders', 'hand_over_to_collections'),
    prepaymentRequired: has('require_prepayment', 'hand_over_to_collections'),
    shipmentsHeld: has('hold_shipments', 'hand_over_to_collections'),
    collections: has('hand_over_to_collections'),
    ...(caps.length ? { limitCapMinor: Math.min(...caps) } : {}),
    ...(keeps.length ? { limitKeepPercent: Math.min(...keeps) } : {}),
    reasons: active.map((m) => `${m.type}: ${m.reason}`),
    measureIds: active.map((m) => m.measureId),
    confirmedOrdersUntouched: true,
  };
};

/** The limit a rated limit becomes under the restrictions (minor units). */
export const restrictedLimit = (ratedMinor: number, r: Restrictions): number => {
  let limit = ratedMinor;
  if (r.limitKeepPercent !== undefined) limit = Math.floor((limit * r.limitKeepPercent) / 100);
  if (r.limitCapMinor !== undefined) limit = Math.min(limit, r.limitCapMinor);
  return limit;
};

/** A lift the measure's state does not allow (HTTP 409 `measure_transition_refused`, `current` = the measure as it stands). */
export class MeasureStateError extends DomainError {
  constructor(measure: MeasureRecord) {
    super('measure_transition_refused', `Measure ${measure.measureId} is ${measure.status}`, { retryable: false, details: { measureId: measure.measureId, status: measure.status, current: measure } });
  }
}

/** Whether lifting needs a second person: measures the policy or a default imposed. */
export const liftNeedsApproval = (m: MeasureRecord): boolean => m.origin !== 'manual';

/** Lifts (or expires) a measure. Pure; a measure that is not active is a {@link MeasureStateError}. */
export const liftMeasure = (m: MeasureRecord, by: string, at: Date, reason: string, expired = false): MeasureRecord => {
  if (m.status !== 'active') throw new MeasureStateError(m);
  return { ...m, status: expired ? 'expired' : 'lifted', liftedBy: by, liftedAt: at.toISOString(), liftReason: reason, version: m.version + 1 };
};

/** Measures whose expiry has passed at `now` and must be lifted automatically. */
export const expiredAt = (measures: readonly MeasureRecord[], now: Date): MeasureRecord[] =>
  measures.filter((m) => m.status === 'active' && m.expiresAt !== undefined && Date.parse(m.expiresAt) <= now.getTime());
