import { z } from 'zod';
import { AuditExportRangeSchema, MAX_EXPORT_ENTRIES } from '../../shared/domain/audit/audit-export.js';
import { defineRoutes } from '../../shared/lambda/http-route.js';
import { JOB_ACCEPTED, JOB_POLL_HEADERS } from '../../shared/lambda/job-accepted.js';
import { DownloadPathSchema, JobListFilterSchema, JobListPageSchema, JobPathSchema, JobResponseSchema, PortfolioExportInputSchema } from './schema.js';

/**
 * Jobs belong to whoever started them: each role that can start jobs (exports, imports,
 * assessments) reads, lists and cancels its own. Consultants start none (read-only datasets).
 */
const anyCaller = { auth: 'apiKey', roles: ['admin', 'crm', 'partner'] } as const;

/** Routes of the `http-jobs` function: the job resource, hub-signed downloads, and the exports that start jobs. */
export const jobRoutes = defineRoutes({
  startPortfolioExport: {
    method: 'POST', path: '/v1/exports/portfolio', auth: 'apiKey', roles: ['admin'], scope: 'customers:read', tag: 'Exports',
    idempotent: true, rateClass: 'bulk',
    summary: 'Export the portfolio (CSV or NDJSON, optionally one grade) as a job',
    description: 'Answers `202` with `Location: /v1/jobs/{jobId}`; the finished job links to the file (see docs/jobs.md).',
    body: PortfolioExportInputSchema,
    responses: { 202: JOB_ACCEPTED },
    errors: [503],
    unexercised: { 503: 'Only when the jobs queue refuses the message (unit-tested in run-job.test.ts: startJob)' },
  },
  startAuditExport: {
    method: 'POST', path: '/v1/audit/exports', auth: 'apiKey', roles: ['admin'], scope: 'audit:read', tag: 'Audit',
    idempotent: true, rateClass: 'bulk',
    summary: 'Export the audit entries of a time range with their checkpoints and the public key, as a job',
    description:
      `Answers \`202\` with \`Location: /v1/jobs/{jobId}\`; the finished job links to one NDJSON file that \`rb audit verify <file>\` checks offline (see docs/audit.md). At most ${MAX_EXPORT_ENTRIES.toLocaleString('en')} entries: a larger range fails the job (\`validation_failed\`).`,
    body: AuditExportRangeSchema,
    responses: { 202: JOB_ACCEPTED },
    errors: [503],
    unexercised: { 503: 'Only when the jobs queue refuses the message (unit-tested in run-job.test.ts: startJob)' },
  },
  getJob: {
    ...anyCaller, method: 'GET', path: '/v1/jobs/{jobId}', tag: 'Jobs',
    summary: 'Read a job: status, progress, ETA and, once succeeded, a download link',
    description: 'While queued or running the answer carries `Retry-After`. Another caller\'s job is a 404 (admins see every job).',
    params: JobPathSchema,
    responses: { 200: { description: 'The job', body: JobResponseSchema, headers: JOB_POLL_HEADERS } },
    errors: [404],
  },
  cancelJob: {
    ...anyCaller, method: 'POST', path: '/v1/jobs/{jobId}/cancel', tag: 'Jobs',
    summary: 'Cancel a job (a queued job at once, a running one at its next step)',
    params: JobPathSchema,
    responses: { 202: { description: 'Cancellation requested; poll the job until it is cancelled', body: JobResponseSchema } },
    errors: [404, 409],
  },
  listJobs: {
    ...anyCaller, method: 'GET', path: '/v1/jobs', tag: 'Jobs', list: true,
    summary: 'List the caller\'s jobs, newest first (admins: everybody\'s); filter by status and kind',
    query: JobListFilterSchema,
    responses: { 200: { description: 'One page of jobs', body: JobListPageSchema } },
  },
  download: {
    ...anyCaller, method: 'GET', path: '/v1/downloads/{token}', tag: 'Jobs',
    summary: 'Download a job\'s file through a hub-signed link (only by the caller it was issued to, until it expires)',
    params: DownloadPathSchema,
    responses: {
      200: {
        description: 'The file, as an attachment, in its own media type (text/csv, application/x-ndjson …)',
        mediaType: 'application/octet-stream',
        alternatives: { 'text/csv': z.string(), 'application/x-ndjson': z.string() },
        body: z.string(),
        headers: { 'Content-Disposition': { description: '`attachment; filename="…"`' } },
      },
      303: { description: 'In AWS (setting DOWNLOAD_REDIRECT=presigned): where to fetch the file, a presigned URL valid for one minute', headers: { Location: { description: 'Presigned S3 URL' } } },
    },
    errors: [403, 404],
    unexercised: { 303: 'Presigned redirects are for AWS only (DOWNLOAD_REDIRECT=presigned); fauxqs does not enforce their expiry (unit-tested in serve-download.test.ts)' },
  },
});
