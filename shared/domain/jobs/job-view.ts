import { z } from 'zod';
import { estimateCompletion, JobErrorSchema, JobIdSchema, JobProgressSchema, JobStatusSchema, type Job } from './job.js';

/** A download link the hub signed for one caller. */
export const DownloadLinkSchema = z.object({
  url: z.string().describe('Absolute URL of `GET /v1/downloads/{token}`; only the caller it was issued to can use it'),
  expiresAt: z.string().describe('After this instant the link answers 403 link_expired; read the job again for a fresh one'),
});
export type DownloadLink = z.infer<typeof DownloadLinkSchema>;

/** What clients see of a job: never the object key, a signed link instead. */
export const JobViewSchema = z
  .object({
    jobId: JobIdSchema,
    kind: z.string(),
    status: JobStatusSchema,
    input: z.record(z.string(), z.unknown()).describe('The parameters the job was started with'),
    owner: z.string().describe('Principal that started the job'),
    progress: JobProgressSchema,
    eta: z.string().optional().describe('Estimated completion while running, from the progress rate so far'),
    cancelRequested: z.boolean(),
    attempts: z.number().int(),
    createdAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    result: z
      .object({
        mediaType: z.string(),
        bytes: z.number().int(),
        rows: z.number().int().optional(),
        fileName: z.string(),
        download: DownloadLinkSchema.optional().describe('Absent when the result is no longer downloadable'),
      })
      .optional(),
    error: JobErrorSchema.optional(),
    links: z.object({ self: z.string(), cancel: z.string().optional() }),
  })
  .meta({ id: 'Job', title: 'Job' });
export type JobView = z.infer<typeof JobViewSchema>;

export const jobPath = (jobId: string): string => `/v1/jobs/${jobId}`;

/**
 * The client's view of a job at `now`: ETA from the progress rate, the result with the
 * download link issued for this caller (when given), links to itself and to cancel (until final).
 */
export const toJobView = (job: Job, now: Date, download?: DownloadLink): JobView => {
  const eta = estimateCompletion(job, now);
  const final = job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled';
  return {
    jobId: job.jobId,
    kind: job.kind,
    status: job.status,
    input: job.input,
    owner: job.owner.principalId,
    progress: job.progress,
    ...(eta ? { eta: eta.toISOString() } : {}),
    cancelRequested: job.cancelRequested,
    attempts: job.attempts,
    createdAt: job.createdAt,
    ...(job.startedAt ? { startedAt: job.startedAt } : {}),
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    ...(job.status === 'succeeded' && job.result
      ? {
          result: {
            mediaType: job.result.mediaType,
            bytes: job.result.bytes,
            ...(job.result.rows !== undefined ? { rows: job.result.rows } : {}),
            fileName: job.result.fileName,
            ...(download ? { download } : {}),
          },
        }
      : {}),
    ...(job.error && job.status !== 'succeeded' ? { error: job.error } : {}),
    links: { self: jobPath(job.jobId), ...(final ? {} : { cancel: `${jobPath(job.jobId)}/cancel` }) },
  };
};
