import { MalformedReportError, SubjectNotFoundError, type Normaliser } from '../../../../shared/domain/credit/bureau-connector.js';
import type {
  AccountStatus,
  Inquiry,
  LoanClassification,
  PaymentHistoryEntry,
  PaymentStatus,
  PublicRecord,
  ReportSubject,
  Tradeline,
  TradelineType,
} from '../../../../shared/domain/credit/credit-report.js';
import {
  boundedStr as str,
  coded,
  finaliseReport,
  guardNormaliser,
  isRecord,
  money,
  monthOf,
  monthsBefore,
  nonNegativeInt,
  parseJsonBody,
  partialDate,
  partialDateOrWarn,
  records,
  WarningSink,
} from './common.js';

/**
 * PBOC Credit Reference Center personal credit report (个人信用报告, second generation) → canonical
 * CreditReport. The CRC delivers through agency gateways, not a public JSON API; we read a JSON
 * rendition of its sections with English keys (see test/fixtures/bureaus/pboc/SOURCE.md):
 * `reportHeader` (报告头), `identity` (个人基本信息), `creditTransactionDetails.accounts`
 * (信贷交易信息明细), `publicInformation` (公共信息明细: courtEnforcements 强制执行记录,
 * civilJudgments 民事判决记录, taxArrears 欠税记录) and `queryRecords` (查询记录).
 * Amounts are yuan → CNY fen. Five-tier classification (五级分类) and the 24-month repayment
 * codes keep their raw values with scheme `pboc`.
 *
 * Repayment code mapping: N → current; 1…7 (逾期 1–30, 31–60 … 180+ days) map by missed
 * periods onto the canonical (Metro 2) buckets (1 → days_30_59 … 5 → days_150_179, 6 and 7 → days_180_plus)
 * because the canonical model has no 1–29-day bucket; `daysPastDue` keeps PBOC's own lower
 * bound (1, 31, 61 …). `*` (nothing due) and `/` (not open) → no_history; C (settled) →
 * zero_balance; `#` (unknown), G (terminated otherwise), D (repaid by guarantor) → unknown;
 * Z (repaid with assets, 以资抵债) → voluntary_surrender.
 */

const REPAYMENT: Readonly<Record<string, PaymentStatus>> = {
  N: 'current', '1': 'days_30_59', '2': 'days_60_89', '3': 'days_90_119', '4': 'days_120_149', '5': 'days_150_179', '6': 'days_180_plus', '7': 'days_180_plus',
  '*': 'no_history', '/': 'no_history', C: 'zero_balance', '#': 'unknown', G: 'unknown', D: 'unknown', Z: 'voluntary_surrender',
};
const FIVE_TIER: Readonly<Record<string, LoanClassification>> = {
  正常: 'normal', 关注: 'special_mention', 次级: 'substandard', 可疑: 'doubtful', 损失: 'loss',
  '1': 'normal', '2': 'special_mention', '3': 'substandard', '4': 'doubtful', '5': 'loss',
};
const ACCOUNT_STATUS: Readonly<Record<string, AccountStatus>> = {
  正常: 'current', 逾期: 'past_due', 结清: 'paid', 呆账: 'charge_off', 转出: 'transferred', 销户: 'closed', 未激活: 'current', 止付: 'unknown', 冻结: 'unknown',
};
const ACCOUNT_TYPE: Readonly<Record<string, TradelineType>> = {
  D1: 'installment', R1: 'line_of_credit', R2: 'revolving', R3: 'revolving', R4: 'line_of_credit', C1: 'other',
  非循环贷账户: 'installment', 循环贷账户: 'line_of_credit', 贷记卡账户: 'revolving', 准贷记卡账户: 'revolving', 循环额度下分账户: 'line_of_credit', 催收账户: 'other',
};
const QUERY_TYPE: Readonly<Record<string, 'hard' | 'soft' | 'account_review'>> = {
  贷款审批: 'hard', 信用卡审批: 'hard', 担保资格审查: 'hard', 保前审查: 'hard', 资信审查: 'hard', 融资审批: 'hard',
  贷后管理: 'account_review', 本人查询: 'soft', 异议查询: 'soft',
};
const ENFORCEMENT_STATUS: Readonly<Record<string, NonNullable<PublicRecord['status']>['value']>> = {
  执行中: 'open', 终结本次执行: 'open', 执行完毕: 'satisfied', 结案: 'satisfied', 撤销: 'withdrawn', 终结执行: 'dismissed',
};
const CNY = 'CNY';

const repaymentHistory = (record: unknown, path: string, warnings: WarningSink): PaymentHistoryEntry[] => {
  if (!isRecord(record)) return [];
  const statuses = str(record.statuses, 200);
  if (statuses === undefined) return [];
  const codes = [...statuses.replace(/\s+/g, '')];
  const endMonth = monthOf(partialDate(record.endMonth));
  if (codes.length > 84) warnings.add(`${path}/statuses`, 'more than 84 months; oldest dropped');
  // PBOC prints oldest → newest; the canonical list is newest first.
  return codes
    .reverse()
    .slice(0, 84)
    .map((code, index) => ({
      month: endMonth === undefined ? undefined : monthsBefore(endMonth, index),
      status: coded(code, REPAYMENT, 'pboc', 'unknown'),
    }));
};

const normalise: Normaliser = (raw, meta) => {
  if (raw.bureau !== 'pboc') throw new MalformedReportError(`expected a pboc payload, got ${raw.bureau}`);
  const body = parseJsonBody(raw.body);
  if (!isRecord(body)) throw new MalformedReportError('body is not a JSON object');
  const header = body.reportHeader;
  if (!isRecord(header)) {
    if (str(body.resultCode) === 'NO_RECORD' || /无.*(信用)?记录|no (credit )?record/i.test(str(body.resultMessage) ?? '')) throw new SubjectNotFoundError('pboc');
    throw new MalformedReportError('reportHeader (报告头) is missing');
  }
  const identity = body.identity;
  if (!isRecord(identity)) throw new MalformedReportError('identity (个人基本信息) is missing');
  const warnings = new WarningSink();

  const names: ReportSubject['names'] = [];
  const name = str(identity.name);
  if (name !== undefined) names.push({ full: name, type: 'primary' });
  const identifiers: ReportSubject['identifiers'] = [];
  const idNumber = str(identity.idNumber, 100);
  if (idNumber !== undefined) identifiers.push({ scheme: /身份证|resident/i.test(str(identity.idType) ?? '身份证') ? 'cn_resident_id' : 'pboc_id', value: idNumber });
  const addresses: ReportSubject['addresses'] = records(identity.residences, '/identity/residences', warnings).map(({ item, path }, index) => ({
    lines: [str(item.address, 200)].filter((line): line is string => line !== undefined),
    postalCode: str(item.postalCode, 20),
    country: 'CN',
    type: index === 0 ? ('current' as const) : ('previous' as const),
    reportedAt: partialDateOrWarn(item.updatedAt, `${path}/updatedAt`, warnings),
  }));

  const accounts = isRecord(body.creditTransactionDetails) ? body.creditTransactionDetails.accounts : undefined;
  const tradelines: Tradeline[] = records(accounts, '/creditTransactionDetails/accounts', warnings).map(({ item, path }): Tradeline => {
    const currency = str(item.currency, 3) ?? CNY;
    const amountCurrency = /^[A-Z]{3}$/.test(currency) ? currency : CNY;
    if (amountCurrency !== currency) warnings.add(`${path}/currency`, 'not an ISO currency; CNY assumed');
    const periods = nonNegativeInt(item.currentOverduePeriods);
    const status = coded(item.accountStatus, ACCOUNT_STATUS, 'pboc', 'unknown');
    const typeRaw = str(item.accountType, 200);
    const tierRaw = str(item.fiveTierClassification, 20);
    return {
      accountRef: str(item.accountNo, 100),
      creditor: str(item.institution) === undefined ? undefined : { name: str(item.institution) },
      type: coded(typeRaw, ACCOUNT_TYPE, 'pboc', 'unknown'),
      accountType: str(item.businessType, 100) === undefined ? undefined : { value: str(item.businessType, 100)!, raw: str(item.businessType, 100)!, scheme: 'pboc' },
      opened: partialDateOrWarn(item.openDate, `${path}/openDate`, warnings),
      closed: partialDateOrWarn(item.closedDate, `${path}/closedDate`, warnings),
      reportedAt: partialDateOrWarn(item.reportDate, `${path}/reportDate`, warnings),
      lastPaymentAt: partialDateOrWarn(item.lastRepaymentDate, `${path}/lastRepaymentDate`, warnings),
      creditLimit: money(item.creditLimit, amountCurrency, `${path}/creditLimit`, warnings),
      highCredit: money(item.loanAmount, amountCurrency, `${path}/loanAmount`, warnings),
      balance: money(item.balance, amountCurrency, `${path}/balance`, warnings),
      pastDue: money(item.overdueAmount, amountCurrency, `${path}/overdueAmount`, warnings),
      monthlyPayment: money(item.scheduledRepayment, amountCurrency, `${path}/scheduledRepayment`, warnings),
      daysPastDue: periods === undefined ? undefined : periods === 0 ? 0 : Math.min(periods, 7) * 30 - 29,
      status,
      paymentHistory: repaymentHistory(item.repaymentRecord, `${path}/repaymentRecord`, warnings),
      classification: tierRaw === undefined ? undefined : coded(tierRaw, FIVE_TIER, 'pboc', 'normal'),
      open: status.value === 'paid' || status.value === 'closed' ? false : status.value === 'unknown' ? undefined : true,
      source: path,
    };
  }).map((tradeline) => {
    if (tradeline.classification && !Object.prototype.hasOwnProperty.call(FIVE_TIER, tradeline.classification.raw)) {
      warnings.add(tradeline.source ?? '/creditTransactionDetails/accounts', 'unknown five-tier classification; dropped');
      return { ...tradeline, classification: undefined };
    }
    return tradeline;
  });

  const publicInfo = isRecord(body.publicInformation) ? body.publicInformation : {};
  const publicRecords: PublicRecord[] = [];
  for (const [key, type, raw] of [
    ['courtEnforcements', 'court_enforcement', '强制执行记录'],
    ['civilJudgments', 'judgment', '民事判决记录'],
    ['taxArrears', 'other', '欠税记录'],
  ] as const) {
    for (const { item, path } of records(publicInfo[key], `/publicInformation/${key}`, warnings)) {
      const statusRaw = str(item.status, 100);
      publicRecords.push({
        type: { value: type, raw, scheme: 'pboc' },
        status: statusRaw === undefined ? undefined : coded(statusRaw, ENFORCEMENT_STATUS, 'pboc', 'unknown'),
        filed: partialDateOrWarn(item.filedDate, `${path}/filedDate`, warnings),
        resolved: partialDateOrWarn(item.closedDate, `${path}/closedDate`, warnings),
        amount: money(item.amount, CNY, `${path}/amount`, warnings),
        court: str(item.court, 300),
        reference: str(item.caseNo, 100),
        source: path,
      });
    }
  }

  const inquiries: Inquiry[] = records(body.queryRecords, '/queryRecords', warnings).map(({ item, path }) => {
    const reason = str(item.reason, 100);
    return {
      date: partialDateOrWarn(item.queryDate, `${path}/queryDate`, warnings),
      subscriber: str(item.institution) === undefined ? undefined : { name: str(item.institution) },
      type: reason === undefined ? undefined : coded(reason, QUERY_TYPE, 'pboc', 'unknown'),
      purpose: reason === undefined ? undefined : { value: reason, raw: reason, scheme: 'pboc' },
      source: path,
    };
  });

  return finaliseReport({
    reportId: meta.reportId,
    bureau: 'pboc',
    product: raw.product,
    pulledAt: meta.pulledAt,
    requestId: meta.requestId,
    bureauReference: str(header.reportNo, 200),
    currency: CNY,
    subject: {
      kind: 'consumer',
      names,
      identifiers,
      addresses,
      dateOfBirth: partialDateOrWarn(identity.dateOfBirth, '/identity/dateOfBirth', warnings),
    },
    tradelines,
    inquiries,
    publicRecords,
    warnings: warnings.items,
  });
};

/**
 * Pure PBOC personal credit report normaliser. Returns a `CreditReportSchema`-valid report or
 * throws `MalformedReportError` / `SubjectNotFoundError` (nothing else).
 */
export const normalisePboc: Normaliser = guardNormaliser(normalise);
