/**
 * Delivery engine micro-benchmarks: signing, projection, SSRF vetting, and real loopback
 * deliveries through sendWebhook (guarded fetch) into the local receiver.
 * Run: npx tsx bench/delivery.bench.ts — prints a table, last line `BENCH_JSON {...}`.
 */
import { signatureHeaders, sendWebhook } from '../shared/adapters/webhooks/webhook-sender.js';
import { assertSafeUrl } from '../shared/adapters/http/ssrf-guard.js';
import { createGuardedFetch, type OutboundFetch } from '../shared/adapters/http/guarded-fetch.js';
import { generateSecret, projectEnvelope } from '../shared/domain/delivery/subscription.js';
import { startWebhookReceiver } from '../infra/local/sandboxes/receiver/webhook-receiver.js';
import type { EventEnvelope } from '../shared/domain/events/envelope.js';

interface Row {
  name: string;
  ops: number;
  opsPerSec: number;
  p50Ms?: number;
  p99Ms?: number;
}

const envelope: EventEnvelope = {
  id: 'evt_01J0000000000000000000000B',
  type: 'rating.changed',
  version: 1,
  occurredAt: '2025-02-01T10:00:00.000Z',
  customerId: 'cust-42',
  sequence: 5,
  data: {
    previous: { status: 'rated', policyVersion: 2, grade: 'BB', score: 640, pd: 0.03, reasons: [{ code: 'R1', text: 'Late payments' }], ratedAt: '2025-01-01T00:00:00.000Z' },
    current: { status: 'rated', policyVersion: 2, grade: 'B', score: 600, pd: 0.05, reasons: [{ code: 'R1', text: 'Late payments' }, { code: 'R2', text: 'High utilisation' }], ratedAt: '2025-02-01T10:00:00.000Z' },
    changed: ['grade', 'score', 'pd'],
  },
};

const loop = (name: string, ms: number, fn: () => void): Row => {
  const start = performance.now();
  let ops = 0;
  while (performance.now() - start < ms) {
    for (let i = 0; i < 100; i += 1) fn();
    ops += 100;
  }
  const seconds = (performance.now() - start) / 1000;
  return { name, ops, opsPerSec: Math.round(ops / seconds) };
};

const loopAsync = async (name: string, total: number, concurrency: number, fn: () => Promise<void>): Promise<Row> => {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const t = performance.now();
        await fn();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0) * 100) / 100;
  return { name, ops: latencies.length, opsPerSec: Math.round(latencies.length / seconds), p50Ms: pct(0.5), p99Ms: pct(0.99) };
};

const rows: Row[] = [];
const secretA = generateSecret();
const secretB = generateSecret();
const body = JSON.stringify(envelope);
const now = new Date();

rows.push(loop('sign, 1 secret', 1_500, () => void signatureHeaders([secretA], 'msg_1', now, body)));
rows.push(loop('sign, 2 secrets (rotation)', 1_500, () => void signatureHeaders([secretA, secretB], 'msg_1', now, body)));
rows.push(loop('projectEnvelope, 3 paths', 1_000, () => void projectEnvelope(envelope, ['current.grade', 'current.reasons.code', 'changed'])));

const resolve = async () => [{ address: '93.184.215.14', family: 4 as const }, { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 as const }];
rows.push(await loopAsync('assertSafeUrl (fake DNS)', 20_000, 1, async () => void (await assertSafeUrl('https://crm.example.com/hook', { allowLoopback: false, resolve }))));

const receiver = await startWebhookReceiver({ secret: secretA });
const guarded = createGuardedFetch({ allowLoopback: true });
const deliver = (fetchImpl: OutboundFetch = guarded) => async () => {
  const outcome = await sendWebhook({ url: `${receiver.url}/hooks/bench`, secrets: [secretA], envelope, messageId: 'msg_bench', attempt: 1, fetchImpl });
  if (!outcome.ok) throw new Error(`delivery failed: ${outcome.classification}`);
};
rows.push(await loopAsync('sendWebhook guarded, sequential', 400, 1, deliver()));
rows.push(await loopAsync('sendWebhook guarded, 8 concurrent', 1_000, 8, deliver()));
rows.push(await loopAsync('sendWebhook plain fetch (no guard), 8 concurrent', 1_000, 8, deliver((url, init) => fetch(url, init as RequestInit))));
const verifiedAll = receiver.received.every((r) => r.verified);
await receiver.stop();

console.log('| benchmark | ops | ops/s | p50 ms | p99 ms |');
console.log('|---|---:|---:|---:|---:|');
for (const row of rows) console.log(`| ${row.name} | ${row.ops} | ${row.opsPerSec} | ${row.p50Ms ?? ''} | ${row.p99Ms ?? ''} |`);
console.log(`receiver verified every delivery: ${verifiedAll}`);
console.log(`BENCH_JSON ${JSON.stringify({ area: 'delivery', node: process.version, rows, verifiedAll })}`);
