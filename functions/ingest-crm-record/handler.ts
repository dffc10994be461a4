import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { ingestCrmRecord } from '../../shared/domain/customers/ingest-crm-record.js';
import { processCrmNotice } from '../../shared/domain/customers/process-crm-notice.js';
import { createRecordFetcher } from '../../shared/adapters/crm/record-fetcher.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { connectionStore } from '../../shared/adapters/dynamodb/connection-store.js';
import { crmStateStore, importJobStore, mergeRecordStore, reviewQueue, sourceRecordStore } from '../../shared/adapters/dynamodb/crm-store.js';
import { identityIndex } from '../../shared/adapters/dynamodb/identity-index.js';
import { writeBackFingerprintStore } from '../../shared/adapters/dynamodb/writeback-fingerprint-store.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { createGuardedFetch } from '../../shared/adapters/http/guarded-fetch.js';
import { secretSourceFrom } from '../../shared/adapters/secrets/secret-source.js';
import { env, outboundPolicy } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';
import { serialiseByKey } from '../../shared/lambda/serialise-by-key.js';
import { sqsConsumer } from '../../shared/lambda/sqs.js';
import { IngestCrmRecordMessageSchema, type CrmIngestMessage } from './schema.js';
import { customerLaneOf } from '../../shared/domain/customers/ingest-message.js';
import type { CrmRecord } from '../../shared/domain/crm/crm-record.js';
import { customAttributeStore } from '../../shared/adapters/dynamodb/custom-attribute-store.js';
import { caseServices } from '../../shared/lambda/case-services.js';
import { auditTrail } from '../../shared/lambda/audit-trail.js';
import { openCrmDisputes } from '../../shared/domain/disputes/crm-disputes.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const sources = sourceRecordStore(table);
const jobs = importJobStore(table);
const fetcher = createRecordFetcher({ secrets: secretSourceFrom(env().LOCAL_SECRETS), outbound: createGuardedFetch(outboundPolicy()) });
const ingest = ingestCrmRecord({ profiles: profileStore(table), identities: identityIndex(table), sources, reviews: reviewQueue(table), merges: mergeRecordStore(table), clock: runtimeClock, customAttributes: customAttributeStore(table) });
const disputesFromCrm = openCrmDisputes(caseServices({ table, clock: runtimeClock, audit: auditTrail(table, runtimeClock) }).disputes);
const processNotice = processCrmNotice({
  connections: connectionStore(table),
  fetchRecord: (config, objectName, id) => fetcher.read(config, objectName, id),
  fingerprints: writeBackFingerprintStore(table),
  countEcho: (connectionId) => crmStateStore(table).countEcho(connectionId),
  sources,
  ingest,
  clock: runtimeClock,
});

/** One lane per customer: the record's own customer, or the CRM record a notice names. */
const laneOf = (message: CrmIngestMessage): string => {
  if (message.kind === 'notice') return `${message.notice.connectionId}:${message.notice.objectName}:${message.notice.externalIds[0] ?? ''}`;
  return customerLaneOf(message.kind === 'record' ? message.record : (message.records[0] as CrmRecord));
};
const lanes = serialiseByKey();
/** Import-job outcomes of the messages of batches in flight, by message id (flushed per batch), with their record counts. */
const outcomes = new Map<string, { jobId: string; outcome: 'applied' | 'failed'; records: number }>();

const consumer = sqsConsumer({
  source: 'crmIngest',
  schema: IngestCrmRecordMessageSchema,
  quarantine: quarantineStore(table),
  handle: (message, record) =>
    lanes.run(laneOf(message), async () => {
      if (message.kind === 'notice') {
        const outcome = await processNotice(message.notice, message.native, message.receivedAt ? new Date(message.receivedAt) : undefined);
        logger.debug('notice handled', { connectionId: message.notice.connectionId, status: outcome.status });
        return;
      }
      const options = message.receivedAt ? { receivedAt: new Date(message.receivedAt) } : {};
      const records = message.kind === 'record' ? 1 : message.records.length;
      try {
        const received = message.kind === 'record' ? [message.record] : message.records;
        const applied = message.kind === 'record' ? [await ingest(message.record, options)] : await ingest.batch(message.records, options);
        await disputesFromCrm(received, applied);
        if (message.importJobId) outcomes.set(record.messageId, { jobId: message.importJobId, outcome: 'applied', records });
      } catch (error) {
        if (message.importJobId && (error as { retryable?: boolean }).retryable === false) outcomes.set(record.messageId, { jobId: message.importJobId, outcome: 'failed', records });
        throw error;
      }
    }),
});

/**
 * crm-ingest consumer: change notices (loop guard, fetch, map) and canonical records (generic
 * ingest, bulk import) into golden profiles. Idempotent: a replayed record is a no-op.
 * Records of one customer run one after another (batch order), different customers in parallel.
 * Import-job counters are added once per job and batch, each message once however often SQS delivers
 * it (a marker per message id, written with the counts); if that write fails the whole batch is
 * retried (its records are then replays, counted once).
 */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  const response = await consumer(event, context);
  const byJob = new Map<string, Array<{ messageId: string; outcome: 'applied' | 'failed'; records: number }>>();
  for (const { messageId } of event.Records) {
    const done = outcomes.get(messageId);
    if (!done) continue;
    outcomes.delete(messageId);
    byJob.set(done.jobId, [...(byJob.get(done.jobId) ?? []), { messageId, outcome: done.outcome, records: done.records }]);
  }
  await Promise.all([...byJob].map(([jobId, done]) => jobs.recordOutcomes(jobId, done)));
  return response;
};
