import type { CustomerProfile } from '../profile/customer-profile.js';
import { restrictedLimit, type Restrictions } from './measures.js';

/**
 * What a CRM is told about a customer's credit: whether new credit is on hold, why, and the
 * limit that applies now. Confirmed orders are never touched by a hold, and the CRM is told so.
 */
export interface CreditHold {
  hold: boolean;
  /** Why credit is on hold (the freeze's and the measures' reasons, free text by risk staff); absent without a hold. */
  reason?: string;
  /** The limit in force, in minor units: 0 while frozen, else the rated limit under the restrictions. */
  limitMinor: number;
  /** The limit's currency; absent while the customer has neither a rated limit nor a known currency. */
  currency?: string;
  confirmedOrdersUntouched: true;
}

/**
 * The credit hold of a profile: held while it is frozen (`profile.freeze`) or while its
 * restrictions (the combined emergency measures, when given) hold credit. The reason lists the
 * freeze's reason first, then the measures' reasons. The limit is 0 while frozen (as the rating
 * makes it), otherwise the rated limit capped by the restrictions. Pure.
 * @example creditHoldOf(frozenProfile) // { hold: true, reason: 'Payment dispute escalated', limitMinor: 0, currency: 'EUR', confirmedOrdersUntouched: true }
 */
export const creditHoldOf = (profile: Pick<CustomerProfile, 'freeze' | 'rating' | 'aggregates'>, restrictions?: Restrictions): CreditHold => {
  const frozen = profile.freeze !== undefined;
  const hold = frozen || restrictions?.creditHold === true;
  const reasons = [...(frozen && profile.freeze ? [profile.freeze.reason] : []), ...(restrictions?.reasons ?? [])].map((r) => r.trim()).filter((r) => r.length > 0);
  const rated = profile.rating?.limit?.recommended;
  const ratedMinor = rated?.amountMinor ?? 0;
  const limitMinor = frozen ? 0 : restrictions ? restrictedLimit(ratedMinor, restrictions) : ratedMinor;
  const currency = rated?.currency ?? profile.aggregates.currency;
  return {
    hold,
    ...(hold && reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
    limitMinor,
    ...(currency !== undefined ? { currency } : {}),
    confirmedOrdersUntouched: true,
  };
};

/**
 * The credit hold of a stored profile. Its `restrictions` (written with every measure taken or
 * lifted) already include a freeze, which is a `freeze_all_credit` measure, so they alone decide;
 * a profile frozen before measures existed has only `freeze`. The stored rating already carries
 * the keep-share (the recompute applies `restrictedLimit`), so it is not applied twice here; a cap
 * is applied again, which changes nothing once the recompute has run and covers the moment before.
 * @example creditHoldOfProfile(profile) // { hold: true, reason: 'freeze_all_credit: Default definition met …', limitMinor: 0, … }
 */
export const creditHoldOfProfile = (profile: Pick<CustomerProfile, 'freeze' | 'rating' | 'aggregates' | 'restrictions'>): CreditHold => {
  if (!profile.restrictions) return creditHoldOf(profile);
  const { limitKeepPercent: _appliedByTheRating, ...restrictions } = profile.restrictions;
  const { freeze: _backedByAMeasure, ...unfrozen } = profile;
  return creditHoldOf(unfrozen, restrictions);
};
