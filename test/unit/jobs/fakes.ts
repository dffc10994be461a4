import { JobLeaseLostError, isFinal, type Job } from '../../../shared/domain/jobs/job.js';
import type { JobStore, ObjectBody, ObjectStore } from '../../../shared/domain/jobs/ports.js';
import type { CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';
import type { PortfolioSource } from '../../../shared/domain/jobs/portfolio-export.js';

/**
 * An in-memory JobStore with the DynamoDB store's conditions: `replace` only on the expected
 * version and never over a final job, `reportProgress` only for the running attempt. `afterWrite`
 * lets a test act between two writes (e.g. request a cancel while the worker runs).
 */
export const memoryJobStore = () => {
  const jobs = new Map<string, Job>();
  const hooks: Array<(job: Job) => void> = [];
  const store: JobStore & { all(): Job[]; put(job: Job): void; afterProgress(hook: (job: Job) => void): void } = {
    async create(job) {
      if (jobs.has(job.jobId)) return false;
      jobs.set(job.jobId, structuredClone(job));
      return true;
    },
    async get(jobId) {
      const job = jobs.get(jobId);
      return job ? structuredClone(job) : undefined;
    },
    async replace(next, expectedVersion) {
      const current = jobs.get(next.jobId);
      if (!current || current.version !== expectedVersion || isFinal(current.status)) return false;
      jobs.set(next.jobId, structuredClone(next));
      return true;
    },
    async reportProgress(jobId, attempt, progress, at) {
      const current = jobs.get(jobId);
      if (!current || current.status !== 'running' || current.attempts !== attempt) throw new JobLeaseLostError(jobId);
      const next = { ...current, progress, heartbeatAt: at.toISOString(), updatedAt: at.toISOString(), version: current.version + 1 };
      jobs.set(jobId, next);
      for (const hook of hooks) hook(structuredClone(next));
      return structuredClone(jobs.get(jobId) ?? next);
    },
    async list({ owner, status, kind, limit, after }) {
      const sorted = [...jobs.values()]
        .filter((j) => (owner === undefined || j.owner.principalId === owner) && (status === undefined || j.status === status) && (kind === undefined || j.kind === kind))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.jobId.localeCompare(a.jobId));
      const start = typeof after === 'string' ? sorted.findIndex((j) => j.jobId === after) + 1 : 0;
      const page = sorted.slice(start, start + limit);
      return { jobs: page, ...(start + limit < sorted.length ? { next: page.at(-1)?.jobId ?? null } : {}) };
    },
    all: () => [...jobs.values()],
    put: (job) => void jobs.set(job.jobId, structuredClone(job)),
    afterProgress: (hook) => void hooks.push(hook),
  };
  return store;
};

const toBuffer = async (body: ObjectBody): Promise<Buffer> => {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  return Buffer.concat(chunks);
};

/** An in-memory ObjectStore: like S3, a stream that throws leaves nothing behind. */
export const memoryObjectStore = () => {
  const objects = new Map<string, { body: Buffer; mediaType: string }>();
  const deleted: string[] = [];
  const store: ObjectStore & { keys(): string[]; text(key: string): string | undefined; deleted: string[] } = {
    async put(key, body, { mediaType }) {
      const bytes = await toBuffer(body);
      objects.set(key, { body: bytes, mediaType });
      return { bytes: bytes.byteLength };
    },
    async get(key) {
      const object = objects.get(key);
      return object ? { body: new Uint8Array(object.body), mediaType: object.mediaType, bytes: object.body.byteLength } : undefined;
    },
    async head(key) {
      const object = objects.get(key);
      return object ? { mediaType: object.mediaType, bytes: object.body.byteLength } : undefined;
    },
    async delete(key) {
      deleted.push(key);
      objects.delete(key);
    },
    keys: () => [...objects.keys()],
    text: (key) => objects.get(key)?.body.toString('utf8'),
    deleted,
  };
  return store;
};

/** A portfolio of given profiles in pages; counts how many pages were read. */
export const memoryPortfolio = (profiles: CustomerProfile[]) => {
  const reads: Array<{ cursor?: string; grade?: string }> = [];
  const matching = (grade?: string) => profiles.filter((p) => p.status === 'active' && (grade === undefined || p.rating?.grade === grade));
  const source: PortfolioSource & { reads: typeof reads } = {
    async count({ grade }) {
      return matching(grade).length;
    },
    async page({ limit, cursor, grade }) {
      reads.push({ ...(cursor === undefined ? {} : { cursor }), ...(grade === undefined ? {} : { grade }) });
      const start = cursor === undefined ? 0 : Number(cursor);
      const all = matching(grade);
      const slice = all.slice(start, start + limit);
      return { profiles: slice, ...(start + limit < all.length ? { cursor: String(start + limit) } : {}) };
    },
    reads,
  };
  return source;
};
