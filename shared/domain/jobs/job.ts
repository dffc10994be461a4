import { ulid } from 'ulid';
import { z } from 'zod';
import { RoleSchema, type Principal } from '../auth/principal.js';
import { DomainError } from '../errors.js';

/** The job worker's Lambda timeout: a running job whose heartbeat is older than this has no live worker. */
export const JOB_WORKER_TIMEOUT_SECONDS = 900;

/** Runs of one job at most (first run plus retries after retryable failures or a lost worker). */
export const JOB_MAX_ATTEMPTS = 3;

export const JobIdSchema = z.string().regex(/^job_[0-9A-HJKMNP-TV-Z]{26}$/, 'a job id (job_ followed by a ULID)');
export type JobId = z.infer<typeof JobIdSchema>;

/** `<capability>.<verb>` in lower case, e.g. `portfolio.export`. */
export const JobKindNameSchema = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'a job kind such as portfolio.export').max(64);

export const JobStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatusSchema>;

/** States a job never leaves. */
export const FINAL_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];
export const isFinal = (status: JobStatus): boolean => FINAL_STATUSES.includes(status);

/**
 * The job state machine: which status may follow which. Final states have no successors;
 * `running → running` is a takeover of a job whose worker died, `running → queued` a release
 * for a retry after a retryable failure.
 */
export const JOB_TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  queued: ['running', 'cancelled', 'failed'],
  running: ['running', 'queued', 'succeeded', 'failed', 'cancelled'],
  succeeded: [],
  failed: [],
  cancelled: [],
};

export const canTransition = (from: JobStatus, to: JobStatus): boolean => JOB_TRANSITIONS[from].includes(to);

/** The object a succeeded job left behind. `objectKey` stays inside the hub: clients get a signed link. */
export const JobResultSchema = z.object({
  objectKey: z.string().min(1).max(512),
  mediaType: z.string().min(1).max(100),
  bytes: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative().optional(),
  fileName: z.string().regex(/^[A-Za-z0-9._-]{1,120}$/, 'a plain file name'),
});
export type JobResult = z.infer<typeof JobResultSchema>;

export const JobErrorSchema = z.object({ code: z.string().min(1).max(64), message: z.string().max(500) });
export type JobError = z.infer<typeof JobErrorSchema>;

export const JobProgressSchema = z.object({
  done: z.number().int().nonnegative(),
  /** Absent while the job does not know how much work there is. */
  total: z.number().int().nonnegative().optional(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

export const JobOwnerSchema = z.object({ principalId: z.string().min(1), role: RoleSchema });
export type JobOwner = z.infer<typeof JobOwnerSchema>;

const Timestamp = z.iso.datetime({ offset: true });

/** A long-running piece of work and its state, as stored. */
export const JobSchema = z.object({
  jobId: JobIdSchema,
  kind: JobKindNameSchema,
  status: JobStatusSchema,
  /** The kind's validated input. */
  input: z.record(z.string(), z.unknown()),
  owner: JobOwnerSchema,
  progress: JobProgressSchema,
  /** Runs started so far (claims); fences a worker's writes against a takeover. */
  attempts: z.number().int().nonnegative(),
  cancelRequested: z.boolean(),
  /** Bumped by every write: conditional writes compare it. */
  version: z.number().int().nonnegative(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  startedAt: Timestamp.optional(),
  /** Last sign of life of the running worker (claim or progress). */
  heartbeatAt: Timestamp.optional(),
  finishedAt: Timestamp.optional(),
  result: JobResultSchema.optional(),
  error: JobErrorSchema.optional(),
});
export type Job = z.infer<typeof JobSchema>;

/** A transition the state machine does not allow, e.g. cancelling a finished job (HTTP 409). */
export class JobTransitionError extends DomainError {
  constructor(job: Pick<Job, 'jobId' | 'status'>, to: JobStatus | 'cancel') {
    super('job_final', `Job ${job.jobId} is ${job.status}; it cannot become ${to}`, { details: { httpStatus: 409, status: job.status } });
  }
}

/** A running job's cancellation was requested: thrown at the next cancellation point of the kind. */
export class JobCancelledError extends DomainError {
  constructor(jobId: string) {
    super('job_cancelled', `Job ${jobId} was cancelled`);
  }
}

/** Another worker took the job over (this one was presumed dead): stop without touching it. */
export class JobLeaseLostError extends DomainError {
  constructor(jobId: string) {
    super('job_lease_lost', `Job ${jobId} is no longer held by this worker`);
  }
}

export const newJobId = (at: Date): JobId => `job_${ulid(at.getTime())}`;

/** A new queued job owned by `principal`. */
export const newJob = (input: { kind: string; input: Record<string, unknown>; owner: Pick<Principal, 'principalId' | 'role'> }, at: Date, jobId = newJobId(at)): Job => ({
  jobId,
  kind: input.kind,
  status: 'queued',
  input: input.input,
  owner: { principalId: input.owner.principalId, role: input.owner.role },
  progress: { done: 0 },
  attempts: 0,
  cancelRequested: false,
  version: 0,
  createdAt: at.toISOString(),
  updatedAt: at.toISOString(),
});

const moved = (job: Job, to: JobStatus, at: Date, patch: Partial<Job> = {}): Job => {
  if (!canTransition(job.status, to)) throw new JobTransitionError(job, to);
  return { ...job, ...patch, status: to, updatedAt: at.toISOString(), version: job.version + 1, ...(isFinal(to) ? { finishedAt: at.toISOString() } : {}) };
};

/**
 * Claims a job for a run: a queued job, or a running one whose heartbeat is older than
 * `staleBefore` (its worker died). Undefined when there is nothing to claim (final, or running
 * with a live worker): a redelivered message is then a no-op.
 */
export const claimJob = (job: Job, at: Date, staleBefore: Date): Job | undefined => {
  const stale = job.status === 'running' && Date.parse(job.heartbeatAt ?? job.updatedAt) < staleBefore.getTime();
  if (job.status !== 'queued' && !stale) return undefined;
  return moved(job, 'running', at, { attempts: job.attempts + 1, startedAt: at.toISOString(), heartbeatAt: at.toISOString(), progress: { done: 0, ...(job.progress.total !== undefined ? { total: job.progress.total } : {}) } });
};

/**
 * A cancellation request: a queued job is cancelled at once; a running one is flagged and its
 * worker stops at the next cancellation point. Refused (409) once the job is final.
 */
export const requestCancel = (job: Job, at: Date): Job => {
  if (isFinal(job.status)) throw new JobTransitionError(job, 'cancel');
  if (job.status === 'queued') return moved(job, 'cancelled', at, { cancelRequested: true });
  if (job.cancelRequested) return job;
  return { ...job, cancelRequested: true, updatedAt: at.toISOString(), version: job.version + 1 };
};

/** Fails a job that never ran (e.g. the queue refused it); undefined once it left `queued`. */
export const failQueued = (job: Job, error: JobError, at: Date): Job | undefined => (job.status === 'queued' ? moved(job, 'failed', at, { error }) : undefined);

/** How the worker's run ended. */
export type RunOutcome = { status: 'succeeded'; result: JobResult } | { status: 'failed'; error: JobError } | { status: 'cancelled' } | { status: 'retry'; error: JobError };

/**
 * The worker's final write for its run `attempt`. Undefined when the job is no longer this
 * run's (taken over, or already final). A success that meets a pending cancellation request
 * becomes `cancelled` (the caller then deletes the result object). `retry` puts the job back
 * to `queued` for the next delivery.
 */
export const finishRun = (job: Job, attempt: number, outcome: RunOutcome, at: Date): Job | undefined => {
  if (job.status !== 'running' || job.attempts !== attempt) return undefined;
  switch (outcome.status) {
    case 'succeeded':
      return job.cancelRequested ? moved(job, 'cancelled', at) : moved(job, 'succeeded', at, { result: outcome.result, progress: { ...job.progress, done: Math.max(job.progress.done, outcome.result.rows ?? job.progress.done) } });
    case 'failed':
      return moved(job, 'failed', at, { error: outcome.error });
    case 'cancelled':
      return moved(job, 'cancelled', at);
    case 'retry':
      return moved(job, 'queued', at, { error: outcome.error });
  }
};

/** A job is the caller's to see when it owns it or is an admin; others get 404, never 403. */
export const visibleTo = (job: Pick<Job, 'owner'>, principal: Pick<Principal, 'principalId' | 'role'>): boolean =>
  principal.role === 'admin' || job.owner.principalId === principal.principalId;

/**
 * When a running job should finish, from its rate so far (done / time since start).
 * Undefined while queued, final, before the first progress or without a known total.
 * @example estimateCompletion(job, clock.now()) // Date 40 s from now for 1,000 of 5,000 rows in 10 s
 */
export const estimateCompletion = (job: Pick<Job, 'status' | 'startedAt' | 'progress'>, now: Date): Date | undefined => {
  const { done, total } = job.progress;
  if (job.status !== 'running' || !job.startedAt || total === undefined || done <= 0) return undefined;
  const elapsedMs = Math.max(0, now.getTime() - Date.parse(job.startedAt));
  const remainingMs = done >= total ? 0 : (elapsedMs * (total - done)) / done;
  return new Date(now.getTime() + Math.ceil(remainingMs));
};

/** Polling hints (seconds) for `Retry-After`. */
export const POLL_QUEUED_SECONDS = 2;
export const POLL_RUNNING_SECONDS = 5;
export const POLL_MAX_SECONDS = 30;

/**
 * When to poll again (`Retry-After` seconds): undefined once final. Queued: 2 s; running: the
 * remaining time by the ETA (1–30 s), or 5 s without one.
 */
export const retryAfterSeconds = (job: Pick<Job, 'status' | 'startedAt' | 'progress'>, now: Date): number | undefined => {
  if (isFinal(job.status)) return undefined;
  if (job.status === 'queued') return POLL_QUEUED_SECONDS;
  const eta = estimateCompletion(job, now);
  if (!eta) return POLL_RUNNING_SECONDS;
  return Math.min(POLL_MAX_SECONDS, Math.max(1, Math.ceil((eta.getTime() - now.getTime()) / 1000)));
};
