import { toMinorUnits } from '../../../../shared/domain/money.js';
import { MalformedReportError, SubjectNotFoundError, type Normaliser } from '../../../../shared/domain/credit/bureau-connector.js';
import type { CreditScore, PublicRecord, ReportSubject, Tradeline } from '../../../../shared/domain/credit/credit-report.js';
import {
  boundedStr as str,
  coded,
  finaliseReport,
  finiteNumber,
  guardNormaliser,
  isRecord,
  money,
  nonNegativeInt,
  parseJsonBody,
  partialDateOrWarn,
  records,
  WarningSink,
} from './common.js';

/**
 * Creditsafe Connect company credit report (`GET /v1/companies/{connectId}`) → canonical
 * CreditReport.
 *
 * Read: `report.companySummary`, `report.companyIdentification.basicInformation`,
 * `report.creditScore.currentCreditRating.{commonValue, providerValue, creditLimit}`,
 * `report.otherInformation.employeesInformation`, `report.negativeInformation.ccjSummary`,
 * `report.paymentData`. Scores are kept on Creditsafe's scales: the provider score
 * (`providerValue`, usually 0–100, higher is better; the range is read from `minValue`/`maxValue`)
 * and the international rating A–E as its ordinal position (A = 1 … E = 5, lower is better,
 * raw letter kept). "Not Rated" / "Credit Limit not applicable" are sentinels, not errors.
 * `paymentData` becomes one aggregated trade-credit tradeline; each exact, unsatisfied CCJ of
 * `ccjSummary` becomes a judgment public record (the summary has no per-judgment detail).
 * Directors are not part of the canonical model and are not read.
 */

const COMMON_VALUES = ['A', 'B', 'C', 'D', 'E'] as const;
const STATUS = { ACTIVE: 'active', NONACTIVE: 'inactive', 'NON-ACTIVE': 'inactive', DISSOLVED: 'dissolved', INSOLVENT: 'insolvent', LIQUIDATION: 'insolvent' } as const;
const COUNTRY_CURRENCY: Record<string, string> = { GB: 'GBP', US: 'USD', SE: 'SEK', NO: 'NOK', DK: 'DKK', CH: 'CHF', PL: 'PLN', JP: 'JPY', CA: 'CAD' };
const SENTINEL = /not\s+(rated|applicable|available)|n\/a|^-$/i;
const MAX_CCJ_RECORDS = 100;

const currencyOf = (value: unknown): string | undefined => {
  const text = str(value, 3);
  return text !== undefined && /^[A-Z]{3}$/.test(text) ? text : undefined;
};

const normalise: Normaliser = (raw, meta) => {
  if (raw.bureau !== 'creditsafe') throw new MalformedReportError(`expected a creditsafe payload, got ${raw.bureau}`);
  const body = parseJsonBody(raw.body);
  if (!isRecord(body)) throw new MalformedReportError('body is not a JSON object');
  const report = body.report;
  if (!isRecord(report)) {
    const details = `${str(body.details) ?? ''} ${str(body.message) ?? ''}`;
    if (/not\s*found|no\s+company/i.test(details)) throw new SubjectNotFoundError('creditsafe');
    throw new MalformedReportError('report is missing');
  }
  const warnings = new WarningSink();
  const summary = isRecord(report.companySummary) ? report.companySummary : {};
  const identification = isRecord(report.companyIdentification) ? report.companyIdentification : {};
  const basic = isRecord(identification.basicInformation) ? identification.basicInformation : {};
  const companyId = str(report.companyId, 100) ?? str(body.companyId, 100);
  if (companyId === undefined) throw new MalformedReportError('report.companyId is missing');
  const country = str(summary.country ?? basic.country, 2);
  const creditScore = isRecord(report.creditScore) ? report.creditScore : {};
  const rating = isRecord(creditScore.currentCreditRating) ? creditScore.currentCreditRating : {};
  const limit = isRecord(rating.creditLimit) ? rating.creditLimit : {};
  const turnover = isRecord(summary.latestTurnoverFigure) ? summary.latestTurnoverFigure : undefined;
  const currency = currencyOf(limit.currency) ?? currencyOf(turnover?.currency) ?? (country ? COUNTRY_CURRENCY[country] : undefined) ?? 'EUR';

  const names: ReportSubject['names'] = [];
  const businessName = str(summary.businessName ?? basic.businessName);
  if (businessName !== undefined) names.push({ full: businessName, type: 'primary' });
  const registered = str(basic.registeredCompanyName);
  if (registered !== undefined && registered !== businessName) names.push({ full: registered, type: 'legal' });
  const identifiers: ReportSubject['identifiers'] = [{ scheme: 'creditsafe_id', value: companyId }];
  const regNo = str(basic.companyRegistrationNumber ?? summary.companyRegistrationNumber, 100);
  if (regNo !== undefined) identifiers.push({ scheme: 'company_number', value: regNo });
  const vat = str(basic.vatRegistrationNumber, 100);
  if (vat !== undefined) identifiers.push({ scheme: 'vat', value: vat });
  const addresses: ReportSubject['addresses'] = [];
  for (const [address, type] of [[basic.contactAddress, 'registered'], [isRecord(report.contactInformation) ? report.contactInformation.mainAddress : undefined, 'trading']] as const) {
    if (!isRecord(address)) continue;
    const addressCountry = str(address.country, 2);
    addresses.push({
      lines: [str(address.street ?? address.simpleValue, 200)].filter((line): line is string => line !== undefined),
      city: str(address.city, 100),
      region: str(address.province, 100),
      postalCode: str(address.postalCode, 20),
      country: addressCountry !== undefined && /^[A-Z]{2}$/.test(addressCountry) ? addressCountry : undefined,
      type,
    });
  }

  const scores: CreditScore[] = [];
  const provider = isRecord(rating.providerValue) ? rating.providerValue : undefined;
  const providerValue = finiteNumber(provider?.value);
  if (provider && providerValue !== undefined) {
    const min = finiteNumber(provider.minValue) ?? 0;
    const max = finiteNumber(provider.maxValue) ?? 100;
    if (min < max && providerValue >= min && providerValue <= max) {
      scores.push({ model: 'creditsafe_provider_score', value: providerValue, min, max, direction: 'higher_is_better', rawValue: str(provider.value, 20), reasons: str(rating.providerDescription) ? [{ code: 'provider_description', text: str(rating.providerDescription) }] : [], source: '/report/creditScore/currentCreditRating/providerValue' });
    } else warnings.add('/report/creditScore/currentCreditRating/providerValue', 'value outside its range');
  } else if (provider && str(provider.value) !== undefined && !SENTINEL.test(str(provider.value)!)) {
    warnings.add('/report/creditScore/currentCreditRating/providerValue/value', 'not a number');
  }
  const common = str(rating.commonValue, 5)?.toUpperCase();
  const commonIndex = common === undefined ? -1 : COMMON_VALUES.indexOf(common as (typeof COMMON_VALUES)[number]);
  if (commonIndex >= 0) {
    scores.push({ model: 'creditsafe_international_rating', value: commonIndex + 1, min: 1, max: 5, direction: 'lower_is_better', rawValue: common, reasons: str(rating.commonDescription) ? [{ code: `rating:${common}`, text: str(rating.commonDescription) }] : [], source: '/report/creditScore/currentCreditRating/commonValue' });
  } else if (common !== undefined) warnings.add('/report/creditScore/currentCreditRating/commonValue', 'not an A–E rating');

  const limitCurrency = currencyOf(limit.currency) ?? currency;
  const limitText = str(limit.value);
  const recommendedCreditLimit =
    limitText === undefined || SENTINEL.test(limitText) || toMinorUnits(limitText, limitCurrency) === undefined
      ? undefined
      : money(limitText, limitCurrency, '/report/creditScore/currentCreditRating/creditLimit/value', warnings);
  if (limitText !== undefined && !SENTINEL.test(limitText) && recommendedCreditLimit === undefined) warnings.add('/report/creditScore/currentCreditRating/creditLimit/value', 'amount is not a number');

  const employees = records(isRecord(report.otherInformation) ? report.otherInformation.employeesInformation : undefined, '/report/otherInformation/employeesInformation', warnings)
    .map(({ item, path }) => ({ year: nonNegativeInt(item.year) ?? 0, value: nonNegativeInt(item.numberOfEmployees), path, raw: item.numberOfEmployees }))
    .sort((a, b) => b.year - a.year)[0];
  if (employees && employees.value === undefined && str(employees.raw) !== undefined) warnings.add(`${employees.path}/numberOfEmployees`, 'not a whole number');

  const turnoverCurrency = currencyOf(turnover?.currency) ?? currency;
  const turnoverMoney = turnover ? money(turnover.value, turnoverCurrency, '/report/companySummary/latestTurnoverFigure/value', warnings) : undefined;
  const activity = isRecord(summary.mainActivity) ? summary.mainActivity : isRecord(basic.principalActivity) ? basic.principalActivity : undefined;
  const legalForm = isRecord(basic.legalForm) ? basic.legalForm : undefined;
  const companyStatus = isRecord(summary.companyStatus) ? summary.companyStatus : isRecord(basic.companyStatus) ? basic.companyStatus : undefined;

  const negative = isRecord(report.negativeInformation) ? report.negativeInformation : {};
  const ccj = isRecord(negative.ccjSummary) ? negative.ccjSummary : undefined;
  const publicRecords: PublicRecord[] = [];
  if (ccj) {
    const exact = nonNegativeInt(ccj.numberOfExact) ?? 0;
    const satisfied = Math.min(exact, nonNegativeInt(ccj.numberOfSatisfied) ?? 0);
    for (let i = 0; i < Math.min(exact, MAX_CCJ_RECORDS); i += 1) {
      publicRecords.push({
        type: { value: 'judgment', raw: 'ccj', scheme: 'creditsafe' },
        status: i < satisfied ? { value: 'satisfied', raw: 'numberOfSatisfied', scheme: 'creditsafe' } : { value: 'open', raw: 'numberOfExact', scheme: 'creditsafe' },
        source: '/report/negativeInformation/ccjSummary',
      });
    }
  }

  const tradelines: Tradeline[] = [];
  const payments = isRecord(report.paymentData) ? report.paymentData : undefined;
  if (payments) {
    const owingLate = nonNegativeInt(payments.paymentsStillOwingLate) ?? 0;
    const late90 = (nonNegativeInt(payments.paymentsPaid90DaysplusLate) ?? 0) > 0;
    const late61 = (nonNegativeInt(payments.payments61to90DaysLate) ?? 0) > 0;
    const late31 = (nonNegativeInt(payments.payments31to60DaysLate) ?? 0) > 0;
    const dbt = nonNegativeInt(payments.dbt);
    tradelines.push({
      accountRef: 'paymentData',
      type: { value: 'trade_credit', raw: 'paymentData', scheme: 'creditsafe' },
      balance: money(payments.totalBalanceStillOwing, currency, '/report/paymentData/totalBalanceStillOwing', warnings),
      pastDue: money(payments.totalBalanceStillOwingLate, currency, '/report/paymentData/totalBalanceStillOwingLate', warnings),
      highCredit: money(payments.highestInvoiceValueOutstanding, currency, '/report/paymentData/highestInvoiceValueOutstanding', warnings),
      daysPastDue: dbt,
      status: owingLate > 0 ? { value: 'past_due', raw: `paymentsStillOwingLate=${owingLate}`, scheme: 'creditsafe' } : { value: 'current', raw: 'paymentsStillOwingLate=0', scheme: 'creditsafe' },
      paymentHistory: late90 || late61 || late31
        ? [{ status: late90 ? { value: 'days_90_119', raw: 'paymentsPaid90DaysplusLate', scheme: 'creditsafe' } : late61 ? { value: 'days_60_89', raw: 'payments61to90DaysLate', scheme: 'creditsafe' } : { value: 'days_30_59', raw: 'payments31to60DaysLate', scheme: 'creditsafe' } }]
        : [],
      open: true,
      source: '/report/paymentData',
    });
  }

  return finaliseReport({
    reportId: meta.reportId,
    bureau: 'creditsafe',
    product: raw.product,
    pulledAt: meta.pulledAt,
    requestId: meta.requestId,
    bureauReference: str(body.correlationId, 200),
    currency,
    subject: { kind: 'business', names, identifiers, addresses },
    scores,
    tradelines,
    publicRecords,
    business: {
      founded: partialDateOrWarn(basic.companyRegistrationDate ?? basic.operationsStartDate, '/report/companyIdentification/basicInformation/companyRegistrationDate', warnings),
      employees: employees?.value === undefined ? undefined : { value: employees.value, estimated: false },
      turnover: turnoverMoney,
      industry: activity && str(activity.code, 200) !== undefined ? { value: str(activity.description, 200) ?? str(activity.code, 200)!, raw: str(activity.code, 200)!, scheme: 'creditsafe' } : undefined,
      legalForm: legalForm && str(legalForm.description, 200) !== undefined ? { value: str(legalForm.description, 200)!, raw: str(legalForm.providerCode, 200) ?? str(legalForm.description, 200)!, scheme: 'creditsafe' } : undefined,
      status: companyStatus ? coded(companyStatus.status, STATUS, 'creditsafe', 'unknown') : undefined,
      recommendedCreditLimit,
      daysBeyondTerms: payments ? nonNegativeInt(payments.dbt) : undefined,
      source: '/report',
    },
    warnings: warnings.items,
  });
};

/**
 * Pure Creditsafe Connect normaliser. Returns a `CreditReportSchema`-valid report or throws
 * `MalformedReportError` / `SubjectNotFoundError` (nothing else).
 */
export const normaliseCreditsafe: Normaliser = guardNormaliser(normalise);
