import type { Normaliser } from '../../../../shared/domain/credit/bureau-connector.js';
import { MalformedReportError, SubjectNotFoundError } from '../../../../shared/domain/credit/bureau-connector.js';
import type { AccountStatus, Collection, CreditScore, Inquiry, PaymentHistoryEntry, PublicRecord, ReportSubject, Tradeline } from '../../../../shared/domain/credit/credit-report.js';
import { accountStatusFromPayment, DAYS_PAST_DUE, EQUIFAX_RATE, METRO2_PORTFOLIO } from '../../../../shared/domain/credit/normalisers/codes.js';
import {
  coded,
  finaliseReport,
  isRecord,
  money,
  monthOf,
  monthsBefore,
  parseJsonBody,
  partialDateOrWarn,
  records,
  str,
  finiteNumber,
  WarningSink,
  guardNormaliser,
} from './common.js';

/**
 * Equifax US consumer credit report (OneView / Consumer Credit Report JSON):
 * `consumers.equifaxUSConsumerCreditReport[0]` with `hitCode`, `subjectName`,
 * `subjectSocialNum`, `birthDate`, `addresses[]`, `trades[]` (rate and `paymentHistory1to24`
 * in Equifax codes, where `1` = PAYS AS AGREED), `inquiries[]`, `collections[]`,
 * `bankruptcies[]`, `models[]`. Dates are `MMDDYYYY`; day `00` means month precision.
 */

const CURRENCY = 'USD';

/** Equifax ECOA / account designator codes. */
const EQUIFAX_DESIGNATOR = {
  I: 'individual',
  J: 'joint',
  A: 'authorized_user',
  C: 'cosigner',
  S: 'joint',
  M: 'individual',
  T: 'terminated',
  W: 'business',
  U: 'unknown',
  X: 'individual',
} as const;

/** Equifax activity designator: refines the account status the rate implies. */
const ACTIVITY_STATUS: Record<string, AccountStatus> = { B: 'closed', P: 'paid', C: 'closed', T: 'transferred', O: 'closed' };

const COLLECTION_STATUS = { P: 'paid', U: 'unpaid', S: 'settled', D: 'disputed' } as const;

const codeOf = (value: unknown): string | undefined => (isRecord(value) ? str(value.code, 200) : str(value, 200));

const subjectOf = (report: Record<string, unknown>, warnings: WarningSink): ReportSubject => {
  const nameOf = (value: unknown, type: 'primary' | 'former') =>
    isRecord(value)
      ? [{ first: str(value.firstName, 100), middle: str(value.middleName ?? value.middleInitial, 100), last: str(value.lastName, 100), suffix: str(value.suffix, 20), type }]
      : [];
  const ssn = str(report.subjectSocialNum, 100);
  return {
    kind: 'consumer',
    names: [...nameOf(report.subjectName, 'primary'), ...records(report.formerNames, '/formerNames', warnings).flatMap(({ item }) => nameOf(item, 'former'))],
    identifiers: [
      ...(ssn ? [{ scheme: 'ssn', value: ssn }] : []),
      ...(str(report.fileIdentificationNumber, 100) ? [{ scheme: 'bureau_file', value: str(report.fileIdentificationNumber, 100)! }] : []),
    ],
    addresses: records(report.addresses, '/addresses', warnings).map(({ item, path }) => ({
      lines: [str(item.addressLine1, 200)].filter((l): l is string => l !== undefined),
      city: str(item.cityName, 100),
      region: str(item.stateAbbreviation, 100),
      postalCode: str(item.zipCode, 20),
      country: 'US',
      type: item.addressType === 'current' ? ('current' as const) : item.addressType === 'former' ? ('previous' as const) : ('unknown' as const),
      reportedAt: partialDateOrWarn(item.dateLastReported, `${path}/dateLastReported`, warnings, 'mdy'),
    })),
    dateOfBirth: partialDateOrWarn(report.birthDate, '/birthDate', warnings, 'mdy'),
    deceased: str(report.deathDate) !== undefined ? true : undefined,
  };
};

const historyOf = (value: unknown, anchorMonth: string | undefined): PaymentHistoryEntry[] =>
  (Array.isArray(value) ? value : [])
    .map((entry) => (isRecord(entry) ? (typeof entry.code === 'string' || typeof entry.code === 'number' ? String(entry.code) : '') : ''))
    .filter((code) => code !== '/')
    .slice(0, 24)
    .map((code, index) => ({
      month: anchorMonth ? monthsBefore(anchorMonth, index + 1) : undefined,
      status: coded(code.trim(), EQUIFAX_RATE, 'equifax', 'unknown'),
    }));

const tradeOf = (item: Record<string, unknown>, path: string, warnings: WarningSink): Tradeline => {
  const rateRaw = codeOf(item.rate) ?? '';
  const rate = coded(rateRaw, EQUIFAX_RATE, 'equifax', 'unknown');
  const activity = codeOf(item.activityDesignatorCode);
  const activityStatus = activity ? ACTIVITY_STATUS[activity.toUpperCase()] : undefined;
  const rateStatus = accountStatusFromPayment(rate.value);
  const status: AccountStatus = activityStatus && (rateStatus === 'current' || rateStatus === 'unknown') ? activityStatus : rateStatus;
  const reported = partialDateOrWarn(item.dateReported, `${path}/dateReported`, warnings, 'mdy');
  const designator = codeOf(item.accountDesignator);
  const accountType = codeOf(item.accountTypeCode);
  return {
    accountRef: str(item.accountNumber, 100),
    creditor: { name: str(item.customerName), code: str(item.customerNumber, 100) },
    type: coded(codeOf(item.portfolioTypeCode), METRO2_PORTFOLIO, 'equifax', 'unknown'),
    accountType: accountType ? { value: accountType, raw: accountType, scheme: 'equifax' } : undefined,
    ownership: designator ? coded(designator, EQUIFAX_DESIGNATOR, 'equifax', 'unknown') : undefined,
    opened: partialDateOrWarn(item.dateOpened, `${path}/dateOpened`, warnings, 'mdy'),
    closed: partialDateOrWarn(item.closedDate, `${path}/closedDate`, warnings, 'mdy'),
    reportedAt: reported,
    lastPaymentAt: partialDateOrWarn(item.lastPaymentDate, `${path}/lastPaymentDate`, warnings, 'mdy'),
    creditLimit: money(item.creditLimit, CURRENCY, `${path}/creditLimit`, warnings),
    highCredit: money(item.highCredit, CURRENCY, `${path}/highCredit`, warnings),
    balance: money(item.balance, CURRENCY, `${path}/balance`, warnings),
    pastDue: money(item.pastDueAmount, CURRENCY, `${path}/pastDueAmount`, warnings),
    monthlyPayment: money(item.scheduledPaymentAmount, CURRENCY, `${path}/scheduledPaymentAmount`, warnings),
    chargedOff: money(item.originalChargeOffAmount, CURRENCY, `${path}/originalChargeOffAmount`, warnings),
    daysPastDue: DAYS_PAST_DUE[rate.value],
    status: { value: status, raw: activity ? `rate=${rateRaw};activity=${activity}` : rateRaw, scheme: 'equifax' },
    paymentHistory: historyOf(item.paymentHistory1to24, monthOf(reported)),
    open: str(item.closedDate) === undefined ? undefined : false,
    source: path,
  };
};

const modelOf = (item: Record<string, unknown>, path: string, warnings: WarningSink): CreditScore | undefined => {
  const value = finiteNumber(item.score);
  const type = str(item.type, 50) ?? 'MODEL';
  const number = str(item.modelNumber, 20) ?? 'unknown';
  if (value === undefined || !Number.isInteger(value)) {
    if (item.score !== undefined) warnings.add(`${path}/score`, 'score is not numeric');
    return undefined;
  }
  const scaled = /FICO|VANTAGE/i.test(type);
  const [min, max] = scaled ? [300, 850] : [0, 999];
  if (value < min || value > max) {
    warnings.add(`${path}/score`, 'score outside the model range (reject / exclusion)');
    return undefined;
  }
  return {
    model: `equifax:${type}:${number}`,
    value,
    min,
    max,
    direction: 'higher_is_better',
    rawValue: String(item.score),
    reasons: records(item.reasons, `${path}/reasons`, warnings).flatMap(({ item: r }) => (codeOf(r) ? [{ code: codeOf(r)!.slice(0, 50) }] : [])),
    source: path,
  };
};

const inquiryOf = (item: Record<string, unknown>, path: string, warnings: WarningSink): Inquiry => {
  const type = str(item.type, 50) ?? '';
  return {
    date: partialDateOrWarn(item.inquiryDate, `${path}/inquiryDate`, warnings, 'mdy'),
    subscriber: { name: str(item.customerName), code: str(item.customerNumber, 100) },
    type: coded(type, { INQUIRY: 'hard', PROMOTIONAL: 'promotional', ACCOUNTREVIEW: 'account_review' } as const, 'equifax', 'unknown'),
    purpose: str(item.industryCode) ? { value: str(item.industryCode, 100)!, raw: str(item.industryCode, 200)!, scheme: 'equifax' } : undefined,
    source: path,
  };
};

const collectionOf = (item: Record<string, unknown>, path: string, warnings: WarningSink): Collection => ({
  agency: { name: str(item.clientNameOrNumber), code: str(item.customerNumber, 100) },
  assigned: partialDateOrWarn(item.dateAssigned, `${path}/dateAssigned`, warnings, 'mdy'),
  lastActivity: partialDateOrWarn(item.statusDate ?? item.dateReported, `${path}/statusDate`, warnings, 'mdy'),
  originalAmount: money(item.originalAmount, CURRENCY, `${path}/originalAmount`, warnings),
  balance: money(item.balance, CURRENCY, `${path}/balance`, warnings),
  status: coded(codeOf(item.statusCode), COLLECTION_STATUS, 'equifax', 'unknown'),
  source: path,
});

const bankruptcyOf = (item: Record<string, unknown>, path: string, warnings: WarningSink): PublicRecord => {
  const disposition = codeOf(item.currentIntentOrDispositionCode) ?? '';
  return {
    type: { value: 'bankruptcy', raw: str(item.type, 200) ?? '', scheme: 'equifax' },
    status: { value: str(item.dispositionDate) || str(item.currentDispositionDate) ? 'discharged' : 'filed', raw: disposition, scheme: 'equifax' },
    filed: partialDateOrWarn(item.dateFiled, `${path}/dateFiled`, warnings, 'mdy'),
    resolved: partialDateOrWarn(item.currentDispositionDate ?? item.dispositionDate, `${path}/currentDispositionDate`, warnings, 'mdy'),
    reference: str(item.caseNumber, 100),
    source: path,
  };
};

/** Normalises an Equifax US consumer credit report JSON response. */
export const normaliseEquifax: Normaliser = guardNormaliser((raw, meta) => {
  const body = parseJsonBody(raw.body);
  const consumers = isRecord(body) ? body.consumers : undefined;
  const list = isRecord(consumers) ? consumers.equifaxUSConsumerCreditReport : undefined;
  if (!Array.isArray(list)) throw new MalformedReportError('consumers.equifaxUSConsumerCreditReport array missing');
  const report: unknown = list[0];
  if (report === undefined) throw new SubjectNotFoundError('equifax');
  if (!isRecord(report)) throw new MalformedReportError('equifaxUSConsumerCreditReport[0] is not an object');
  const hit = isRecord(report.hitCode) ? str(report.hitCode.description) : undefined;
  if (hit !== undefined && /no\s*hit/i.test(hit)) throw new SubjectNotFoundError('equifax');

  const warnings = new WarningSink();
  const base = '/consumers/equifaxUSConsumerCreditReport/0';
  return finaliseReport({
    reportId: meta.reportId,
    bureau: 'equifax',
    product: raw.product,
    pulledAt: meta.pulledAt,
    requestId: meta.requestId,
    bureauReference: str(report.customerReferenceNumber, 200),
    currency: CURRENCY,
    subject: subjectOf(report, warnings),
    scores: records(report.models, `${base}/models`, warnings).flatMap(({ item, path }) => modelOf(item, path, warnings) ?? []),
    tradelines: records(report.trades, `${base}/trades`, warnings).map(({ item, path }) => tradeOf(item, path, warnings)),
    inquiries: records(report.inquiries, `${base}/inquiries`, warnings).map(({ item, path }) => inquiryOf(item, path, warnings)),
    publicRecords: records(report.bankruptcies, `${base}/bankruptcies`, warnings).map(({ item, path }) => bankruptcyOf(item, path, warnings)),
    collections: records(report.collections, `${base}/collections`, warnings).map(({ item, path }) => collectionOf(item, path, warnings)),
    warnings: warnings.items,
  });
});
