/**
 * End-to-end delivery latency on the local hub: from an event's `occurredAt` (the customer
 * upsert commits profile + event in one transaction) to the moment the local webhook receiver
 * has the signed request — outbox → DynamoDB stream poll → relay → SQS → deliver-webhook → HTTP.
 * Starts DynamoDB Local + fauxqs + a hub, creates N customer updates (sequentially, then in
 * concurrent bursts) and reports p50/p99.
 * Run: npx tsx bench/delivery-latency.bench.ts [N] — prints a table, last line `BENCH_JSON {...}`.
 */
import { startEmulators } from '../infra/local/emulators.js';
import { ensureAdminKey } from '../infra/local/bootstrap.js';
import { startHub } from '../infra/local/hub.js';
import { startWebhookReceiver } from '../infra/local/sandboxes/receiver/webhook-receiver.js';
import { EventEnvelopeSchema } from '../shared/domain/events/envelope.js';

const N = Number(process.argv[2] ?? 100);
const BURST = 10;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

const main = async () => {
  const emulators = await startEmulators();
  const hub = await startHub({ dynamoEndpoint: emulators.dynamoEndpoint, sqsEndpoint: emulators.sqsEndpoint, prefix: `bench${Date.now().toString(36)}`, allowLoopbackOutbound: true, onError: () => undefined });
  const receiver = await startWebhookReceiver();
  try {
    const key = await ensureAdminKey({ tableName: hub.resources.tableName });
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${hub.url}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const json: unknown = await response.json();
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
      return json as { secret: string };
    };
    // Projected to `changedFields`: no contact data, so no four-eyes approval is needed (the envelope still names the customer).
    const created = await api('POST', '/v1/subscriptions', { url: `${receiver.url}/hooks/bench`, eventTypes: ['customer.updated'], fields: ['changedFields'] });
    receiver.setSecrets([created.secret]);

    const measure = async (label: string, count: number, concurrency: number) => {
      const before = receiver.received.length;
      for (let i = 0; i < count; i += concurrency) {
        await Promise.all(
          Array.from({ length: Math.min(concurrency, count - i) }, (_, j) => api('PUT', `/v1/customers/bench-${label}-${i + j}`, { fields: { legalName: `Bench ${label} ${i + j}` } })),
        );
      }
      await receiver.waitFor((r) => r.filter((d) => d.body.includes(`bench-${label}-`)).length >= count, 120_000);
      const latencies = receiver.received
        .slice(before)
        .filter((d) => d.verified && d.body.includes(`bench-${label}-`))
        .map((d) => d.receivedAt.getTime() - Date.parse(EventEnvelopeSchema.parse(JSON.parse(d.body)).occurredAt))
        .sort((a, b) => a - b);
      return { label, count: latencies.length, concurrency, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), maxMs: latencies.at(-1) ?? NaN };
    };

    await measure('warmup', 5, 1);
    const rows = [await measure('sequential', N, 1), await measure('burst', N, BURST)];
    console.table(rows);
    console.log(`BENCH_JSON ${JSON.stringify({ bench: 'delivery-latency', n: N, rows })}`);
  } finally {
    await receiver.stop();
    await hub.stop();
    await emulators.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
