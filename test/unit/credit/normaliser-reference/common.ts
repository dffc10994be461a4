import { DomainError } from '../../../../shared/domain/errors.js';
import { toMinorUnits, type Money } from '../../../../shared/domain/money.js';
import { MalformedReportError, type Normaliser } from '../../../../shared/domain/credit/bureau-connector.js';
import {
  type CodeScheme,
  type CodedValue,
  type CreditReport,
  type NormalisationWarning,
  type PartialDate,
} from '../../../../shared/domain/credit/credit-report.js';
import { gateReport } from './report-gate.js';

/**
 * Building blocks shared by every bureau normaliser: tolerant readers for the loose values
 * bureaus send ("Not Rated", "", "UNKNOWN", numbers as strings), date parsing that keeps
 * precision, and a final gate that guarantees the Normaliser contract.
 */

/** Collects values a normaliser had to skip; they end up in `CreditReport.warnings`. */
export class WarningSink {
  readonly items: NormalisationWarning[] = [];
  add(path: string, message: string): void {
    if (this.items.length < 500) this.items.push({ path: path.slice(0, 300), message: message.slice(0, 300) });
  }
}

/** Parses a JSON body to `unknown` or throws `malformed_report`; callers check the shape after. */
export const parseJsonBody = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch (cause) {
    throw new MalformedReportError('body is not valid JSON', { cause });
  }
};

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as an array: arrays as-is, a single object as `[object]` (XML-as-JSON), else `[]`. */
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/** Records of an array-ish value, skipping non-objects with a warning. */
export const records = (value: unknown, path: string, warnings: WarningSink): Array<{ item: Record<string, unknown>; path: string }> => {
  const out: Array<{ item: Record<string, unknown>; path: string }> = [];
  asArray(value).forEach((item, index) => {
    if (isRecord(item)) out.push({ item, path: `${path}/${index}` });
    else warnings.add(`${path}/${index}`, 'not an object');
  });
  return out;
};

/** Trimmed non-empty string of a string or finite number; undefined otherwise. */
export const str = (value: unknown, max = 300): string | undefined => {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed.slice(0, max);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
};

/**
 * {@link str} bounded for numbers too (`str` only bounds strings): the reader of the
 * business-bureau normalisers, whose ids and references arrive as long numbers.
 * @example boundedStr(12345678, 4) // '1234'
 */
export const boundedStr = (value: unknown, max = 300): string | undefined => str(value, max)?.slice(0, max);

/** Safe non-negative integer from a number or numeric string ("0045" → 45); undefined otherwise. */
export const nonNegativeInt = (value: unknown): number | undefined => {
  const text = str(value);
  if (text === undefined || !/^\+?\d{1,15}$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
};

/** Finite number from a number or numeric string; undefined for "Not Rated", "", null, NaN. */
export const finiteNumber = (value: unknown): number | undefined => {
  const text = str(value);
  if (text === undefined || !/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) && Math.abs(n) < 1e15 ? n : undefined;
};

/**
 * Money from a decimal amount; records a warning when a value was present but unusable.
 * Amounts in whole currency units (the US bureaus) go through {@link toMinorUnits}.
 */
export const money = (value: unknown, currency: string, path: string, warnings: WarningSink): Money | undefined => {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  const amountMinor = toMinorUnits(value, currency);
  if (amountMinor === undefined || Math.abs(amountMinor) > 1e15) {
    warnings.add(path, 'amount is not a number');
    return undefined;
  }
  return { amountMinor, currency };
};

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Builds a PartialDate from numbers, or undefined if they do not form a real date. */
export const makePartialDate = (year: number, month?: number, day?: number): PartialDate | undefined => {
  if (!Number.isInteger(year) || year < 1800 || year > 2999) return undefined;
  if (month === undefined) return { precision: 'year', value: pad(year, 4) };
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (day === undefined) return { precision: 'month', value: `${pad(year, 4)}-${pad(month)}` };
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { precision: 'day', value: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
};

/**
 * Reads the date formats bureaus use, keeping precision: `YYYY-MM-DD[Thh:mm…]`, `YYYY-MM`,
 * `YYYY`, `YYYYMMDD`, `MMDDYYYY` (Experian/Metro 2; day `00` = month only), `MMYYYY`, `MM/DD/YYYY`, `MM/YYYY`, `MM/DD/YY`.
 * An all-zero date (Metro 2 "00000000") is "no date": undefined.
 */
export const partialDate = (value: unknown, order: 'ymd' | 'mdy' = 'ymd'): PartialDate | undefined => {
  const text = str(value, 40);
  if (text === undefined || /^0+$/.test(text)) return undefined;
  let m: RegExpMatchArray | null;
  if ((m = text.match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/))) return makePartialDate(+m[1]!, +m[2]!, +m[3]!);
  if ((m = text.match(/^(\d{4})-(\d{2})$/))) return makePartialDate(+m[1]!, +m[2]!);
  if ((m = text.match(/^(\d{4})$/))) return makePartialDate(+m[1]!);
  if ((m = text.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/))) return makePartialDate(+m[3]!, +m[1]!, +m[2]!);
  if ((m = text.match(/^(\d{1,2})\/(\d{1,2})\/(\d{2})$/))) {
    const yy = +m[3]!;
    return makePartialDate(yy > 50 ? 1900 + yy : 2000 + yy, +m[1]!, +m[2]!);
  }
  if ((m = text.match(/^(\d{1,2})\/(\d{4})$/))) return makePartialDate(+m[2]!, +m[1]!);
  if ((m = text.match(/^(\d{2})(\d{4})$/))) return makePartialDate(+m[2]!, +m[1]!);
  if ((m = text.match(/^(\d{8})$/))) {
    const d = m[1]!;
    const [year, month, day] = order === 'mdy' ? [+d.slice(4), +d.slice(0, 2), +d.slice(2, 4)] : [+d.slice(0, 4), +d.slice(4, 6), +d.slice(6, 8)];
    // Day "00" (Equifax `MM00YYYY`) means the bureau only knows the month; "0000YYYY" only the year.
    if (month === 0) return day === 0 ? makePartialDate(year) : undefined;
    return makePartialDate(year, month, day === 0 ? undefined : day);
  }
  return undefined;
};

/** `partialDate` that records a warning when a non-empty value could not be read. */
export const partialDateOrWarn = (
  value: unknown,
  path: string,
  warnings: WarningSink,
  order: 'ymd' | 'mdy' = 'ymd',
): PartialDate | undefined => {
  const parsed = partialDate(value, order);
  if (parsed === undefined && str(value) !== undefined && !/^0+$/.test(str(value)!)) warnings.add(path, 'unreadable date');
  return parsed;
};

/** Month (`YYYY-MM`) of a partial date, when it has one. */
export const monthOf = (date: PartialDate | undefined): string | undefined =>
  date && date.precision !== 'year' ? date.value.slice(0, 7) : undefined;

/** Month `n` months before `YYYY-MM`. */
export const monthsBefore = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
};

/**
 * Looks a raw code up in a mapping table; unknown codes map to `fallback` with the raw kept.
 * @example coded('1', METRO2_PAYMENT, 'metro2', 'unknown') // { value: 'days_30_59', raw: '1', scheme: 'metro2' }
 */
export const coded = <T extends string>(
  raw: unknown,
  table: Readonly<Record<string, T>>,
  scheme: CodeScheme,
  fallback: T,
): CodedValue<T> => {
  const text = str(raw, 200) ?? '';
  const key = text.toUpperCase();
  const value = Object.prototype.hasOwnProperty.call(table, key) ? table[key]! : fallback;
  return { value, raw: text, scheme };
};

/**
 * The normaliser's exit gate: checks the draft against the CreditReport constraints (precompiled
 * checks in report-gate.ts, equivalent to CreditReportSchema, no copy) so the contract ("valid
 * CreditReport or malformed_report") holds whatever the input was.
 */
export const finaliseReport = (draft: unknown): CreditReport => {
  const issue = gateReport(draft);
  if (issue === undefined) return draft as CreditReport;
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  throw new MalformedReportError(`canonical model rejected ${where}: ${issue.message}`);
};

/**
 * Wraps a normaliser body so the {@link Normaliser} contract holds even when the body trips
 * over a structure it did not expect: `DomainError`s (`malformed_report`, `subject_not_found`)
 * pass through, anything else becomes `MalformedReportError('unexpected structure')` with the
 * original as `cause`.
 * @example export const normaliseDnb = guardNormaliser((raw, meta) => finaliseReport({ ... }));
 */
export const guardNormaliser =
  (normalise: Normaliser): Normaliser =>
  (raw, meta) => {
    try {
      return normalise(raw, meta);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new MalformedReportError('unexpected structure', { cause: error });
    }
  };
