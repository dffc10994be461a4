import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { NotFoundError } from '../errors.js';
import { JobKindNameSchema, JobStatusSchema, requestCancel, visibleTo, type Job } from './job.js';
import type { JobStore, ListPositionLike } from './ports.js';
import { updateJob } from './update-job.js';

/** Filters of `GET /v1/jobs`. */
export const JobListFilterSchema = z.strictObject({
  status: JobStatusSchema.optional().describe('Only jobs in this state'),
  kind: JobKindNameSchema.optional().describe('Only jobs of this kind, e.g. `portfolio.export`'),
});
export type JobListFilter = z.infer<typeof JobListFilterSchema>;

type Caller = Pick<Principal, 'principalId' | 'role'>;

/**
 * Reading, listing and cancelling jobs, with the object-level rule: a job is visible to its
 * owner and to admins; to anyone else it does not exist (404, so ids cannot be probed).
 * @example const job = await manageJobs({ jobs, clock }).get(jobId, principal);
 */
export const manageJobs = ({ jobs, clock }: { jobs: JobStore; clock: Clock }) => {
  const get = async (jobId: string, caller: Caller): Promise<Job> => {
    const job = await jobs.get(jobId);
    if (!job || !visibleTo(job, caller)) throw new NotFoundError(`Job ${jobId}`);
    return job;
  };
  return {
    get,
    /** The caller's own jobs, newest first; admins see everybody's. */
    list: (caller: Caller, filter: JobListFilter, page: { limit: number; after?: ListPositionLike }) =>
      jobs.list({ ...filter, ...(caller.role === 'admin' ? {} : { owner: caller.principalId }), limit: page.limit, ...(page.after === undefined ? {} : { after: page.after }) }),
    /**
     * Requests cancellation: a queued job is cancelled at once, a running one stops at its next
     * cancellation point. Repeating the request is harmless; a final job answers 409 (job_final).
     */
    cancel: async (jobId: string, caller: Caller): Promise<Job> => {
      await get(jobId, caller);
      const updated = await updateJob(jobs, jobId, (job) => requestCancel(job, clock.now()));
      if (!updated) throw new NotFoundError(`Job ${jobId}`);
      return updated.job;
    },
  };
};
