import type { AuditInput } from '../audit/audit-chain.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { ConflictError, TransientError } from '../errors.js';
import { failQueued, newJob, type Job } from './job.js';
import type { JobQueue, JobStore } from './ports.js';
import { updateJob } from './update-job.js';

export interface StartJobDeps {
  jobs: JobStore;
  queue: JobQueue;
  clock: Clock;
  audit: { append(input: AuditInput): Promise<unknown> };
}

export interface StartJobCommand {
  kind: string;
  /** Already validated by the route (the kind's input schema). */
  input: Record<string, unknown>;
  owner: Pick<Principal, 'principalId' | 'role'>;
}

/**
 * Starts a job: stores it queued, audits who started what, and hands it to the worker. If the
 * audit log or the queue refuses, the job is marked failed (`not_started`) so that it cannot sit
 * queued forever (nor run unaudited), and the caller gets a retryable 503.
 * @example const job = await startJob({ jobs, queue, clock, audit })({ kind: 'portfolio.export', input: body, owner: principal });
 */
export const startJob = ({ jobs, queue, clock, audit }: StartJobDeps) => async (command: StartJobCommand): Promise<Job> => {
  const job = newJob(command, clock.now());
  if (!(await jobs.create(job))) throw new ConflictError(`Job ${job.jobId} exists already`);
  try {
    await audit.append({ actor: command.owner.principalId, action: 'job.started', target: `job:${job.jobId}`, details: { kind: job.kind, input: job.input } });
    await queue.enqueue({ jobId: job.jobId });
  } catch (error) {
    const failed = { code: 'not_started', message: 'The job could not be handed to a worker; start it again' };
    await updateJob(jobs, job.jobId, (current) => failQueued(current, failed, clock.now()));
    throw new TransientError('job_not_started', failed.message, { cause: error, details: { retryAfterSeconds: 5 } });
  }
  return job;
};
