/**
 * `npm run spine:evidence -- [--records 1000] [--seed S] [--hub .local/hub.json] [--timeout 600]`:
 * evidence that the spine neither loses nor multiplies, against a running local hub (`npm start`,
 * admin key in RB_KEY). It sends mixed CRM records — accounts, orders, invoices and payments across
 * the hub's CRM connections (GET /v1/crm/connections), in random order, companies sharing their
 * USCC or VAT number across CRMs, some activity before its account — through
 * POST /v1/crm/{connectionId}/records, then waits until the pipeline is quiet (every queue empty,
 * no new outbox event for three polls) and reports:
 * - relayFailures: messages on the relay's failure queue (must be 0);
 * - for every outbox event of the run, how often it reached the results queue and the FIFO results
 *   queue (each exactly once);
 * - unique identifiers (USCC, VAT, ...) held by two live profiles (none).
 * It consumes the two result queues (locally nothing else reads them; a FIFO group shows its next
 * message only once the one before is deleted). Prints counts and ids, never identifier values;
 * exits 1 on a violation, 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { eventStore } from '../shared/adapters/dynamodb/event-store.js';
import { allProfiles } from '../shared/adapters/dynamodb/profile-pages.js';
import type { CrmName, CrmRecord } from '../shared/domain/crm/crm-record.js';
import { identityHealth } from '../shared/domain/customers/identity-health.js';
import { usccCheckChar, USCC_CHARSET } from '../shared/domain/identity/identifiers/cn-uscc.js';
import { normaliseEuVat } from '../shared/domain/identity/identifiers/eu-vat.js';
import type { CustomerProfile } from '../shared/domain/profile/customer-profile.js';

const usage = (message: string): never => {
  console.error(`spine-evidence: ${message}`);
  process.exit(2);
};
const { values } = (() => {
  try {
    return parseArgs({
      options: { records: { type: 'string', default: '1000' }, seed: { type: 'string' }, hub: { type: 'string', default: '.local/hub.json' }, timeout: { type: 'string', default: '600' } },
      strict: true,
    });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
})();
const total = Number(values.records);
if (!Number.isInteger(total) || total < 10) usage('--records must be an integer ≥ 10');
const seed = Number(values.seed ?? Date.now() % 100_000);
const key = process.env['RB_KEY'] ?? usage('set RB_KEY to an admin key (npm start prints one)');

const hub = z
  .object({ url: z.string(), dynamoEndpoint: z.string(), sqsEndpoint: z.string(), resources: z.object({ tableName: z.string(), queueUrls: z.record(z.string(), z.string()) }) })
  .parse(JSON.parse(await readFile(values.hub, 'utf8').catch(() => usage(`no running hub (${values.hub}); start one with npm start`))) as unknown);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const table = { client: createDocumentClient({ endpoint: hub.dynamoEndpoint, region: 'us-east-1', credentials }), tableName: hub.resources.tableName };
const sqs = new SQSClient({ endpoint: hub.sqsEndpoint, region: 'us-east-1', credentials, useQueueUrlAsEndpoint: false });
const queueUrl = (id: string): string => hub.resources.queueUrls[id] ?? usage(`the hub has no ${id} queue`);

const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
  const response = await fetch(`${hub.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
};

/** Seeded PRNG (mulberry32), so a run can be repeated with --seed. */
const random = (state: number) => () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const rnd = random(seed);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

/** A valid German VAT number (the hub checks the checksum): draw until one passes. */
const germanVat = (): string => {
  for (;;) {
    const candidate = `DE${String(100_000_000 + Math.floor(rnd() * 899_999_999))}`;
    if (normaliseEuVat(candidate).ok) return candidate;
  }
};
const uscc = (): string => {
  const body = `91330100${Array.from({ length: 9 }, () => pick([...USCC_CHARSET])).join('')}`;
  return `${body}${usccCheckChar(body)}`;
};

const ConnectionsSchema = z.object({ connections: z.array(z.object({ connectionId: z.string(), crm: z.string() })) });
const listed = await call('GET', '/v1/crm/connections');
if (listed.status !== 200) usage(`GET /v1/crm/connections answered ${listed.status}`);
const connections = ConnectionsSchema.parse(listed.json).connections.filter((c): c is { connectionId: string; crm: CrmName } => ['zoho', 'fxiaoke', 'hubspot', 'salesforce'].includes(c.crm));
if (connections.length < 2) usage('the hub needs at least two CRM connections (npm start seeds four)');

/** Companies, each known to one to three CRMs under each CRM's own record id; CN ones share a USCC, DE ones a VAT number. */
const companies = Array.from({ length: Math.max(5, Math.round(total / 10)) }, (_, i) => {
  const cn = rnd() < 0.5;
  const holders = [...connections].sort(() => rnd() - 0.5).slice(0, 1 + Math.floor(rnd() * Math.min(3, connections.length)));
  return {
    i,
    cn,
    name: cn ? `Evidence Trading ${seed}-${i} Co., Ltd.` : `Evidence Handel ${seed}-${i} GmbH`,
    identifier: cn ? { scheme: 'cn_uscc' as const, value: uscc() } : { scheme: 'vat' as const, value: germanVat() },
    holders,
  };
});

const at = (days: number) => new Date(Date.UTC(2026, 0, 1) + days * 86_400_000).toISOString();
const records: CrmRecord[] = [];
for (let k = 0; records.length < total; k += 1) {
  const company = pick(companies);
  const holder = pick(company.holders);
  const base = { crm: holder.crm, connectionId: holder.connectionId, deleted: false };
  const accountId = `ev${seed}-acc-${company.i}`;
  const currency = company.cn ? 'CNY' : 'EUR';
  const roll = rnd();
  if (roll < 0.3) {
    records.push({
      ...base, objectType: 'customer', externalId: accountId, modifiedAt: at(Math.floor(rnd() * 30)), kind: 'business', custom: {},
      fields: { legalName: company.name, country: company.cn ? 'CN' : 'DE', city: company.cn ? 'Hangzhou' : 'Berlin' },
      identifiers: rnd() < 0.85 ? [company.identifier] : [],
    });
  } else if (roll < 0.6) {
    records.push({ ...base, objectType: 'order', externalId: `ev${seed}-o-${k}`, modifiedAt: at(Math.floor(rnd() * 30)), customerExternalId: accountId, orderedAt: at(Math.floor(rnd() * 30)), amount: { amountMinor: 1000 + Math.floor(rnd() * 100_000), currency }, status: rnd() < 0.1 ? 'cancelled' : 'placed' });
  } else if (roll < 0.8) {
    const amount = 1000 + Math.floor(rnd() * 50_000);
    records.push({ ...base, objectType: 'invoice', externalId: `ev${seed}-i-${k}`, modifiedAt: at(Math.floor(rnd() * 30)), customerExternalId: accountId, issuedAt: at(0), dueAt: at(30), amount: { amountMinor: amount, currency }, open: { amountMinor: amount, currency }, status: 'open' });
  } else {
    records.push({ ...base, objectType: 'payment', externalId: `ev${seed}-p-${k}`, modifiedAt: at(Math.floor(rnd() * 30)), customerExternalId: accountId, paidAt: at(Math.floor(rnd() * 30)), amount: { amountMinor: 500 + Math.floor(rnd() * 10_000), currency }, kind: 'payment' });
  }
}
for (let i = records.length - 1; i > 0; i -= 1) {
  const j = Math.floor(rnd() * (i + 1));
  [records[i], records[j]] = [records[j] as CrmRecord, records[i] as CrmRecord];
}

const depth = async (url: string): Promise<number> => {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0);
};

const BodySchema = z.object({ id: z.string() });
const copies = { results: new Map<string, number>(), resultsFifo: new Map<string, number>() };
/** Receives and deletes what the result queue holds now; tallies event ids. Returns how many it took. */
const drain = async (queue: 'results' | 'resultsFifo', tally: boolean): Promise<number> => {
  let taken = 0;
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl(queue), MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 60 }));
    if (Messages.length === 0) return taken;
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl(queue), Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })) }));
    taken += Messages.length;
    if (!tally) continue;
    for (const m of Messages) {
      const parsed = BodySchema.safeParse(JSON.parse(m.Body ?? 'null') as unknown);
      if (parsed.success) copies[queue].set(parsed.data.id, (copies[queue].get(parsed.data.id) ?? 0) + 1);
    }
  }
};

const events = eventStore(table);
const relayFailuresBefore = await depth(queueUrl('relayFailures'));
const drainedBefore = (await drain('results', false)) + (await drain('resultsFifo', false));
const started = new Date();

const sendStarted = performance.now();
for (let i = 0; i < records.length; ) {
  const connectionId = (records[i] as CrmRecord).connectionId;
  let j = i;
  while (j < records.length && j - i < 100 && (records[j] as CrmRecord).connectionId === connectionId) j += 1;
  const posted = await call('POST', `/v1/crm/${connectionId}/records`, { records: records.slice(i, j) });
  if (posted.status !== 202) {
    console.error(`spine-evidence: POST /v1/crm/${connectionId}/records answered ${posted.status}: ${JSON.stringify(posted.json)}`);
    process.exit(1);
  }
  i = j;
}
const sentSeconds = (performance.now() - sendStarted) / 1000;

// Quiet: every other queue empty, nothing left on the result queues, and no new outbox event, three polls in a row.
const others = Object.entries(hub.resources.queueUrls).filter(([id]) => id !== 'results' && id !== 'resultsFifo' && id !== 'relayFailures');
const deadline = Date.now() + Number(values.timeout) * 1000;
let lastOutbox = -1;
for (let quiet = 0; quiet < 3; ) {
  if (Date.now() > deadline) {
    console.error(`spine-evidence: the pipeline did not go quiet within ${values.timeout} s`);
    break;
  }
  const taken = (await drain('results', true)) + (await drain('resultsFifo', true));
  const busy = (await Promise.all(others.map(([, url]) => depth(url)))).reduce((a, b) => a + b, 0);
  const outbox = (await events.listOutboxBetween(new Date(started.getTime() - 1000), new Date(Date.now() + 60_000))).length;
  quiet = taken === 0 && busy === 0 && outbox === lastOutbox ? quiet + 1 : 0;
  lastOutbox = outbox;
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
const quietSeconds = (performance.now() - sendStarted) / 1000;

const outbox = await events.listOutboxBetween(new Date(started.getTime() - 1000), new Date(Date.now() + 60_000));
const relayFailures = await depth(queueUrl('relayFailures'));
const histogram = (queue: 'results' | 'resultsFifo') => {
  const counts = { missing: 0, once: 0, more: 0 };
  const offenders: string[] = [];
  for (const entry of outbox) {
    const n = copies[queue].get(entry.eventId) ?? 0;
    if (n === 1) counts.once += 1;
    else {
      if (n === 0) counts.missing += 1;
      else counts.more += 1;
      offenders.push(`${entry.eventId}×${n}`);
    }
  }
  return { ...counts, offenders };
};
const results = histogram('results');
const resultsFifo = histogram('resultsFifo');
const profiles: CustomerProfile[] = [];
for await (const profile of allProfiles(table)()) profiles.push(profile);
const health = identityHealth(profiles);
const unreadable = outbox.filter((e) => 'unreadable' in e).length;

const byType = records.reduce<Record<string, number>>((c, r) => ({ ...c, [r.objectType]: (c[r.objectType] ?? 0) + 1 }), {});
const row = (label: string, value: string | number, ok: boolean | undefined) => console.log(`  ${label.padEnd(44)} ${String(value).padStart(8)}  ${ok === undefined ? '' : ok ? 'ok' : 'VIOLATION'}`);
console.log(`spine evidence (seed ${seed}) against ${hub.url}`);
console.log(`  sent ${records.length} records (${Object.entries(byType).map(([t, n]) => `${n} ${t}`).join(', ')}) over ${connections.length} connections (${connections.map((c) => c.connectionId).join(', ')}),`);
console.log(`  ${companies.length} companies, ${companies.filter((c) => c.holders.length > 1).length} of them in two or more CRMs under one USCC/VAT; posted in ${sentSeconds.toFixed(1)} s, quiet after ${quietSeconds.toFixed(1)} s`);
console.log(`  (drained ${drainedBefore} older result messages first)`);
console.log('');
console.log(`  ${'check'.padEnd(44)} ${'value'.padStart(8)}`);
row('outbox events of the run', outbox.length, undefined);
row('relayFailures (messages on the queue)', relayFailures, relayFailures === 0);
row(`  of which new during the run`, relayFailures - relayFailuresBefore, undefined);
row('unreadable outbox items', unreadable, unreadable === 0);
row('results: events seen exactly once', results.once, results.once === outbox.length);
row('results: events missing', results.missing, results.missing === 0);
row('results: events seen more than once', results.more, results.more === 0);
row('resultsFifo: events seen exactly once', resultsFifo.once, resultsFifo.once === outbox.length);
row('resultsFifo: events missing', resultsFifo.missing, resultsFifo.missing === 0);
row('resultsFifo: events seen more than once', resultsFifo.more, resultsFifo.more === 0);
row('profiles active / pending / merged', `${health.active}/${health.pending}/${health.merged}`, undefined);
row('unique identifiers on two live profiles', health.sharedUniqueIdentifiers.length, health.sharedUniqueIdentifiers.length === 0);
const offenders = [...results.offenders.map((o) => `results ${o}`), ...resultsFifo.offenders.map((o) => `resultsFifo ${o}`), ...health.sharedUniqueIdentifiers.map((s) => `${s.scheme} on ${s.customerIds.join(', ')}`)];
if (offenders.length > 0) console.log(`\n  first offenders: ${offenders.slice(0, 10).join('; ')}`);
const ok = relayFailures === 0 && unreadable === 0 && results.once === outbox.length && resultsFifo.once === outbox.length && health.sharedUniqueIdentifiers.length === 0 && outbox.length > 0;
console.log(`\n  → ${ok ? 'OK' : 'VIOLATED'}`);
sqs.destroy();
process.exit(ok ? 0 : 1);
