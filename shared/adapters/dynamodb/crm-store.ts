import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { WatchChannelSchema, type WatchChannel } from '../../domain/crm/channel-rearm.js';
import { CrmRecordSchema, type CrmCustomerRecord, type CrmRecord } from '../../domain/crm/crm-record.js';
import { PollCursorSchema, type PollCursor } from '../../domain/crm/poll-cursor.js';
import { ImportJobSchema, type ImportJob } from '../../domain/customers/bulk-import-job.js';
import type { ExtraPut } from '../../domain/customers/ports.js';
import { ReviewItemSchema, type ReviewItem, type SourceRecordStore, type ReviewQueue, type ReviewDecisions, type ReviewLookup, type MergeRecordStore } from '../../domain/customers/crm-ports.js';
import { ConflictError, TransientError } from '../../domain/errors.js';
import { MergeRecordSchema, type MergeRecord } from '../../domain/profile/merge.js';
import { isTransientDynamoError, type TableRef } from './client.js';

/**
 * CRM-side items of the golden-profile capability. Key layouts (private here):
 * - `SRC#<crm>#<connectionId>#<objectType>#<externalId> / RECORD`: last applied version of each source record
 *   (the `previous` for exact aggregate deltas; written in the profile transaction);
 * - `REVIEW#<status> / <createdAt>#<reviewId>`: candidate matches waiting for a reviewer (and decided ones),
 *   found by id on gsi2 `CRMREVIEW#<reviewId>`;
 * - `MERGE#<survivorId> / <absorbedId>`: merge records (what unmerge restores);
 * - `CURSOR#<connectionId> / <objectName>`: poll cursors; `CHANNEL#<connectionId> / CHANNEL`: Zoho channels (gsi1 CHANNELS);
 * - `ECHO#<connectionId> / COUNT`: dropped write-back echoes (fingerprints: writeback-fingerprint-store.ts).
 */
const srcKey = (r: { crm: string; connectionId: string; objectType: string; externalId: string }) => ({
  pk: `SRC#${r.crm}#${r.connectionId}#${r.objectType}#${r.externalId}`,
  sk: 'RECORD',
});

export const sourceRecordStore = ({ client, tableName }: TableRef): SourceRecordStore => ({
  async get(key) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: srcKey(key), ConsistentRead: true }));
    return Item ? CrmRecordSchema.parse(Item['record']) : undefined;
  },
  async getMany(keys) {
    const found: CrmRecord[] = [];
    const unique = [...new Map(keys.map((k) => [srcKey(k).pk, srcKey(k)])).values()];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Array<Record<string, unknown>> = unique.slice(i, i + 100);
      for (let round = 0; pending.length > 0; round++) {
        if (round > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** round)));
        const out = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
        for (const item of out.Responses?.[tableName] ?? []) found.push(CrmRecordSchema.parse(item['record']));
        pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Array<Record<string, unknown>>;
        if (round > 8 && pending.length > 0) throw new TransientError('storage_busy', 'The table left source records unread, try again');
      }
    }
    return found;
  },
  async customerOf(key) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: srcKey(key), ConsistentRead: true }));
    return Item ? z.string().parse(Item['customerId']) : undefined;
  },
  entry(record: CrmRecord, customerId: string): ExtraPut {
    return { item: { ...srcKey(record), entity: 'source_record', customerId, record: CrmRecordSchema.parse(record), modifiedAt: record.modifiedAt } };
  },
});

const reviewKey = (item: ReviewItem) => ({ pk: `REVIEW#${item.status}`, sk: `${item.createdAt}#${item.reviewId}` });
const reviewLookup = (reviewId: string) => ({ gsi2pk: `CRMREVIEW#${reviewId}`, gsi2sk: 'REVIEW' });
const isConditionFailure = (error: unknown): boolean => error instanceof Error && (error.name === 'TransactionCanceledException' || error.name === 'ConditionalCheckFailedException');
const resolveItems = (item: ReviewItem, resolution: NonNullable<ReviewItem['resolution']>) => {
  const resolved = ReviewItemSchema.parse({ ...item, status: 'resolved', resolution });
  return { resolved, put: { item: { ...reviewKey(resolved), entity: 'review', review: resolved, ...reviewLookup(item.reviewId) } }, remove: { key: reviewKey({ ...item, status: 'open' }) } };
};

export const reviewQueue = ({ client, tableName }: TableRef): ReviewQueue & ReviewDecisions & ReviewLookup & {
  list(status?: ReviewItem['status'], limit?: number): Promise<ReviewItem[]>;
} => {
  /** Pages through the open queue (bounded by reviewer throughput, not by customers). */
  const findOpen = async (reviewId: string): Promise<ReviewItem | undefined> => {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: '#review.#reviewId = :id',
          ExpressionAttributeNames: { '#review': 'review', '#reviewId': 'reviewId' },
          ExpressionAttributeValues: { ':pk': 'REVIEW#open', ':id': reviewId },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const found = page.Items?.[0];
      if (found) return ReviewItemSchema.parse(found['review']);
      start = page.LastEvaluatedKey;
    } while (start);
    return undefined;
  };
  return {
    findOpen,
    resolve(item: ReviewItem, resolution: NonNullable<ReviewItem['resolution']>) {
      const { put, remove } = resolveItems(item, resolution);
      return { put, remove };
    },
    /** gsi2 by id (items written since the lookup existed; older open ones through `findOpen`). */
    async find(reviewId: string) {
      const { Items = [] } = await client.send(
        new QueryCommand({ TableName: tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': reviewLookup(reviewId).gsi2pk } }),
      );
      const found = Items.map((i) => ReviewItemSchema.parse(i['review'])).sort((a, b) => Number(b.status === 'resolved') - Number(a.status === 'resolved'))[0];
      return found ?? (await findOpen(reviewId));
    },
    async resolveAlone(item: ReviewItem, resolution: NonNullable<ReviewItem['resolution']>) {
      const { resolved, put, remove } = resolveItems(item, resolution);
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Delete: { TableName: tableName, Key: remove.key, ConditionExpression: 'attribute_exists(pk)' } },
              { Put: { TableName: tableName, Item: put.item } },
            ],
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new ConflictError(`Review ${item.reviewId} was decided concurrently`, { cause: error });
        throw error;
      }
      return resolved;
    },
    entry(item: ReviewItem): ExtraPut {
      return { item: { ...reviewKey(item), entity: 'review', review: ReviewItemSchema.parse(item), ...reviewLookup(item.reviewId) }, condition: 'not_exists' };
    },
    async list(status = 'open', limit = 50) {
      const { Items = [] } = await client.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `REVIEW#${status}` }, ScanIndexForward: false, Limit: limit }),
      );
      return Items.map((i) => ReviewItemSchema.parse(i['review']));
    },
  };
};

const mergeKey = (survivorId: string, absorbedId: string) => ({ pk: `MERGE#${survivorId}`, sk: absorbedId });

export const mergeRecordStore = ({ client, tableName }: TableRef): MergeRecordStore => ({
  entry(record: MergeRecord): ExtraPut {
    return { item: { ...mergeKey(record.survivorId, record.absorbedId), entity: 'merge', merge: MergeRecordSchema.parse(record) } };
  },
  async get(survivorId, absorbedId) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: mergeKey(survivorId, absorbedId), ConsistentRead: true }));
    return Item && Item['undone'] !== true ? MergeRecordSchema.parse(Item['merge']) : undefined;
  },
  undoneEntry(record: MergeRecord, at: string): ExtraPut {
    return { item: { ...mergeKey(record.survivorId, record.absorbedId), entity: 'merge', merge: MergeRecordSchema.parse(record), undone: true, undoneAt: at } };
  },
  async originRecords(crmRecordIds) {
    const records = await Promise.all(
      crmRecordIds.map(async (id) => {
        const [crm, connectionId, ...rest] = id.split(':');
        if (!crm || !connectionId || rest.length === 0) return undefined;
        const { Item } = await client.send(
          new GetCommand({ TableName: tableName, Key: srcKey({ crm, connectionId, objectType: 'customer', externalId: rest.join(':') }), ConsistentRead: true }),
        );
        const record = Item ? CrmRecordSchema.parse(Item['record']) : undefined;
        return record?.objectType === 'customer' ? record : undefined;
      }),
    );
    return records.filter((r): r is CrmCustomerRecord => r !== undefined);
  },
});

/** Poll cursors, Zoho channels (with their echo token) and the count of dropped write-back echoes. */
export const crmStateStore = ({ client, tableName }: TableRef) => ({
  async getCursor(connectionId: string, objectName: string): Promise<PollCursor | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: `CURSOR#${connectionId}`, sk: objectName }, ConsistentRead: true }));
    return Item ? PollCursorSchema.parse(Item['cursor']) : undefined;
  },
  async putCursor(connectionId: string, objectName: string, cursor: PollCursor): Promise<void> {
    await client.send(new PutCommand({ TableName: tableName, Item: { pk: `CURSOR#${connectionId}`, sk: objectName, entity: 'cursor', cursor: PollCursorSchema.parse(cursor) } }));
  },
  async getChannel(connectionId: string): Promise<{ channel: WatchChannel; token: string } | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: `CHANNEL#${connectionId}`, sk: 'CHANNEL' } }));
    return Item ? { channel: WatchChannelSchema.parse(Item['channel']), token: z.string().min(1).parse(Item['token']) } : undefined;
  },
  async putChannel(channel: WatchChannel, token: string): Promise<void> {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: `CHANNEL#${channel.connectionId}`, sk: 'CHANNEL', entity: 'channel', channel: WatchChannelSchema.parse(channel), token, gsi1pk: 'CHANNELS', gsi1sk: channel.connectionId },
      }),
    );
  },
  async listChannels(): Promise<Array<{ channel: WatchChannel; token: string }>> {
    const { Items = [] } = await client.send(
      new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'CHANNELS' } }),
    );
    return Items.map((i) => ({ channel: WatchChannelSchema.parse(i['channel']), token: z.string().parse(i['token']) }));
  },
  /** Counts dropped echoes per connection (`ECHO#<connectionId> / COUNT`). */
  async countEcho(connectionId: string): Promise<void> {
    await client.send(
      new UpdateCommand({ TableName: tableName, Key: { pk: `ECHO#${connectionId}`, sk: 'COUNT' }, UpdateExpression: 'ADD dropped :one', ExpressionAttributeValues: { ':one': 1 } }),
    );
  },
  /** How many write-back echoes were dropped for a connection. */
  async echoCount(connectionId: string): Promise<number> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: `ECHO#${connectionId}`, sk: 'COUNT' }, ConsistentRead: true }));
    return Item ? z.number().int().nonnegative().parse(Item['dropped']) : 0;
  },
});
export type CrmStateStore = ReturnType<typeof crmStateStore>;

export { ImportJobSchema, type ImportJob };

const MAX_STORED_ERRORS = 200;
const jobKey = (jobId: string) => ({ pk: `IMPORT#${jobId}`, sk: 'JOB' });
/** Marks one crm-ingest message as counted in its import job (a partition of its own: the job item is hot enough). */
const outcomeMarkerKey = (jobId: string, messageId: string) => ({ pk: `IMPORT#${jobId}#MSG#${messageId}`, sk: 'COUNTED' });
/** Longer than the crm-ingest queue keeps a message (14 days), so every redelivery finds its marker. */
const OUTCOME_MARKER_DAYS = 15;
/** Tries of an outcome write that meets a transaction conflict on the job item. */
const OUTCOME_ATTEMPTS = 5;
const JOB_ATTRIBUTES = ['jobId', 'mapping', 'connectionId', 'format', 'status', 'createdAt', 'chunks', 'rowsRead', 'recordsQueued', 'recordsApplied', 'recordsFailed', 'rowErrors', 'errors', 'inlineMapping'] as const;

/** Bulk import jobs: counters updated atomically (ADD) by the API (rows read/queued) and the worker (applied). */
export const importJobStore = ({ client, tableName }: TableRef) => ({
  async create(job: ImportJob): Promise<void> {
    await client.send(new PutCommand({ TableName: tableName, Item: { ...jobKey(job.jobId), entity: 'import_job', ...ImportJobSchema.parse(job) }, ConditionExpression: 'attribute_not_exists(pk)' }));
  },
  async get(jobId: string): Promise<ImportJob | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: jobKey(jobId), ConsistentRead: true }));
    if (!Item) return undefined;
    return ImportJobSchema.parse(Object.fromEntries(JOB_ATTRIBUTES.filter((k) => k in Item).map((k) => [k, Item[k]])));
  },
  async addChunk(jobId: string, counts: { rowsRead: number; recordsQueued: number; errors: Array<{ line: number; reason: string }>; complete: boolean }, storedErrors: number): Promise<void> {
    const room = Math.max(0, MAX_STORED_ERRORS - storedErrors);
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: jobKey(jobId),
        UpdateExpression: 'ADD chunks :one, rowsRead :r, recordsQueued :q, rowErrors :e SET #errors = list_append(#errors, :list), #status = :status',
        ExpressionAttributeNames: { '#errors': 'errors', '#status': 'status' },
        ExpressionAttributeValues: {
          ':one': 1, ':r': counts.rowsRead, ':q': counts.recordsQueued, ':e': counts.errors.length,
          ':list': counts.errors.slice(0, room), ':status': counts.complete ? 'complete' : 'receiving',
        },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  },
  /**
   * Adds the outcomes of a worker batch's messages to the job, each message once however often SQS
   * delivers it: one transaction writes a marker per message (`IMPORT#job#MSG#messageId`, kept past the
   * queue's retention) and adds the counts of the messages not marked before. Markers that exist drop out
   * and the rest is written again; conflicts on the hot job item are retried, then thrown (the batch
   * then comes again and is counted once).
   */
  async recordOutcomes(jobId: string, outcomes: ReadonlyArray<{ messageId: string; outcome: 'applied' | 'failed'; records: number }>): Promise<void> {
    let pending = [...outcomes];
    const expiresAt = Math.floor(Date.now() / 1000) + OUTCOME_MARKER_DAYS * 86_400;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const applied = pending.reduce((n, o) => n + (o.outcome === 'applied' ? o.records : 0), 0);
      const failed = pending.reduce((n, o) => n + (o.outcome === 'failed' ? o.records : 0), 0);
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              ...pending.map((o) => ({
                Put: { TableName: tableName, Item: { ...outcomeMarkerKey(jobId, o.messageId), entity: 'import_outcome', outcome: o.outcome, records: o.records, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' },
              })),
              {
                Update: {
                  TableName: tableName, Key: jobKey(jobId), UpdateExpression: 'ADD recordsApplied :a, recordsFailed :f',
                  ExpressionAttributeValues: { ':a': applied, ':f': failed }, ConditionExpression: 'attribute_exists(pk)',
                },
              },
            ],
          }),
        );
        return;
      } catch (error) {
        const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
        const counted = new Set(pending.flatMap((o, i) => (reasons?.[i]?.Code === 'ConditionalCheckFailed' ? [o.messageId] : [])));
        if (counted.size > 0) pending = pending.filter((o) => !counted.has(o.messageId));
        else if (!isTransientDynamoError(error) || attempt >= OUTCOME_ATTEMPTS) throw error;
        else await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));
      }
    }
  },
  async recordOutcome(jobId: string, outcome: 'applied' | 'failed'): Promise<void> {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: jobKey(jobId),
        UpdateExpression: `ADD ${outcome === 'applied' ? 'recordsApplied' : 'recordsFailed'} :one`,
        ExpressionAttributeValues: { ':one': 1 },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  },
});
export type ImportJobStore = ReturnType<typeof importJobStore>;
