import { auditExportJob } from '../../shared/domain/audit/audit-export-job.js';
import { exportAuditTrail } from '../../shared/domain/audit/audit-export.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { JOB_WORKER_TIMEOUT_SECONDS } from '../../shared/domain/jobs/job.js';
import { jobKindRegistry } from '../../shared/domain/jobs/job-kind.js';
import { portfolioExport } from '../../shared/domain/jobs/portfolio-export.js';
import { runJob } from '../../shared/domain/jobs/run-job.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { portfolioSource } from '../../shared/adapters/dynamodb/customer-list.js';
import { jobStore } from '../../shared/adapters/dynamodb/job-store.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { createS3Client, s3ObjectStore } from '../../shared/adapters/s3/object-store.js';
import { auditAnchoring, auditTrail, checkpointVerifierKey } from '../../shared/lambda/audit-trail.js';
import { bucketName, env } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';
import { sqsConsumer } from '../../shared/lambda/sqs.js';
import { JobMessageSchema } from './schema.js';

// Composition root: built once per cold start. New job kinds are registered here.
const e = env();
const table = { client: createDocumentClient(), tableName: e.TABLE_NAME };
const clock = runtimeClock;
const auditLog = auditTrail(table, clock);
const kinds = jobKindRegistry([
  portfolioExport({ portfolio: portfolioSource(table), ...(e.EXPORT_PAGE_SIZE ? { pageSize: e.EXPORT_PAGE_SIZE } : {}) }),
  auditExportJob({ build: exportAuditTrail({ log: auditLog, checkpoints: auditAnchoring(auditLog, clock).checkpoints, key: checkpointVerifierKey, clock }) }),
]);
const objects = s3ObjectStore({ client: createS3Client({ forcePathStyle: e.S3_FORCE_PATH_STYLE }), bucket: bucketName('BUCKET_OBJECTS') });
const run = runJob({ jobs: jobStore(table), objects, kinds, clock, staleAfterMs: JOB_WORKER_TIMEOUT_SECONDS * 1000 });

/** Job worker: one job per message; redeliveries of running or finished jobs are no-ops. */
export const handler = sqsConsumer({
  source: 'jobs',
  schema: JobMessageSchema,
  quarantine: quarantineStore(table, clock),
  handle: async ({ jobId }) => {
    const result = await run(jobId);
    if ('cause' in result && result.cause !== undefined) logger.error('job failed unexpectedly', { jobId, error: result.cause as Error });
    logger.info('job handled', { jobId, outcome: result.outcome, ...(result.outcome === 'skipped' ? { reason: result.reason } : { kind: result.job.kind, status: result.job.status }) });
  },
});
