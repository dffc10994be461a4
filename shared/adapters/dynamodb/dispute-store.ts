import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { DisputeRecordSchema, type DisputeRecord, type DisputeSubject } from '../../domain/disputes/dispute.js';
import type { DisputeListFilter, DisputeRepository, DisputeWrite } from '../../domain/disputes/manage-disputes.js';
import { ConflictError, TransientError } from '../../domain/errors.js';
import { isConditionFailure, isTransientDynamoError, type TableRef } from './client.js';
import { eventItem } from './event-items.js';
import { profileTransactItems } from './profile-store.js';

/**
 * Disputes: `DISPUTE#<id> / DISPUTE`, listed newest first on gsi1 (`DISPUTES`, openedAt) and per
 * customer on gsi2 (`DISPUTES_OF#<customerId>`, openedAt). Each subject has a pointer
 * `DISPUTESUBJECT#<type>#<customerId>#<id> / SUBJECT` naming its open dispute: opening is one
 * transaction that succeeds only while no dispute on that subject is open; resolving frees it.
 */
const disputeKey = (disputeId: string) => ({ pk: `DISPUTE#${disputeId}`, sk: 'DISPUTE' });
const subjectKey = (s: DisputeSubject) => ({ pk: `DISPUTESUBJECT#${s.type}#${s.customerId}#${s.id}`, sk: 'SUBJECT' });
const ItemSchema = z.object({ dispute: DisputeRecordSchema });
const PointerSchema = z.object({ disputeId: z.string(), open: z.boolean() });

/** Where a page of disputes ended (gsi1 key of its last dispute). */
export const DisputePagePositionSchema = z.strictObject({ pk: z.string(), sk: z.string(), gsi1pk: z.string(), gsi1sk: z.string() });

const toItem = (d: DisputeRecord) => ({
  ...disputeKey(d.disputeId),
  entity: 'dispute',
  dispute: DisputeRecordSchema.parse(d),
  gsi1pk: 'DISPUTES',
  gsi1sk: `${d.openedAt}#${d.disputeId}`,
  gsi2pk: `DISPUTES_OF#${d.subject.customerId}`,
  gsi2sk: `${d.openedAt}#${d.disputeId}`,
});

const transient = (error: unknown): never => {
  if (isTransientDynamoError(error)) throw new TransientError('storage_busy', 'The table is busy, try again', { cause: error });
  throw error;
};

const listFilter = ({ status, subjectType, customerId, overdueAt }: DisputeListFilter) => {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const on = (path: string[], op: string, name: string, value: unknown) => {
    names['#d'] = 'dispute';
    for (const p of path) names[`#${p}`] = p;
    parts.push(`#d.${path.map((p) => `#${p}`).join('.')} ${op} :${name}`);
    values[`:${name}`] = value;
  };
  if (status !== undefined) on(['status'], '=', 'status', status);
  if (subjectType !== undefined) on(['subject', 'type'], '=', 'subjectType', subjectType);
  if (customerId !== undefined) on(['subject', 'customerId'], '=', 'customerId', customerId);
  if (overdueAt !== undefined) {
    on(['dueAt'], '<=', 'overdueAt', overdueAt);
    on(['status'], '<>', 'resolved', 'resolved');
  }
  return { parts, names, values };
};

export const disputeStore = ({ client, tableName }: TableRef): DisputeRepository => ({
  async get(disputeId) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: disputeKey(disputeId), ConsistentRead: true })).catch(transient);
    return Item ? ItemSchema.parse(Item).dispute : undefined;
  },
  async openOn(subject) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: subjectKey(subject), ConsistentRead: true })).catch(transient);
    const pointer = PointerSchema.safeParse(Item);
    if (!pointer.success || !pointer.data.open) return undefined;
    return this.get(pointer.data.disputeId);
  },
  async write({ dispute, expectedVersion, events, profile }: DisputeWrite) {
    const open = dispute.status !== 'resolved';
    const pointer =
      expectedVersion === 0
        ? {
            Put: {
              TableName: tableName,
              Item: { ...subjectKey(dispute.subject), entity: 'dispute-subject', disputeId: dispute.disputeId, open: true },
              ConditionExpression: 'attribute_not_exists(pk) OR #open = :false',
              ExpressionAttributeNames: { '#open': 'open' },
              ExpressionAttributeValues: { ':false': false },
            },
          }
        : !open
          ? {
              Update: {
                TableName: tableName,
                Key: subjectKey(dispute.subject),
                UpdateExpression: 'SET #open = :false',
                ConditionExpression: 'disputeId = :id',
                ExpressionAttributeNames: { '#open': 'open' },
                ExpressionAttributeValues: { ':false': false, ':id': dispute.disputeId },
              },
            }
          : undefined;
    const items = [
      ...(profile ? profileTransactItems(tableName, profile) : []),
      {
        Put: {
          TableName: tableName,
          Item: toItem(dispute),
          ...(expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: '#d.#version = :expected', ExpressionAttributeNames: { '#d': 'dispute', '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
        },
      },
      ...(pointer ? [pointer] : []),
      ...events.map((e) => ({ Put: { TableName: tableName, Item: eventItem(e), ConditionExpression: 'attribute_not_exists(pk)' } })),
    ];
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (isConditionFailure(error) || (error instanceof Error && error.name === 'TransactionCanceledException')) {
        // The first item is the profile when there is one: name who lost the race, so the use case retries profile races only.
        const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
        const profileLost = profile !== undefined && reasons[0]?.Code === 'ConditionalCheckFailed';
        throw new ConflictError(profileLost ? `Customer ${profile.profile.customerId} changed concurrently` : `Dispute ${dispute.disputeId} changed concurrently`, { cause: error });
      }
      transient(error);
    }
  },
  async page(filter, limit, after) {
    const { parts, names, values } = listFilter(filter);
    const out: DisputeRecord[] = [];
    let startKey: Record<string, unknown> | undefined = after === undefined ? undefined : DisputePagePositionSchema.parse(after);
    do {
      const page = await client
        .send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ...(parts.length > 0 ? { FilterExpression: parts.join(' AND '), ExpressionAttributeNames: names } : {}),
            ExpressionAttributeValues: { ':pk': 'DISPUTES', ...values },
            ScanIndexForward: false,
            Limit: limit - out.length,
            ExclusiveStartKey: startKey,
          }),
        )
        .catch(transient);
      for (const raw of page.Items ?? []) out.push(ItemSchema.parse(raw).dispute);
      startKey = page.LastEvaluatedKey;
    } while (startKey && out.length < limit);
    return startKey ? { disputes: out, next: DisputePagePositionSchema.parse(startKey) } : { disputes: out };
  },
  async ofCustomer(customerId) {
    const out: DisputeRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client
        .send(new QueryCommand({ TableName: tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': `DISPUTES_OF#${customerId}` }, ScanIndexForward: false, ExclusiveStartKey: startKey }))
        .catch(transient);
      for (const raw of page.Items ?? []) out.push(ItemSchema.parse(raw).dispute);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  },
});
