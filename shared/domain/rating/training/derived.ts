/**
 * Derived features declared in a policy (`scoring.features[i].formula`): ratio, difference, sum,
 * min/max/mean over a group, count over a threshold, and trend. `evaluateFormula` is the ONE
 * function that computes them: training reads the inputs from the training columns, live rating
 * from the canonical paths, and both hand the numbers here.
 */

export const FORMULA_OPS = ['ratio', 'difference', 'sum', 'min', 'max', 'mean', 'count', 'trend'] as const;
export type FormulaOp = (typeof FORMULA_OPS)[number];

/** A formula as stored in a policy feature (the zod schema is in policy.ts). */
export interface Formula {
  op: FormulaOp;
  /** Inputs in order: ratio/difference take two (a / b, a − b); trend reads them oldest → newest. */
  inputs: readonly { path: string; trainingColumn?: string | undefined }[];
  /** `count`: values ≥ this count (default 1). */
  atLeast?: number | undefined;
}

const present = (values: readonly (number | undefined)[]): number[] => values.filter((v): v is number => v !== undefined && Number.isFinite(v));

/**
 * The value of a formula on its inputs' values (`undefined` = missing): a ratio with a zero
 * denominator, or a group with no value, is missing; a trend is the least-squares slope per step
 * over the present values (missing below two).
 * @example evaluateFormula({ op: 'ratio', inputs: [a, b] }, [50, 200]) // 0.25
 */
export const evaluateFormula = (formula: Pick<Formula, 'op' | 'atLeast'>, values: readonly (number | undefined)[]): number | undefined => {
  // A result that overflows (a ratio over a subnormal divisor) is no value, and −0 is 0 (a CSV cell cannot say −0),
  // in training and live rating alike.
  const result = evaluate(formula, values);
  return result !== undefined && Number.isFinite(result) ? result + 0 : undefined;
};

const evaluate = (formula: Pick<Formula, 'op' | 'atLeast'>, values: readonly (number | undefined)[]): number | undefined => {
  const [a, b] = values;
  switch (formula.op) {
    case 'ratio':
      return a === undefined || b === undefined || b === 0 ? undefined : a / b;
    case 'difference':
      return a === undefined || b === undefined ? undefined : a - b;
    default:
      break;
  }
  const xs = present(values);
  if (formula.op === 'count') {
    const threshold = formula.atLeast ?? 1;
    return xs.length === 0 ? undefined : xs.filter((x) => x >= threshold).length;
  }
  if (xs.length === 0) return undefined;
  switch (formula.op) {
    case 'sum':
      return xs.reduce((s, x) => s + x, 0);
    case 'min':
      return Math.min(...xs);
    case 'max':
      return Math.max(...xs);
    case 'mean':
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    default: {
      const pts = values.flatMap((v, t) => (v === undefined || !Number.isFinite(v) ? [] : [{ t, v }]));
      if (pts.length < 2) return undefined;
      const mt = pts.reduce((s, p) => s + p.t, 0) / pts.length;
      const mv = pts.reduce((s, p) => s + p.v, 0) / pts.length;
      let num = 0;
      let den = 0;
      for (const p of pts) {
        num += (p.t - mt) * (p.v - mv);
        den += (p.t - mt) ** 2;
      }
      return num / den;
    }
  }
};

/** A derived feature proposed for training: its name and formula over training columns. */
export interface DerivedSpec {
  name: string;
  op: FormulaOp;
  columns: string[];
  atLeast?: number;
}

/**
 * Parses `name=op(col1,col2,…)` or `name=count>=2(col1,…)`.
 * @example parseDeriveSpec('util=ratio(BILL_AMT1,LIMIT_BAL)')
 */
export const parseDeriveSpec = (text: string): DerivedSpec | undefined => {
  const m = /^([A-Za-z][A-Za-z0-9_]{0,59})=([a-z]+)(?:>=(-?\d+(?:\.\d+)?))?\(([^()]+)\)$/.exec(text.trim());
  if (!m) return undefined;
  const op = m[2] as FormulaOp;
  if (!FORMULA_OPS.includes(op)) return undefined;
  const columns = m[4]!.split(',').map((c) => c.trim()).filter(Boolean);
  if ((op === 'ratio' || op === 'difference') && columns.length !== 2) return undefined;
  return { name: m[1]!, op, columns, ...(m[3] === undefined ? {} : { atLeast: Number(m[3]) }) };
};

/** Columns sharing a prefix and ending in a number (`BILL_AMT1..6`), ordered by that number. */
const numberedGroups = (columns: readonly string[]): Map<string, string[]> => {
  const groups = new Map<string, { n: number; c: string }[]>();
  for (const c of columns) {
    const m = /^(.*?)(\d+)$/.exec(c);
    if (!m) continue;
    const g = groups.get(m[1]!.toLowerCase()) ?? groups.set(m[1]!.toLowerCase(), []).get(m[1]!.toLowerCase())!;
    g.push({ n: Number(m[2]), c });
  }
  return new Map([...groups.entries()].filter(([, g]) => g.length >= 3).map(([k, g]) => [k, g.sort((a, b) => a.n - b.n).map((x) => x.c)]));
};

/**
 * `--derive auto`: the standard credit features when the columns fit, by name. Numbered groups
 * are read as monthly series with 1 the most recent month (as in the UCI credit-card file):
 * utilisation = latest bill / limit, payment-to-bill = latest payment / latest bill, maximum and
 * count of delinquency over the repayment-status group, bill trend over the bill group.
 */
export const proposeDerived = (columns: readonly string[]): DerivedSpec[] => {
  const groups = numberedGroups(columns);
  const find = (re: RegExp): [string, string[]] | undefined => [...groups.entries()].find(([k]) => re.test(k));
  const bills = find(/bill/);
  const payments = find(/^pay_?amt|payment/);
  const status = find(/^pay_?$|status|delinq|late|dpd/);
  const limit = columns.find((c) => /limit/i.test(c));
  const out: DerivedSpec[] = [];
  if (bills && limit) out.push({ name: 'utilisation', op: 'ratio', columns: [bills[1][0]!, limit] });
  if (bills && payments) out.push({ name: 'payment_to_bill', op: 'ratio', columns: [payments[1][0]!, bills[1][0]!] });
  if (status) {
    out.push({ name: 'max_delinquency', op: 'max', columns: status[1] });
    out.push({ name: 'months_late', op: 'count', columns: status[1], atLeast: 1 });
  }
  if (bills) out.push({ name: 'bill_trend', op: 'trend', columns: [...bills[1]].reverse() });
  return out;
};
