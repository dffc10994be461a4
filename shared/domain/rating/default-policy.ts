import { parsePolicy, type RiskPolicy, type RiskPolicyV1Input as RiskPolicyInput } from './policy.js';

/**
 * Numeric bins from interior edges: `edges` [a, b] and `points` [p0, p1, p2] give
 * (−∞, a) → p0, [a, b) → p1, [b, ∞) → p2.
 * @example numericBins([1, 30], [80, 50, 0])
 */
export const numericBins = (edges: readonly number[], points: readonly number[]): { from?: number; to?: number; points: number }[] => {
  if (points.length !== edges.length + 1) throw new RangeError('points must have one more entry than edges');
  return points.map((p, i) => ({
    ...(i > 0 ? { from: edges[i - 1]! } : {}),
    ...(i < edges.length ? { to: edges[i]! } : {}),
    points: p,
  }));
};

const EUR = (euros: number): number => euros * 100;

/** The classic 11-segment R×F grid (first match wins; Lost before Hibernating). */
export const DEFAULT_RFM_SEGMENTS: RiskPolicyInput['rfm']['segments'] = [
  { segment: 'Champions', r: [5, 5], f: [4, 5] },
  { segment: 'Loyal', r: [3, 4], f: [4, 5] },
  { segment: 'Potential Loyalist', r: [4, 5], f: [2, 3] },
  { segment: 'New', r: [5, 5], f: [1, 1] },
  { segment: 'Promising', r: [4, 4], f: [1, 1] },
  { segment: 'Need Attention', r: [3, 3], f: [3, 3] },
  { segment: 'About to Sleep', r: [3, 3], f: [1, 2] },
  { segment: "Can't Lose", r: [1, 2], f: [5, 5] },
  { segment: 'At Risk', r: [1, 2], f: [3, 4] },
  { segment: 'Lost', r: [1, 1], f: [1, 1] },
  { segment: 'Hibernating', r: [1, 2], f: [1, 2] },
];

/** Master scale AAA…D with PD upper bounds. */
export const DEFAULT_MASTER_SCALE: RiskPolicyInput['masterScale'] = [
  { grade: 'AAA', maxPd: 0.0005 },
  { grade: 'AA', maxPd: 0.001 },
  { grade: 'A', maxPd: 0.0025 },
  { grade: 'BBB', maxPd: 0.0075 },
  { grade: 'BB', maxPd: 0.02 },
  { grade: 'B', maxPd: 0.05 },
  { grade: 'CCC', maxPd: 0.12 },
  { grade: 'CC', maxPd: 0.25 },
  { grade: 'C', maxPd: 0.5 },
  { grade: 'D', maxPd: 1 },
];

const rule = (grade: string, purchaseMultiple: number, bureauShare: number, capEur: number, floorEur: number) => ({
  grade,
  purchaseMultiple,
  bureauShare,
  capMinor: EUR(capEur),
  floorMinor: EUR(floorEur),
});

/** Limit rules by grade, non-increasing from AAA to D. */
export const DEFAULT_LIMIT_RULES: RiskPolicyInput['limits']['byGrade'] = [
  rule('AAA', 4, 1, 2_000_000, 20_000),
  rule('AA', 3.5, 0.9, 1_500_000, 15_000),
  rule('A', 3, 0.8, 1_000_000, 10_000),
  rule('BBB', 2.5, 0.6, 500_000, 5_000),
  rule('BB', 2, 0.5, 250_000, 2_000),
  rule('B', 1.5, 0.3, 100_000, 1_000),
  rule('CCC', 1, 0.15, 50_000, 0),
  rule('CC', 0.5, 0.05, 10_000, 0),
  rule('C', 0, 0, 0, 0),
  rule('D', 0, 0, 0, 0),
];

/**
 * The policy the hub rates with out of the box (version 1, active), written in policy format
 * version 1 and read as format 2 like every stored version 1 policy: ten expert-set
 * characteristics over own trade data, bureaus and partner assessments, scaled so that
 * 600 points means odds of 50:1 and every 20 points double the odds.
 */
export const DEFAULT_POLICY_INPUT: RiskPolicyInput = {
  version: 1,
  name: 'RiskBridge default expert scorecard',
  status: 'active',
  description: 'Expert-judgement starting point; replace with a trained and backtested policy once outcomes are recorded.',
  currency: 'EUR',
  features: [
    { id: 'bureau_score', label: 'Worst bureau score, as a percentile of its own range', extractor: { type: 'bureau_score_percentile' } },
    { id: 'worst_dpd', label: 'Worst days past due (own invoices and bureau tradelines)', extractor: { type: 'worst_days_past_due' } },
    { id: 'overdue_ratio', label: 'Overdue share of open balance', extractor: { type: 'overdue_ratio' } },
    { id: 'days_since_last_order', label: 'Days since last order', extractor: { type: 'days_since_last_order' } },
    { id: 'orders_12m', label: 'Orders in the last 12 months', extractor: { type: 'orders_12m' } },
    { id: 'payment_days_late_avg', label: 'Average days late per payment', extractor: { type: 'payment_days_late_avg' } },
    { id: 'public_records', label: 'Bankruptcies, judgments, liens and other public records', extractor: { type: 'public_records' } },
    { id: 'paydex', label: 'D&B PAYDEX', extractor: { type: 'paydex' } },
    { id: 'partner_pd', label: 'Highest recent partner-assessed PD', extractor: { type: 'partner_pd' } },
    { id: 'years_in_business', label: 'Years in business', extractor: { type: 'years_in_business' } },
  ],
  scorecard: {
    scaling: { baseScore: 600, baseOdds: 50, pdo: 20 },
    basePoints: 260,
    characteristics: [
      { type: 'numeric', feature: 'bureau_score', bins: numericBins([20, 40, 60, 80], [0, 20, 40, 60, 75]), missingPoints: 35, reasonCode: 'R01', reasonText: 'Low credit bureau score', missingReasonText: 'No credit bureau score on file' },
      { type: 'numeric', feature: 'worst_dpd', bins: numericBins([1, 30, 60, 90], [80, 50, 20, 0, -40]), missingPoints: 40, reasonCode: 'R02', reasonText: 'Payments past due', missingReasonText: 'No repayment history on file' },
      { type: 'numeric', feature: 'overdue_ratio', bins: numericBins([0.05, 0.2, 0.5], [50, 35, 15, 0]), missingPoints: 30, reasonCode: 'R03', reasonText: 'High share of the open balance is overdue', missingReasonText: 'No invoice history yet' },
      { type: 'numeric', feature: 'days_since_last_order', bins: numericBins([30, 90, 180, 365], [30, 25, 15, 5, 0]), missingPoints: 10, reasonCode: 'R04', reasonText: 'No recent orders', missingReasonText: 'No order history yet' },
      { type: 'numeric', feature: 'orders_12m', bins: numericBins([1, 3, 12], [0, 10, 20, 30]), missingPoints: 5, reasonCode: 'R05', reasonText: 'Few orders in the last 12 months', missingReasonText: 'No order history yet' },
      { type: 'numeric', feature: 'payment_days_late_avg', bins: numericBins([1, 5, 15, 30], [50, 40, 25, 10, 0]), missingPoints: 25, reasonCode: 'R06', reasonText: 'Payments are made late', missingReasonText: 'No payment history yet' },
      { type: 'numeric', feature: 'public_records', bins: numericBins([1, 2], [40, 10, 0]), missingPoints: 25, reasonCode: 'R07', reasonText: 'Public records such as judgments, liens or bankruptcy', missingReasonText: 'No public record data on file' },
      { type: 'numeric', feature: 'paydex', bins: numericBins([50, 70, 80], [0, 15, 30, 40]), missingPoints: 20, reasonCode: 'R08', reasonText: 'Slow payment to suppliers (PAYDEX)', missingReasonText: 'No PAYDEX available' },
      { type: 'numeric', feature: 'partner_pd', bins: numericBins([0.01, 0.03, 0.1], [40, 30, 15, 0]), missingPoints: 20, reasonCode: 'R09', reasonText: 'High default probability assessed by a partner', missingReasonText: 'No partner assessment' },
      { type: 'numeric', feature: 'years_in_business', bins: numericBins([2, 5, 10], [0, 10, 20, 30]), missingPoints: 10, reasonCode: 'R10', reasonText: 'Short time in business', missingReasonText: 'Founding date unknown' },
    ],
  },
  masterScale: DEFAULT_MASTER_SCALE,
  rfm: {
    windowMonths: 12,
    recencyDays: [14, 30, 90, 180],
    frequency: [2, 4, 8, 16],
    monetaryMinor: [EUR(1_000), EUR(5_000), EUR(20_000), EUR(100_000)],
    segments: DEFAULT_RFM_SEGMENTS,
  },
  limits: { combine: 'min', subtractExposure: true, roundDownToMinor: EUR(100), byGrade: DEFAULT_LIMIT_RULES },
  alerts: { downgradeNotches: 2, dpdThresholds: [30, 60], defaultDpd: 90, onDefault: 'freeze_limit' },
  minimumData: { minFeatures: 3 },
};

/**
 * The default policy's event rule for the daily drift job (a version 1 document has no `alerts.rules`):
 * a warning per policy version, quiet for 12 hours so a drift that persists after the case was
 * closed raises again the next day (an open case folds the repeats).
 */
export const DEFAULT_DRIFT_RULE = { id: 'score-drift', kind: 'event', severity: 'warning', eventType: 'rating.drift_detected', dedupeKey: '{rule}:{customerId}:{detail}', cooldownHours: 12 } as const;

const migrated = parsePolicy(DEFAULT_POLICY_INPUT);

/** DEFAULT_POLICY_INPUT, parsed and migrated to format 2 (defaults applied, cross-field rules checked at load), with {@link DEFAULT_DRIFT_RULE}. */
export const DEFAULT_POLICY: RiskPolicy = parsePolicy({ ...migrated, alerts: { ...migrated.alerts, rules: [...migrated.alerts.rules, DEFAULT_DRIFT_RULE] } });
