import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobStore, JOB_RETENTION_DAYS } from '../../../shared/adapters/dynamodb/job-store.js';
import { portfolioSource } from '../../../shared/adapters/dynamodb/customer-list.js';
import { profileStore } from '../../../shared/adapters/dynamodb/profile-store.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import { JobLeaseLostError, claimJob, finishRun, newJob, requestCancel, type Job, type JobOwner } from '../../../shared/domain/jobs/job.js';
import { manageJobs } from '../../../shared/domain/jobs/manage-jobs.js';
import { updateJob } from '../../../shared/domain/jobs/update-job.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';
import { portfolioProfile } from '../../support/portfolio-fixtures.js';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const alice: JobOwner = { principalId: 'key:alice', role: 'crm' };
const bob: JobOwner = { principalId: 'key:bob', role: 'admin' };
const result = { objectKey: 'exports/x.csv', mediaType: 'text/csv', bytes: 3, rows: 1, fileName: 'x.csv' };

describe('jobStore on DynamoDB Local', () => {
  const clients = emulatorClients();
  let table: { client: typeof clients.doc; tableName: string };
  let jobs: ReturnType<typeof jobStore>;

  beforeAll(async () => {
    table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
    jobs = jobStore(table);
  });
  afterAll(() => clients.destroy());

  const created = async (owner: JobOwner = alice, seconds = 0, kind = 'portfolio.export'): Promise<Job> => {
    const job = newJob({ kind, input: { format: 'csv' }, owner }, at(seconds));
    expect(await jobs.create(job)).toBe(true);
    return job;
  };

  it('creates a job once and reads it back as stored', async () => {
    // Prepare
    const job = await created();
    // Act
    const again = await jobs.create(job);
    // Assess
    expect(again).toBe(false);
    expect(await jobs.get(job.jobId)).toEqual(job);
    expect(await jobs.get('job_01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBeUndefined();
  });

  it('writes a transition only over the version it was computed from', async () => {
    // Prepare
    const job = await created();
    const claimed = claimJob(job, at(1), at(-900)) as Job;
    // Act
    const first = await jobs.replace(claimed, job.version);
    const stale = await jobs.replace(requestCancel(job, at(2)), job.version);
    // Assess
    expect(first).toBe(true);
    expect(stale).toBe(false);
    expect(await jobs.get(job.jobId)).toMatchObject({ status: 'running', cancelRequested: false, version: 1 });
  });

  it('never changes a final job, even with the version it has (no going back), and sets its TTL', async () => {
    // Prepare
    const job = await created();
    const running = (await updateJob(jobs, job.jobId, (j) => claimJob(j, at(1), at(-900))))!.job;
    const done = (await updateJob(jobs, job.jobId, (j) => finishRun(j, running.attempts, { status: 'succeeded', result }, at(2))))!.job;
    // Act
    const back = await jobs.replace({ ...done, status: 'running', version: done.version + 1 }, done.version);
    const cancel = manageJobs({ jobs, clock: fixedClock(at(3)) }).cancel(job.jobId, alice);
    // Assess
    expect(back).toBe(false);
    await expect(cancel).rejects.toMatchObject({ code: 'job_final' });
    expect(await jobs.get(job.jobId)).toEqual(done);
    const { Item } = await clients.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `JOB#${job.jobId}`, sk: 'JOB' } }));
    expect(Item?.['expiresAt']).toBe(Math.floor(at(2).getTime() / 1000) + JOB_RETENTION_DAYS * 86_400);
  });

  it('records progress only for the run that holds the job, and reports a cancel request with it', async () => {
    // Prepare
    const job = await created();
    const running = (await updateJob(jobs, job.jobId, (j) => claimJob(j, at(1), at(-900))))!.job;
    await updateJob(jobs, job.jobId, (j) => requestCancel(j, at(2)));
    // Act
    const stored = await jobs.reportProgress(job.jobId, running.attempts, { done: 5, total: 10 }, at(3));
    const otherRun = jobs.reportProgress(job.jobId, running.attempts + 1, { done: 6, total: 10 }, at(4));
    // Assess
    expect(stored).toMatchObject({ progress: { done: 5, total: 10 }, heartbeatAt: at(3).toISOString(), cancelRequested: true, version: running.version + 2 });
    await expect(otherRun).rejects.toBeInstanceOf(JobLeaseLostError);
  });

  it('lets exactly one of two racing transitions win (claim against cancel)', async () => {
    // Prepare
    const job = await created();
    // Act
    const [claim, cancel] = await Promise.all([
      updateJob(jobs, job.jobId, (j) => claimJob(j, at(1), at(-900))),
      updateJob(jobs, job.jobId, (j) => requestCancel(j, at(1))),
    ]);
    // Assess
    const final = (await jobs.get(job.jobId))!;
    expect(claim?.changed || cancel?.changed).toBe(true);
    if (final.status === 'cancelled') expect(final.attempts).toBe(0);
    else expect(final).toMatchObject({ status: 'running', cancelRequested: true, attempts: 1 });
  });

  it('lists one owner\'s jobs or everybody\'s, newest first, filtered, in pages', async () => {
    // Prepare
    const owner: JobOwner = { principalId: `key:lister-${Date.now()}`, role: 'partner' };
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push(await created(owner, 100 + i, i % 2 ? 'partner.export' : 'portfolio.export'));
    await created(bob, 200);
    // Act
    const first = await jobs.list({ owner: owner.principalId, limit: 2 });
    const second = await jobs.list({ owner: owner.principalId, limit: 2, after: first.next });
    const third = await jobs.list({ owner: owner.principalId, limit: 2, after: second.next });
    const filtered = await jobs.list({ owner: owner.principalId, kind: 'partner.export', status: 'queued', limit: 10 });
    const all = await jobs.list({ limit: 50 });
    // Assess
    expect([...first.jobs, ...second.jobs, ...third.jobs].map((j) => j.jobId)).toEqual(mine.reverse().map((j) => j.jobId));
    expect(third.next).toBeUndefined();
    expect(filtered.jobs.map((j) => j.kind)).toEqual(['partner.export', 'partner.export']);
    expect(all.jobs.map((j) => j.owner.principalId)).toEqual(expect.arrayContaining([owner.principalId, bob.principalId]));
    expect(all.jobs.map((j) => j.createdAt)).toEqual([...all.jobs.map((j) => j.createdAt)].sort().reverse());
    await expect(jobs.list({ owner: owner.principalId, limit: 2, after: { pk: 'x' } })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

describe('portfolioSource on DynamoDB Local', () => {
  const clients = emulatorClients();
  afterAll(() => clients.destroy());

  it('counts the active customers the pages list, optionally of one grade', async () => {
    // Prepare
    const table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
    const profiles = [...Array.from({ length: 4 }, (_, i) => portfolioProfile(`cnt-aa-${i}`, { grade: 'AA' }, T0)), portfolioProfile('cnt-bb', { grade: 'BB' }, T0), portfolioProfile('cnt-none', {}, T0)];
    await profileStore(table).commitMany(profiles.map((profile) => ({ profile, expectedVersion: 0, events: [] })));
    const source = portfolioSource(table);
    // Act
    const all = await source.count({});
    const aa = await source.count({ grade: 'AA' });
    const page = await source.page({ limit: 10, grade: 'AA' });
    // Assess
    expect(all).toBe(6);
    expect(aa).toBe(4);
    expect(page.profiles).toHaveLength(aa);
  });
});
