/**
 * Normalised reports per second on one core, per consumer connector, and the ratio to a
 * bare `JSON.parse` of the same bytes. Bodies come from the sandboxes' synthetic generators
 * (a mix of clean / delinquent / derogatory subjects) plus the Metro 2 fixture.
 * Run: `npx tsx bench/bureaus-consumer.bench.ts`. Last line: `BENCH_JSON {...}`.
 */
import { readFileSync } from 'node:fs';
import type { Normaliser, RawBureauReport } from '../shared/domain/credit/bureau-connector.js';
import type { BureauId } from '../shared/domain/credit/credit-summary.js';
import { importMetro2 } from '../shared/domain/credit/metro2/metro2.js';
import { normaliseEquifax } from '../shared/domain/credit/normalisers/equifax.js';
import { normaliseExperian } from '../shared/domain/credit/normalisers/experian.js';
import { normaliseTransUnion } from '../shared/domain/credit/normalisers/transunion.js';
import { summariseReport } from '../shared/domain/credit/summarise.js';
import { equifaxSandboxReport } from '../infra/local/sandboxes/bureaus/equifax.js';
import { experianSandboxReport } from '../infra/local/sandboxes/bureaus/experian.js';
import { transUnionSandboxReport } from '../infra/local/sandboxes/bureaus/transunion.js';

const SUBJECTS = Array.from({ length: 64 }, (_, i) => `bench-subject-${i}`);
const META = { reportId: 'bench', pulledAt: '2026-01-20T00:00:00.000Z', requestId: 'bench' };
const names = { first: 'Bench', last: 'Subject', ssn: '666000000' };

const bodies: Record<string, string[]> = {
  experian: SUBJECTS.map((s) => JSON.stringify(experianSandboxReport(s, names))),
  equifax: SUBJECTS.map((s) => JSON.stringify(equifaxSandboxReport(s, names))),
  transunion: SUBJECTS.map((s) => JSON.stringify(transUnionSandboxReport(s, names))),
};
const normalisers: Record<string, Normaliser> = { experian: normaliseExperian, equifax: normaliseEquifax, transunion: normaliseTransUnion };

const measure = (fn: (i: number) => unknown, ms: number): number => {
  for (let i = 0; i < 200; i += 1) fn(i); // warm-up
  let ops = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms) * 1_000_000n;
  while (process.hrtime.bigint() < deadline) {
    for (let k = 0; k < 50; k += 1) fn(ops + k);
    ops += 50;
  }
  return ops / (Number(process.hrtime.bigint() - start) / 1e9);
};

const rows: Array<{ connector: string; avgBytes: number; normalisedPerSec: number; jsonParsePerSec: number; ratio: number; withSummaryPerSec: number }> = [];
for (const bureau of Object.keys(normalisers)) {
  const list = bodies[bureau]!;
  const raws: RawBureauReport[] = list.map((body) => ({ bureau: bureau as BureauId, product: 'bench', contentType: 'application/json', body, receivedAt: META.pulledAt }));
  const normalise = normalisers[bureau]!;
  const jsonParsePerSec = measure((i) => JSON.parse(list[i % list.length]!), 3000);
  const normalisedPerSec = measure((i) => normalise(raws[i % raws.length]!, META), 4000);
  const withSummaryPerSec = measure((i) => summariseReport(normalise(raws[i % raws.length]!, META), 'match'), 2000);
  rows.push({
    connector: bureau,
    avgBytes: Math.round(list.reduce((a, b) => a + b.length, 0) / list.length),
    normalisedPerSec: Math.round(normalisedPerSec),
    jsonParsePerSec: Math.round(jsonParsePerSec),
    ratio: Number((normalisedPerSec / jsonParsePerSec).toFixed(3)),
    withSummaryPerSec: Math.round(withSummaryPerSec),
  });
}

const metro2 = readFileSync(new URL('../test/fixtures/bureaus/metro2/furnisher-sample.txt', import.meta.url), 'utf8');
const metro2PerSec = measure(() => importMetro2(metro2, { bureau: 'experian', pulledAt: META.pulledAt, requestId: 'bench' }), 3000);
const metro2Records = metro2.trim().split('\n').length - 2;

console.table(rows);
console.log(`metro2 import: ${Math.round(metro2PerSec)} files/s (${Math.round(metro2PerSec * metro2Records)} base segments/s)`);
console.log(`BENCH_JSON ${JSON.stringify({ bench: 'bureaus-consumer', node: process.version, connectors: rows, metro2: { filesPerSec: Math.round(metro2PerSec), baseSegmentsPerSec: Math.round(metro2PerSec * metro2Records) } })}`);
