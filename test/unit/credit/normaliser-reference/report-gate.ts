import { z } from 'zod';

/**
 * The normalisers' exit gate without a zod pass on the hot path: the constraints of
 * `CreditReportSchema` (credit-report.ts) written out as precompiled checks, run in one walk over
 * the draft the normaliser just built, applying the schema's defaults in place (no copy).
 * Returns the path and message of the first violation, or undefined when the draft is a valid
 * CreditReport. The equivalence with the zod schema is a property test
 * (test/unit/credit/report-gate.test.ts); change both together.
 */
export interface GateIssue {
  path: (string | number)[];
  message: string;
}

class Reject extends Error {
  constructor(
    readonly at: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

type Obj = Record<string, unknown>;
type Path = (string | number)[];

const DATE = z.regexes.date;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const YEAR = /^\d{4}$/;
const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;
const DATETIME = z.iso.datetime({ offset: true });

const set = (...values: string[]): ReadonlySet<string> => new Set(values);
const SCHEMES = set('metro2', 'experian', 'equifax', 'transunion', 'dnb', 'creditsafe', 'pboc', 'iso', 'derived');
const BUREAUS = set('experian', 'equifax', 'transunion', 'dnb', 'creditsafe', 'pboc');
const PAYMENT = set('current', 'days_30_59', 'days_60_89', 'days_90_119', 'days_120_149', 'days_150_179', 'days_180_plus', 'days_120_plus', 'zero_balance', 'too_new', 'no_history', 'not_reported', 'collection', 'foreclosure', 'voluntary_surrender', 'repossession', 'charge_off', 'bankruptcy', 'debt_management_plan', 'unknown');
const ACCOUNT = set('current', 'past_due', 'paid', 'paid_derogatory', 'closed', 'transferred', 'collection', 'charge_off', 'repossession', 'voluntary_surrender', 'foreclosure', 'bankruptcy', 'settled', 'insurance_claim', 'deleted', 'unknown');
const TRADELINE_TYPE = set('revolving', 'installment', 'mortgage', 'open', 'line_of_credit', 'lease', 'trade_credit', 'other', 'unknown');
const CLASSIFICATION = set('normal', 'special_mention', 'substandard', 'doubtful', 'loss');
const OWNERSHIP = set('individual', 'joint', 'authorized_user', 'cosigner', 'business', 'terminated', 'unknown');
const INQUIRY = set('hard', 'soft', 'account_review', 'promotional', 'unknown');
const RECORD_TYPE = set('bankruptcy', 'judgment', 'lien', 'court_enforcement', 'dishonest_debtor', 'civil_suit', 'other');
const RECORD_STATUS = set('open', 'filed', 'discharged', 'dismissed', 'satisfied', 'released', 'withdrawn', 'unknown');
const COLLECTION_STATUS = set('unpaid', 'paid', 'settled', 'disputed', 'unknown');
const BUSINESS_STATUS = set('active', 'inactive', 'dissolved', 'insolvent', 'unknown');
const DIRECTION = set('higher_is_better', 'lower_is_better');
const NAME_TYPE = set('primary', 'aka', 'former', 'legal', 'trading');
const ADDRESS_TYPE = set('current', 'previous', 'registered', 'trading', 'unknown');
const KIND = set('consumer', 'business');

const fail = (path: Path, message: string): never => {
  throw new Reject(path, message);
};

const obj = (v: unknown, path: Path): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : fail(path, 'expected object'));
const str = (o: Obj, k: string, path: Path, max: number, min = 0): void => {
  const v = o[k];
  if (typeof v !== 'string') fail([...path, k], 'expected string');
  else if (v.length > max) fail([...path, k], `too long (max ${max})`);
  else if (v.length < min) fail([...path, k], `too short (min ${min})`);
};
const optStr = (o: Obj, k: string, path: Path, max: number): void => {
  if (o[k] !== undefined) str(o, k, path, max);
};
const anyStr = (o: Obj, k: string, path: Path): void => {
  if (typeof o[k] !== 'string') fail([...path, k], 'expected string');
};
const matches = (o: Obj, k: string, path: Path, re: RegExp): void => {
  const v = o[k];
  if (typeof v !== 'string' || !re.test(v)) fail([...path, k], 'invalid format');
};
const oneOf = (o: Obj, k: string, path: Path, values: ReadonlySet<string>): void => {
  const v = o[k];
  if (typeof v !== 'string' || !values.has(v)) fail([...path, k], 'invalid option');
};
const finite = (o: Obj, k: string, path: Path): void => {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail([...path, k], 'expected number');
};
const int = (o: Obj, k: string, path: Path, nonNegative = false): void => {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail([...path, k], 'expected integer');
  else if (nonNegative && v < 0) fail([...path, k], 'expected ≥ 0');
};
const bool = (o: Obj, k: string, path: Path): void => {
  if (typeof o[k] !== 'boolean') fail([...path, k], 'expected boolean');
};
const optional = (o: Obj, k: string, path: Path, check: (v: unknown, path: Path) => void): void => {
  if (o[k] !== undefined) check(o[k], [...path, k]);
};
/** An array member, `[]` when absent (the schema's default), each item checked; `max` bounds its length. */
const list = (o: Obj, k: string, path: Path, check: (v: unknown, path: Path) => void, max = Number.POSITIVE_INFINITY): void => {
  let v = o[k];
  if (v === undefined) o[k] = v = [];
  if (!Array.isArray(v)) return fail([...path, k], 'expected array');
  if (v.length > max) fail([...path, k], `too many items (max ${max})`);
  for (let i = 0; i < v.length; i += 1) check(v[i], [...path, k, i]);
};

const partialDate = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  const p = o.precision;
  if (p === 'day') matches(o, 'value', path, DATE);
  else if (p === 'month') matches(o, 'value', path, MONTH);
  else if (p === 'year') matches(o, 'value', path, YEAR);
  else fail([...path, 'precision'], 'invalid discriminator');
};
const coded =
  (value: (o: Obj, path: Path) => void) =>
  (v: unknown, path: Path): void => {
    const o = obj(v, path);
    value(o, path);
    str(o, 'raw', path, 200);
    oneOf(o, 'scheme', path, SCHEMES);
  };
const codedOf = (values: ReadonlySet<string>) => coded((o, path) => oneOf(o, 'value', path, values));
const codedText = (max: number) => coded((o, path) => str(o, 'value', path, max));
const money = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  int(o, 'amountMinor', path);
  matches(o, 'currency', path, CURRENCY);
};
const party = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  optStr(o, 'name', path, 300);
  optStr(o, 'code', path, 100);
};
const source = (o: Obj, path: Path): void => optStr(o, 'source', path, 300);

const paymentStatus = codedOf(PAYMENT);
const historyEntry = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  if (o.month !== undefined) matches(o, 'month', path, MONTH);
  if (o.status === undefined) fail([...path, 'status'], 'required');
  paymentStatus(o.status, [...path, 'status']);
};
const tradelineType = codedOf(TRADELINE_TYPE);
const accountStatus = codedOf(ACCOUNT);
const ownership = codedOf(OWNERSHIP);
const classification = codedOf(CLASSIFICATION);
const text100 = codedText(100);
const text200 = codedText(200);
const tradeline = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  optStr(o, 'accountRef', path, 100);
  optional(o, 'creditor', path, party);
  tradelineType(o.type, [...path, 'type']);
  optional(o, 'accountType', path, text100);
  optional(o, 'ownership', path, ownership);
  for (const k of ['opened', 'closed', 'reportedAt', 'lastPaymentAt']) optional(o, k, path, partialDate);
  for (const k of ['creditLimit', 'highCredit', 'balance', 'pastDue', 'monthlyPayment', 'chargedOff']) optional(o, k, path, money);
  if (o.daysPastDue !== undefined) int(o, 'daysPastDue', path, true);
  accountStatus(o.status, [...path, 'status']);
  list(o, 'paymentHistory', path, historyEntry, 84);
  optional(o, 'classification', path, classification);
  if (o.open !== undefined) bool(o, 'open', path);
  source(o, path);
};
const inquiryType = codedOf(INQUIRY);
const inquiry = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  optional(o, 'date', path, partialDate);
  optional(o, 'subscriber', path, party);
  optional(o, 'type', path, inquiryType);
  optional(o, 'purpose', path, text100);
  optional(o, 'amount', path, money);
  source(o, path);
};
const recordType = codedOf(RECORD_TYPE);
const recordStatus = codedOf(RECORD_STATUS);
const publicRecord = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  recordType(o.type, [...path, 'type']);
  optional(o, 'status', path, recordStatus);
  optional(o, 'filed', path, partialDate);
  optional(o, 'resolved', path, partialDate);
  optional(o, 'amount', path, money);
  optStr(o, 'court', path, 300);
  optStr(o, 'reference', path, 100);
  source(o, path);
};
const collectionStatus = codedOf(COLLECTION_STATUS);
const collection = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  optional(o, 'agency', path, party);
  optStr(o, 'originalCreditor', path, 300);
  optional(o, 'assigned', path, partialDate);
  optional(o, 'lastActivity', path, partialDate);
  optional(o, 'originalAmount', path, money);
  optional(o, 'balance', path, money);
  collectionStatus(o.status, [...path, 'status']);
  source(o, path);
};
const scoreReason = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  str(o, 'code', path, 50);
  optStr(o, 'text', path, 300);
};
const creditScore = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  anyStr(o, 'model', path);
  finite(o, 'value', path);
  finite(o, 'min', path);
  finite(o, 'max', path);
  oneOf(o, 'direction', path, DIRECTION);
  if (o.rawValue !== undefined) anyStr(o, 'rawValue', path);
  list(o, 'reasons', path, scoreReason);
  source(o, path);
};
const businessStatus = codedOf(BUSINESS_STATUS);
const business = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  optional(o, 'founded', path, partialDate);
  optional(o, 'employees', path, (e, p) => {
    const eo = obj(e, p);
    int(eo, 'value', p, true);
    if (eo.estimated === undefined) eo.estimated = false;
    bool(eo, 'estimated', p);
  });
  optional(o, 'turnover', path, (t, p) => {
    money(t, p);
    const to = t as Obj;
    if (to.year !== undefined) int(to, 'year', p);
  });
  optional(o, 'industry', path, text200);
  optional(o, 'legalForm', path, text200);
  optional(o, 'status', path, businessStatus);
  for (const k of ['paymentIndex', 'failureScore', 'delinquencyScore']) optional(o, k, path, creditScore);
  optional(o, 'recommendedCreditLimit', path, money);
  if (o.daysBeyondTerms !== undefined) int(o, 'daysBeyondTerms', path, true);
  source(o, path);
};
const subjectName = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  optStr(o, 'full', path, 300);
  optStr(o, 'first', path, 100);
  optStr(o, 'middle', path, 100);
  optStr(o, 'last', path, 100);
  optStr(o, 'suffix', path, 20);
  if (o.type === undefined) o.type = 'primary';
  oneOf(o, 'type', path, NAME_TYPE);
};
const identifier = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  str(o, 'scheme', path, 50, 1);
  str(o, 'value', path, 100, 1);
};
const addressLine = (v: unknown, path: Path): void => {
  if (typeof v !== 'string') fail(path, 'expected string');
  else if (v.length > 200) fail(path, 'too long (max 200)');
};
const address = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  list(o, 'lines', path, addressLine, 6);
  optStr(o, 'city', path, 100);
  optStr(o, 'region', path, 100);
  optStr(o, 'postalCode', path, 20);
  if (o.country !== undefined) matches(o, 'country', path, COUNTRY);
  if (o.type === undefined) o.type = 'unknown';
  oneOf(o, 'type', path, ADDRESS_TYPE);
  optional(o, 'reportedAt', path, partialDate);
};
const subject = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  oneOf(o, 'kind', path, KIND);
  list(o, 'names', path, subjectName);
  list(o, 'identifiers', path, identifier);
  list(o, 'addresses', path, address);
  optional(o, 'dateOfBirth', path, partialDate);
  if (o.deceased !== undefined) bool(o, 'deceased', path);
};
const warning = (v: unknown, path: Path): void => {
  const o = obj(v, path);
  str(o, 'path', path, 300);
  str(o, 'message', path, 300);
};

/**
 * Checks `draft` against the CreditReport constraints in place (defaults filled in); returns the
 * first violation, or undefined when `draft` is now a valid CreditReport.
 * @example const issue = gateReport(draft); if (issue) throw new MalformedReportError(issue.message);
 */
export const gateReport = (draft: unknown): GateIssue | undefined => {
  try {
    const o = obj(draft, []);
    if (o.schemaVersion === undefined) o.schemaVersion = 1;
    if (o.schemaVersion !== 1) fail(['schemaVersion'], 'expected 1');
    str(o, 'reportId', [], 100, 1);
    oneOf(o, 'bureau', [], BUREAUS);
    str(o, 'product', [], 100, 1);
    if (!DATETIME.safeParse(o.pulledAt).success) fail(['pulledAt'], 'invalid ISO date-time');
    str(o, 'requestId', [], 200, 1);
    optStr(o, 'bureauReference', [], 200);
    matches(o, 'currency', [], CURRENCY);
    if (o.subject === undefined) fail(['subject'], 'required');
    subject(o.subject, ['subject']);
    list(o, 'scores', [], creditScore);
    list(o, 'tradelines', [], tradeline);
    list(o, 'inquiries', [], inquiry);
    list(o, 'publicRecords', [], publicRecord);
    list(o, 'collections', [], collection);
    optional(o, 'business', [], business);
    list(o, 'warnings', [], warning, 500);
    return undefined;
  } catch (error) {
    if (error instanceof Reject) return { path: error.at, message: error.message };
    throw error;
  }
};
