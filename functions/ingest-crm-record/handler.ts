import { systemClock } from '../../shared/domain/clock.js';
import { ingestCrmRecord } from '../../shared/domain/customers/ingest-crm-record.js';
import { processCrmNotice } from '../../shared/domain/customers/process-crm-notice.js';
import { createRecordFetcher } from '../../shared/adapters/crm/record-fetcher.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { connectionStore } from '../../shared/adapters/dynamodb/connection-store.js';
import { crmStateStore, importJobStore, reviewQueue, sourceRecordStore } from '../../shared/adapters/dynamodb/crm-store.js';
import { identityIndex } from '../../shared/adapters/dynamodb/identity-index.js';
import { writeBackFingerprintStore } from '../../shared/adapters/dynamodb/writeback-fingerprint-store.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { secretSourceFrom } from '../../shared/adapters/secrets/secret-source.js';
import { env } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';
import { sqsConsumer } from '../../shared/lambda/sqs.js';
import { IngestCrmRecordMessageSchema } from './schema.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const sources = sourceRecordStore(table);
const jobs = importJobStore(table);
const fetcher = createRecordFetcher(secretSourceFrom(env().LOCAL_SECRETS));
const ingest = ingestCrmRecord({ profiles: profileStore(table), identities: identityIndex(table), sources, reviews: reviewQueue(table), clock: systemClock });
const processNotice = processCrmNotice({
  connections: connectionStore(table),
  fetchRecord: (config, objectName, id) => fetcher.fetch(config, objectName, id),
  fingerprints: writeBackFingerprintStore(table),
  countEcho: (connectionId) => crmStateStore(table).countEcho(connectionId),
  sources,
  ingest,
  clock: systemClock,
});

/**
 * crm-ingest consumer: change notices (loop guard, fetch, map) and canonical records (generic
 * ingest, bulk import) into golden profiles. Idempotent: a replayed record is a no-op.
 */
export const handler = sqsConsumer({
  source: 'crmIngest',
  schema: IngestCrmRecordMessageSchema,
  quarantine: quarantineStore(table),
  handle: async (message) => {
    if (message.kind === 'notice') {
      const outcome = await processNotice(message.notice, message.native);
      logger.debug('notice handled', { connectionId: message.notice.connectionId, status: outcome.status });
      return;
    }
    try {
      await ingest(message.record);
      if (message.importJobId) await jobs.recordOutcome(message.importJobId, 'applied');
    } catch (error) {
      if (message.importJobId && (error as { retryable?: boolean }).retryable === false) await jobs.recordOutcome(message.importJobId, 'failed');
      throw error;
    }
  },
});
