import type { BureauScore, BureauSummary } from './credit-summary.js';
import type { AccountStatus, CreditReport, CreditScore, PartialDate, Tradeline } from './credit-report.js';
import { DAYS_PAST_DUE, DEROGATORY_PAYMENT } from './normalisers/codes.js';

/**
 * Reduces a canonical report to the profile's `BureauSummary` (what the rating engine reads).
 * Works for every bureau: consumer sections are counted, the business section (D&B,
 * Creditsafe, PBOC enterprise) is carried over when present. Scores are copied, not rescaled.
 *
 * - delinquent tradeline: days past due ≥ 30, a derogatory status (collection, charge-off,
 *   repossession, foreclosure, surrender, bankruptcy) or a 五级分类 of substandard or worse;
 * - worst days past due: over current status and the last 24 months of payment history,
 *   derogatory months/statuses counting as 120;
 * - totals: amounts in the report currency only;
 * - inquiries in the last 12 months before `pulledAt` (a partial date counts at the end of
 *   its period; undated inquiries are not counted);
 * - collections: the collections section plus tradelines whose status is `collection`.
 */
export const summariseReport = (report: CreditReport, subjectMatch: BureauSummary['subjectMatch']): BureauSummary => {
  const currency = report.currency;
  const tradelines = report.tradelines.filter((t) => t.status.value !== 'deleted');
  const sum = (pick: (t: Tradeline) => { amountMinor: number; currency: string } | undefined) =>
    tradelines.reduce((acc, t) => {
      const m = pick(t);
      return m && m.currency === currency ? acc + m.amountMinor : acc;
    }, 0);

  const publicRecords = { bankruptcies: 0, judgments: 0, liens: 0, other: 0 };
  for (const record of report.publicRecords) {
    const type = record.type.value;
    if (type === 'bankruptcy') publicRecords.bankruptcies += 1;
    else if (type === 'judgment') publicRecords.judgments += 1;
    else if (type === 'lien') publicRecords.liens += 1;
    else publicRecords.other += 1;
  }

  const since = monthsBeforeIso(report.pulledAt, 12);
  const inquiriesLast12Months = report.inquiries.filter((i) => i.date !== undefined && endOf(i.date) >= since).length;

  return {
    bureau: report.bureau,
    product: report.product,
    reportId: report.reportId,
    pulledAt: report.pulledAt,
    subjectMatch,
    scores: report.scores.map(toBureauScore),
    tradelines: {
      count: tradelines.length,
      delinquentCount: tradelines.filter(isDelinquent).length,
      worstDaysPastDue: tradelines.reduce((worst, t) => Math.max(worst, worstDays(t)), 0),
      totalBalanceMinor: sum((t) => t.balance),
      totalPastDueMinor: sum((t) => t.pastDue),
      currency,
    },
    inquiriesLast12Months,
    publicRecords,
    collections: report.collections.length + tradelines.filter((t) => t.status.value === 'collection').length,
    business: report.business
      ? {
          foundedYear: report.business.founded ? Number(report.business.founded.value.slice(0, 4)) : undefined,
          employees: report.business.employees?.value,
          paydex:
            report.business.paymentIndex && report.business.paymentIndex.min >= 0 && report.business.paymentIndex.max <= 100
              ? report.business.paymentIndex.value
              : undefined,
          failureScore: report.business.failureScore ? toBureauScore(report.business.failureScore) : undefined,
          delinquencyScore: report.business.delinquencyScore ? toBureauScore(report.business.delinquencyScore) : undefined,
          recommendedLimit: report.business.recommendedCreditLimit,
        }
      : undefined,
  };
};

const DEROGATORY_STATUS: ReadonlySet<AccountStatus> = new Set([
  'collection',
  'charge_off',
  'repossession',
  'voluntary_surrender',
  'foreclosure',
  'bankruptcy',
]);

const isDelinquent = (t: Tradeline): boolean =>
  (t.daysPastDue ?? 0) >= 30 ||
  t.status.value === 'past_due' ||
  DEROGATORY_STATUS.has(t.status.value) ||
  (t.classification !== undefined && ['substandard', 'doubtful', 'loss'].includes(t.classification.value));

const worstDays = (t: Tradeline): number => {
  let worst = t.daysPastDue ?? 0;
  if (DEROGATORY_STATUS.has(t.status.value)) worst = Math.max(worst, 120);
  for (const entry of t.paymentHistory.slice(0, 24)) {
    const days = DAYS_PAST_DUE[entry.status.value];
    if (days !== undefined) worst = Math.max(worst, days);
    else if (DEROGATORY_PAYMENT.has(entry.status.value)) worst = Math.max(worst, 120);
  }
  return worst;
};

const toBureauScore = ({ model, value, min, max, direction, rawValue }: CreditScore): BureauScore => ({
  model,
  value,
  min,
  max,
  direction,
  ...(rawValue === undefined ? {} : { rawValue }),
});

/** Latest ISO day a partial date may stand for (`2024-03` → `2024-03-31`). */
const endOf = (date: PartialDate): string => {
  if (date.precision === 'day') return date.value;
  if (date.precision === 'year') return `${date.value}-12-31`;
  const [y, m] = date.value.split('-').map(Number) as [number, number];
  return `${date.value}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

const monthsBeforeIso = (iso: string, months: number): string => {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};
