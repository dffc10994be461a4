import type { Normaliser } from '../../../../shared/domain/credit/bureau-connector.js';
import { MalformedReportError, SubjectNotFoundError } from '../../../../shared/domain/credit/bureau-connector.js';
import type {
  AccountStatus,
  Collection,
  CreditScore,
  Inquiry,
  PartialDate,
  PaymentHistoryEntry,
  PublicRecord,
  PublicRecordType,
  ReportSubject,
  Tradeline,
} from '../../../../shared/domain/credit/credit-report.js';
import { accountStatusFromPayment, DAYS_PAST_DUE, TRANSUNION_PAYMENT, TRANSUNION_RATING } from '../../../../shared/domain/credit/normalisers/codes.js';
import {
  asArray,
  coded,
  finaliseReport,
  isRecord,
  makePartialDate,
  money,
  monthOf,
  monthsBefore,
  parseJsonBody,
  partialDate,
  records,
  str,
  WarningSink,
  guardNormaliser,
} from './common.js';

/**
 * TransUnion consumer credit report (TU "creditBureau" response, XML rendered as JSON):
 * `creditBureau.product.subject.subjectRecord` with `fileSummary.fileHitIndicator`,
 * `indicative` (name, address, socialSecurity, dateOfBirth), `custom.credit.trade[]`
 * (`accountRating` 01 = paid as agreed, `paymentHistory.paymentPattern` with `startDate`),
 * `inquiry[]`, `publicRecord[]`, `collection[]`, and `addOnProduct[].scoreModel.score`.
 * Element text with attributes appears as `{ "_": text, attr: ... }`; single children may
 * be objects instead of arrays. Date attributes `estimatedDay/Month/Year="true"` lower the
 * precision kept.
 */

const CURRENCY = 'USD';

const SCORE_PRODUCTS: Record<string, { model: string; min: number; max: number }> = {
  '00V60': { model: 'VantageScore 3.0', min: 300, max: 850 },
  '001NN': { model: 'VantageScore 4.0', min: 300, max: 850 },
  '00W18': { model: 'FICO Score 8', min: 300, max: 850 },
};

/** Text of an XML-as-JSON element (`"x"`, `{ "_": "x" }`, `{ "#text": "x" }`). */
const text = (value: unknown, max = 300): string | undefined =>
  isRecord(value) ? str(value._ ?? value['#text'] ?? value.value, max) : str(value, max);

/** Date element honouring TU's `estimatedDay/Month/Year` attributes. */
const tuDate = (value: unknown, path: string, warnings: WarningSink): PartialDate | undefined => {
  const raw = text(value, 40);
  if (raw === undefined) return undefined;
  const parsed = partialDate(raw);
  if (!parsed) {
    warnings.add(path, 'unreadable date');
    return undefined;
  }
  if (!isRecord(value) || parsed.precision === 'year') return parsed;
  const [y, m] = parsed.value.split('-').map(Number) as [number, number];
  if (String(value.estimatedYear) === 'true') return undefined;
  if (String(value.estimatedMonth) === 'true') return makePartialDate(y);
  if (String(value.estimatedDay) === 'true') return makePartialDate(y, m);
  return parsed;
};

const ECOA = {
  INDIVIDUAL: 'individual',
  JOINTCONTRACTLIABILITY: 'joint',
  AUTHORIZEDUSER: 'authorized_user',
  PARTICIPANT: 'joint',
  COSIGNER: 'cosigner',
  COMAKER: 'cosigner',
  TERMINATED: 'terminated',
  DECEASED: 'individual',
} as const;

const PORTFOLIO = { REVOLVING: 'revolving', INSTALLMENT: 'installment', MORTGAGE: 'mortgage', OPEN: 'open', LINEOFCREDIT: 'line_of_credit' } as const;

const subjectOf = (record: Record<string, unknown>, warnings: WarningSink): ReportSubject => {
  const indicative = isRecord(record.indicative) ? record.indicative : {};
  const names = asArray(indicative.name).flatMap((n, index) => {
    const person = isRecord(n) && isRecord(n.person) ? n.person : undefined;
    return person
      ? [{ first: text(person.first, 100), middle: text(person.middle, 100), last: text(person.last, 100), suffix: text(person.generationalSuffix, 20), type: index === 0 ? ('primary' as const) : ('aka' as const) }]
      : [];
  });
  const identifiers = asArray(indicative.socialSecurity).flatMap((s) => {
    const value = isRecord(s) ? text(s.number, 100) : undefined;
    return value ? [{ scheme: 'ssn', value }] : [];
  });
  const addresses = records(indicative.address, '/indicative/address', warnings).map(({ item, path }) => {
    const street = isRecord(item.street) ? item.street : {};
    const unit = isRecord(street.unit) ? street.unit : {};
    const location = isRecord(item.location) ? item.location : {};
    const line = [street.number, street.preDirectional, street.name, street.type, street.postDirectional, unit.number]
      .map((p) => text(p, 60))
      .filter(Boolean)
      .join(' ');
    const status = text(item.status, 20);
    return {
      lines: line ? [line] : [],
      city: text(location.city, 100),
      region: text(location.state, 100),
      postalCode: text(location.zipCode, 20),
      country: 'US',
      type: status === 'current' ? ('current' as const) : status === 'previous' ? ('previous' as const) : ('unknown' as const),
      reportedAt: tuDate(item.dateReported, `${path}/dateReported`, warnings),
    };
  });
  return { kind: 'consumer', names, identifiers, addresses, dateOfBirth: tuDate(indicative.dateOfBirth, '/indicative/dateOfBirth', warnings) };
};

const historyOf = (trade: Record<string, unknown>, path: string, warnings: WarningSink): PaymentHistoryEntry[] => {
  const history = isRecord(trade.paymentHistory) ? trade.paymentHistory : {};
  const pattern = isRecord(history.paymentPattern) ? history.paymentPattern : {};
  const start = monthOf(tuDate(pattern.startDate, `${path}/paymentHistory/paymentPattern/startDate`, warnings));
  return [...(text(pattern.text, 84) ?? '')].slice(0, 24).map((char, index) => ({
    month: start ? monthsBefore(start, index) : undefined,
    status: coded(char, TRANSUNION_PAYMENT, 'transunion', 'unknown'),
  }));
};

const subscriberOf = (value: unknown) => {
  const s = isRecord(value) ? value : {};
  const name = isRecord(s.name) ? text(s.name.unparsed) : text(s.name);
  return { name, code: text(s.memberCode, 100) };
};

const tradeOf = (item: Record<string, unknown>, path: string, warnings: WarningSink): Tradeline => {
  const ratingRaw = text(item.accountRating, 10) ?? '';
  const rating = coded(ratingRaw, TRANSUNION_RATING, 'transunion', 'unknown');
  const closed = tuDate(item.dateClosed, `${path}/dateClosed`, warnings);
  const paidOut = tuDate(item.datePaidOut, `${path}/datePaidOut`, warnings);
  let status: AccountStatus = accountStatusFromPayment(rating.value);
  if (status === 'current' && closed) status = 'closed';
  if (status === 'current' && paidOut) status = 'paid';
  const terms = isRecord(item.terms) ? item.terms : {};
  const ecoa = text(item.ECOADesignator, 50);
  const account = isRecord(item.account) ? text(item.account.type, 20) : undefined;
  return {
    accountRef: text(item.accountNumber, 100),
    creditor: subscriberOf(item.subscriber),
    type: coded(text(item.portfolioType, 30), PORTFOLIO, 'transunion', 'unknown'),
    accountType: account ? { value: account, raw: account, scheme: 'transunion' } : undefined,
    ownership: ecoa ? coded(ecoa, ECOA, 'transunion', 'unknown') : undefined,
    opened: tuDate(item.dateOpened, `${path}/dateOpened`, warnings),
    closed,
    reportedAt: tuDate(item.dateEffective, `${path}/dateEffective`, warnings),
    lastPaymentAt: isRecord(item.mostRecentPayment) ? tuDate(item.mostRecentPayment.date, `${path}/mostRecentPayment/date`, warnings) : undefined,
    creditLimit: money(text(item.creditLimit), CURRENCY, `${path}/creditLimit`, warnings),
    highCredit: money(text(item.highCredit), CURRENCY, `${path}/highCredit`, warnings),
    balance: money(text(item.currentBalance), CURRENCY, `${path}/currentBalance`, warnings),
    pastDue: money(text(item.pastDue), CURRENCY, `${path}/pastDue`, warnings),
    monthlyPayment: money(text(terms.scheduledMonthlyPayment), CURRENCY, `${path}/terms/scheduledMonthlyPayment`, warnings),
    daysPastDue: DAYS_PAST_DUE[rating.value],
    status: { value: status, raw: ratingRaw, scheme: 'transunion' },
    paymentHistory: historyOf(item, path, warnings),
    open: closed || paidOut ? false : undefined,
    source: path,
  };
};

const inquiryOf = (item: Record<string, unknown>, path: string, warnings: WarningSink): Inquiry => {
  const accountType = text(item.accountType, 20);
  return {
    date: tuDate(item.date, `${path}/date`, warnings),
    subscriber: subscriberOf(item.subscriber),
    type: { value: 'hard', raw: '', scheme: 'derived' },
    purpose: accountType ? { value: accountType, raw: accountType, scheme: 'transunion' } : undefined,
    source: path,
  };
};

const publicRecordType = (code: string): PublicRecordType => {
  const c = code.toUpperCase();
  if (/^(\d|BK)/.test(c)) return 'bankruptcy';
  if (c.includes('J')) return 'judgment';
  if (c.endsWith('L') || c.includes('LIEN')) return 'lien';
  return 'other';
};

const publicRecordOf = (item: Record<string, unknown>, path: string, warnings: WarningSink): PublicRecord => {
  const type = text(item.type, 20) ?? '';
  const paid = tuDate(item.datePaid, `${path}/datePaid`, warnings);
  return {
    type: { value: publicRecordType(type), raw: type, scheme: 'transunion' },
    status: { value: paid ? 'satisfied' : 'filed', raw: text(item.disposition ?? item.status, 200) ?? '', scheme: 'transunion' },
    filed: tuDate(item.dateFiled, `${path}/dateFiled`, warnings),
    resolved: paid,
    amount: money(text(item.liabilities ?? item.amount), CURRENCY, `${path}/liabilities`, warnings),
    court: isRecord(item.source) ? text(item.source.name ?? item.source.unparsed) : undefined,
    reference: text(item.docketNumber, 100),
    source: path,
  };
};

const collectionOf = (item: Record<string, unknown>, path: string, warnings: WarningSink): Collection => {
  const original = isRecord(item.original) ? item.original : {};
  const grantor = isRecord(original.creditGrantor) ? text(original.creditGrantor.unparsed) : text(original.creditGrantor);
  const paid = tuDate(item.datePaidOut, `${path}/datePaidOut`, warnings);
  const balance = money(text(item.currentBalance), CURRENCY, `${path}/currentBalance`, warnings);
  return {
    agency: subscriberOf(item.subscriber),
    originalCreditor: grantor,
    assigned: tuDate(item.dateOpened, `${path}/dateOpened`, warnings),
    lastActivity: tuDate(item.dateEffective, `${path}/dateEffective`, warnings),
    originalAmount: money(text(original.balance), CURRENCY, `${path}/original/balance`, warnings),
    balance,
    status: { value: paid || balance?.amountMinor === 0 ? 'paid' : 'unpaid', raw: text(item.accountRating, 10) ?? '', scheme: 'transunion' },
    source: path,
  };
};

const scoresOf = (record: Record<string, unknown>, warnings: WarningSink): CreditScore[] =>
  records(record.addOnProduct, '/addOnProduct', warnings).flatMap(({ item, path }) => {
    const code = text(item.code, 20) ?? '';
    const scoreModel = isRecord(item.scoreModel) ? item.scoreModel : {};
    return asArray(scoreModel.score).flatMap((score) => {
      if (!isRecord(score)) return [];
      const raw = text(score.results, 20);
      const value = raw !== undefined && /^[+-]?\d{1,4}$/.test(raw) ? Number(raw) : undefined;
      const known = SCORE_PRODUCTS[code];
      const [min, max] = known ? [known.min, known.max] : [0, 999];
      if (value === undefined || value < min || value > max) {
        warnings.add(`${path}/scoreModel/score`, 'score missing, non-numeric or outside range');
        return [];
      }
      const factors = isRecord(score.factors) ? score.factors.factor : undefined;
      return [
        {
          model: known?.model ?? `transunion:${code || 'unknown'}`,
          value,
          min,
          max,
          direction: 'higher_is_better' as const,
          rawValue: raw,
          reasons: asArray(factors).flatMap((f) => (isRecord(f) && text(f.code, 50) ? [{ code: text(f.code, 50)! }] : [])),
          source: `${path}/scoreModel/score`,
        },
      ];
    });
  });

/** Normalises a TransUnion consumer credit report (creditBureau XML-as-JSON). */
export const normaliseTransUnion: Normaliser = guardNormaliser((raw, meta) => {
  const body = parseJsonBody(raw.body);
  const bureau = isRecord(body) ? body.creditBureau : undefined;
  const product = isRecord(bureau) ? asArray(bureau.product)[0] : undefined;
  const subject = isRecord(product) ? asArray(product.subject)[0] : undefined;
  if (!isRecord(subject)) throw new MalformedReportError('creditBureau.product.subject missing');
  const record = asArray(subject.subjectRecord)[0];
  if (record === undefined) throw new SubjectNotFoundError('transunion');
  if (!isRecord(record)) throw new MalformedReportError('subjectRecord is not an object');
  const summary = isRecord(record.fileSummary) ? record.fileSummary : {};
  if (/nohit/i.test(text(summary.fileHitIndicator, 40) ?? '')) throw new SubjectNotFoundError('transunion');

  const warnings = new WarningSink();
  const custom = isRecord(record.custom) ? record.custom : {};
  const credit = isRecord(custom.credit) ? custom.credit : {};
  const control = isRecord(bureau) && isRecord(bureau.transactionControl) ? bureau.transactionControl : {};
  const tracking = isRecord(control.tracking) ? control.tracking : {};
  return finaliseReport({
    reportId: meta.reportId,
    bureau: 'transunion',
    product: raw.product,
    pulledAt: meta.pulledAt,
    requestId: meta.requestId,
    bureauReference: text(tracking.transactionTimeStamp, 200),
    currency: CURRENCY,
    subject: subjectOf(record, warnings),
    scores: scoresOf(record, warnings),
    tradelines: records(credit.trade, '/custom/credit/trade', warnings).map(({ item, path }) => tradeOf(item, path, warnings)),
    inquiries: records(credit.inquiry, '/custom/credit/inquiry', warnings).map(({ item, path }) => inquiryOf(item, path, warnings)),
    publicRecords: records(credit.publicRecord, '/custom/credit/publicRecord', warnings).map(({ item, path }) => publicRecordOf(item, path, warnings)),
    collections: records(credit.collection, '/custom/credit/collection', warnings).map(({ item, path }) => collectionOf(item, path, warnings)),
    warnings: warnings.items,
  });
});
