import type { BureauId } from '../credit-summary.js';
import { MalformedReportError } from '../bureau-connector.js';
import type { CreditReport, Tradeline } from '../credit-report.js';
import { METRO2_ACCOUNT_STATUS, METRO2_ECOA, METRO2_PAYMENT, METRO2_PORTFOLIO, METRO2_STATUS_DAYS, DAYS_PAST_DUE } from '../normalisers/codes.js';
import { coded, finaliseReport, money, monthOf, monthsBefore, partialDate, WarningSink } from '../normalisers/common.js';

/**
 * Metro 2® (CDIA) character format, 426-byte records: a HEADER record, Base Segments (one
 * per account, possibly followed by appended segments which are skipped), and a TRAILER.
 * Positions below are 1-based as in the Credit Reporting Resource Guide. Amounts are whole
 * dollars, dates `MMDDYYYY` (zeros = none).
 */

export const METRO2_RECORD_LENGTH = 426;

/** Base Segment field positions: [start (1-based), length]. */
const BASE = {
  rdw: [1, 4],
  processingIndicator: [5, 1],
  timeStamp: [6, 14],
  identificationNumber: [21, 20],
  cycleIdentifier: [41, 2],
  accountNumber: [43, 30],
  portfolioType: [73, 1],
  accountType: [74, 2],
  dateOpened: [76, 8],
  creditLimit: [84, 9],
  highestCredit: [93, 9],
  termsDuration: [102, 3],
  termsFrequency: [105, 1],
  scheduledMonthlyPayment: [106, 9],
  actualPayment: [115, 9],
  accountStatus: [124, 2],
  paymentRating: [126, 1],
  paymentHistoryProfile: [127, 24],
  specialComment: [151, 2],
  complianceCondition: [153, 2],
  currentBalance: [155, 9],
  amountPastDue: [164, 9],
  originalChargeOff: [173, 9],
  dateOfAccountInformation: [182, 8],
  dateOfFirstDelinquency: [190, 8],
  dateClosed: [198, 8],
  dateOfLastPayment: [206, 8],
  interestTypeIndicator: [214, 1],
  consumerTransactionType: [231, 1],
  surname: [232, 25],
  firstName: [257, 20],
  middleName: [277, 20],
  generationCode: [297, 1],
  ssn: [298, 9],
  dateOfBirth: [307, 8],
  telephone: [315, 10],
  ecoa: [325, 1],
  consumerInformationIndicator: [326, 2],
  countryCode: [328, 2],
  addressLine1: [330, 32],
  addressLine2: [362, 32],
  city: [394, 20],
  state: [414, 2],
  postalCode: [416, 9],
  addressIndicator: [425, 1],
  residenceCode: [426, 1],
} as const satisfies Record<string, readonly [number, number]>;

export type Metro2BaseSegment = { [K in keyof typeof BASE]: string };

export interface Metro2Header {
  cycleIdentifier: string;
  activityDate: string;
  dateCreated: string;
  reporterName: string;
}

export interface Metro2File {
  header: Metro2Header;
  baseSegments: Metro2BaseSegment[];
  trailer: { totalBaseRecords: number | undefined };
  warnings: Array<{ path: string; message: string }>;
}

const field = (record: string, [start, length]: readonly [number, number]): string => record.slice(start - 1, start - 1 + length).trim();

const splitRecords = (text: string): string[] => {
  if (/\r?\n/.test(text)) return text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const out: string[] = [];
  let offset = 0;
  while (offset < text.length) {
    const rdw = Number(text.slice(offset, offset + 4));
    const length = Number.isInteger(rdw) && rdw >= METRO2_RECORD_LENGTH ? rdw : METRO2_RECORD_LENGTH;
    out.push(text.slice(offset, offset + length));
    offset += length;
  }
  return out;
};

/**
 * Parses a Metro 2 character-format file into header, base segments and trailer.
 * Throws `malformed_report` when there is no HEADER, a record is shorter than 426 bytes,
 * or the trailer's base-record count disagrees with the records read.
 */
export const parseMetro2 = (text: string): Metro2File => {
  const recordsText = splitRecords(text);
  const warnings: Metro2File['warnings'] = [];
  const first = recordsText[0];
  if (first === undefined || first.slice(4, 10) !== 'HEADER') throw new MalformedReportError('Metro 2 file does not start with a HEADER record');
  if (first.length < METRO2_RECORD_LENGTH) throw new MalformedReportError('Metro 2 HEADER record is shorter than 426 bytes');
  const header: Metro2Header = {
    cycleIdentifier: field(first, [11, 2]),
    activityDate: field(first, [48, 8]),
    dateCreated: field(first, [56, 8]),
    reporterName: field(first, [80, 40]),
  };
  const baseSegments: Metro2BaseSegment[] = [];
  let trailer: Metro2File['trailer'] | undefined;
  recordsText.slice(1).forEach((record, index) => {
    const path = `/record/${index + 1}`;
    if (record.slice(4, 11) === 'TRAILER') {
      const count = Number(field(record, [12, 9]));
      trailer = { totalBaseRecords: Number.isInteger(count) ? count : undefined };
      return;
    }
    if (trailer) throw new MalformedReportError(`record after TRAILER at ${path}`);
    if (record.length < METRO2_RECORD_LENGTH) throw new MalformedReportError(`record ${index + 1} is ${record.length} bytes, expected 426`);
    if (record.length > METRO2_RECORD_LENGTH) warnings.push({ path, message: 'appended segments skipped' });
    const segment = Object.fromEntries(Object.entries(BASE).map(([name, pos]) => [name, field(record, pos)])) as Metro2BaseSegment;
    baseSegments.push(segment);
  });
  if (!trailer) throw new MalformedReportError('Metro 2 file has no TRAILER record');
  if (trailer.totalBaseRecords !== undefined && trailer.totalBaseRecords !== baseSegments.length) {
    throw new MalformedReportError(`TRAILER counts ${trailer.totalBaseRecords} base records, file has ${baseSegments.length}`);
  }
  return { header, baseSegments, trailer, warnings };
};

const DOLLARS = 'USD';

/** Maps one Base Segment to a canonical tradeline (raw codes kept, scheme `metro2`). */
export const metro2Tradeline = (segment: Metro2BaseSegment, path: string, warnings: WarningSink): Tradeline => {
  const info = partialDate(segment.dateOfAccountInformation, 'mdy');
  const anchor = monthOf(info);
  const status = coded(segment.accountStatus, METRO2_ACCOUNT_STATUS, 'metro2', 'unknown');
  // Payment Rating (17B) carries the lateness for statuses 05, 13, 65, 88, 89, 94, 95.
  const rating = segment.paymentRating ? coded(segment.paymentRating, METRO2_PAYMENT, 'metro2', 'unknown') : undefined;
  const daysPastDue = METRO2_STATUS_DAYS[segment.accountStatus] ?? (rating ? DAYS_PAST_DUE[rating.value] : undefined);
  const amount = (value: string, name: string) => (value === '' ? undefined : money(value, DOLLARS, `${path}/${name}`, warnings));
  const history = [...segment.paymentHistoryProfile].map((char, index) => ({
    // Position 1 is the month before the Date of Account Information.
    month: anchor ? monthsBefore(anchor, index + 1) : undefined,
    status: coded(char, METRO2_PAYMENT, 'metro2', 'unknown'),
  }));
  return {
    accountRef: segment.accountNumber || undefined,
    creditor: { code: segment.identificationNumber || undefined },
    type: coded(segment.portfolioType, METRO2_PORTFOLIO, 'metro2', 'unknown'),
    accountType: segment.accountType ? { value: segment.accountType, raw: segment.accountType, scheme: 'metro2' } : undefined,
    ownership: segment.ecoa ? coded(segment.ecoa, METRO2_ECOA, 'metro2', 'unknown') : undefined,
    opened: partialDate(segment.dateOpened, 'mdy'),
    closed: partialDate(segment.dateClosed, 'mdy'),
    reportedAt: info,
    lastPaymentAt: partialDate(segment.dateOfLastPayment, 'mdy'),
    creditLimit: amount(segment.creditLimit, 'creditLimit'),
    highCredit: amount(segment.highestCredit, 'highestCredit'),
    balance: amount(segment.currentBalance, 'currentBalance'),
    pastDue: amount(segment.amountPastDue, 'amountPastDue'),
    monthlyPayment: amount(segment.scheduledMonthlyPayment, 'scheduledMonthlyPayment'),
    chargedOff: amount(segment.originalChargeOff, 'originalChargeOff'),
    daysPastDue,
    status,
    paymentHistory: history,
    open: segment.dateClosed && !/^0+$/.test(segment.dateClosed) ? false : undefined,
    source: path,
  };
};

export interface Metro2ImportMeta {
  /** Bureau the file is attributed to (the file itself names none). */
  bureau: BureauId;
  product?: string;
  pulledAt: string;
  requestId: string;
  /** Report id per consumer key (SSN or name+DOB); defaults to `${requestId}:${index}`. */
  reportIdFor?(consumerKey: string, index: number): string;
}

/**
 * Imports a Metro 2 file as one canonical report per consumer (grouped by SSN, else by
 * name + date of birth). Throws `malformed_report` for structural problems.
 */
export const importMetro2 = (text: string, meta: Metro2ImportMeta): CreditReport[] => {
  const file = parseMetro2(text);
  const groups = new Map<string, Array<{ segment: Metro2BaseSegment; index: number }>>();
  file.baseSegments.forEach((segment, index) => {
    const key = segment.ssn && !/^0+$/.test(segment.ssn) ? `ssn:${segment.ssn}` : `name:${segment.surname}|${segment.firstName}|${segment.dateOfBirth}`;
    const list = groups.get(key) ?? [];
    list.push({ segment, index });
    groups.set(key, list);
  });
  return [...groups.entries()].map(([key, items], groupIndex) => {
    const warnings = new WarningSink();
    file.warnings.forEach((w) => warnings.add(w.path, w.message));
    const first = items[0]!.segment;
    return finaliseReport({
      reportId: meta.reportIdFor?.(key, groupIndex) ?? `${meta.requestId}:${groupIndex}`,
      bureau: meta.bureau,
      product: meta.product ?? 'metro2-import',
      pulledAt: meta.pulledAt,
      requestId: meta.requestId,
      bureauReference: file.header.reporterName || undefined,
      currency: DOLLARS,
      subject: {
        kind: 'consumer',
        names: [{ first: first.firstName || undefined, middle: first.middleName || undefined, last: first.surname || undefined, suffix: first.generationCode || undefined, type: 'primary' }],
        identifiers: first.ssn && !/^0+$/.test(first.ssn) ? [{ scheme: 'ssn', value: first.ssn }] : [],
        addresses: [
          {
            lines: [first.addressLine1, first.addressLine2].filter((l) => l !== ''),
            city: first.city || undefined,
            region: first.state || undefined,
            postalCode: first.postalCode || undefined,
            country: /^[A-Z]{2}$/.test(first.countryCode) ? first.countryCode : undefined,
            type: 'current',
          },
        ],
        dateOfBirth: partialDate(first.dateOfBirth, 'mdy'),
      },
      tradelines: items.map(({ segment, index }) => metro2Tradeline(segment, `/record/${index + 1}`, warnings)),
      warnings: warnings.items,
    });
  });
};

/** Builds a 426-byte Base Segment from fields (for fixtures, sandboxes and round-trip tests). */
export const formatMetro2Base = (values: Partial<Metro2BaseSegment>): string => {
  const chars = Array.from({ length: METRO2_RECORD_LENGTH }, () => ' ');
  const put = ([start, length]: readonly [number, number], value: string, numeric: boolean) => {
    const text = numeric ? value.padStart(length, '0').slice(-length) : value.padEnd(length, ' ').slice(0, length);
    for (let i = 0; i < length; i += 1) chars[start - 1 + i] = text[i]!;
  };
  const numeric = new Set(['rdw', 'creditLimit', 'highestCredit', 'scheduledMonthlyPayment', 'actualPayment', 'currentBalance', 'amountPastDue', 'originalChargeOff']);
  const all: Partial<Metro2BaseSegment> = { rdw: '0426', processingIndicator: '1', ...values };
  for (const [name, pos] of Object.entries(BASE)) {
    const value = all[name as keyof Metro2BaseSegment];
    if (value !== undefined) put(pos, value, numeric.has(name));
  }
  return chars.join('');
};

/** HEADER and TRAILER records matching {@link parseMetro2}. */
export const formatMetro2Header = (reporterName: string, activityDate: string): string =>
  `0426HEADER${' '.repeat(37)}${activityDate.padEnd(8).slice(0, 8)}${activityDate.padEnd(8).slice(0, 8)}${' '.repeat(16)}${reporterName.padEnd(40).slice(0, 40)}`.padEnd(
    METRO2_RECORD_LENGTH,
    ' ',
  );
export const formatMetro2Trailer = (baseCount: number): string =>
  `0426TRAILER${String(baseCount).padStart(9, '0')}`.padEnd(METRO2_RECORD_LENGTH, ' ');
