import type { EventEnvelope } from '../events/envelope.js';
import { newEvent } from '../events/new-event.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { RatingResult } from '../rating/rating-result.js';
import { activeAt, combineMeasures, restrictedLimit, type MeasureRecord, type Restrictions } from './measures.js';

/**
 * A freeze set before freezes were measures (`profile.freeze` without a `measureId`), as the
 * `freeze_all_credit` measure it stands for, so that the next change writes it as one: a
 * policy-imposed freeze (`by: policy:v…`) becomes a `default` measure that takes two people to lift.
 */
export const legacyFreezeMeasure = (profile: CustomerProfile): MeasureRecord | undefined => {
  const freeze = profile.freeze;
  if (!freeze || freeze.measureId !== undefined) return undefined;
  return {
    measureId: `msr_legacy_${freeze.frozenAt.replace(/[^0-9]/g, '')}`,
    customerId: profile.customerId,
    type: 'freeze_all_credit',
    params: {},
    reason: freeze.reason.length >= 3 ? freeze.reason.slice(0, 500) : `Freeze: ${freeze.reason}`,
    origin: freeze.by.startsWith('policy:') ? 'default' : 'manual',
    takenBy: freeze.by,
    takenAt: freeze.frozenAt,
    ...(freeze.expiresAt ? { expiresAt: freeze.expiresAt } : {}),
    status: 'active',
    // Not stored yet: adopting writes it as version 1, lifting it before then writes version 1 too.
    version: 0,
  };
};

/** Whether the profile's credit was on hold before a change (a legacy freeze counts). */
const heldBefore = (profile: CustomerProfile): boolean => profile.restrictions?.creditHold ?? profile.freeze !== undefined;

/**
 * The profile with `active` as its measures: `restrictions` combined ({@link combineMeasures}) and
 * `freeze` derived from the oldest active `freeze_all_credit` measure, so a freeze and the
 * measures can never disagree. Version, sequence and `updatedAt` are the caller's.
 */
export const profileWithMeasures = (profile: CustomerProfile, active: readonly MeasureRecord[], now: Date): CustomerProfile => {
  const restrictions = combineMeasures(active, now);
  const freeze = activeAt(active, now)
    .filter((m) => m.type === 'freeze_all_credit')
    .sort((a, b) => a.takenAt.localeCompare(b.takenAt))[0];
  const { freeze: _freeze, restrictions: _restrictions, ...rest } = profile;
  return {
    ...rest,
    ...(freeze
      ? { freeze: { reason: freeze.reason, frozenAt: freeze.takenAt, by: freeze.takenBy, measureId: freeze.measureId, ...(freeze.expiresAt ? { expiresAt: freeze.expiresAt } : {}) } }
      : {}),
    restrictions,
  };
};

/** `measure.taken` / `.lifted` / `.expired` for `measure`, then `customer.frozen` / `.unfrozen` when the credit hold flipped. */
export const measureEvents = (
  before: CustomerProfile,
  after: CustomerProfile,
  measure: MeasureRecord,
  meta: () => { customerId: string; sequence: number; at: Date },
): EventEnvelope[] => {
  const restrictions = after.restrictions!;
  const { version: _v, drill: _d, incidentId: _i, ...published } = measure;
  const type = measure.status === 'active' ? 'measure.taken' : measure.status === 'lifted' ? 'measure.lifted' : 'measure.expired';
  const events = [newEvent(type, { ...published, restrictions }, meta())];
  const was = heldBefore(before);
  if (!was && restrictions.creditHold) {
    events.push(newEvent('customer.frozen', { reason: measure.reason, frozenAt: measure.takenAt, by: measure.takenBy, measureId: measure.measureId, ...(measure.alertId ? { alertId: measure.alertId } : {}) }, meta()));
  } else if (was && !restrictions.creditHold) {
    events.push(newEvent('customer.unfrozen', { reason: measure.liftReason ?? 'measures lifted', unfrozenAt: measure.liftedAt ?? measure.takenAt, by: measure.liftedBy ?? 'system' }, meta()));
  }
  return events;
};

/**
 * The rated limit under the restrictions ({@link restrictedLimit}), with a `measures` factor saying
 * why when they lowered it. Confirmed orders are not touched: only the limit for new credit changes.
 */
export const restrictRating = (rating: RatingResult, restrictions: Restrictions | undefined): RatingResult => {
  if (!restrictions || !rating.limit) return rating;
  const rated = rating.limit.recommended.amountMinor;
  const amount = restrictedLimit(rated, restrictions);
  if (amount === rated) return rating;
  const parts = [
    ...(restrictions.limitKeepPercent !== undefined ? [`keep ${restrictions.limitKeepPercent}%`] : []),
    ...(restrictions.limitCapMinor !== undefined ? [`cap ${restrictions.limitCapMinor} (minor units)`] : []),
  ];
  return {
    ...rating,
    limit: {
      recommended: { ...rating.limit.recommended, amountMinor: amount },
      factors: [...rating.limit.factors, { name: 'measures', value: amount, reason: `Emergency measures in force: ${parts.join(', ')}` }],
    },
  };
};
