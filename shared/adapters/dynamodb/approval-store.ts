import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ApprovalSchema, type Approval, type ApprovalStatus } from '../../domain/approvals/approval.js';
import type { ApprovalRepository, StoredApproval } from '../../domain/approvals/manage-approvals.js';
import { ConflictError, TransientError } from '../../domain/errors.js';
import { isConditionFailure, isTransientDynamoError, type TableRef } from './client.js';

/**
 * Approvals: `APPROVAL#<id> / APPROVAL` with a revision for optimistic writes; indexed on gsi1 by
 * status (`APPROVALS#<status>`, requestedAt) so the pending ones list without a scan.
 */
const keyOf = (approvalId: string) => ({ pk: `APPROVAL#${approvalId}`, sk: 'APPROVAL' });
const ItemSchema = z.object({ rev: z.number().int().positive(), approval: ApprovalSchema });

const toItem = ({ rev, approval }: StoredApproval) => ({
  ...keyOf(approval.approvalId),
  entity: 'approval',
  rev,
  approval: ApprovalSchema.parse(approval),
  gsi1pk: `APPROVALS#${approval.status}`,
  gsi1sk: `${approval.requestedAt}#${approval.approvalId}`,
});

const mapWriteError = (error: unknown, what: string): never => {
  if (isConditionFailure(error)) throw new ConflictError(`${what} changed concurrently`, { cause: error });
  if (isTransientDynamoError(error)) throw new TransientError('storage_busy', 'The table is busy, try again', { cause: error });
  throw error;
};

export const approvalStore = ({ client, tableName }: TableRef): ApprovalRepository => ({
  async get(approvalId) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keyOf(approvalId), ConsistentRead: true }));
    if (!Item) return undefined;
    const item = ItemSchema.parse(Item);
    return { rev: item.rev, approval: item.approval };
  },
  async create(approval: Approval) {
    const stored = { rev: 1, approval };
    try {
      await client.send(new PutCommand({ TableName: tableName, Item: toItem(stored), ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      return mapWriteError(error, `Approval ${approval.approvalId}`);
    }
    return stored;
  },
  async save(stored) {
    const next = { rev: stored.rev + 1, approval: stored.approval };
    try {
      await client.send(
        new PutCommand({ TableName: tableName, Item: toItem(next), ConditionExpression: '#rev = :rev', ExpressionAttributeNames: { '#rev': 'rev' }, ExpressionAttributeValues: { ':rev': stored.rev } }),
      );
    } catch (error) {
      return mapWriteError(error, `Approval ${stored.approval.approvalId}`);
    }
    return next;
  },
  async list(status: ApprovalStatus) {
    const out: StoredApproval[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `APPROVALS#${status}` }, ExclusiveStartKey: startKey }),
      );
      for (const raw of page.Items ?? []) {
        const item = ItemSchema.parse(raw);
        out.push({ rev: item.rev, approval: item.approval });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  },
});
