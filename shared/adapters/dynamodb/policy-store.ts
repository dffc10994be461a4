import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ConflictError, TransientError } from '../../domain/errors.js';
import { StoredPolicyRecordSchema, type PolicyRecord } from '../../domain/rating/lifecycle.js';
import type { RiskPolicy } from '../../domain/rating/policy.js';
import type { PolicyRepository, StoredPolicy } from '../../domain/risk/ports.js';
import { isConditionFailure, isTransientDynamoError, type TableRef } from './client.js';

/**
 * Risk policy versions and the active pointer, in one small partition (a handful of versions):
 * `POLICY / VERSION#<000000001>` holds one PolicyRecord with a revision counter for optimistic
 * writes; `POLICY / ACTIVE` holds the active version. Activation rewrites the target record,
 * the retired record and the pointer in one transaction conditioned on all three, so two
 * concurrent activations cannot both win and there is never more than one active policy.
 */
const PK = 'POLICY';
const versionKey = (version: number) => ({ pk: PK, sk: `VERSION#${String(version).padStart(9, '0')}` });
const activeKey = { pk: PK, sk: 'ACTIVE' };

const PolicyItemSchema = z.object({ rev: z.number().int().nonnegative(), record: StoredPolicyRecordSchema });
const PointerItemSchema = z.object({ version: z.number().int().positive(), rev: z.number().int().nonnegative() });

const toItem = (stored: StoredPolicy) => ({
  ...versionKey(stored.record.policy.version),
  entity: 'policy',
  version: stored.record.policy.version,
  status: stored.record.status,
  rev: stored.rev,
  record: stored.record,
});

const revCondition = (rev: number) =>
  rev === 0
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : { ConditionExpression: '#rev = :rev', ExpressionAttributeNames: { '#rev': 'rev' }, ExpressionAttributeValues: { ':rev': rev } };

const mapWriteError = (error: unknown, what: string): never => {
  if (isConditionFailure(error)) throw new ConflictError(`${what} changed concurrently or already exists`, { cause: error });
  if (isTransientDynamoError(error)) throw new TransientError('storage_busy', 'The table is busy, try again', { cause: error });
  throw error;
};

export const policyStore = ({ client, tableName }: TableRef, options: { defaultPolicy: RiskPolicy; now?: () => Date }): PolicyRepository => {
  const now = options.now ?? (() => new Date());
  const parsed = new Map<string, PolicyRecord>();

  const read = (item: Record<string, unknown>): StoredPolicy => {
    const { rev, record } = PolicyItemSchema.pick({ rev: true }).extend({ record: z.unknown() }).parse(item);
    // Records are immutable per revision: parse each (version, rev) once (the policy schema has cross-field checks).
    const cacheKey = `${String(item['version'])}#${rev}`;
    let parsedRecord = parsed.get(cacheKey);
    if (!parsedRecord) {
      parsedRecord = StoredPolicyRecordSchema.parse(record);
      parsed.set(cacheKey, parsedRecord);
    }
    return { rev, record: parsedRecord };
  };

  const get = async (version: number): Promise<StoredPolicy | undefined> => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: versionKey(version), ConsistentRead: true }));
    return Item ? read(Item) : undefined;
  };

  const pointer = async (): Promise<{ version: number; rev: number } | undefined> => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: activeKey, ConsistentRead: true }));
    return Item ? PointerItemSchema.parse(Item) : undefined;
  };

  /** Seeds the default policy as version 1, active, when no policy was ever activated. Idempotent. */
  const ensureDefault = async (): Promise<void> => {
    const at = now().toISOString();
    const record: PolicyRecord = {
      policy: { ...options.defaultPolicy, status: 'active' },
      status: 'active',
      author: 'system:default-policy',
      approvals: [{ by: 'system:default-policy', at }],
      approvedAt: at,
      activatedAt: at,
    };
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: toItem({ rev: 1, record }), ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: tableName, Item: { ...activeKey, entity: 'policy-pointer', version: record.policy.version, rev: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return; // someone seeded (or activated) first
      mapWriteError(error, 'Default policy');
    }
  };

  return {
    get,

    async list() {
      const out: StoredPolicy[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
            ExpressionAttributeValues: { ':pk': PK, ':v': 'VERSION#' },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        out.push(...(page.Items ?? []).map(read));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return out;
    },

    async active() {
      let p = await pointer();
      if (!p) {
        await ensureDefault();
        p = await pointer();
      }
      if (!p) throw new TransientError('policy_unavailable', 'No active risk policy could be read');
      const stored = await get(p.version);
      if (!stored) throw new TransientError('policy_unavailable', `Active policy version ${p.version} is missing`);
      return stored;
    },

    ensureDefault,

    async create(record) {
      try {
        await client.send(new PutCommand({ TableName: tableName, Item: toItem({ rev: 1, record }), ConditionExpression: 'attribute_not_exists(pk)' }));
      } catch (error) {
        if (isConditionFailure(error)) throw new ConflictError(`Policy version ${record.policy.version} already exists`, { cause: error });
        mapWriteError(error, `Policy version ${record.policy.version}`);
      }
      return { rev: 1, record };
    },

    async save(stored) {
      const next = { rev: stored.rev + 1, record: stored.record };
      try {
        await client.send(new PutCommand({ TableName: tableName, Item: toItem(next), ...revCondition(stored.rev) }));
      } catch (error) {
        mapWriteError(error, `Policy version ${stored.record.policy.version}`);
      }
      return next;
    },

    async activate({ target, retired }) {
      const current = await pointer();
      const expectedActive = retired?.record.policy.version;
      if ((current?.version ?? undefined) !== expectedActive) {
        throw new ConflictError(`The active policy changed concurrently (now ${current?.version ?? 'none'})`);
      }
      const pointerRev = (current?.rev ?? 0) + 1;
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: toItem({ rev: target.rev + 1, record: target.record }), ...revCondition(target.rev) } },
              ...(retired ? [{ Put: { TableName: tableName, Item: toItem({ rev: retired.rev + 1, record: retired.record }), ...revCondition(retired.rev) } }] : []),
              {
                Put: {
                  TableName: tableName,
                  Item: { ...activeKey, entity: 'policy-pointer', version: target.record.policy.version, rev: pointerRev },
                  ...(current
                    ? { ConditionExpression: '#rev = :rev AND #v = :v', ExpressionAttributeNames: { '#rev': 'rev', '#v': 'version' }, ExpressionAttributeValues: { ':rev': current.rev, ':v': current.version } }
                    : { ConditionExpression: 'attribute_not_exists(pk)' }),
                },
              },
            ],
          }),
        );
      } catch (error) {
        mapWriteError(error, 'The active policy');
      }
    },
  };
};
