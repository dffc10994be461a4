/**
 * Rating within 2× of the bare kernel. Runs `../shared/peer/rating-kernel.mjs` verbatim (its
 * SHA-256 checked, in its own `node` process; it prints `N ratings/s`) interleaved with the
 * product's rating of the SAME 20 features (bins, points, base points as the kernel; the
 * feature values as custom attributes of stored-shape profiles; RFM, grade, PD, top-4 reasons
 * and a limit with its factors as the product always computes them), ≥ 5 runs. Ratio per run =
 * kernel rate / product rate; the row is their median, pass ≤ 2.
 * Run: npx tsx bench/rating-kernel.bench.ts [runs] — `RB_RATING_ENGINE=reference` rates with the
 * reference engine instead (main's engine before compilation, with its SHA-256 inputs hash).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { newProfile, type CustomerProfile } from '../shared/domain/profile/customer-profile.js';
import { DEFAULT_POLICY_INPUT, numericBins } from '../shared/domain/rating/default-policy.js';
import { parsePolicy } from '../shared/domain/rating/policy.js';
import { rateProfileReference } from '../shared/domain/rating/rate-profile-reference.js';
import { rateProfile, rateUnhashed } from '../shared/domain/rating/rate-profile.js';
import { monthKeys, NOW } from '../test/fixtures/rating/profiles.js';
import { benchRow, interleave, median, reportRows, requireDataFile } from './table.js';

const KERNEL = requireDataFile(fileURLToPath(new URL('../../shared/peer/rating-kernel.mjs', import.meta.url)));
const KERNEL_SHA256 = '4d1b43acfe04f06482cd810e476167d6058dbf606f1ee4bb82c4862f13400438';
const digest = createHash('sha256').update(readFileSync(KERNEL)).digest('hex');
if (digest !== KERNEL_SHA256 || !digest.startsWith('4d1b43ac') || !digest.endsWith('13400438')) {
  process.stderr.write(`bench: ${KERNEL} is not the agreed kernel (SHA-256 ${digest}, expected ${KERNEL_SHA256})\n`);
  process.exit(2);
}

const RUNS = Math.max(5, Number(process.argv[2] ?? 7));
const N = 500_000; // the kernel's own loop count
const F = 20;
const engine = process.env.RB_RATING_ENGINE === 'reference' ? 'reference' : 'compiled';

// The kernel's 20 features: 6 bins with edges [10, 20, 40, 80, 160] × (f + 1), points 40 … −10, base 400.
const policy = parsePolicy({
  schemaVersion: 2,
  version: 1,
  name: 'kernel-equivalent 20-feature scorecard',
  status: 'active',
  currency: 'EUR',
  scoring: {
    features: Array.from({ length: F }, (_, f) => ({ id: `f${f}`, label: `feature ${f}`, kind: 'numeric', path: `custom.f${f}` })),
    scaling: { baseScore: 600, baseOdds: 50, pdo: 20 },
    basePoints: 400,
    characteristics: Array.from({ length: F }, (_, f) => ({
      type: 'numeric',
      feature: `f${f}`,
      bins: numericBins([10, 20, 40, 80, 160].map((x) => x * (f + 1)), [40, 30, 20, 10, 0, -10]),
      missingPoints: 0,
      reasonCode: `F${f}`,
      reasonText: `feature ${f} is weak`,
    })),
    minFeatures: 10,
  },
  grades: { scale: DEFAULT_POLICY_INPUT.masterScale, defaultDpd: 90 },
  limits: DEFAULT_POLICY_INPUT.limits,
  rfm: DEFAULT_POLICY_INPUT.rfm,
});

// The kernel's 1,000 inputs, as stored profiles: feature f of customer i = (i·7 + f·13) mod 400; monthly purchases x[0]·10.
const months = monthKeys(NOW, 12);
const profiles: CustomerProfile[] = Array.from({ length: 1000 }, (_, i) => {
  const p = newProfile(`k-${i}`, 'business', new Date('2024-01-01T00:00:00Z'));
  const at = NOW.toISOString();
  p.custom = Object.fromEntries(Array.from({ length: F }, (_, f) => [`f${f}`, { value: (i * 7 + f * 13) % 400, source: 'bench', observedAt: at }]));
  const monthly = ((i * 7) % 400) * 10 * 100;
  p.aggregates = {
    ...p.aggregates,
    currency: 'EUR',
    orders: { count: 24, cancelledCount: 0, grossMinor: monthly * 12, netMinor: monthly * 12, firstOrderAt: '2024-06-01T00:00:00.000Z', lastOrderAt: '2025-06-01T00:00:00.000Z', months: months.map((month) => ({ month, orderCount: 2, netMinor: monthly })) },
  };
  return p;
});

const rateOne = engine === 'reference' ? (p: CustomerProfile) => rateProfileReference(p, policy, NOW) : (p: CustomerProfile) => rateUnhashed(p, policy, NOW);
const ratePersist = engine === 'reference' ? (p: CustomerProfile) => rateProfileReference(p, policy, NOW) : (p: CustomerProfile) => rateProfile(p, policy, NOW);

// The reference engine is ~50× slower: fewer ratings keep its runs short (a rate is a rate).
const PRODUCT_N = engine === 'reference' ? 20_000 : N;
const productRate = (rate: (p: CustomerProfile) => { score?: number }, n = PRODUCT_N): number => {
  let s = 0;
  const t = performance.now();
  for (let i = 0; i < n; i += 1) s += rate(profiles[i % 1000]!).score ?? 0;
  const dt = performance.now() - t;
  if (!(s > 0)) throw new Error('product rated nothing');
  return (n / dt) * 1000;
};

const kernelRate = (): number => {
  const run = spawnSync(process.execPath, [KERNEL], { encoding: 'utf8' });
  const m = /^(\d+) ratings\/s true/m.exec(run.stdout ?? '');
  if (run.status !== 0 || !m) throw new Error(`kernel run failed: ${run.stderr || run.stdout}`);
  return Number(m[1]);
};

productRate(rateOne, PRODUCT_N / 5); // warm-up (the kernel warms up inside its own run)
const runs = interleave(RUNS, kernelRate, () => productRate(rateOne)).map(({ a, b }) => ({ kernel: a, product: b, ratio: a / b }));
const persist = interleave(RUNS, kernelRate, () => productRate(ratePersist, PRODUCT_N / 5)).map(({ a, b }) => ({ kernel: a, product: b, ratio: a / b }));

const k = (n: number): string => `${Math.round(n / 1000)}k/s`;
for (const [i, r] of runs.entries()) console.log(`run ${i + 1}: kernel ${k(r.kernel)}  product (${engine}) ${k(r.product)}  ratio ${r.ratio.toFixed(2)}`);
for (const [i, r] of persist.entries()) console.log(`persist run ${i + 1}: kernel ${k(r.kernel)}  product + inputs hash ${k(r.product)}  ratio ${r.ratio.toFixed(2)}`);
console.log(`median: kernel ${k(median(runs.map((r) => r.kernel)))}, product ${k(median(runs.map((r) => r.product)))}, ratio ${median(runs.map((r) => r.ratio)).toFixed(2)}`);

reportRows([
  benchRow({
    goal: `rating, 20-feature scorecard (${engine}) ≤ 2× bare kernel`,
    measured: `product ${k(median(runs.map((r) => r.product)))} vs kernel ${k(median(runs.map((r) => r.kernel)))}`,
    runs: runs.map((r) => r.ratio),
    limit: 2,
  }),
  benchRow({
    goal: `rating + inputs hash (persist path, ${engine}) ≤ 2× bare kernel`,
    measured: `product ${k(median(persist.map((r) => r.product)))} vs kernel ${k(median(persist.map((r) => r.kernel)))}`,
    runs: persist.map((r) => r.ratio),
    limit: 2,
  }),
]);
console.log(`BENCH_JSON ${JSON.stringify({ bench: 'rating-kernel', engine, node: process.version, kernelSha256: digest, runs, persist })}`);
