import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/clock.js';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { newJob } from '../../../shared/domain/jobs/job.js';
import { manageJobs } from '../../../shared/domain/jobs/manage-jobs.js';
import { memoryJobStore } from './fakes.js';

const clock = fixedClock('2026-03-01T10:00:00.000Z');
const alice = { principalId: 'key:alice', role: 'crm' as const };
const bob = { principalId: 'key:bob', role: 'partner' as const };
const admin = { principalId: 'key:admin', role: 'admin' as const };

const seeded = async () => {
  const jobs = memoryJobStore();
  const mine = newJob({ kind: 'crm.import', input: {}, owner: alice }, clock.now());
  const theirs = newJob({ kind: 'partner.export', input: {}, owner: bob }, new Date(clock.now().getTime() + 1000));
  await jobs.create(mine);
  await jobs.create(theirs);
  return { jobs, mine, theirs, manage: manageJobs({ jobs, clock }) };
};

describe('manageJobs', () => {
  it('shows a job to its owner and admins; to anyone else it does not exist', async () => {
    // Prepare
    const { manage, mine } = await seeded();
    // Assess
    expect((await manage.get(mine.jobId, alice)).jobId).toBe(mine.jobId);
    expect((await manage.get(mine.jobId, admin)).jobId).toBe(mine.jobId);
    await expect(manage.get(mine.jobId, bob)).rejects.toBeInstanceOf(NotFoundError);
    await expect(manage.cancel(mine.jobId, bob)).rejects.toBeInstanceOf(NotFoundError);
    await expect(manage.get('job_01ARZ3NDEKTSV4RRFFQ69G5FAV', admin)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists the caller\'s own jobs, or everybody\'s for admins', async () => {
    // Prepare
    const { manage, mine, theirs } = await seeded();
    // Act
    const own = await manage.list(alice, {}, { limit: 10 });
    const all = await manage.list(admin, {}, { limit: 10 });
    const filtered = await manage.list(admin, { kind: 'crm.import' }, { limit: 10 });
    // Assess
    expect(own.jobs.map((j) => j.jobId)).toEqual([mine.jobId]);
    expect(all.jobs.map((j) => j.jobId)).toEqual([theirs.jobId, mine.jobId]);
    expect(filtered.jobs.map((j) => j.jobId)).toEqual([mine.jobId]);
  });

  it('cancels a queued job at once; cancelling it again answers job_final', async () => {
    // Prepare
    const { manage, mine } = await seeded();
    // Act
    const cancelled = await manage.cancel(mine.jobId, alice);
    // Assess
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelRequested: true });
    await expect(manage.cancel(mine.jobId, alice)).rejects.toMatchObject({ code: 'job_final' });
  });
});
