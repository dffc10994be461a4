import { z } from 'zod';
import { POLL_QUEUED_SECONDS, retryAfterSeconds, type Job } from '../domain/jobs/job.js';
import { JobViewSchema, jobPath, toJobView } from '../domain/jobs/job-view.js';
import type { ResponseDecl } from './http-route.js';

export const JobResponseSchema = z.object({ job: JobViewSchema });

/** Headers of a job answer, for the route declarations (documentation). */
export const JOB_POLL_HEADERS = {
  'Retry-After': { description: 'Seconds to wait before polling again; present while the job is queued or running', schema: z.string() },
} as const;

/**
 * The declared answer of a route that starts a job: `202` with the job and where to poll it.
 * @example responses: { 202: JOB_ACCEPTED }
 */
export const JOB_ACCEPTED = {
  description: 'Accepted: the job runs in the background. Poll `Location` (after `Retry-After` seconds) until it is final.',
  body: JobResponseSchema,
  headers: {
    Location: { description: 'The job: `/v1/jobs/{jobId}`', schema: z.string() },
    ...JOB_POLL_HEADERS,
  },
} as const satisfies ResponseDecl;

/**
 * The answer of a route that started a job, in one line: `202`, `Location: /v1/jobs/{id}`,
 * `Retry-After` and the job.
 * @example startPortfolioExport: async ({ body, principal }) => jobAccepted(await start({ kind: PORTFOLIO_EXPORT, input: body, owner: principal }), clock.now()),
 */
export const jobAccepted = (job: Job, now: Date) => ({
  status: 202 as const,
  headers: { location: jobPath(job.jobId), 'retry-after': String(retryAfterSeconds(job, now) ?? POLL_QUEUED_SECONDS) },
  body: { job: toJobView(job, now) },
});
