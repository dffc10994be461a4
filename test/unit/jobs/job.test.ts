import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FINAL_STATUSES,
  JOB_TRANSITIONS,
  JobStatusSchema,
  JobTransitionError,
  canTransition,
  claimJob,
  estimateCompletion,
  failQueued,
  finishRun,
  newJob,
  requestCancel,
  retryAfterSeconds,
  visibleTo,
  type Job,
  type RunOutcome,
} from '../../../shared/domain/jobs/job.js';
import { toJobView } from '../../../shared/domain/jobs/job-view.js';
import { toProblem } from '../../../shared/lambda/problem.js';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const owner = { principalId: 'key:owner', role: 'admin' as const };
const queued = (): Job => newJob({ kind: 'portfolio.export', input: { format: 'csv' }, owner }, T0);
const running = (): Job => claimJob(queued(), at(1), at(-900)) as Job;
const result = { objectKey: 'exports/x.csv', mediaType: 'text/csv', bytes: 10, rows: 3, fileName: 'x.csv' };

describe('job state machine', () => {
  it('lets no final state go anywhere, and nothing go back to queued but a running job released for a retry', () => {
    // Assess
    for (const status of FINAL_STATUSES) expect(JOB_TRANSITIONS[status]).toEqual([]);
    for (const from of JobStatusSchema.options) expect(canTransition(from, 'queued')).toBe(from === 'running');
  });

  it('claims a queued job: running, one more attempt, started and heartbeat now', () => {
    // Act
    const claimed = claimJob(queued(), at(1), at(-900));
    // Assess
    expect(claimed).toMatchObject({ status: 'running', attempts: 1, startedAt: at(1).toISOString(), heartbeatAt: at(1).toISOString(), version: 1 });
  });

  it('does not claim a running job whose worker is alive, nor a final one (a redelivery is a no-op)', () => {
    // Prepare
    const live = running();
    const done = finishRun(live, 1, { status: 'succeeded', result }, at(5)) as Job;
    // Assess
    expect(claimJob(live, at(10), at(0))).toBeUndefined();
    expect(claimJob(done, at(10), at(9))).toBeUndefined();
  });

  it('takes over a running job whose heartbeat is older than the stale limit', () => {
    // Act
    const takeover = claimJob(running(), at(1000), at(100));
    // Assess
    expect(takeover).toMatchObject({ status: 'running', attempts: 2, startedAt: at(1000).toISOString() });
  });

  it('cancels a queued job at once and flags a running one; a final job refuses with 409 job_final', () => {
    // Prepare
    const done = finishRun(running(), 1, { status: 'failed', error: { code: 'x', message: 'y' } }, at(3)) as Job;
    // Act
    const cancelledQueued = requestCancel(queued(), at(2));
    const flagged = requestCancel(running(), at(2));
    // Assess
    expect(cancelledQueued).toMatchObject({ status: 'cancelled', cancelRequested: true, finishedAt: at(2).toISOString() });
    expect(flagged).toMatchObject({ status: 'running', cancelRequested: true });
    expect(requestCancel(flagged, at(3))).toBe(flagged);
    expect(() => requestCancel(done, at(4))).toThrow(JobTransitionError);
    const problem = toProblem((() => {
      try {
        requestCancel(done, at(4));
      } catch (error) {
        return error;
      }
    })());
    expect(problem).toMatchObject({ status: 409, code: 'job_final' });
  });

  it('turns a success that meets a pending cancel request into cancelled, without the result', () => {
    // Act
    const finished = finishRun(requestCancel(running(), at(2)), 1, { status: 'succeeded', result }, at(3));
    // Assess
    expect(finished).toMatchObject({ status: 'cancelled' });
    expect(finished?.result).toBeUndefined();
  });

  it('ignores the final write of a run that no longer holds the job', () => {
    // Prepare
    const takenOver = claimJob(running(), at(2000), at(1000)) as Job;
    // Assess
    expect(finishRun(takenOver, 1, { status: 'succeeded', result }, at(2001))).toBeUndefined();
    expect(finishRun(queued(), 0, { status: 'failed', error: { code: 'x', message: 'y' } }, at(1))).toBeUndefined();
  });

  it('puts a run back to queued for a retry, keeping the error', () => {
    // Act
    const released = finishRun(running(), 1, { status: 'retry', error: { code: 'storage_busy', message: 'busy' } }, at(2));
    // Assess
    expect(released).toMatchObject({ status: 'queued', attempts: 1, error: { code: 'storage_busy' } });
    expect(released?.finishedAt).toBeUndefined();
  });

  it('fails a queued job that never reached the worker, and nothing else', () => {
    // Assess
    expect(failQueued(queued(), { code: 'not_started', message: 'x' }, at(1))).toMatchObject({ status: 'failed', error: { code: 'not_started' } });
    expect(failQueued(running(), { code: 'not_started', message: 'x' }, at(1))).toBeUndefined();
  });

  it('never leaves a final state under any sequence of operations (property)', () => {
    // Prepare
    const op = fc.oneof(
      fc.record({ kind: fc.constant('claim' as const), staleSeconds: fc.integer({ min: 0, max: 2000 }) }),
      fc.record({ kind: fc.constant('cancel' as const) }),
      fc.record({
        kind: fc.constant('finish' as const),
        attempt: fc.integer({ min: 0, max: 4 }),
        outcome: fc.constantFrom<RunOutcome>({ status: 'succeeded', result }, { status: 'failed', error: { code: 'e', message: 'm' } }, { status: 'cancelled' }, { status: 'retry', error: { code: 'r', message: 'm' } }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        let job = queued();
        let finalAt: Job | undefined;
        ops.forEach((o, i) => {
          const now = at(10 * (i + 1));
          let next: Job | undefined;
          try {
            if (o.kind === 'claim') next = claimJob(job, now, new Date(now.getTime() - o.staleSeconds * 1000));
            else if (o.kind === 'cancel') next = requestCancel(job, now);
            else next = finishRun(job, o.attempt, o.outcome, now);
          } catch (error) {
            expect(error).toBeInstanceOf(JobTransitionError);
          }
          if (next) {
            expect(canTransition(job.status, next.status) || next.status === job.status).toBe(true);
            job = next;
          }
          if (FINAL_STATUSES.includes(job.status)) {
            finalAt ??= job;
            expect(job).toEqual(finalAt);
          }
        });
      }),
    );
  });
});

describe('estimateCompletion and retryAfterSeconds', () => {
  it('projects the rate so far: 1,000 of 5,000 rows in 10 s leaves 40 s', () => {
    // Prepare
    const job = { ...running(), startedAt: T0.toISOString(), progress: { done: 1000, total: 5000 } };
    // Act
    const eta = estimateCompletion(job, at(10));
    // Assess
    expect(eta?.toISOString()).toBe(at(50).toISOString());
    expect(retryAfterSeconds(job, at(10))).toBe(30);
    expect(retryAfterSeconds({ ...job, progress: { done: 4500, total: 5000 } }, at(10))).toBe(2);
  });

  it('has no ETA before the first progress, without a total, or unless running', () => {
    // Prepare
    const job = running();
    // Assess
    expect(estimateCompletion({ ...job, progress: { done: 0, total: 10 } }, at(5))).toBeUndefined();
    expect(estimateCompletion({ ...job, progress: { done: 5 } }, at(5))).toBeUndefined();
    expect(estimateCompletion({ ...queued(), progress: { done: 5, total: 10 } }, at(5))).toBeUndefined();
    expect(retryAfterSeconds(queued(), at(1))).toBe(2);
    expect(retryAfterSeconds({ ...job, progress: { done: 5 } }, at(5))).toBe(5);
    expect(retryAfterSeconds(finishRun(job, 1, { status: 'cancelled' }, at(5)) as Job, at(5))).toBeUndefined();
  });
});

describe('visibleTo and toJobView', () => {
  it('shows a job to its owner and to admins only', () => {
    // Assess
    expect(visibleTo(queued(), { principalId: 'key:owner', role: 'crm' })).toBe(true);
    expect(visibleTo(queued(), { principalId: 'key:other', role: 'admin' })).toBe(true);
    expect(visibleTo(queued(), { principalId: 'key:other', role: 'partner' })).toBe(false);
  });

  it('never shows the object key, and links to cancel only until final', () => {
    // Prepare
    const done = finishRun(running(), 1, { status: 'succeeded', result }, at(4)) as Job;
    // Act
    const view = toJobView(done, at(5), { url: 'https://hub/v1/downloads/t.s', expiresAt: at(905).toISOString() });
    // Assess
    expect(JSON.stringify(view)).not.toContain('exports/x.csv');
    expect(view.result).toEqual({ mediaType: 'text/csv', bytes: 10, rows: 3, fileName: 'x.csv', download: { url: 'https://hub/v1/downloads/t.s', expiresAt: at(905).toISOString() } });
    expect(view.links).toEqual({ self: `/v1/jobs/${done.jobId}` });
    const live = running();
    expect(toJobView(live, at(5)).links.cancel).toBe(`/v1/jobs/${live.jobId}/cancel`);
  });
});
