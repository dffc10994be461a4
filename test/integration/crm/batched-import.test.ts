import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { provisionLocal } from '../../../infra/local/provision.js';
import { createDocumentClient, type TableRef } from '../../../shared/adapters/dynamodb/client.js';
import { mergeRecordStore, reviewQueue, sourceRecordStore } from '../../../shared/adapters/dynamodb/crm-store.js';
import { identityIndex } from '../../../shared/adapters/dynamodb/identity-index.js';
import { profileStore } from '../../../shared/adapters/dynamodb/profile-store.js';
import { systemClock } from '../../../shared/domain/clock.js';
import { onlineRetailIiMapping } from '../../../shared/domain/crm/bulk-import/column-mapping.js';
import { parseImport } from '../../../shared/domain/crm/bulk-import/parse-import.js';
import type { CrmRecord } from '../../../shared/domain/crm/crm-record.js';
import { groupByCustomer } from '../../../shared/domain/customers/bulk-import-job.js';
import { customerIdForCrmRecord, ingestCrmRecord } from '../../../shared/domain/customers/ingest-crm-record.js';
import { datasetPath } from '../../support/datasets.js';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const ROWS = 1500;

/** The first `rows` rows of Online Retail II as canonical records of connection `connectionId`, in file order. */
const slice = async (connectionId: string, rows: number): Promise<CrmRecord[]> => {
  const records: CrmRecord[] = [];
  let read = 0;
  const input = createReadStream(datasetPath('online-retail-ii-2009-2010.csv.gz')).pipe(createGunzip());
  for await (const item of parseImport(input, { format: 'csv', mapping: onlineRetailIiMapping(connectionId), onProgress: (p) => (read = p.rowsRead), progressEvery: 100 })) {
    if ('record' in item) records.push(item.record);
    if (read >= rows) break;
  }
  input.destroy();
  return records;
};

describe('bulk import: per-customer batches on DynamoDB Local', () => {
  let table: TableRef;
  let dynamo: DynamoDBClient;
  let sqs: SQSClient;

  beforeAll(async () => {
    dynamo = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: CREDENTIALS });
    sqs = new SQSClient({ endpoint: inject('sqsEndpoint'), region: 'us-east-1', credentials: CREDENTIALS });
    const resources = await provisionLocal({ dynamo, sqs, prefix: `i${randomBytes(4).toString('hex')}`, visibilityScale: 1 / 30 });
    table = { client: createDocumentClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: CREDENTIALS }), tableName: resources.tableName };
  });
  afterAll(() => {
    dynamo?.destroy();
    sqs?.destroy();
  });

  const ingestor = () => {
    const sources = sourceRecordStore(table);
    return ingestCrmRecord({ profiles: profileStore(table), identities: identityIndex(table), sources, reviews: reviewQueue(table), merges: mergeRecordStore(table), clock: systemClock });
  };

  it('gives the same profiles as one record at a time, in far fewer writes, and a replayed batch changes nothing', async () => {
    const ingest = ingestor();
    const one = await slice('old-path', ROWS);
    const grouped = groupByCustomer(await slice('new-path', ROWS));
    expect(one.length).toBeGreaterThan(100);
    for (const record of one) await ingest(record);
    const writes = [];
    for (const records of grouped) writes.push(...(await ingest.batch(records)));
    expect(writes.every((w) => w.status === 'applied')).toBe(true);
    // A customer record and the run of orders after it: at most two writes per customer and message.
    expect(writes.length).toBeLessThanOrEqual(grouped.length * 2);
    expect(writes.length).toBeLessThan(one.length);

    const customers = [...new Set(one.map((r) => (r.objectType === 'customer' ? r.externalId : r.customerExternalId)))];
    const profiles = profileStore(table);
    let orders = 0;
    for (const externalId of customers) {
      const old = await profiles.get(customerIdForCrmRecord('generic', 'old-path', externalId));
      const batched = await profiles.get(customerIdForCrmRecord('generic', 'new-path', externalId));
      expect(old, externalId).toBeDefined();
      orders += old?.aggregates.orders.count ?? 0;
      expect(batched?.aggregates, externalId).toEqual(old?.aggregates);
      expect(batched?.status).toBe(old?.status);
      expect(batched?.fields.country?.value).toBe(old?.fields.country?.value);
    }

    expect(orders).toBeGreaterThan(50);

    // Redelivered messages: every write is a no-op, the aggregates stay.
    const before = await profiles.get(customerIdForCrmRecord('generic', 'new-path', customers[0] as string));
    for (const records of grouped) for (const outcome of await ingest.batch(records)) expect(outcome.status).toBe('no_op');
    expect(await profiles.get(customerIdForCrmRecord('generic', 'new-path', customers[0] as string))).toEqual(before);
  }, 180_000);

  it('applies a later version of an order in the same batch as a delta, and reads many source records at once', async () => {
    const ingest = ingestor();
    const order = (externalId: string, amountMinor: number, modifiedAt: string): CrmRecord => ({
      crm: 'generic', connectionId: 'versions', externalId, modifiedAt, deleted: false, objectType: 'order', customerExternalId: 'v-1',
      orderedAt: '2026-03-01T00:00:00.000Z', amount: { amountMinor, currency: 'EUR' }, status: 'placed',
    });
    const [outcome] = await ingest.batch([order('o1', 1000, '2026-03-01T00:00:00.000Z'), order('o2', 500, '2026-03-01T00:00:00.000Z'), order('o1', 1500, '2026-03-01T00:00:00.001Z'), order('o1', 9999, '2026-02-01T00:00:00.000Z')]);
    expect(outcome).toMatchObject({ status: 'applied', pending: true });
    const profile = await profileStore(table).get(customerIdForCrmRecord('generic', 'versions', 'v-1'));
    expect(profile?.aggregates.orders).toMatchObject({ count: 2, grossMinor: 2000 });
    const stored = await sourceRecordStore(table).getMany?.([order('o1', 0, ''), order('o2', 0, ''), order('missing', 0, '')] as never);
    expect(stored?.map((r) => [r.externalId, r.objectType === 'order' ? r.amount.amountMinor : 0]).sort()).toEqual([['o1', 1500], ['o2', 500]]);
  });
});
