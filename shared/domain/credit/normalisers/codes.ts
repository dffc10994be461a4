import type { AccountStatus, PaymentStatus, TradelineType } from '../credit-report.js';

/**
 * Code tables of the US consumer formats. Sources: CDIA Metro 2 Credit Reporting Resource
 * Guide (Base Segment fields 8, 17A, 17B, 18, 37), Experian Credit Profile (ARF/JSON) payment
 * history legend, Equifax "Account Rating" / payment history codes, TransUnion account rating
 * and payment pattern codes. Keys are upper-case raw codes.
 */

/** Metro 2 field 18 Payment History Profile and field 17B Payment Rating. '1' is 30–59 days late. */
export const METRO2_PAYMENT: Readonly<Record<string, PaymentStatus>> = {
  '0': 'current',
  '1': 'days_30_59',
  '2': 'days_60_89',
  '3': 'days_90_119',
  '4': 'days_120_149',
  '5': 'days_150_179',
  '6': 'days_180_plus',
  B: 'no_history',
  D: 'not_reported',
  E: 'zero_balance',
  G: 'collection',
  H: 'foreclosure',
  J: 'voluntary_surrender',
  K: 'repossession',
  L: 'charge_off',
};

/** Metro 2 field 17A Account Status. */
export const METRO2_ACCOUNT_STATUS: Readonly<Record<string, AccountStatus>> = {
  '05': 'transferred',
  '11': 'current',
  '13': 'paid',
  '61': 'paid_derogatory',
  '62': 'paid_derogatory',
  '63': 'paid_derogatory',
  '64': 'paid_derogatory',
  '65': 'paid_derogatory',
  '71': 'past_due',
  '78': 'past_due',
  '80': 'past_due',
  '82': 'past_due',
  '83': 'past_due',
  '84': 'past_due',
  '88': 'insurance_claim',
  '89': 'foreclosure',
  '93': 'collection',
  '94': 'foreclosure',
  '95': 'voluntary_surrender',
  '96': 'repossession',
  '97': 'charge_off',
  DA: 'deleted',
  DF: 'deleted',
};

/** Lower bound of days past due implied by a Metro 2 account status (71 → 30, ... 84 → 180). */
export const METRO2_STATUS_DAYS: Readonly<Record<string, number>> = {
  '11': 0,
  '71': 30,
  '78': 60,
  '80': 90,
  '82': 120,
  '83': 150,
  '84': 180,
};

/** Metro 2 field 8 Portfolio Type. */
export const METRO2_PORTFOLIO: Readonly<Record<string, TradelineType>> = {
  C: 'line_of_credit',
  I: 'installment',
  M: 'mortgage',
  O: 'open',
  R: 'revolving',
};

/** Metro 2 field 37 ECOA Code. */
export const METRO2_ECOA = {
  '1': 'individual',
  '2': 'joint',
  '3': 'authorized_user',
  '5': 'cosigner',
  '7': 'individual',
  T: 'terminated',
  W: 'business',
  X: 'individual',
} as const satisfies Record<string, 'individual' | 'joint' | 'authorized_user' | 'cosigner' | 'business' | 'terminated' | 'unknown'>;

/**
 * Experian payment history characters (most recent first): `C` current, `N` current / zero
 * balance, `0` current zero balance reported, `1`–`6` 30…180 days, `7` Chapter 13 plan,
 * `8` foreclosure/repossession, `9` collection/charge-off, `G,H,J,K,L` as Metro 2,
 * `B` account condition changed, `-` no history for the month.
 */
export const EXPERIAN_PAYMENT: Readonly<Record<string, PaymentStatus>> = {
  C: 'current',
  N: 'zero_balance',
  '0': 'zero_balance',
  '1': 'days_30_59',
  '2': 'days_60_89',
  '3': 'days_90_119',
  '4': 'days_120_149',
  '5': 'days_150_179',
  '6': 'days_180_plus',
  '7': 'debt_management_plan',
  '8': 'repossession',
  '9': 'charge_off',
  G: 'collection',
  H: 'foreclosure',
  J: 'voluntary_surrender',
  K: 'repossession',
  L: 'charge_off',
  B: 'not_reported',
  '-': 'no_history',
};

/** Experian tradeline `status` (legacy two-digit account condition/payment status). */
export const EXPERIAN_ACCOUNT_STATUS: Readonly<Record<string, AccountStatus>> = {
  ...METRO2_ACCOUNT_STATUS,
  '10': 'closed',
  '12': 'paid',
  '13': 'paid',
  '20': 'closed',
  '30': 'closed',
};

/** Experian `revolvingOrInstallment`. */
export const EXPERIAN_PORTFOLIO: Readonly<Record<string, TradelineType>> = {
  R: 'revolving',
  I: 'installment',
  C: 'line_of_credit',
  M: 'mortgage',
  O: 'open',
};

/**
 * Equifax account rating / payment history code: `1` PAYS AS AGREED (not Metro 2's 30 days),
 * `2` 30–59, `3` 60–89, `4` 90–119, `5` 120+, `7` wage earner / debt plan, `8` repossession,
 * `9` charge-off / collection, `E` zero balance current, `*` rate not available, blank not open.
 */
export const EQUIFAX_RATE: Readonly<Record<string, PaymentStatus>> = {
  '0': 'too_new',
  '1': 'current',
  '2': 'days_30_59',
  '3': 'days_60_89',
  '4': 'days_90_119',
  '5': 'days_120_plus',
  '6': 'collection',
  '7': 'debt_management_plan',
  '8': 'repossession',
  '9': 'charge_off',
  E: 'zero_balance',
  '*': 'not_reported',
  '': 'no_history',
};

/**
 * TransUnion account rating (`01` paid as agreed … `09` charge-off) and payment pattern
 * characters (`1` current … `5` 120+, `X` no data).
 */
export const TRANSUNION_RATING: Readonly<Record<string, PaymentStatus>> = {
  '00': 'too_new',
  '01': 'current',
  '02': 'days_30_59',
  '03': 'days_60_89',
  '04': 'days_90_119',
  '05': 'days_120_plus',
  '07': 'debt_management_plan',
  '08': 'repossession',
  '8A': 'voluntary_surrender',
  '8D': 'repossession',
  '8P': 'repossession',
  '8R': 'repossession',
  '09': 'charge_off',
  '9B': 'collection',
  '9P': 'charge_off',
  UC: 'unknown',
  UR: 'unknown',
};

export const TRANSUNION_PAYMENT: Readonly<Record<string, PaymentStatus>> = {
  '0': 'too_new',
  '1': 'current',
  '2': 'days_30_59',
  '3': 'days_60_89',
  '4': 'days_90_119',
  '5': 'days_120_plus',
  '7': 'debt_management_plan',
  '8': 'repossession',
  '9': 'charge_off',
  X: 'not_reported',
};

/** Lower bound of days past due for a normalised payment status (undefined: not a lateness). */
export const DAYS_PAST_DUE: Readonly<Partial<Record<PaymentStatus, number>>> = {
  current: 0,
  zero_balance: 0,
  days_30_59: 30,
  days_60_89: 60,
  days_90_119: 90,
  days_120_149: 120,
  days_120_plus: 120,
  days_150_179: 150,
  days_180_plus: 180,
};

/** Derogatory month statuses count as at least 120 days late for worst-delinquency purposes. */
export const DEROGATORY_PAYMENT: ReadonlySet<PaymentStatus> = new Set([
  'collection',
  'foreclosure',
  'voluntary_surrender',
  'repossession',
  'charge_off',
  'bankruptcy',
]);

/** Account status implied by a current-month payment status, for bureaus that only send a rating. */
export const accountStatusFromPayment = (status: PaymentStatus): AccountStatus => {
  if (status === 'current' || status === 'zero_balance' || status === 'too_new') return 'current';
  if (DAYS_PAST_DUE[status] !== undefined) return 'past_due';
  switch (status) {
    case 'collection':
      return 'collection';
    case 'charge_off':
      return 'charge_off';
    case 'repossession':
      return 'repossession';
    case 'voluntary_surrender':
      return 'voluntary_surrender';
    case 'foreclosure':
      return 'foreclosure';
    case 'bankruptcy':
      return 'bankruptcy';
    default:
      return 'unknown';
  }
};
