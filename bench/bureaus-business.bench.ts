/**
 * Business / Chinese bureau normalisers: normalised reports per second on one core (single
 * thread, synchronous), and the ratio to a bare JSON.parse of the same bytes (how much the
 * normalisation + schema gate costs on top of reading the JSON). Also one sandbox round trip
 * per connector (fetch + normalise over loopback HTTP).
 * Run: npx tsx bench/bureaus-business.bench.ts — prints a table, last line `BENCH_JSON {...}`.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Normaliser, RawBureauReport } from '../shared/domain/credit/bureau-connector.js';
import type { BureauId } from '../shared/domain/credit/credit-summary.js';
import { normaliseCreditsafe } from '../shared/domain/credit/normalisers/creditsafe.js';
import { normaliseDnb } from '../shared/domain/credit/normalisers/dnb.js';
import { normalisePboc } from '../shared/domain/credit/normalisers/pboc.js';
import { createDnbConnector } from '../shared/adapters/bureaus/dnb/client.js';
import { createCreditsafeConnector } from '../shared/adapters/bureaus/creditsafe/client.js';
import { createPbocConnector } from '../shared/adapters/bureaus/pboc/client.js';
import { startDnbSandbox } from '../infra/local/sandboxes/bureaus/dnb.js';
import { startCreditsafeSandbox } from '../infra/local/sandboxes/bureaus/creditsafe.js';
import { startPbocSandbox } from '../infra/local/sandboxes/bureaus/pboc.js';
import { createGuardedFetch } from '../shared/adapters/http/guarded-fetch.js';

const raw = (bureau: BureauId, file: string): RawBureauReport => ({
  bureau,
  product: 'bench',
  contentType: 'application/json',
  body: readFileSync(new URL(`../test/fixtures/bureaus/${bureau}/${file}`, import.meta.url), 'utf8'),
  receivedAt: '2025-06-01T00:00:00.000Z',
});
const meta = { reportId: 'bench', pulledAt: '2025-06-01T00:00:00.000Z', requestId: 'bench' };

const opsPerSec = (ms: number, fn: () => void): number => {
  for (let i = 0; i < 500; i += 1) fn();
  const start = performance.now();
  let ops = 0;
  while (performance.now() - start < ms) {
    for (let i = 0; i < 50; i += 1) fn();
    ops += 50;
  }
  return Math.round(ops / ((performance.now() - start) / 1000));
};

const cases: Array<[string, Normaliser, RawBureauReport]> = [
  ['dnb', normaliseDnb, raw('dnb', 'company-report.json')],
  ['creditsafe', normaliseCreditsafe, raw('creditsafe', 'company-report.json')],
  ['pboc', normalisePboc, raw('pboc', 'personal-report.json')],
];

const rows: Array<Record<string, string | number>> = [];
for (const [bureau, normalise, report] of cases) {
  const normalised = opsPerSec(3000, () => normalise(report, meta));
  const parsed = opsPerSec(1500, () => JSON.parse(report.body));
  rows.push({ bureau, bytes: Buffer.byteLength(report.body), normalisedPerSec: normalised, jsonParsePerSec: parsed, costVsJsonParse: Number((parsed / normalised).toFixed(1)) });
}

const roundTrip = async (name: string, run: () => Promise<void>, n = 300): Promise<Record<string, string | number>> => {
  for (let i = 0; i < 20; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const total = times.reduce((a, b) => a + b, 0);
  return { bureau: name, sequentialPerSec: Math.round((n / total) * 1000), p50Ms: Number(times[Math.floor(n / 2)]!.toFixed(2)), p99Ms: Number(times[Math.floor(n * 0.99)]!.toFixed(2)) };
};

const ctx = { requestId: 'bench' };
/** The guarded fetch as `npm start` runs it (sandboxes on loopback). */
const outbound = createGuardedFetch({ allowLoopback: true });
const dnbSb = await startDnbSandbox();
const csSb = await startCreditsafeSandbox();
const pbSb = await startPbocSandbox();
const dnb = createDnbConnector({ baseUrl: dnbSb.url, clientId: dnbSb.clientId, clientSecret: dnbSb.clientSecret }, { outbound });
const cs = createCreditsafeConnector({ baseUrl: csSb.url, username: csSb.username, password: csSb.password }, { outbound });
const pb = createPbocConnector({ baseUrl: pbSb.url, apiKey: pbSb.apiKey, institutionCode: 'BENCH' }, { outbound });
const business = { customerId: 'c', kind: 'business' as const, name: 'Bench Clean Co', identifiers: [{ scheme: 'duns', value: '123456789' }, { scheme: 'creditsafe_id', value: 'GB-0-12345678' }] };
const trips = [
  await roundTrip('dnb', async () => void normaliseDnb(await dnb.fetchReport(business, ctx), meta)),
  await roundTrip('creditsafe', async () => void normaliseCreditsafe(await cs.fetchReport(business, ctx), meta)),
  await roundTrip('pboc', async () => void normalisePboc(await pb.fetchReport({ customerId: 'p', kind: 'consumer', name: '李四', identifiers: [{ scheme: 'cn_resident_id', value: '11010519491231002X' }] }, ctx), meta)),
];
await Promise.all([dnbSb.stop(), csSb.stop(), pbSb.stop()]);

console.log('Normalise fixture reports (one core):');
console.table(rows);
console.log('Sandbox round trip (fetch over loopback + normalise, sequential):');
console.table(trips);
console.log(`BENCH_JSON ${JSON.stringify({ area: 'bureaus-business', normalise: rows, sandboxRoundTrip: trips })}`);
