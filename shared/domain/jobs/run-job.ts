import type { Clock } from '../clock.js';
import { DomainError, PermanentError, TransientError, isRetryable } from '../errors.js';
import { toFieldIssues } from '../validation.js';
import {
  JOB_MAX_ATTEMPTS,
  JobCancelledError,
  JobLeaseLostError,
  claimJob,
  finishRun,
  type Job,
  type JobError,
  type JobResult,
  type RunOutcome,
} from './job.js';
import type { JobContext, JobKindRegistry } from './job-kind.js';
import type { JobStore, ObjectStore } from './ports.js';
import { updateJob } from './update-job.js';

export interface RunJobDeps {
  jobs: JobStore;
  objects: ObjectStore;
  kinds: JobKindRegistry;
  clock: Clock;
  /** A running job whose heartbeat is older than this has no live worker and may be taken over. */
  staleAfterMs: number;
  /** Progress is persisted (and the cancel flag re-read) at most this often (default 250 ms). */
  progressIntervalMs?: number;
}

export type RunJobResult =
  | { outcome: 'succeeded' | 'failed' | 'cancelled'; job: Job; cause?: unknown }
  | { outcome: 'skipped'; reason: 'not_claimable' | 'lease_lost'; job?: Job };

const PROGRESS_INTERVAL_MS = 250;
const INTERNAL_ERROR: JobError = { code: 'internal_error', message: 'The job failed on our side; start it again or contact the operators' };

const jobErrorOf = (error: unknown): JobError =>
  error instanceof DomainError ? { code: error.code, message: error.message.slice(0, 500) } : INTERNAL_ERROR;

/**
 * The worker's use case: runs one job per message, idempotently.
 * - Claims the job (queued, or running under a dead worker); anything else — a redelivered
 *   message for a job that is running or final — is a no-op.
 * - Runs its kind with progress reporting (persisted at most once per interval, with a
 *   heartbeat), cancellation points and an object store whose objects are deleted again when
 *   the run fails or is cancelled.
 * - Ends the job: succeeded with its result, cancelled (a success that meets a pending cancel
 *   request is cancelled too, and its object deleted), failed with the error's code and message
 *   for deterministic failures (no retry), or back to queued for a retryable one — then it
 *   throws a TransientError so that the queue redelivers — until JOB_MAX_ATTEMPTS runs.
 * An unknown job id is a PermanentError (the message is quarantined).
 * @example const run = runJob({ jobs, objects, kinds, clock, staleAfterMs: 900_000 }); await run('job_01J…');
 */
export const runJob = (deps: RunJobDeps) => async (jobId: string): Promise<RunJobResult> => {
  const { jobs, clock } = deps;
  const interval = deps.progressIntervalMs ?? PROGRESS_INTERVAL_MS;
  const startedAt = clock.now();
  const claimed = await updateJob(jobs, jobId, (job) => claimJob(job, startedAt, new Date(startedAt.getTime() - deps.staleAfterMs)));
  if (!claimed) throw new PermanentError('job_not_found', `Job ${jobId} does not exist`);
  if (!claimed.changed) return { outcome: 'skipped', reason: 'not_claimable', job: claimed.job };
  const run = claimed.job;
  const attempt = run.attempts;

  const finish = async (outcome: RunOutcome): Promise<Job | undefined> => {
    const done = await updateJob(jobs, jobId, (job) => finishRun(job, attempt, outcome, clock.now()));
    return done?.changed ? done.job : undefined;
  };
  const fail = async (error: JobError, cause?: unknown): Promise<RunJobResult> => {
    const job = await finish({ status: 'failed', error });
    return job ? { outcome: 'failed', job, ...(cause === undefined ? {} : { cause }) } : { outcome: 'skipped', reason: 'lease_lost' };
  };

  if (attempt > JOB_MAX_ATTEMPTS) return fail({ code: 'retries_exhausted', message: `The job did not finish in ${JOB_MAX_ATTEMPTS} runs` });
  const kind = deps.kinds.get(run.kind);
  if (!kind) return fail({ code: 'unknown_job_kind', message: `No worker runs jobs of kind ${run.kind}` });
  const input = kind.input.safeParse(run.input);
  if (!input.success) {
    return fail({ code: 'invalid_input', message: `The job's input is not valid: ${toFieldIssues(input.error).map((i) => `${i.path}: ${i.message}`).join('; ')}`.slice(0, 500) });
  }

  const written = new Set<string>();
  let lastWrite = Number.NEGATIVE_INFINITY;
  let lastRead = startedAt.getTime();
  let cancelRequested = run.cancelRequested;
  // Why the context stopped the run: the kind (or a library between it and us, such as an
  // upload reading its stream) may rethrow or wrap the error, so the reason is kept here.
  let stopped: 'cancelled' | 'lease_lost' | undefined;
  const stop = (reason: 'cancelled' | 'lease_lost'): never => {
    stopped = reason;
    throw reason === 'cancelled' ? new JobCancelledError(jobId) : new JobLeaseLostError(jobId);
  };
  const ctx: JobContext<unknown> = {
    job: { jobId: run.jobId, kind: run.kind, owner: run.owner, createdAt: run.createdAt },
    input: input.data,
    clock,
    async progress(done, total) {
      const now = clock.now();
      if (now.getTime() - lastWrite >= interval || (total !== undefined && done >= total)) {
        try {
          const stored = await jobs.reportProgress(jobId, attempt, { done, ...(total === undefined ? {} : { total }) }, now);
          cancelRequested = stored.cancelRequested;
        } catch (error) {
          if (error instanceof JobLeaseLostError) stop('lease_lost');
          throw error;
        }
        lastWrite = lastRead = now.getTime();
      }
      if (cancelRequested) stop('cancelled');
    },
    async checkCancelled() {
      const now = clock.now().getTime();
      if (now - lastRead >= interval) {
        const stored = await jobs.get(jobId);
        if (!stored || stored.status !== 'running' || stored.attempts !== attempt) stop('lease_lost');
        lastRead = now;
        cancelRequested = stored?.cancelRequested ?? false;
      }
      if (cancelRequested) stop('cancelled');
    },
    objects: {
      put: async (key, body, options) => {
        written.add(key);
        return deps.objects.put(key, body, options);
      },
      get: (key) => deps.objects.get(key),
      head: (key) => deps.objects.head(key),
      delete: (key) => deps.objects.delete(key),
    },
  };
  const discardWritten = async (): Promise<void> => {
    for (const key of written) await deps.objects.delete(key);
  };

  let result: JobResult;
  try {
    result = await kind.run(ctx);
  } catch (error) {
    if (stopped === 'lease_lost' || error instanceof JobLeaseLostError) return { outcome: 'skipped', reason: 'lease_lost' };
    await discardWritten();
    if (stopped === 'cancelled' || error instanceof JobCancelledError) {
      const job = await finish({ status: 'cancelled' });
      return job ? { outcome: 'cancelled', job } : { outcome: 'skipped', reason: 'lease_lost' };
    }
    if (isRetryable(error) && attempt < JOB_MAX_ATTEMPTS) {
      await finish({ status: 'retry', error: jobErrorOf(error) });
      throw new TransientError('job_retry', `Job ${jobId} run ${attempt} failed; it will run again`, { cause: error });
    }
    return fail(jobErrorOf(error), error);
  }

  const job = await finish({ status: 'succeeded', result });
  if (!job) return { outcome: 'skipped', reason: 'lease_lost' };
  if (job.status === 'cancelled') {
    await discardWritten();
    return { outcome: 'cancelled', job };
  }
  return { outcome: 'succeeded', job };
};
