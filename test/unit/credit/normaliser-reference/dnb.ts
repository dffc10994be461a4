import { MalformedReportError, SubjectNotFoundError, type Normaliser } from '../../../../shared/domain/credit/bureau-connector.js';
import type { CreditScore, PublicRecord, ReportSubject } from '../../../../shared/domain/credit/credit-report.js';
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
 * Dun & Bradstreet Direct+ "Data Blocks" (`GET /v1/data/duns/{duns}?blockIDs=companyinfo_L2_v1,
 * paymentinsight_L1_v1,dnbassessment_L2_v1`) → canonical CreditReport.
 *
 * Read: `organization.{duns, primaryName, tradeStyleNames, primaryAddress, registrationNumbers,
 * startDate, incorporatedDate, dunsControlStatus.operatingStatus, businessEntityType,
 * industryCodes, numberOfEmployees, financials[].yearlyRevenue, businessTrading[].summary[]
 * (PAYDEX, days beyond terms), dnbAssessment.{failureScore, delinquencyScore,
 * creditLimitRecommendation}, legalEvents}`. Scores keep D&B's own scales: PAYDEX 1–100, failure
 * and delinquency national percentiles 1–100, all higher-is-better; the 1–5 class score stays in
 * the score's reasons. A D&B error envelope without `organization` is a no-hit.
 */

/** D&B error codes that mean "no such DUNS / no match" (everything else is malformed). */
export const DNB_NOT_FOUND_CODES = new Set(['10001', '20502', '40105']);

const OPERATING_STATUS = { ACTIVE: 'active', 'OUT OF BUSINESS': 'inactive', INACTIVE: 'inactive', DISSOLVED: 'dissolved' } as const;

const score = (
  block: unknown,
  model: string,
  path: string,
  warnings: WarningSink,
): CreditScore | undefined => {
  if (!isRecord(block)) return undefined;
  const percentile = finiteNumber(block.nationalPercentile);
  if (percentile === undefined) {
    if (block.nationalPercentile !== undefined && block.nationalPercentile !== null) warnings.add(`${path}/nationalPercentile`, 'not a number');
    return undefined;
  }
  if (percentile < 1 || percentile > 100) {
    warnings.add(`${path}/nationalPercentile`, 'outside 1–100');
    return undefined;
  }
  const reasons: CreditScore['reasons'] = [];
  const classScore = str(block.classScore, 10);
  if (classScore !== undefined) reasons.push({ code: `class_score:${classScore}`, text: str(block.classScoreDescription, 300) });
  const modelDescription = isRecord(block.scoreModel) ? str(block.scoreModel.description, 200) : undefined;
  if (modelDescription !== undefined) reasons.push({ code: 'score_model', text: modelDescription });
  for (const { item } of records(block.scoreOverrideReasons, `${path}/scoreOverrideReasons`, warnings)) {
    reasons.push({ code: `override:${str(item.dnbCode, 30) ?? 'unknown'}`, text: str(item.description, 300) });
  }
  return {
    model,
    value: percentile,
    min: 1,
    max: 100,
    direction: 'higher_is_better',
    rawValue: str(block.nationalPercentile, 20),
    reasons,
    source: path,
  };
};

const LEGAL_EVENT_FLAGS: ReadonlyArray<[string, PublicRecord['type']['value'], PublicRecord['status']]> = [
  ['hasOpenBankruptcy', 'bankruptcy', { value: 'open', raw: 'hasOpenBankruptcy', scheme: 'dnb' }],
  ['hasOpenJudgments', 'judgment', { value: 'open', raw: 'hasOpenJudgments', scheme: 'dnb' }],
  ['hasOpenLiens', 'lien', { value: 'open', raw: 'hasOpenLiens', scheme: 'dnb' }],
  ['hasOpenSuits', 'civil_suit', { value: 'open', raw: 'hasOpenSuits', scheme: 'dnb' }],
];

const normalise: Normaliser = (raw, meta) => {
  if (raw.bureau !== 'dnb') throw new MalformedReportError(`expected a dnb payload, got ${raw.bureau}`);
  const body = parseJsonBody(raw.body);
  if (!isRecord(body)) throw new MalformedReportError('body is not a JSON object');
  const org = body.organization;
  if (!isRecord(org)) {
    const error = isRecord(body.error) ? body.error : undefined;
    const code = str(error?.errorCode, 20);
    if (code !== undefined && DNB_NOT_FOUND_CODES.has(code)) throw new SubjectNotFoundError('dnb', { details: { errorCode: code } });
    throw new MalformedReportError(code === undefined ? 'organization is missing' : `D&B error ${code}`);
  }
  const duns = str(org.duns, 20);
  if (duns === undefined || !/^\d{9}$/.test(duns)) throw new MalformedReportError('organization.duns is not a 9-digit DUNS');
  const warnings = new WarningSink();

  const names: ReportSubject['names'] = [];
  const primaryName = str(org.primaryName);
  if (primaryName !== undefined) names.push({ full: primaryName, type: 'legal' });
  for (const { item } of records(org.tradeStyleNames, '/organization/tradeStyleNames', warnings)) {
    const name = str(item.name);
    if (name !== undefined) names.push({ full: name, type: 'trading' });
  }
  const identifiers: ReportSubject['identifiers'] = [{ scheme: 'duns', value: duns }];
  for (const { item } of records(org.registrationNumbers, '/organization/registrationNumbers', warnings)) {
    const value = str(item.registrationNumber, 100);
    if (value === undefined) continue;
    const type = (str(item.typeDescription, 100) ?? '').toLowerCase();
    const scheme = type.includes('employer') ? 'ein' : type.includes('vat') ? 'vat' : type.includes('unified social credit') ? 'cn_uscc' : 'company_number';
    identifiers.push({ scheme, value });
  }
  const addresses: ReportSubject['addresses'] = [];
  for (const [key, type] of [['primaryAddress', 'registered'], ['mailingAddress', 'trading']] as const) {
    const address = org[key];
    if (!isRecord(address)) continue;
    const street = isRecord(address.streetAddress) ? address.streetAddress : {};
    const country = isRecord(address.addressCountry) ? str(address.addressCountry.isoAlpha2Code, 2) : undefined;
    addresses.push({
      lines: [str(street.line1, 200), str(street.line2, 200)].filter((line): line is string => line !== undefined),
      city: isRecord(address.addressLocality) ? str(address.addressLocality.name, 100) : undefined,
      region: isRecord(address.addressRegion) ? str(address.addressRegion.abbreviatedName ?? address.addressRegion.name, 100) : undefined,
      postalCode: str(address.postalCode, 20),
      country: country !== undefined && /^[A-Z]{2}$/.test(country) ? country : undefined,
      type,
    });
  }

  const assessment = isRecord(org.dnbAssessment) ? org.dnbAssessment : {};
  const failureScore = score(assessment.failureScore, 'dnb_failure_score_percentile', '/organization/dnbAssessment/failureScore', warnings);
  const delinquencyScore = score(assessment.delinquencyScore, 'dnb_delinquency_score_percentile', '/organization/dnbAssessment/delinquencyScore', warnings);

  let paymentIndex: CreditScore | undefined;
  let daysBeyondTerms: number | undefined;
  const trading = records(org.businessTrading, '/organization/businessTrading', warnings)[0];
  const summary = trading ? records(trading.item.summary, `${trading.path}/summary`, warnings)[0] : undefined;
  if (summary) {
    const paydex = finiteNumber(summary.item.paydexScore);
    if (paydex !== undefined && paydex >= 1 && paydex <= 100) {
      paymentIndex = { model: 'dnb_paydex', value: paydex, min: 1, max: 100, direction: 'higher_is_better', rawValue: str(summary.item.paydexScore, 20), reasons: [], source: `${summary.path}/paydexScore` };
    } else if (summary.item.paydexScore !== undefined && summary.item.paydexScore !== null) {
      warnings.add(`${summary.path}/paydexScore`, 'not a PAYDEX 1–100');
    }
    daysBeyondTerms = nonNegativeInt(summary.item.dayBeyondTerms ?? summary.item.daysBeyondTerms);
  }

  const limitBlock = isRecord(assessment.creditLimitRecommendation) ? assessment.creditLimitRecommendation : undefined;
  const limitValue = limitBlock && isRecord(limitBlock.maximumRecommendedLimit) ? limitBlock.maximumRecommendedLimit : undefined;
  const limitCurrency = str(limitValue?.currency, 3);
  const recommendedCreditLimit =
    limitValue && limitCurrency && /^[A-Z]{3}$/.test(limitCurrency)
      ? money(limitValue.value, limitCurrency, '/organization/dnbAssessment/creditLimitRecommendation/maximumRecommendedLimit/value', warnings)
      : undefined;

  const employeesEntry = records(org.numberOfEmployees, '/organization/numberOfEmployees', warnings)[0];
  const employeesValue = employeesEntry ? nonNegativeInt(employeesEntry.item.value) : undefined;
  const financial = records(org.financials, '/organization/financials', warnings)[0];
  const revenue = financial ? records(financial.item.yearlyRevenue, `${financial.path}/yearlyRevenue`, warnings)[0] : undefined;
  const revenueCurrency = str(revenue?.item.currency, 3);
  const turnoverMoney = revenue && revenueCurrency && /^[A-Z]{3}$/.test(revenueCurrency) ? money(revenue.item.value, revenueCurrency, `${revenue.path}/value`, warnings) : undefined;
  const turnoverYear = financial ? Number((str(financial.item.financialStatementToDate, 10) ?? '').slice(0, 4)) : NaN;

  const operatingStatus = isRecord(org.dunsControlStatus) && isRecord(org.dunsControlStatus.operatingStatus) ? org.dunsControlStatus.operatingStatus : undefined;
  const industry = records(org.industryCodes, '/organization/industryCodes', warnings)[0];
  const entityType = isRecord(org.businessEntityType) ? org.businessEntityType : undefined;

  const publicRecords: PublicRecord[] = [];
  const legal = isRecord(org.legalEvents) ? org.legalEvents : {};
  for (const [flag, type, status] of LEGAL_EVENT_FLAGS) {
    if (legal[flag] === true) publicRecords.push({ type: { value: type, raw: flag, scheme: 'dnb' }, status, source: `/organization/legalEvents/${flag}` });
  }

  const currency = limitCurrency && /^[A-Z]{3}$/.test(limitCurrency) ? limitCurrency : revenueCurrency && /^[A-Z]{3}$/.test(revenueCurrency) ? revenueCurrency : 'USD';
  const transaction = isRecord(body.transactionDetail) ? body.transactionDetail : {};

  return finaliseReport({
    reportId: meta.reportId,
    bureau: 'dnb',
    product: raw.product,
    pulledAt: meta.pulledAt,
    requestId: meta.requestId,
    bureauReference: str(transaction.transactionID, 200),
    currency,
    subject: { kind: 'business', names, identifiers, addresses },
    scores: [paymentIndex, failureScore, delinquencyScore].filter((s): s is CreditScore => s !== undefined),
    publicRecords,
    business: {
      founded: partialDateOrWarn(org.startDate ?? org.incorporatedDate, '/organization/startDate', warnings),
      employees: employeesValue === undefined ? undefined : { value: employeesValue, estimated: /estimat|modelled/i.test(str(employeesEntry?.item.reliabilityDescription) ?? '') },
      turnover: turnoverMoney === undefined ? undefined : { ...turnoverMoney, year: Number.isInteger(turnoverYear) && turnoverYear > 1800 ? turnoverYear : undefined },
      industry: industry && str(industry.item.code, 200) !== undefined ? { value: str(industry.item.description, 200) ?? str(industry.item.code, 200)!, raw: str(industry.item.code, 200)!, scheme: 'dnb' } : undefined,
      legalForm: entityType && str(entityType.description, 200) !== undefined ? { value: str(entityType.description, 200)!, raw: str(entityType.dnbCode, 200) ?? str(entityType.description, 200)!, scheme: 'dnb' } : undefined,
      status: operatingStatus ? coded(operatingStatus.description, OPERATING_STATUS, 'dnb', 'unknown') : undefined,
      paymentIndex,
      failureScore,
      delinquencyScore,
      recommendedCreditLimit,
      daysBeyondTerms,
      source: '/organization',
    },
    warnings: warnings.items,
  });
};

/**
 * Pure D&B Direct+ normaliser. Returns a `CreditReportSchema`-valid report or throws
 * `MalformedReportError` / `SubjectNotFoundError` (nothing else).
 * @example const report = normaliseDnb(raw, { reportId, pulledAt, requestId });
 */
export const normaliseDnb: Normaliser = guardNormaliser(normalise);
