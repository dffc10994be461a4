import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/clock.js';
import { PermanentError, TransientError } from '../../../shared/domain/errors.js';
import { JOB_MAX_ATTEMPTS, type Job, type JobResult } from '../../../shared/domain/jobs/job.js';
import { jobKindRegistry, type JobKind } from '../../../shared/domain/jobs/job-kind.js';
import { manageJobs } from '../../../shared/domain/jobs/manage-jobs.js';
import { PORTFOLIO_COLUMNS, PORTFOLIO_EXPORT, portfolioExport } from '../../../shared/domain/jobs/portfolio-export.js';
import { runJob } from '../../../shared/domain/jobs/run-job.js';
import { startJob } from '../../../shared/domain/jobs/start-job.js';
import { TRICKY_NAMES, portfolioProfile } from '../../support/portfolio-fixtures.js';
import { memoryJobStore, memoryObjectStore, memoryPortfolio } from './fakes.js';

const T0 = '2026-03-01T10:00:00.000Z';
const admin = { principalId: 'key:admin', role: 'admin' as const };
const STALE_MS = 900_000;

const setup = (kinds: JobKind[], options: { progressIntervalMs?: number } = {}) => {
  const clock = fixedClock(T0);
  const jobs = memoryJobStore();
  const objects = memoryObjectStore();
  const run = runJob({ jobs, objects, kinds: jobKindRegistry(kinds), clock, staleAfterMs: STALE_MS, ...options });
  const enqueued: string[] = [];
  const audit: unknown[] = [];
  const start = startJob({ jobs, queue: { enqueue: async ({ jobId }) => void enqueued.push(jobId) }, clock, audit: { append: async (entry) => audit.push(entry) } });
  return { clock, jobs, objects, run, start, enqueued, audit };
};

/** A kind that writes `pages` chunks, reporting progress after each; `fail` throws at a page. */
const pagedKind = (options: { pages: number; fail?: { at: number; error: Error } }): JobKind & { pagesRead: number } => {
  const kind = {
    name: 'test.paged',
    input: z.strictObject({ label: z.string() }),
    pagesRead: 0,
    async run(ctx: Parameters<JobKind['run']>[0]): Promise<JobResult> {
      const key = `results/${ctx.job.jobId}.txt`;
      async function* body() {
        for (let page = 1; page <= options.pages; page++) {
          await ctx.checkCancelled();
          if (options.fail?.at === page) throw options.fail.error;
          kind.pagesRead = page;
          yield `page ${page}\n`;
          await ctx.progress(page, options.pages);
        }
      }
      const { bytes } = await ctx.objects.put(key, body(), { mediaType: 'text/plain' });
      return { objectKey: key, mediaType: 'text/plain', bytes, rows: options.pages, fileName: 'paged.txt' };
    },
  };
  return kind;
};

describe('startJob', () => {
  it('stores the job queued, audits who started it and enqueues its id', async () => {
    // Prepare
    const { start, jobs, enqueued, audit } = setup([]);
    // Act
    const job = await start({ kind: 'test.paged', input: { label: 'x' }, owner: admin });
    // Assess
    expect(job.jobId).toMatch(/^job_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(await jobs.get(job.jobId)).toMatchObject({ status: 'queued', owner: admin, input: { label: 'x' } });
    expect(enqueued).toEqual([job.jobId]);
    expect(audit).toEqual([expect.objectContaining({ actor: 'key:admin', action: 'job.started', target: `job:${job.jobId}` })]);
  });

  it('fails the job and answers a retryable 503 when the queue refuses it', async () => {
    // Prepare
    const jobs = memoryJobStore();
    const start = startJob({ jobs, queue: { enqueue: async () => Promise.reject(new Error('queue down')) }, clock: fixedClock(T0), audit: { append: async () => undefined } });
    // Act
    const attempt = start({ kind: 'test.paged', input: {}, owner: admin });
    // Assess
    await expect(attempt).rejects.toMatchObject({ code: 'job_not_started', retryable: true });
    expect(jobs.all()).toEqual([expect.objectContaining({ status: 'failed', error: expect.objectContaining({ code: 'not_started' }) })]);
  });

  it('does not hand an unaudited job to the worker', async () => {
    // Prepare
    const jobs = memoryJobStore();
    const enqueued: string[] = [];
    const start = startJob({ jobs, queue: { enqueue: async ({ jobId }) => void enqueued.push(jobId) }, clock: fixedClock(T0), audit: { append: async () => Promise.reject(new TransientError('audit_contention', 'busy')) } });
    // Act
    const attempt = start({ kind: 'test.paged', input: {}, owner: admin });
    // Assess
    await expect(attempt).rejects.toMatchObject({ code: 'job_not_started' });
    expect(enqueued).toEqual([]);
    expect(jobs.all().map((j) => j.status)).toEqual(['failed']);
  });
});

describe('runJob', () => {
  it('runs a queued job to succeeded with its result, progress and the object written', async () => {
    // Prepare
    const { start, run, jobs, objects } = setup([pagedKind({ pages: 3 })]);
    const job = await start({ kind: 'test.paged', input: { label: 'x' }, owner: admin });
    // Act
    const outcome = await run(job.jobId);
    // Assess
    expect(outcome.outcome).toBe('succeeded');
    expect(await jobs.get(job.jobId)).toMatchObject({ status: 'succeeded', attempts: 1, progress: { done: 3, total: 3 }, result: { objectKey: `results/${job.jobId}.txt`, bytes: 21, rows: 3 } });
    expect(objects.text(`results/${job.jobId}.txt`)).toBe('page 1\npage 2\npage 3\n');
  });

  it('is a no-op for a redelivered message of a running or finished job', async () => {
    // Prepare
    const { start, run, jobs, clock } = setup([pagedKind({ pages: 1 })]);
    const job = await start({ kind: 'test.paged', input: { label: 'x' }, owner: admin });
    await run(job.jobId);
    const before = await jobs.get(job.jobId);
    const other = await start({ kind: 'test.paged', input: { label: 'y' }, owner: admin });
    jobs.put({ ...(await jobs.get(other.jobId))!, status: 'running', attempts: 1, heartbeatAt: clock.now().toISOString() });
    // Act
    const again = await run(job.jobId);
    const whileRunning = await run(other.jobId);
    // Assess
    expect(again).toMatchObject({ outcome: 'skipped', reason: 'not_claimable' });
    expect(whileRunning).toMatchObject({ outcome: 'skipped', reason: 'not_claimable' });
    expect(await jobs.get(job.jobId)).toEqual(before);
    expect((await jobs.get(other.jobId))?.attempts).toBe(1);
  });

  it('takes over a running job whose worker died (heartbeat older than the worker timeout)', async () => {
    // Prepare
    const { start, run, jobs, clock } = setup([pagedKind({ pages: 1 })]);
    const job = await start({ kind: 'test.paged', input: { label: 'x' }, owner: admin });
    jobs.put({ ...(await jobs.get(job.jobId))!, status: 'running', attempts: 1, heartbeatAt: clock.now().toISOString(), version: 7 });
    clock.advance(STALE_MS + 1);
    // Act
    const outcome = await run(job.jobId);
    // Assess
    expect(outcome.outcome).toBe('succeeded');
    expect((await jobs.get(job.jobId))?.attempts).toBe(2);
  });

  it('fails a deterministic failure with its code and message, deletes the partial object and does not retry', async () => {
    // Prepare
    const kind = pagedKind({ pages: 3, fail: { at: 2, error: new PermanentError('bad_data', 'Row 2 is not valid') } });
    const { start, run, jobs, objects } = setup([kind]);
    const job = await start({ kind: 'test.paged', input: { label: 'x' }, owner: admin });
    // Act
    const outcome = await run(job.jobId);
    // Assess
    expect(outcome.outcome).toBe('failed');
    expect(await jobs.get(job.jobId)).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'bad_data', message: 'Row 2 is not valid' } });
    expect(objects.keys()).toEqual([]);
    expect(objects.deleted).toEqual([`results/${job.jobId}.txt`]);
  });

  it('puts a retryable failure back to queued and throws so the queue redelivers, then fails after the last attempt', async () => {
    // Prepare
    const { start, run, jobs } = setup([pagedKind({ pages: 2, fail: { at: 1, error: new TransientError('storage_busy', 'busy') } })]);
    const job = await start({ kind: 'test.paged', input: { label: 'x' }, owner: admin });
    // Act
    const attempts: unknown[] = [];
    for (let i = 1; i < JOB_MAX_ATTEMPTS; i++) {
      await run(job.jobId).catch((error: unknown) => attempts.push(error));
      expect(await jobs.get(job.jobId)).toMatchObject({ status: 'queued', attempts: i, error: { code: 'storage_busy' } });
    }
    const last = await run(job.jobId);
    // Assess
    expect(attempts).toHaveLength(JOB_MAX_ATTEMPTS - 1);
    expect(attempts.every((e) => e instanceof TransientError)).toBe(true);
    expect(last.outcome).toBe('failed');
    expect(await jobs.get(job.jobId)).toMatchObject({ status: 'failed', attempts: JOB_MAX_ATTEMPTS, error: { code: 'storage_busy' } });
  });

  it('does not show an unexpected error\'s message to clients', async () => {
    // Prepare
    const { start, run, jobs } = setup([pagedKind({ pages: 1, fail: { at: 1, error: new TypeError('cannot read x of undefined at /srv/secret/path') } })]);
    const job = await start({ kind: 'test.paged', input: { label: 'x' }, owner: admin });
    jobs.put({ ...(await jobs.get(job.jobId))!, attempts: JOB_MAX_ATTEMPTS - 1 });
    // Act
    const outcome = await run(job.jobId);
    // Assess
    expect(outcome).toMatchObject({ outcome: 'failed', cause: expect.any(TypeError) });
    expect((await jobs.get(job.jobId))?.error).toEqual({ code: 'internal_error', message: expect.not.stringContaining('/srv') });
  });

  it('stops at the next cancellation point once a cancel is requested mid-way: cancelled, later pages unread, partial object deleted', async () => {
    // Prepare
    const kind = pagedKind({ pages: 10 });
    const { start, run, jobs, objects, clock } = setup([kind], { progressIntervalMs: 0 });
    const job = await start({ kind: 'test.paged', input: { label: 'x' }, owner: admin });
    const manage = manageJobs({ jobs, clock });
    let requested = false;
    jobs.afterProgress((stored) => {
      if (stored.progress.done === 2 && !requested) {
        requested = true;
        void manage.cancel(job.jobId, admin);
      }
    });
    // Act
    const outcome = await run(job.jobId);
    // Assess
    expect(outcome.outcome).toBe('cancelled');
    const stored = await jobs.get(job.jobId);
    expect(stored).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect(stored?.result).toBeUndefined();
    expect(kind.pagesRead).toBeLessThanOrEqual(3);
    expect(objects.keys()).toEqual([]);
  });

  it('cancels a job whose cancel arrives after its last cancellation point, deleting its finished object', async () => {
    // Prepare
    const { start, run, jobs, objects, clock } = setup([
      {
        name: 'test.late',
        input: z.object({}),
        async run(ctx) {
          await ctx.objects.put('results/late.txt', 'done', { mediaType: 'text/plain' });
          await manageJobs({ jobs, clock }).cancel(ctx.job.jobId, admin);
          return { objectKey: 'results/late.txt', mediaType: 'text/plain', bytes: 4, fileName: 'late.txt' };
        },
      },
    ]);
    const job = await start({ kind: 'test.late', input: {}, owner: admin });
    // Act
    const outcome = await run(job.jobId);
    // Assess
    expect(outcome.outcome).toBe('cancelled');
    expect(objects.keys()).toEqual([]);
  });

  it('fails jobs of unknown kinds and with invalid input; quarantines unknown job ids', async () => {
    // Prepare
    const { start, run, jobs } = setup([pagedKind({ pages: 1 })]);
    const unknownKind = await start({ kind: 'test.unknown', input: {}, owner: admin });
    const badInput = await start({ kind: 'test.paged', input: { label: 42 }, owner: admin });
    // Act
    await run(unknownKind.jobId);
    await run(badInput.jobId);
    // Assess
    expect((await jobs.get(unknownKind.jobId))?.error?.code).toBe('unknown_job_kind');
    expect(await jobs.get(badInput.jobId)).toMatchObject({ status: 'failed', error: { code: 'invalid_input', message: expect.stringContaining('label') } });
    await expect(run('job_01ARZ3NDEKTSV4RRFFQ69G5FAV')).rejects.toBeInstanceOf(PermanentError);
  });

  it('stops quietly, leaving the job and its object alone, when another worker took the job over', async () => {
    // Prepare
    const { start, run, jobs, objects } = setup([pagedKind({ pages: 5 })], { progressIntervalMs: 0 });
    const job = await start({ kind: 'test.paged', input: { label: 'x' }, owner: admin });
    jobs.afterProgress((stored) => {
      if (stored.progress.done === 1 && stored.attempts === 1) jobs.put({ ...stored, attempts: 2, version: stored.version + 1 });
    });
    // Act
    const outcome = await run(job.jobId);
    // Assess
    expect(outcome).toEqual({ outcome: 'skipped', reason: 'lease_lost' });
    expect((await jobs.get(job.jobId))).toMatchObject({ status: 'running', attempts: 2 });
    expect(objects.deleted).toEqual([]);
  });
});

describe('portfolio.export', () => {
  const now = new Date(T0);
  const profiles = [
    ...TRICKY_NAMES.map((name, i) => portfolioProfile(`pf-${i}`, { name, country: 'DE', grade: 'AA', frozen: i === 0 }, now)),
    portfolioProfile('pf-bb', { name: 'Plain GmbH', grade: 'BB' }, now),
    portfolioProfile('pf-none', {}, now),
  ];

  it('writes every active customer as a CSV row with the PortfolioRow columns, page by page with progress', async () => {
    // Prepare
    const portfolio = memoryPortfolio(profiles);
    const { start, run, jobs, objects } = setup([portfolioExport({ portfolio, pageSize: 3 })], { progressIntervalMs: 0 });
    const job = await start({ kind: PORTFOLIO_EXPORT, input: { format: 'csv' }, owner: admin });
    // Act
    await run(job.jobId);
    // Assess
    const stored = (await jobs.get(job.jobId)) as Job;
    expect(stored).toMatchObject({ status: 'succeeded', progress: { done: profiles.length, total: profiles.length }, result: { rows: profiles.length, mediaType: 'text/csv; charset=utf-8', fileName: 'portfolio-20260301T100000Z.csv' } });
    expect(portfolio.reads).toHaveLength(Math.ceil(profiles.length / 3));
    const records: Record<string, string>[] = parse(objects.text(`exports/${job.jobId}.csv`) ?? '', { bom: true, columns: true });
    expect(Object.keys(records[0] ?? {})).toEqual(PORTFOLIO_COLUMNS);
    expect(records.map((r) => r['name'])).toEqual([...TRICKY_NAMES.map((n) => (/^[=+\-@]/.test(n) ? `'${n}` : n)), 'Plain GmbH', '']);
    expect(records[0]).toMatchObject({ customerId: 'pf-0', grade: 'AA', frozen: 'true', 'limit.amountMinor': '2500000', 'limit.currency': 'EUR', pd: '0.0125', segment: 'loyal' });
    expect(records.at(-1)).toMatchObject({ customerId: 'pf-none', grade: '', frozen: 'false', 'limit.amountMinor': '' });
  });

  it('exports one grade as NDJSON, a PortfolioRow per line', async () => {
    // Prepare
    const { start, run, objects } = setup([portfolioExport({ portfolio: memoryPortfolio(profiles) })]);
    const job = await start({ kind: PORTFOLIO_EXPORT, input: { format: 'ndjson', grade: 'BB' }, owner: admin });
    // Act
    await run(job.jobId);
    // Assess
    const lines = (objects.text(`exports/${job.jobId}.ndjson`) ?? '').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ customerId: 'pf-bb', name: 'Plain GmbH', grade: 'BB', frozen: false })]);
  });
});
