import { AUDIT_EXPORT } from '../../shared/domain/audit/audit-export-job.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { manageJobs } from '../../shared/domain/jobs/manage-jobs.js';
import { PORTFOLIO_EXPORT } from '../../shared/domain/jobs/portfolio-export.js';
import { startJob } from '../../shared/domain/jobs/start-job.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { jobStore } from '../../shared/adapters/dynamodb/job-store.js';
import { createS3Client, s3ObjectStore } from '../../shared/adapters/s3/object-store.js';
import { sqsJobQueue } from '../../shared/adapters/sqs/job-queue.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { auditTrail } from '../../shared/lambda/audit-trail.js';
import { DOWNLOAD_LINK_TTL_MS, downloadLinks } from '../../shared/lambda/download-link.js';
import { bucketName, env, queueUrl } from '../../shared/lambda/env.js';
import { httpFunction } from '../../shared/lambda/http.js';
import { jobAccepted } from '../../shared/lambda/job-accepted.js';
import { jobPollHeaders, jobViews } from '../../shared/lambda/job-views.js';
import { serveDownload } from '../../shared/lambda/serve-download.js';
import { hubSigningKey } from '../../shared/lambda/signing-key.js';
import { jobRoutes } from './routes.js';

// Composition root: built once per cold start.
const e = env();
const table = { client: createDocumentClient(), tableName: e.TABLE_NAME };
const clock = runtimeClock;
const jobs = jobStore(table);
const audit = auditTrail(table, clock);
const start = startJob({ jobs, queue: sqsJobQueue(queueSender(createSqsClient()), queueUrl('QUEUE_URL_JOBS')), clock, audit });
const manage = manageJobs({ jobs, clock });
const links = downloadLinks({ signingKey: hubSigningKey, clock, ttlMs: e.DOWNLOAD_LINK_TTL_SECONDS ? e.DOWNLOAD_LINK_TTL_SECONDS * 1000 : DOWNLOAD_LINK_TTL_MS });
const view = jobViews({ links, clock });
const objects = s3ObjectStore({ client: createS3Client({ forcePathStyle: e.S3_FORCE_PATH_STYLE }), bucket: bucketName('BUCKET_OBJECTS') });
const download = serveDownload({ links, objects, audit, mode: e.DOWNLOAD_REDIRECT ?? (e.STAGE === 'local' ? 'inline' : 'presigned') });

export const handler = httpFunction(jobRoutes, {
  startPortfolioExport: async ({ body, principal }) => jobAccepted(await start({ kind: PORTFOLIO_EXPORT, input: body, owner: principal }), clock.now()),
  startAuditExport: async ({ body, principal }) => jobAccepted(await start({ kind: AUDIT_EXPORT, input: body, owner: principal }), clock.now()),
  getJob: async ({ params, principal, request }) => {
    const job = await manage.get(params.jobId, principal);
    return { status: 200, headers: jobPollHeaders(job, clock.now()), body: { job: await view(job, principal, request) } };
  },
  cancelJob: async ({ params, principal, request }) => ({ status: 202, body: { job: await view(await manage.cancel(params.jobId, principal), principal, request) } }),
  listJobs: async ({ query, page, principal, request }) => {
    const result = await manage.list(principal, query, page);
    const body = { jobs: await Promise.all(result.jobs.map((job) => view(job, principal, request))), nextCursor: null, next: null };
    return { status: 200, body, ...(result.next === undefined ? {} : { next: result.next }) };
  },
  download: async ({ params, principal }) => {
    const file = await download(params.token, principal);
    return file.kind === 'redirect' ? { status: 303, headers: { location: file.url } } : { status: 200, headers: file.headers, body: file.text };
  },
}, { signingKey: hubSigningKey });
