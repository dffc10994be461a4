import { z } from 'zod';
import { JobIdSchema } from '../../shared/domain/jobs/job.js';
import { JobViewSchema } from '../../shared/domain/jobs/job-view.js';
import { JobListFilterSchema } from '../../shared/domain/jobs/manage-jobs.js';
import { PortfolioExportInputSchema } from '../../shared/domain/jobs/portfolio-export.js';
import { JobResponseSchema } from '../../shared/lambda/job-accepted.js';

/** Path, query and body inputs of the jobs API; bodies and filters are the domain's schemas. */
export const JobPathSchema = z.strictObject({ jobId: JobIdSchema.describe('`job_` followed by a ULID, from `Location` or the list') });
export const DownloadPathSchema = z.strictObject({
  token: z
    .string()
    .min(16)
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'a download token (from a job\'s result.download.url)')
    .describe('The last segment of a job\'s `result.download.url`'),
});

/** Responses. */
export const JobListPageSchema = z.object({
  jobs: z.array(JobViewSchema),
  nextCursor: z.string().nullable(),
  next: z.string().nullable().describe('Absolute URL of the next page; null on the last page'),
});
export { JobListFilterSchema, JobResponseSchema, PortfolioExportInputSchema };
