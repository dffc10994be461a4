/**
 * Seeded synthetic consumer-credit data with the traits of real card portfolios: integer-coded
 * categoricals (SEX, EDUCATION with a non-monotone effect, MARRIAGE), monthly repayment-status
 * codes where −2/−1/0 mean no use / paid in full / revolving and 1..8 months late, skewed bill and
 * payment amounts with many zero payments, missing bills, and signal in a ratio (utilisation) and
 * an interaction (young × high utilisation) that no single raw column carries.
 *
 *   npx tsx bench/data/synthetic-credit.ts --rows 30000 --seed 7 --out /tmp/synthetic-credit.csv
 *
 * Columns follow the UCI credit-card default file's names so `--derive auto` applies; the target
 * is `default` (1 = defaulted).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Deterministic PRNG (mulberry32). */
const mulberry32 = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** `rows` rows as CSV text (header first), the same for the same seed. */
export const syntheticCredit = (rows: number, seed: number): string => {
  const rnd = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const pick = <T>(items: readonly T[], weights: readonly number[]): T => {
    let u = rnd() * weights.reduce((s, w) => s + w, 0);
    for (let i = 0; i < items.length; i += 1) {
      u -= weights[i]!;
      if (u <= 0) return items[i]!;
    }
    return items[items.length - 1]!;
  };
  const header = ['ID', 'LIMIT_BAL', 'SEX', 'EDUCATION', 'MARRIAGE', 'AGE', 'PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6'];
  for (let m = 1; m <= 6; m += 1) header.push(`BILL_AMT${m}`);
  for (let m = 1; m <= 6; m += 1) header.push(`PAY_AMT${m}`);
  header.push('default');
  const lines = [header.join(',')];
  for (let id = 1; id <= rows; id += 1) {
    const limit = Math.round(Math.exp(11.3 + 0.8 * normal()) / 1000) * 1000 + 10_000;
    const sex = pick([1, 2], [0.4, 0.6]);
    const education = pick([1, 2, 3, 4], [0.35, 0.47, 0.16, 0.02]);
    const marriage = pick([1, 2, 3], [0.45, 0.53, 0.02]);
    const age = Math.min(75, Math.max(21, Math.round(35 + 9 * normal())));
    // Latent riskiness drives repayment behaviour and default.
    const risk = normal();
    const useRate = Math.min(1.1, Math.max(0, 0.45 + 0.25 * risk + 0.2 * normal()));
    const statuses: number[] = [];
    for (let m = 0; m < 6; m += 1) {
      const u = rnd();
      const late = risk + 0.6 * normal();
      const s = late > 1.6 ? Math.min(8, 1 + Math.floor((late - 1.6) * 2.2)) : u < 0.15 ? -2 : late < -0.3 ? -1 : 0;
      statuses.push(s);
    }
    const bills: (number | undefined)[] = [];
    const pays: number[] = [];
    let bill = limit * useRate;
    for (let m = 0; m < 6; m += 1) {
      bill = Math.max(0, bill * (1 + 0.08 * normal() - 0.02 * risk));
      const b = statuses[m] === -2 ? 0 : Math.round(bill * Math.exp(0.3 * normal()));
      bills.push(rnd() < 0.03 ? undefined : b);
      const payShare = statuses[m]! >= 1 ? 0.02 * rnd() : statuses[m] === -1 ? 1 : Math.max(0, 0.08 + 0.1 * normal());
      pays.push(rnd() < 0.12 ? 0 : Math.round((b * payShare) / 10) * 10);
    }
    const util = (bills[0] ?? bill) / limit;
    const payRatio = pays[0]! / Math.max(1, bills[0] ?? bill);
    const lateMax = Math.max(...statuses);
    const logit =
      -2.1 +
      0.9 * risk +
      (statuses[0]! >= 2 ? 1.6 : statuses[0] === 1 ? 0.7 : statuses[0] === 0 ? 0.15 : -0.2) +
      0.5 * Math.min(1.2, util) +
      (age < 28 && util > 0.7 ? 0.9 : 0) -
      0.6 * Math.min(1, payRatio) +
      (education === 3 ? 0.25 : education === 4 ? -0.5 : 0) +
      (bills[0] === undefined ? 0.5 : 0) +
      0.05 * Math.max(0, lateMax - 2) -
      0.25 * Math.log(limit / 100_000);
    const defaulted = rnd() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    lines.push([id, limit, sex, education, marriage, age, ...statuses, ...bills.map((b) => (b === undefined ? '' : b)), ...pays, defaulted].join(','));
  }
  return `${lines.join('\n')}\n`;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '30000' }, seed: { type: 'string', default: '7' }, out: { type: 'string' } } });
  const text = syntheticCredit(Number(values.rows), Number(values.seed));
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
}
