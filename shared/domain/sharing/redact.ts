import { createHmac } from 'node:crypto';
import { z } from 'zod';

/**
 * What happens to one field of a shared dataset row:
 * - `include`: the value as is;
 * - `mask`: a string with all but the last 2 characters replaced by `•` (values of ≤ 2 characters are fully masked);
 * - `hash`: keyed HMAC-SHA-256 of the value with the agreement's salt (hex, 32 chars): stable
 *   within one agreement, so rows join on it, but different across agreements;
 * - `bucket`: numbers become a 1-2-5 band (`"20000-50000"`), ISO dates their month (`"2026-03"`);
 *   anything else is dropped;
 * - `drop`: never shown. Fields without a rule are dropped too (deny by default).
 */
export const FieldRuleSchema = z.enum(['include', 'mask', 'hash', 'bucket', 'drop']);
export type FieldRule = z.infer<typeof FieldRuleSchema>;

/** One dataset row before redaction: flat field paths (`fields.country`, `rating.pd`) to scalars; null = missing. */
export const DatasetValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type DatasetValue = z.infer<typeof DatasetValueSchema>;
export const DatasetRowSchema = z.record(z.string(), DatasetValueSchema);
export type DatasetRow = z.infer<typeof DatasetRowSchema>;

const MASK = '•';

export const maskValue = (value: string): string => {
  const chars = [...value];
  const keep = chars.length > 2 ? chars.slice(-2).join('') : '';
  return MASK.repeat(Math.max(chars.length - keep.length, 1)) + keep;
};

export const hashValue = (value: DatasetValue, salt: string): string =>
  createHmac('sha256', salt).update(`${typeof value}:${String(value)}`, 'utf8').digest('hex').slice(0, 32);

const formatBound = (n: number): string => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6))));

/**
 * The 1-2-5 band holding `value` (`[lower, upper)`), sign kept; 0 is its own band.
 * @example bucketNumber(37_000) // '20000-50000'
 * @example bucketNumber(0.023) // '0.02-0.05'
 */
export const bucketNumber = (value: number): string => {
  if (!Number.isFinite(value)) return 'n/a';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const decade = 10 ** Math.floor(Math.log10(magnitude));
  const steps = [1, 2, 5, 10].map((s) => s * decade);
  let lower = steps[0]!;
  let upper = steps[1]!;
  for (let i = 0; i < steps.length - 1; i++) {
    if (magnitude >= steps[i]! && magnitude < steps[i + 1]!) {
      lower = steps[i]!;
      upper = steps[i + 1]!;
    }
  }
  return value < 0 ? `-${formatBound(upper)}--${formatBound(lower)}` : `${formatBound(lower)}-${formatBound(upper)}`;
};

const ISO_DATE = /^(\d{4}-\d{2})-\d{2}(T|$)/;

const applyRule = (rule: FieldRule, value: DatasetValue, salt: string): DatasetValue | undefined => {
  if (value === null) return rule === 'drop' ? undefined : null;
  switch (rule) {
    case 'include':
      return value;
    case 'mask':
      return maskValue(String(value));
    case 'hash':
      return hashValue(value, salt);
    case 'bucket': {
      if (typeof value === 'number') return bucketNumber(value);
      const month = typeof value === 'string' ? ISO_DATE.exec(value)?.[1] : undefined;
      return month ?? undefined;
    }
    case 'drop':
      return undefined;
  }
};

/**
 * Redacts one row by an agreement's field rules. Pure. Only fields with a rule other than
 * `drop` can appear in the output (deny by default); `salt` is the agreement's secret HMAC key.
 * @example redactRow({ 'fields.legalName': 'Acme', creditLimit: 37000 }, { creditLimit: 'bucket' }, salt) // { creditLimit: '20000-50000' }
 */
export const redactRow = (row: DatasetRow, rules: Readonly<Record<string, FieldRule>>, salt: string): DatasetRow => {
  const out: DatasetRow = {};
  for (const [path, rule] of Object.entries(rules)) {
    if (rule === 'drop' || !Object.hasOwn(row, path)) continue;
    const redacted = applyRule(rule, row[path] ?? null, salt);
    if (redacted !== undefined) out[path] = redacted;
  }
  return out;
};
