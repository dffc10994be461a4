import type { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Job, JobResult } from './job.js';
import type { ObjectStore } from './ports.js';

/**
 * What a job kind's run receives: its input (validated by the kind's schema), progress
 * reporting, a cancellation check and the object store.
 */
export interface JobContext<I> {
  job: Pick<Job, 'jobId' | 'kind' | 'owner' | 'createdAt'>;
  input: I;
  clock: Clock;
  /**
   * Records how far the run is (persisted at most once per progress interval, and always when
   * `done` reaches `total`). Also a cancellation point: throws JobCancelledError once a cancel
   * was requested.
   */
  progress(done: number, total?: number): Promise<void>;
  /** Throws JobCancelledError when a cancel was requested (checks the store at most once per interval). */
  checkCancelled(): Promise<void>;
  /** Objects written here are deleted again when the run fails or is cancelled. */
  objects: ObjectStore;
}

/**
 * One kind of job: a name, the schema of its input and the run. A run returns the object it
 * wrote; throwing a non-retryable DomainError fails the job with that code and message (no
 * retry), a retryable one (or an unexpected error) is retried up to JOB_MAX_ATTEMPTS runs.
 * @example const kinds = jobKindRegistry([portfolioExport({ portfolio })]);
 */
export interface JobKind<S extends z.ZodType = z.ZodType> {
  name: string;
  input: S;
  run(ctx: JobContext<z.output<S>>): Promise<JobResult>;
}

export interface JobKindRegistry {
  get(name: string): JobKind | undefined;
  names(): string[];
}

/** The kinds a worker can run, by name; a name given twice is a programming error. */
export const jobKindRegistry = (kinds: ReadonlyArray<JobKind>): JobKindRegistry => {
  const byName = new Map<string, JobKind>();
  for (const kind of kinds) {
    if (byName.has(kind.name)) throw new Error(`Job kind ${kind.name} is registered twice`);
    byName.set(kind.name, kind);
  }
  return { get: (name) => byName.get(name), names: () => [...byName.keys()].sort() };
};
