import { ConflictError } from '../errors.js';
import type { Job } from './job.js';
import type { JobStore } from './ports.js';

const MAX_ATTEMPTS = 5;

/**
 * Read-transition-write with optimistic concurrency: reads the job, applies the pure
 * transition `change` and writes the result only if nobody wrote in between; on a lost race it
 * reads again and re-applies (bounded). `change` returning undefined means "nothing to do";
 * returning the job unchanged writes nothing either.
 * @returns the job as stored afterwards (`changed` says whether this call wrote it), or undefined when the job does not exist.
 */
export const updateJob = async (jobs: JobStore, jobId: string, change: (job: Job) => Job | undefined): Promise<{ job: Job; changed: boolean } | undefined> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await jobs.get(jobId);
    if (!current) return undefined;
    const next = change(current);
    if (!next || next === current) return { job: current, changed: false };
    if (await jobs.replace(next, current.version)) return { job: next, changed: true };
  }
  throw new ConflictError(`Job ${jobId} kept changing; try again`);
};
