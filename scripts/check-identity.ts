import { readFile } from 'node:fs/promises';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { reviewQueue } from '../shared/adapters/dynamodb/crm-store.js';
import { allProfiles } from '../shared/adapters/dynamodb/profile-pages.js';
import { quarantineStore } from '../shared/adapters/dynamodb/quarantine-store.js';
import type { CrmRecord } from '../shared/domain/crm/crm-record.js';
import { identityHealth } from '../shared/domain/customers/identity-health.js';
import { usccCheckChar, USCC_CHARSET } from '../shared/domain/identity/identifiers/cn-uscc.js';
import type { CustomerProfile } from '../shared/domain/profile/customer-profile.js';

/**
 * `npx tsx scripts/check-identity.ts [--send N] [--seed S]`: checks the identity invariants of the
 * running local hub (`npm start`, read from .local/hub.json) by scanning its table: no unique
 * identifier (USCC, VAT, DUNS, LEI, EIN, resident id, CRM record id) on two live profiles, no
 * field-less active profile, no active profile with two USCCs, no rated pending stub. With
 * `--send N` it then posts N mixed CRM records (accounts sharing USCCs across three generic
 * connections, their orders, invoices and payments, orphans, a few self-contradicting accounts) in
 * random order through POST /v1/crm/{connectionId}/records (key in RB_KEY), waits until the ingest
 * queue is idle and checks again. Prints counts only (never identifier values); exits 1 on a violation.
 */
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const hub = z
  .object({ url: z.string(), dynamoEndpoint: z.string(), sqsEndpoint: z.string(), resources: z.object({ tableName: z.string(), queueUrls: z.object({ crmIngest: z.string() }) }) })
  .parse(JSON.parse(await readFile('.local/hub.json', 'utf8').catch(() => '{}')) as unknown);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const table = { client: createDocumentClient({ endpoint: hub.dynamoEndpoint, region: 'us-east-1', credentials }), tableName: hub.resources.tableName };
const sqs = new SQSClient({ endpoint: hub.sqsEndpoint, region: 'us-east-1', credentials, useQueueUrlAsEndpoint: false });

const check = async (label: string): Promise<boolean> => {
  const profiles: CustomerProfile[] = [];
  for await (const p of allProfiles(table)()) profiles.push(p);
  const health = identityHealth(profiles);
  const reviews = await reviewQueue(table).list('open', 1000);
  const quarantined = await quarantineStore(table).list('crmIngest', 1000);
  const ok = health.sharedUniqueIdentifiers.length === 0 && health.fieldlessActive.length === 0 && health.selfConflicting.length === 0 && health.ratedPending.length === 0;
  console.log(`${label}:
  profiles            active ${health.active}, pending ${health.pending}, merged ${health.merged}
  shared unique ids   ${health.sharedUniqueIdentifiers.length}${health.sharedUniqueIdentifiers.slice(0, 5).map((s) => ` [${s.scheme}: ${s.customerIds.join(', ')}]`).join('')}
  field-less active   ${health.fieldlessActive.length}${health.fieldlessActive.slice(0, 5).map((id) => ` ${id}`).join('')}
  two USCCs (etc.)    ${health.selfConflicting.length}
  rated pending       ${health.ratedPending.length}
  open reviews        ${reviews.length}
  quarantined ingest  ${quarantined.length}${quarantined.length ? ` (${[...new Set(quarantined.map((q) => q.code))].join(', ')})` : ''}
  → ${ok ? 'OK' : 'VIOLATED'}`);
  return ok;
};

/** Seeded PRNG (mulberry32), so a load can be repeated. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** N mixed records in random order for three generic connections; companies share USCCs across connections. */
const mixedRecords = (n: number, seed: number): CrmRecord[] => {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const connections = ['load-a', 'load-b', 'load-c'];
  const companies = Array.from({ length: Math.max(5, Math.round(n / 12)) }, (_, i) => {
    const body = `91330100${Array.from({ length: 9 }, () => pick([...USCC_CHARSET])).join('')}`;
    return { i, name: `Load Test Company ${String(i).padStart(4, '0')} Co., Ltd.`, uscc: `${body}${usccCheckChar(body)}`, phone: `+8657100${String(100000 + i)}`, website: `load-${seed}-${i}.example` };
  });
  const records: CrmRecord[] = [];
  const at = (days: number) => new Date(Date.UTC(2026, 0, 1) + days * 86_400_000).toISOString();
  let k = 0;
  while (records.length < n) {
    const company = pick(companies);
    const connectionId = pick(connections);
    const base = { crm: 'generic' as const, connectionId, deleted: false };
    const accountId = `${seed}-acc-${company.i}`;
    const roll = rnd();
    k += 1;
    if (roll < 0.3) {
      const conflicting = rnd() < 0.02;
      const withUscc = rnd() < 0.8;
      const other = `91330100${Array.from({ length: 9 }, () => pick([...USCC_CHARSET])).join('')}`;
      records.push({
        ...base, objectType: 'customer', externalId: accountId, modifiedAt: at(Math.floor(rnd() * 30)), kind: 'business', custom: {},
        fields: { legalName: company.name, city: 'Hangzhou', country: 'CN', phone: company.phone, website: company.website },
        identifiers: [...(withUscc ? [{ scheme: 'cn_uscc' as const, value: company.uscc }] : []), ...(conflicting ? [{ scheme: 'cn_uscc' as const, value: `${other}${usccCheckChar(other)}` }] : [])],
      });
    } else if (roll < 0.6) {
      const orphan = rnd() < 0.05;
      records.push({ ...base, objectType: 'order', externalId: `${seed}-o-${k}`, modifiedAt: at(Math.floor(rnd() * 30)), customerExternalId: orphan ? `${seed}-never-${k}` : accountId, orderedAt: at(Math.floor(rnd() * 30)), amount: { amountMinor: 1000 + Math.floor(rnd() * 100_000), currency: 'CNY' }, status: rnd() < 0.1 ? 'cancelled' : 'placed' });
    } else if (roll < 0.8) {
      const amount = 1000 + Math.floor(rnd() * 50_000);
      records.push({ ...base, objectType: 'invoice', externalId: `${seed}-i-${k}`, modifiedAt: at(Math.floor(rnd() * 30)), customerExternalId: accountId, issuedAt: at(0), dueAt: at(30), amount: { amountMinor: amount, currency: 'CNY' }, open: { amountMinor: amount, currency: 'CNY' }, status: 'open' });
    } else {
      records.push({ ...base, objectType: 'payment', externalId: `${seed}-p-${k}`, modifiedAt: at(Math.floor(rnd() * 30)), customerExternalId: accountId, paidAt: at(Math.floor(rnd() * 30)), amount: { amountMinor: 500 + Math.floor(rnd() * 10_000), currency: 'CNY' }, kind: 'payment' });
    }
  }
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [records[i], records[j]] = [records[j] as CrmRecord, records[i] as CrmRecord];
  }
  return records;
};

const ingestDepth = async (): Promise<number> => {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: hub.resources.queueUrls.crmIngest, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
};

const waitIdle = async (): Promise<void> => {
  for (let idle = 0; idle < 3; ) {
    idle = (await ingestDepth()) === 0 ? idle + 1 : 0;
    await new Promise((r) => setTimeout(r, 500));
  }
};

let ok = await check('identity check');
const send = option('--send');
if (send !== undefined) {
  const key = process.env['RB_KEY'];
  if (!key) throw new Error('set RB_KEY to an admin key (npm start prints one)');
  const seed = Number(option('--seed') ?? Date.now() % 100_000);
  const records = mixedRecords(Number(send), seed);
  const call = async (method: string, path: string, body: unknown): Promise<number> => {
    const response = await fetch(`${hub.url}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await response.text();
    return response.status;
  };
  for (const connectionId of ['load-a', 'load-b', 'load-c']) {
    const status = await call('PUT', `/v1/crm/connections/${connectionId}`, { crm: 'generic', objects: {} });
    if (status >= 300) throw new Error(`creating connection ${connectionId} answered ${status}`);
  }
  const started = performance.now();
  let accepted = 0;
  // Random order across connections too: consecutive runs of one connection, at most 100 records a request.
  for (let i = 0; i < records.length; ) {
    const connectionId = (records[i] as CrmRecord).connectionId;
    let j = i;
    while (j < records.length && j - i < 100 && (records[j] as CrmRecord).connectionId === connectionId) j++;
    const status = await call('POST', `/v1/crm/${connectionId}/records`, { records: records.slice(i, j) });
    if (status !== 202) throw new Error(`posting records answered ${status}`);
    accepted += j - i;
    i = j;
  }
  await waitIdle();
  const counts = records.reduce<Record<string, number>>((c, r) => ({ ...c, [r.objectType]: (c[r.objectType] ?? 0) + 1 }), {});
  console.log(`sent ${accepted} records (seed ${seed}: ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}) and waited for the ingest queue: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  ok = (await check('identity check after the load')) && ok;
}
sqs.destroy();
process.exit(ok ? 0 : 1);
