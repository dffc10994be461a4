/**
 * Column types of a labelled training file: numeric, categorical (declared, text, or detected
 * low-cardinality integer codes), special values (declared, or detected values carrying a large
 * share of a numeric column), and missing values. Every detection is reported so that the
 * analyst sees (and can override) what the trainer assumed.
 */

/** One labelled row: a CSV line or an NDJSON object. */
export type TrainingRow = Record<string, unknown>;

/** A training input the trainer cannot use: one line for the user, no stack trace (CLI exit 2). */
export class TrainingInputError extends Error {
  readonly code = 'training_input';
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'TrainingInputError';
  }
}

export interface ColumnSpec {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Values binned on their own (numeric columns). */
  special: number[];
  /** Why the kind or special values were chosen when not declared (for the report). */
  detected: string[];
}

export interface ColumnOptions {
  /** Columns declared categorical. */
  categorical?: readonly string[];
  /** Special values declared per column. */
  special?: Readonly<Record<string, readonly number[]>>;
  /** Integer columns with at most this many distinct values are treated as codes (default 10; 0 turns detection off). */
  maxCodes?: number;
  /** A value at an end of the range or ≤ 0 holding at least this share of a numeric column with many distinct values becomes special (default 0.1; 0 turns detection off). */
  specialShare?: number;
}

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A numeric cell as a number; `undefined` when blank; NaN when not a number. */
export const numericCell = (v: unknown): number | undefined => {
  if (isBlank(v)) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : Number.NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(String(v).trim());
  return Number.isFinite(n) ? n : Number.NaN;
};

/** A categorical cell as text; `undefined` when blank. */
export const categoricalCell = (v: unknown): string | undefined => (isBlank(v) ? undefined : String(v).trim());

/**
 * Types the columns `names` of `rows`. A column of text is categorical; a column of numbers with a
 * few non-numbers (under 5 %), or one declared with special values, is a numeric column with bad
 * data: a TrainingInputError names the column and the first bad row.
 * @example profileColumns(rows, ['PAY_0', 'SEX'], { special: { PAY_0: [-2, -1, 0] } })
 */
export const profileColumns = (rows: readonly TrainingRow[], names: readonly string[], o: ColumnOptions = {}): ColumnSpec[] => {
  const declaredCat = new Set(o.categorical ?? []);
  const maxCodes = o.maxCodes ?? 10;
  const specialShare = o.specialShare ?? 0.1;
  return names.map((name): ColumnSpec => {
    const declaredSpecial = o.special?.[name];
    if (declaredCat.has(name)) return { name, kind: 'categorical', special: [], detected: [] };
    const counts = new Map<number, number>();
    let present = 0;
    let text = 0;
    let firstText: { row: number; raw: unknown } | undefined;
    let integers = true;
    for (let i = 0; i < rows.length; i += 1) {
      const raw = rows[i]![name];
      const v = numericCell(raw);
      if (v === undefined) continue;
      if (Number.isNaN(v)) {
        text += 1;
        firstText ??= { row: i + 1, raw };
        continue;
      }
      present += 1;
      if (!Number.isInteger(v)) integers = false;
      if (counts.size <= 1000) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    // Mostly numbers with a few strays is a numeric column with bad data, not a category.
    if (firstText && (declaredSpecial || present >= 0.95 * (present + text))) {
      throw new TrainingInputError(`column "${name}" row ${firstText.row}: "${String(firstText.raw).slice(0, 40)}" is not a number (${text} non-numeric of ${present + text} values in a numeric column)`);
    }
    if (firstText) return { name, kind: 'categorical', special: [], detected: ['text values: categorical'] };
    if (declaredSpecial) return { name, kind: 'numeric', special: [...declaredSpecial].sort((a, b) => a - b), detected: [] };
    if (integers && present > 0 && counts.size <= maxCodes && counts.size > 1) {
      return { name, kind: 'categorical', special: [], detected: [`${counts.size} integer codes: categorical`] };
    }
    const special: number[] = [];
    if (specialShare > 0 && counts.size > maxCodes) {
      // Sentinels sit at an end of the range or at zero and below (no use, paid in full, capped values).
      const keys = [...counts.keys()].sort((a, b) => a - b);
      const [lo, hi] = [keys[0]!, keys[keys.length - 1]!];
      for (const v of keys) if (counts.get(v)! >= specialShare * present && (v <= 0 || v === lo || v === hi)) special.push(v);
    }
    return { name, kind: 'numeric', special, detected: special.length > 0 ? [`special values ${special.join(', ')} (each ≥ ${Math.round(specialShare * 100)} % of rows)`] : [] };
  });
};

/** The column's cells, typed: numbers (NaN never: a non-number is reported), categories as text. */
export const columnValues = (rows: readonly TrainingRow[], spec: Pick<ColumnSpec, 'name' | 'kind'>): (number | string | undefined)[] => {
  if (spec.kind === 'categorical') return rows.map((r) => categoricalCell(r[spec.name]));
  return rows.map((r, i) => {
    const v = numericCell(r[spec.name]);
    if (v !== undefined && Number.isNaN(v)) throw new TrainingInputError(`column "${spec.name}" row ${i + 1}: "${String(r[spec.name]).slice(0, 40)}" is not a number`);
    return v;
  });
};
