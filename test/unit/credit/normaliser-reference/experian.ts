import type { Normaliser } from '../../../../shared/domain/credit/bureau-connector.js';
import { MalformedReportError, SubjectNotFoundError } from '../../../../shared/domain/credit/bureau-connector.js';
import type { CreditScore, Inquiry, PaymentHistoryEntry, PublicRecord, ReportSubject, Tradeline } from '../../../../shared/domain/credit/credit-report.js';
import {
  EXPERIAN_ACCOUNT_STATUS,
  EXPERIAN_PAYMENT,
  EXPERIAN_PORTFOLIO,
  METRO2_ECOA,
  METRO2_STATUS_DAYS,
} from '../../../../shared/domain/credit/normalisers/codes.js';
import {
  coded,
  finaliseReport,
  isRecord,
  makePartialDate,
  money,
  monthOf,
  monthsBefore,
  nonNegativeInt,
  parseJsonBody,
  partialDateOrWarn,
  records,
  str,
  WarningSink,
  guardNormaliser,
} from './common.js';

/**
 * Experian Consumer Credit Profile (credit-profile v2 JSON): `creditProfile[0]` with
 * `consumerIdentity`, `addressInformation[]`, `ssn[]`, `riskModel[]`, `tradeline[]` (with
 * `enhancedPaymentData`), `inquiry[]`, `publicRecord[]`. Dates are `MMDDYYYY`, amounts whole
 * dollars as zero-padded strings. A no-hit answers with an informational message
 * "NO RECORD FOUND" (message number 07) and no tradelines or identity.
 */

const CURRENCY = 'USD';
const SENTINELS = /^(UNK|UNKNOWN|N\/A|NONE)$/i;

/** Published ranges of the Experian risk models we know; others keep `[0, 999]` as sent. */
const RISK_MODELS: Record<string, { model: string; min: number; max: number }> = {
  V4: { model: 'VantageScore 4.0', min: 300, max: 850 },
  V3: { model: 'VantageScore 3.0', min: 300, max: 850 },
  F9: { model: 'FICO Score 9', min: 300, max: 850 },
  AF: { model: 'FICO Score 8', min: 300, max: 850 },
  FX: { model: 'FICO Score 8', min: 300, max: 850 },
};

const amountOrSkip = (value: unknown, path: string, warnings: WarningSink) =>
  typeof value === 'string' && SENTINELS.test(value.trim()) ? undefined : money(value, CURRENCY, path, warnings);

const subjectOf = (profile: Record<string, unknown>, warnings: WarningSink): ReportSubject => {
  const identity = isRecord(profile.consumerIdentity) ? profile.consumerIdentity : {};
  const names = records(identity.name, '/creditProfile/0/consumerIdentity/name', warnings).map(({ item }) => ({
    first: str(item.firstName, 100),
    middle: str(item.middleName, 100),
    last: str(item.surname, 100),
    suffix: str(item.generationCode, 20),
    type: str(item.type) === 'A' ? ('aka' as const) : ('primary' as const),
  }));
  const dob = isRecord(identity.dob) ? identity.dob : undefined;
  const year = nonNegativeInt(dob?.year);
  const month = nonNegativeInt(dob?.month);
  const day = nonNegativeInt(dob?.day);
  const dateOfBirth = year === undefined ? undefined : makePartialDate(year, month, month === undefined ? undefined : day);
  const identifiers = records(profile.ssn, '/creditProfile/0/ssn', warnings).flatMap(({ item }) => {
    const value = str(item.number, 100);
    return value ? [{ scheme: 'ssn', value }] : [];
  });
  const addresses = records(profile.addressInformation, '/creditProfile/0/addressInformation', warnings).map(({ item, path }, index) => ({
    lines: [[item.streetPrefix, item.streetName, item.streetSuffix, item.unitType, item.unitId].map((p) => str(p, 60)).filter(Boolean).join(' ')].filter(
      (l) => l !== '',
    ),
    city: str(item.city, 100),
    region: str(item.state, 100),
    postalCode: str(item.zipCode, 20),
    country: 'US',
    type: index === 0 ? ('current' as const) : ('previous' as const),
    reportedAt: partialDateOrWarn(item.lastUpdatedDate, `${path}/lastUpdatedDate`, warnings, 'mdy'),
  }));
  return { kind: 'consumer', names, identifiers, addresses, dateOfBirth };
};

const paymentHistoryOf = (pattern: string | undefined, anchorMonth: string | undefined): PaymentHistoryEntry[] =>
  [...(pattern ?? '')].slice(0, 24).map((char, index) => ({
    month: anchorMonth ? monthsBefore(anchorMonth, index) : undefined,
    status: coded(char, EXPERIAN_PAYMENT, 'experian', 'unknown'),
  }));

const tradelineOf = (item: Record<string, unknown>, path: string, warnings: WarningSink): Tradeline => {
  const enhanced = isRecord(item.enhancedPaymentData) ? item.enhancedPaymentData : {};
  const statusRaw = str(enhanced.enhancedPaymentStatus) ?? str(item.status) ?? '';
  const amountByQualifier = (qualifier: string) =>
    str(item.amount1Qualifier) === qualifier
      ? amountOrSkip(item.amount1, `${path}/amount1`, warnings)
      : str(item.amount2Qualifier) === qualifier
        ? amountOrSkip(item.amount2, `${path}/amount2`, warnings)
        : undefined;
  const balanceDate = partialDateOrWarn(item.balanceDate, `${path}/balanceDate`, warnings, 'mdy');
  const ecoa = str(item.ecoa);
  const status = coded(statusRaw, EXPERIAN_ACCOUNT_STATUS, 'experian', 'unknown');
  const pastDue = amountOrSkip(item.amountPastDue, `${path}/amountPastDue`, warnings);
  const statusDays = METRO2_STATUS_DAYS[statusRaw];
  return {
    accountRef: str(item.accountNumber, 100),
    creditor: { name: str(item.subscriberName), code: str(item.subscriberCode, 100) },
    type: coded(item.revolvingOrInstallment, EXPERIAN_PORTFOLIO, 'experian', 'unknown'),
    accountType: item.accountType === undefined ? undefined : { value: str(item.accountType, 100) ?? '', raw: str(item.accountType, 200) ?? '', scheme: 'experian' },
    ownership: ecoa === undefined ? undefined : coded(ecoa, METRO2_ECOA, 'metro2', 'unknown'),
    opened: partialDateOrWarn(item.openDate, `${path}/openDate`, warnings, 'mdy'),
    reportedAt: balanceDate,
    lastPaymentAt: partialDateOrWarn(item.lastPaymentDate, `${path}/lastPaymentDate`, warnings, 'mdy'),
    creditLimit: amountOrSkip(enhanced.creditLimitAmount, `${path}/enhancedPaymentData/creditLimitAmount`, warnings) ?? amountByQualifier('L'),
    highCredit: amountOrSkip(enhanced.highBalanceAmount, `${path}/enhancedPaymentData/highBalanceAmount`, warnings) ?? amountByQualifier('H') ?? amountByQualifier('O'),
    balance: amountOrSkip(item.balanceAmount, `${path}/balanceAmount`, warnings),
    pastDue,
    monthlyPayment: amountOrSkip(item.monthlyPaymentAmount, `${path}/monthlyPaymentAmount`, warnings),
    chargedOff: amountOrSkip(enhanced.chargeoffAmount, `${path}/enhancedPaymentData/chargeoffAmount`, warnings),
    daysPastDue: statusDays ?? (status.value === 'current' || status.value === 'paid' ? 0 : undefined),
    status,
    paymentHistory: paymentHistoryOf(str(enhanced.enhancedPaymentHistory84, 84) ?? str(item.paymentHistory, 84), monthOf(balanceDate)),
    open: str(item.openOrClosed) === undefined ? undefined : str(item.openOrClosed) === 'O',
    source: path,
  };
};

const scoreOf = (item: Record<string, unknown>, path: string, warnings: WarningSink): CreditScore | undefined => {
  const indicator = str(item.modelIndicator, 20) ?? '';
  const raw = str(item.score, 20);
  const value = nonNegativeInt(raw);
  if (value === undefined) {
    if (raw !== undefined) warnings.add(`${path}/score`, 'score is not numeric');
    return undefined;
  }
  const known = RISK_MODELS[indicator.toUpperCase()];
  const min = known?.min ?? 0;
  const max = known?.max ?? 9999;
  if (value < min || value > max) {
    warnings.add(`${path}/score`, 'score outside the model range (exclusion code)');
    return undefined;
  }
  return {
    model: known?.model ?? `experian:${indicator || 'unknown'}`,
    value,
    min,
    max,
    direction: 'higher_is_better',
    rawValue: raw,
    reasons: records(item.scoreFactors, `${path}/scoreFactors`, warnings).flatMap(({ item: f }) => {
      const code = str(f.code, 50);
      return code ? [{ code }] : [];
    }),
    source: path,
  };
};

const inquiryOf = (item: Record<string, unknown>, path: string, warnings: WarningSink): Inquiry => ({
  date: partialDateOrWarn(item.date, `${path}/date`, warnings, 'mdy'),
  subscriber: { name: str(item.subscriberName), code: str(item.subscriberCode, 100) },
  type: { value: 'hard', raw: '', scheme: 'derived' },
  purpose: str(item.type) ? { value: str(item.type, 100)!, raw: str(item.type, 200)!, scheme: 'experian' } : undefined,
  amount: amountOrSkip(item.amount, `${path}/amount`, warnings),
  source: path,
});

const publicRecordOf = (item: Record<string, unknown>, path: string, warnings: WarningSink): PublicRecord => {
  const court = str(item.courtName);
  const isBankruptcy = /BKPT|BANKR/i.test(court ?? '') || str(item.bankruptcyChapterNumber) !== undefined;
  return {
    type: { value: isBankruptcy ? 'bankruptcy' : 'other', raw: str(item.status, 200) ?? '', scheme: 'experian' },
    filed: partialDateOrWarn(item.filingDate, `${path}/filingDate`, warnings, 'mdy'),
    resolved: partialDateOrWarn(item.statusDate, `${path}/statusDate`, warnings, 'mdy'),
    amount: amountOrSkip(item.amount, `${path}/amount`, warnings),
    court,
    reference: str(item.referenceNumber, 100),
    source: path,
  };
};

/** Normalises an Experian Consumer Credit Profile JSON response. */
export const normaliseExperian: Normaliser = guardNormaliser((raw, meta) => {
  const body = parseJsonBody(raw.body);
  if (!isRecord(body) || !Array.isArray(body.creditProfile)) throw new MalformedReportError('creditProfile array missing');
  const profile: unknown = body.creditProfile[0];
  if (profile === undefined) throw new SubjectNotFoundError('experian');
  if (!isRecord(profile)) throw new MalformedReportError('creditProfile[0] is not an object');
  const messages = records(profile.informationalMessage, '', new WarningSink());
  const noHit = messages.some(({ item }) => /NO RECORD FOUND/i.test(str(item.messageText) ?? '') || str(item.messageNumber) === '07');
  if (noHit && profile.consumerIdentity === undefined && profile.tradeline === undefined) throw new SubjectNotFoundError('experian');

  const warnings = new WarningSink();
  const base = '/creditProfile/0';
  const header = records(profile.headerRecord, `${base}/headerRecord`, warnings)[0]?.item;
  return finaliseReport({
    reportId: meta.reportId,
    bureau: 'experian',
    product: raw.product,
    pulledAt: meta.pulledAt,
    requestId: meta.requestId,
    bureauReference: str(header?.y2kReportedDate, 200),
    currency: CURRENCY,
    subject: subjectOf(profile, warnings),
    scores: records(profile.riskModel, `${base}/riskModel`, warnings).flatMap(({ item, path }) => scoreOf(item, path, warnings) ?? []),
    tradelines: records(profile.tradeline, `${base}/tradeline`, warnings).map(({ item, path }) => tradelineOf(item, path, warnings)),
    inquiries: records(profile.inquiry, `${base}/inquiry`, warnings).map(({ item, path }) => inquiryOf(item, path, warnings)),
    publicRecords: records(profile.publicRecord, `${base}/publicRecord`, warnings).map(({ item, path }) => publicRecordOf(item, path, warnings)),
    collections: [],
    warnings: warnings.items,
  });
});
