import type { Job, JobProgress, JobStatus } from './job.js';

/** Where a list page ended: any JSON value (the HTTP layer signs it into a cursor). */
export type ListPositionLike = string | number | boolean | null | { [key: string]: ListPositionLike } | ListPositionLike[];

/**
 * Port: where jobs live. Writes are conditional: `replace` succeeds only when the stored job
 * still has `expectedVersion` (so a transition computed from a stale read never lands), and
 * `reportProgress` only while the job is running under `attempt` (a worker that lost the job
 * cannot write into it).
 */
export interface JobStore {
  /** Stores a new job; false when the id is taken. */
  create(job: Job): Promise<boolean>;
  get(jobId: string): Promise<Job | undefined>;
  /** Writes `next` if the stored version is still `expectedVersion` and the stored job is not final; false otherwise. */
  replace(next: Job, expectedVersion: number): Promise<boolean>;
  /**
   * Records progress and a heartbeat of the run `attempt`; returns the stored job (with
   * `cancelRequested`), or throws JobLeaseLostError when the job is no longer that run's.
   */
  reportProgress(jobId: string, attempt: number, progress: JobProgress, at: Date): Promise<Job>;
  /** Newest first: one owner's jobs, or everybody's when `owner` is absent. */
  list(query: JobListQuery): Promise<{ jobs: Job[]; next?: ListPositionLike }>;
}

export interface JobListQuery {
  owner?: string;
  status?: JobStatus;
  kind?: string;
  limit: number;
  /** Where the previous page ended (as `next` gave it). */
  after?: ListPositionLike;
}

/** Port: the queue that hands a job to the worker. */
export interface JobQueue {
  enqueue(message: { jobId: string }): Promise<void>;
}

/** Bytes to store: a whole buffer or text, or a stream of chunks (written as they come). */
export type ObjectBody = Uint8Array | string | AsyncIterable<Uint8Array | string>;

/**
 * Port: private object storage for job results and exports. Keys are chosen by the callers
 * (`exports/<jobId>.csv`) and never leave the hub: clients receive signed links.
 */
export interface ObjectStore {
  /** Writes the object; a stream that throws leaves nothing behind. Returns the bytes written. */
  put(key: string, body: ObjectBody, options: { mediaType: string }): Promise<{ bytes: number }>;
  /** The object's bytes and media type, or undefined when there is no such object. */
  get(key: string): Promise<{ body: Uint8Array; mediaType: string; bytes: number } | undefined>;
  head(key: string): Promise<{ mediaType: string; bytes: number } | undefined>;
  /** Deletes the object; deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
}
