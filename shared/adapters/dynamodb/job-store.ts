import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { TransientError, ValidationError } from '../../domain/errors.js';
import { JobLeaseLostError, JobSchema, isFinal, type Job } from '../../domain/jobs/job.js';
import type { JobStore } from '../../domain/jobs/ports.js';
import { isConditionFailure, isTransientDynamoError, type TableRef } from './client.js';

/** Finished jobs stay listed this long, then TTL removes them (their objects expire sooner: see the bucket's lifecycle). */
export const JOB_RETENTION_DAYS = 30;
/** Query pages read at most to fill one filtered list page. */
const MAX_LIST_READS = 10;

const keyOf = (jobId: string) => ({ pk: `JOB#${jobId}`, sk: 'JOB' });
const ItemSchema = z.object({ job: JobSchema });

/**
 * A job item: `JOB#<jobId> / JOB`, the job under `job`; listed newest first per owner (gsi1
 * `JOBOWNER#<principalId>`) and for admins across owners (gsi2 `JOBS`, one partition: jobs
 * are started by people, a few per minute at most). Final jobs carry the TTL.
 */
const itemOf = (job: Job) => ({
  ...keyOf(job.jobId),
  entity: 'job',
  job: JobSchema.parse(job),
  gsi1pk: `JOBOWNER#${job.owner.principalId}`,
  gsi1sk: `${job.createdAt}#${job.jobId}`,
  gsi2pk: 'JOBS',
  gsi2sk: `${job.createdAt}#${job.jobId}`,
  ...(isFinal(job.status) ? { expiresAt: Math.floor(Date.parse(job.finishedAt ?? job.updatedAt) / 1000) + JOB_RETENTION_DAYS * 86_400 } : {}),
});

const OwnerPositionSchema = z.strictObject({ pk: z.string(), sk: z.string(), gsi1pk: z.string(), gsi1sk: z.string() });
const AllPositionSchema = z.strictObject({ pk: z.string(), sk: z.string(), gsi2pk: z.string(), gsi2sk: z.string() });

const busy = (error: unknown): never => {
  if (isTransientDynamoError(error)) throw new TransientError('storage_busy', 'The table is busy, try again', { cause: error, details: { retryAfterSeconds: 1 } });
  throw error;
};

/**
 * Jobs in the single table. Every state change is a conditional write on the job's version
 * (`replace`), so a transition computed by the domain's state machine from a stale read never
 * lands; progress writes are conditional on the run that holds the job.
 * @example const jobs = jobStore(table); await jobs.create(newJob(...));
 */
export const jobStore = ({ client, tableName }: TableRef): JobStore => ({
  async create(job) {
    try {
      await client.send(new PutCommand({ TableName: tableName, Item: itemOf(job), ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return busy(error);
    }
  },

  async get(jobId) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keyOf(jobId), ConsistentRead: true })).catch(busy);
    return Item ? ItemSchema.parse(Item).job : undefined;
  },

  async replace(next, expectedVersion) {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: itemOf(next),
          // Final jobs never change, whatever version a caller read (defence in depth behind the domain's state machine).
          ConditionExpression: '#j.#v = :expected AND NOT (#j.#s IN (:succeeded, :failed, :cancelled))',
          ExpressionAttributeNames: { '#j': 'job', '#v': 'version', '#s': 'status' },
          ExpressionAttributeValues: { ':expected': expectedVersion, ':succeeded': 'succeeded', ':failed': 'failed', ':cancelled': 'cancelled' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return busy(error);
    }
  },

  async reportProgress(jobId, attempt, progress, at) {
    try {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(jobId),
          UpdateExpression: 'SET #j.#p = :progress, #j.#hb = :at, #j.#u = :at, #j.#v = #j.#v + :one',
          ConditionExpression: '#j.#s = :running AND #j.#a = :attempt',
          ExpressionAttributeNames: { '#j': 'job', '#p': 'progress', '#hb': 'heartbeatAt', '#u': 'updatedAt', '#v': 'version', '#s': 'status', '#a': 'attempts' },
          ExpressionAttributeValues: { ':progress': progress, ':at': at.toISOString(), ':one': 1, ':running': 'running', ':attempt': attempt },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return ItemSchema.parse(Attributes).job;
    } catch (error) {
      if (isConditionFailure(error)) throw new JobLeaseLostError(jobId);
      return busy(error);
    }
  },

  async list({ owner, status, kind, limit, after }) {
    const byOwner = owner !== undefined;
    const [index, pkName, skName] = byOwner ? (['gsi1', 'gsi1pk', 'gsi1sk'] as const) : (['gsi2', 'gsi2pk', 'gsi2sk'] as const);
    const positionSchema = byOwner ? OwnerPositionSchema : AllPositionSchema;
    let startKey: Record<string, unknown> | undefined;
    if (after !== undefined) {
      const parsed = positionSchema.safeParse(after);
      if (!parsed.success) throw new ValidationError('The cursor is not valid for this list', [{ path: 'cursor', message: 'use the cursor of a previous page', in: 'query' }]);
      startKey = parsed.data;
    }
    const filters = [...(status ? ['#j.#s = :status'] : []), ...(kind ? ['#j.#k = :kind'] : [])];
    const jobs: Job[] = [];
    for (let reads = 0; reads < MAX_LIST_READS; reads++) {
      const page = await client
        .send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index,
            KeyConditionExpression: '#pk = :pk',
            ScanIndexForward: false,
            Limit: limit,
            ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
            ExpressionAttributeNames: { '#pk': pkName, ...(status ? { '#s': 'status' } : {}), ...(kind ? { '#k': 'kind' } : {}), ...(filters.length ? { '#j': 'job' } : {}) },
            ExpressionAttributeValues: { ':pk': byOwner ? `JOBOWNER#${owner}` : 'JOBS', ...(status ? { ':status': status } : {}), ...(kind ? { ':kind': kind } : {}) },
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        )
        .catch(busy);
      for (const raw of page.Items ?? []) {
        jobs.push(ItemSchema.parse(raw).job);
        if (jobs.length === limit) {
          const item = raw as Record<string, unknown>;
          const last = { pk: item['pk'], sk: item['sk'], [pkName]: item[pkName], [skName]: item[skName] };
          const more = raw !== page.Items?.at(-1) || page.LastEvaluatedKey !== undefined;
          return { jobs, ...(more ? { next: positionSchema.parse(last) } : {}) };
        }
      }
      startKey = page.LastEvaluatedKey;
      if (!startKey) return { jobs };
    }
    return { jobs, ...(startKey ? { next: positionSchema.parse(startKey) } : {}) };
  },
});
