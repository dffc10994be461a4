/**
 * Every normaliser ≤ 2.5× `JSON.parse` of the same bytes. Per bureau, on its fixture report
 * (test/fixtures/bureaus/<bureau>/…): ≥ 5 interleaved runs of JSON.parse and the normaliser over
 * the same body; ratio = normalise time / parse time, the row is the median.
 * Plus, per bureau:
 * - adversarial 1 MB: the fixture's largest record list grown to 1 MB with junk values (long
 *   strings, impossible dates, numbers as text) and a top-level section in a shape the bureau never
 *   sends (wrapped in an array; or the body cut short), so the normaliser must reject it
 *   (`malformed_report`); ratio = reject time / JSON.parse time of the same bytes;
 * - scaling: the junk-valued (accepted, with warnings) report at 100 KB and at 1 MB; ratio of
 *   their times, ≤ 12 for 10× the bytes.
 * Run: npx tsx bench/normalisers.bench.ts [runs]
 */
import { readFileSync } from 'node:fs';
import type { Normaliser, RawBureauReport } from '../shared/domain/credit/bureau-connector.js';
import type { BureauId } from '../shared/domain/credit/credit-summary.js';
import { normaliseCreditsafe } from '../shared/domain/credit/normalisers/creditsafe.js';
import { normaliseDnb } from '../shared/domain/credit/normalisers/dnb.js';
import { normaliseEquifax } from '../shared/domain/credit/normalisers/equifax.js';
import { normaliseExperian } from '../shared/domain/credit/normalisers/experian.js';
import { normalisePboc } from '../shared/domain/credit/normalisers/pboc.js';
import { normaliseTransUnion } from '../shared/domain/credit/normalisers/transunion.js';
import { z } from 'zod';
import { benchRow, interleave, median, reportRows, type BenchRow } from './table.js';

const RUNS = Math.max(5, Number(process.argv[2] ?? 7));
const META = { reportId: 'bench', pulledAt: '2025-06-01T00:00:00.000Z', requestId: 'bench' };
const BUREAUS: Array<[BureauId, string, Normaliser]> = [
  ['experian', 'experian/credit-profile-mixed.json', normaliseExperian],
  ['equifax', 'equifax/credit-report-mixed.json', normaliseEquifax],
  ['transunion', 'transunion/credit-report-mixed.json', normaliseTransUnion],
  ['dnb', 'dnb/company-report.json', normaliseDnb],
  ['creditsafe', 'creditsafe/company-report.json', normaliseCreditsafe],
  ['pboc', 'pboc/personal-report.json', normalisePboc],
];

const raw = (bureau: BureauId, body: string): RawBureauReport => ({ bureau, product: 'bench', contentType: 'application/json', body, receivedAt: META.pulledAt });

/** Mean µs per call of `fn`, over at least `minMs` of calls. */
const timeUs = (fn: () => unknown, minMs: number): number => {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  do {
    for (let i = 0; i < 10; i += 1) fn();
    n += 10;
    t = performance.now();
  } while (t - t0 < minMs);
  return ((t - t0) / n) * 1000;
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const JsonObjectSchema = z.record(z.string(), z.json());
const parseObject = (text: string): Record<string, Json> => JsonObjectSchema.parse(JSON.parse(text)) as Record<string, Json>;

/** Where the largest array of record objects sits in `doc` (the list to grow). */
const largestList = (doc: Json): Json[] | undefined => {
  let best: Json[] | undefined;
  const visit = (v: Json): void => {
    if (Array.isArray(v)) {
      if (v.some((x) => x !== null && typeof x === 'object' && !Array.isArray(x)) && (!best || JSON.stringify(v).length > JSON.stringify(best).length)) best = v;
      v.forEach(visit);
    } else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(doc);
  return best;
};

const JUNK = ['9999-99-99', '1e999', '-0', ' '.repeat(40), '𝔘'.repeat(60), '00/00/0000', 'NaN', '1'.repeat(40), '\u0000\u001f', 'x'.repeat(400)];
/** A copy of `v` with every string leaf replaced by junk (picked by position, deterministic). */
const junk = (v: Json, seed: { i: number }): Json => {
  if (typeof v === 'string') return JUNK[(seed.i += 1) % JUNK.length]!;
  if (typeof v === 'number') return seed.i % 3 === 0 ? JUNK[(seed.i += 1) % JUNK.length]! : v;
  if (Array.isArray(v)) return v.map((x) => junk(x, seed));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, junk(x, seed)]));
  return v;
};

/** The fixture with its largest record list grown to about `bytes` of JSON, the copies junk-valued. */
const grown = (fixture: string, bytes: number): { doc: Record<string, Json>; body: string } => {
  const doc = parseObject(fixture);
  const list = largestList(doc);
  if (!list) throw new Error('fixture has no record list');
  const seeds = list.slice();
  const seed = { i: 0 };
  let size = fixture.length;
  for (let k = 0; size < bytes; k += 1) {
    const copy = junk(seeds[k % seeds.length]!, seed);
    list.push(copy);
    size += JSON.stringify(copy).length + 1;
  }
  return { doc, body: JSON.stringify(doc) };
};

/**
 * A hostile variant of `doc` the normaliser must reject, as big as `doc`: one top-level section
 * wrapped in an array (a shape the bureau never sends), chosen as the first whose wrapping the
 * normaliser rejects on the small fixture; otherwise the body cut short (invalid JSON).
 */
const hostileBody = (bureau: BureauId, fixture: string, normalise: Normaliser, doc: Record<string, Json>, body: string): { how: string; body: string } => {
  const small = parseObject(fixture);
  const key = Object.keys(small).find((k) => {
    try {
      normalise(raw(bureau, JSON.stringify({ ...small, [k]: [small[k]!] })), META);
      return false;
    } catch {
      return true;
    }
  });
  if (key !== undefined) return { how: `"${key}" wrapped in an array`, body: JSON.stringify({ ...doc, [key]: [doc[key]!] }) };
  return { how: 'body cut short', body: body.slice(0, body.length - 10) };
};

const rows: BenchRow[] = [];
const detail: Record<string, unknown> = {};
for (const [bureau, file, normalise] of BUREAUS) {
  const body = readFileSync(new URL(`../test/fixtures/bureaus/${file}`, import.meta.url), 'utf8');
  const report = raw(bureau, body);
  normalise(report, META);
  for (let i = 0; i < 300; i += 1) {
    JSON.parse(body);
    normalise(report, META);
  }
  const runs = interleave(RUNS, () => timeUs(() => JSON.parse(body), 300), () => timeUs(() => normalise(report, META), 300));
  const ratios = runs.map(({ a, b }) => b / a);
  rows.push(benchRow({ goal: `${bureau} normaliser ≤ 2.5× JSON.parse`, measured: `${median(runs.map((r) => r.b)).toFixed(1)} µs vs parse ${median(runs.map((r) => r.a)).toFixed(1)} µs (${body.length} B)`, runs: ratios, limit: 2.5 }));

  // Adversarial 1 MB, rejected.
  const big = grown(body, 1024 * 1024);
  const { how, body: hostile } = hostileBody(bureau, body, normalise, big.doc, big.body);
  let rejected = false;
  try {
    normalise(raw(bureau, hostile), META);
  } catch {
    rejected = true;
  }
  const hostileRaw = raw(bureau, hostile);
  const reject = () => {
    try {
      normalise(hostileRaw, META);
    } catch {
      /* expected */
    }
  };
  const parseHostile = () => {
    try {
      JSON.parse(hostile);
    } catch {
      /* the cut-short body does not parse either */
    }
  };
  const adv = interleave(RUNS, () => timeUs(parseHostile, 200), () => timeUs(reject, 200));
  rows.push(
    benchRow({
      goal: `${bureau} adversarial 1 MB rejected ≤ 2.5× JSON.parse`,
      measured: `${how}: ${rejected ? 'rejected' : 'NOT rejected'} in ${(median(adv.map((r) => r.b)) / 1000).toFixed(2)} ms vs parse ${(median(adv.map((r) => r.a)) / 1000).toFixed(2)} ms`,
      runs: adv.map(({ a, b }) => (rejected ? b / a : Number.POSITIVE_INFINITY)),
      limit: 2.5,
    }),
  );

  // 10× the bytes → ≤ 12× the time (junk values, accepted with warnings or rejected by the gate: either way the full pass).
  const small = raw(bureau, grown(body, 100 * 1024).body);
  const large = raw(bureau, big.body);
  const once = (r: RawBureauReport) => () => {
    try {
      normalise(r, META);
    } catch {
      /* a junk report may be refused; the time still counts */
    }
  };
  const scale = interleave(RUNS, () => timeUs(once(small), 200), () => timeUs(once(large), 200));
  rows.push(
    benchRow({
      goal: `${bureau} 10× input (100 KB → 1 MB) ≤ 12× time`,
      measured: `${(median(scale.map((r) => r.a)) / 1000).toFixed(2)} ms → ${(median(scale.map((r) => r.b)) / 1000).toFixed(2)} ms`,
      runs: scale.map(({ a, b }) => b / a),
      limit: 12,
    }),
  );
  detail[bureau] = { bytes: body.length, runs, adversarial: { how, bytes: hostile.length, rejected, runs: adv }, scaling: { smallBytes: small.body.length, largeBytes: large.body.length, runs: scale } };
}

reportRows(rows);
console.log(`BENCH_JSON ${JSON.stringify({ bench: 'normalisers', node: process.version, detail })}`);
