import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext } from '../../../infra/local/event-sources.js';
import { localProcessEnv } from '../../../infra/local/hub.js';
import type { LocalResources } from '../../../infra/local/provision.js';
import { importJobStore } from '../../../shared/adapters/dynamodb/crm-store.js';
import type { CrmRecord } from '../../../shared/domain/crm/crm-record.js';
import type { CrmIngestMessage } from '../../../shared/domain/customers/ingest-message.js';
import { resetEnvForTests } from '../../../shared/lambda/env.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

type Handler = (event: SQSEvent, context: ReturnType<typeof lambdaContext>) => Promise<SQSBatchResponse>;

const order = (customer: string, externalId: string): CrmRecord => ({
  crm: 'generic', connectionId: 'redelivery', externalId, modifiedAt: '2026-03-01T00:00:00.000Z', deleted: false, objectType: 'order',
  customerExternalId: customer, orderedAt: '2026-03-01T00:00:00.000Z', amount: { amountMinor: 1000, currency: 'EUR' }, status: 'placed',
});

const sqsRecord = (messageId: string, message: CrmIngestMessage, receiveCount = 1): SQSRecord => ({
  messageId,
  receiptHandle: `${messageId}-${receiveCount}`,
  body: JSON.stringify(message),
  attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:crm-ingest',
  awsRegion: 'us-east-1',
});

/**
 * The crm-ingest worker (functions/ingest-crm-record) on DynamoDB Local: SQS delivers at least once, so a
 * bulk-import message may come again (a lost delete, a timed-out batch). The job's counters count each record once.
 */
describe('bulk import counters under SQS redelivery', () => {
  const clients = emulatorClients();
  let resources: LocalResources;
  let handler: Handler;

  beforeAll(async () => {
    resources = await provisionTestResources(clients);
    Object.assign(process.env, localProcessEnv({ dynamoEndpoint: inject('dynamoEndpoint'), sqsEndpoint: inject('sqsEndpoint'), resources }));
    resetEnvForTests();
    ({ handler } = (await import('../../../functions/ingest-crm-record/handler.js')) as unknown as { handler: Handler });
  });
  afterAll(() => clients.destroy());

  it('counts a redelivered message once, alone or in a batch with new messages', async () => {
    const jobs = importJobStore({ client: clients.doc, tableName: resources.tableName });
    const jobId = 'imp_redelivery';
    await jobs.create({ jobId, mapping: 'm', connectionId: 'redelivery', format: 'csv', status: 'receiving', createdAt: '2026-03-01T00:00:00.000Z', chunks: 0, rowsRead: 0, recordsQueued: 0, recordsApplied: 0, recordsFailed: 0, rowErrors: 0, errors: [] });
    await jobs.addChunk(jobId, { rowsRead: 6, recordsQueued: 6, errors: [], complete: true }, 0);
    const a = sqsRecord('m-a', { kind: 'records', records: [order('c-1', 'o1'), order('c-1', 'o2'), order('c-1', 'o3')], importJobId: jobId });
    const b = sqsRecord('m-b', { kind: 'records', records: [order('c-2', 'o4'), order('c-2', 'o5')], importJobId: jobId });
    const c = sqsRecord('m-c', { kind: 'record', record: order('c-3', 'o6'), importJobId: jobId });

    expect((await handler({ Records: [a, b] }, lambdaContext('ingestCrmRecord', 30))).batchItemFailures).toEqual([]);
    expect(await jobs.get(jobId)).toMatchObject({ recordsApplied: 5, recordsFailed: 0 });
    // The same batch again (its deletes were lost), then a redelivered message beside a new one.
    await handler({ Records: [{ ...a, receiptHandle: 'm-a-2' }, { ...b, receiptHandle: 'm-b-2' }] }, lambdaContext('ingestCrmRecord', 30));
    expect(await jobs.get(jobId)).toMatchObject({ recordsApplied: 5 });
    await handler({ Records: [{ ...b, receiptHandle: 'm-b-3' }, c] }, lambdaContext('ingestCrmRecord', 30));
    expect(await jobs.get(jobId)).toMatchObject({ recordsApplied: 6, recordsQueued: 6 });
    await handler({ Records: [{ ...c, receiptHandle: 'm-c-2' }] }, lambdaContext('ingestCrmRecord', 30));
    expect(await jobs.get(jobId)).toMatchObject({ recordsApplied: 6, recordsFailed: 0 });
  }, 60_000);
});
