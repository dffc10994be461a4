import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { table as tableSpec } from '../../../infra/topology.js';
import type { TableRef } from '../../../shared/adapters/dynamodb/client.js';
import { mergeRecordStore, reviewQueue, sourceRecordStore } from '../../../shared/adapters/dynamodb/crm-store.js';
import { identityIndex } from '../../../shared/adapters/dynamodb/identity-index.js';
import { allProfiles } from '../../../shared/adapters/dynamodb/profile-pages.js';
import { profileStore } from '../../../shared/adapters/dynamodb/profile-store.js';
import { systemClock } from '../../../shared/domain/clock.js';
import type { CrmCustomerRecord } from '../../../shared/domain/crm/crm-record.js';
import { identityHealth } from '../../../shared/domain/customers/identity-health.js';
import { ingestCrmRecord } from '../../../shared/domain/customers/ingest-crm-record.js';
import type { CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';
import { emulatorClients } from '../../support/aws-clients.js';
import { COMPANIES, deliver, expectIdentityInvariants, scenarioArb } from '../../support/crm-scenarios.js';

/** A fresh table with the topology's keys and GSIs (no queues: these tests drive the use case directly). */
const createTable = async (clients: ReturnType<typeof emulatorClients>): Promise<TableRef> => {
  const tableName = `idp${randomBytes(4).toString('hex')}`;
  const names = new Set([tableSpec.partitionKey, tableSpec.sortKey, ...tableSpec.gsis.flatMap((g) => [g.partitionKey, g.sortKey])]);
  await clients.dynamo.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...names].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: tableSpec.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableSpec.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: tableSpec.gsis.map((g) => ({
        IndexName: g.name,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  return { client: clients.doc, tableName };
};

const ingestOn = (table: TableRef) =>
  ingestCrmRecord({
    profiles: profileStore(table),
    identities: identityIndex(table),
    sources: sourceRecordStore(table),
    reviews: reviewQueue(table),
    merges: mergeRecordStore(table),
    clock: systemClock,
    maxAttempts: 100,
  });

const scan = async (table: TableRef): Promise<CustomerProfile[]> => {
  const out: CustomerProfile[] = [];
  for await (const p of allProfiles(table)()) out.push(p);
  return out;
};

describe('identity invariants on DynamoDB Local (real adapters)', () => {
  let clients: ReturnType<typeof emulatorClients>;
  beforeAll(() => {
    clients = emulatorClients();
  });
  afterAll(() => clients?.destroy());

  it('concurrent accounts from ten connections with one USCC end on one active profile that holds it', async () => {
    const table = await createTable(clients);
    const ingest = ingestOn(table);
    const company = COMPANIES[0];
    const accounts: CrmCustomerRecord[] = Array.from({ length: 10 }, (_, i) => ({
      crm: 'generic', connectionId: `conn-${i}`, externalId: `acc-${i}`, modifiedAt: '2026-01-01T00:00:00.000Z', deleted: false, objectType: 'customer', kind: 'business', custom: {},
      fields: { legalName: `${company.name}`, country: company.country }, identifiers: [{ scheme: 'cn_uscc', value: company.uscc }],
    }));
    await Promise.all(accounts.map((a) => ingest(a)));
    const profiles = await scan(table);
    expect(profiles.filter((p) => p.status === 'active')).toHaveLength(1);
    expect(identityHealth(profiles).sharedUniqueIdentifiers).toEqual([]);
    expect(await identityIndex(table).holderOf(`cn_uscc#${company.uscc}`)).toBe(profiles.find((p) => p.status === 'active')?.customerId);
    await clients.dynamo.send(new DeleteTableCommand({ TableName: table.tableName }));
  });

  it('property: random arrival orders of accounts, orders, invoices and payments from 2–4 connections keep every identity invariant', async () => {
    const runs = Number(process.env['IDENTITY_PROPERTY_RUNS'] ?? 15);
    const seed = Number(process.env['IDENTITY_PROPERTY_SEED'] ?? Date.now() % 2 ** 31);
    console.info(`identity property (DynamoDB Local): seed=${seed} runs=${runs}`);
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const table = await createTable(clients);
        try {
          const quarantined = await deliver(scenario, ingestOn(table));
          expectIdentityInvariants(scenario, await scan(table), await reviewQueue(table).list('open', 500), quarantined);
        } finally {
          await clients.dynamo.send(new DeleteTableCommand({ TableName: table.tableName }));
        }
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
  }, 120_000);
});
