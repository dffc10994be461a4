import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AuditEntrySchema, nextEntry, verifyChain, type AuditEntry, type AuditInput, type ChainVerdict } from '../../domain/audit/audit-chain.js';
import { TransientError } from '../../domain/errors.js';
import { isConditionFailure, type TableRef } from './client.js';

/** Chains are sharded so that appends do not all contend on one head item. */
const CHAINS = 4;
const MAX_ATTEMPTS = 10;

const headKey = (chain: string) => ({ pk: `AUDITHEAD#${chain}`, sk: 'HEAD' });
const entryKey = (chain: string, seq: number) => ({ pk: `AUDIT#${chain}`, sk: String(seq).padStart(12, '0') });

export interface AuditLog {
  append(input: AuditInput): Promise<AuditEntry>;
  verify(): Promise<ChainVerdict[]>;
}

/** The audit log on the table: entry + head update in one conditional transaction. */
export const auditLog = ({ client, tableName }: TableRef, clock: { now(): Date } = { now: () => new Date() }): AuditLog => ({
  async append(input) {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const chain = `c${Math.floor(Math.random() * CHAINS)}`;
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: headKey(chain), ConsistentRead: true }));
      const head = Item ? { seq: Number(Item['seq']), hash: String(Item['hash']) } : undefined;
      const entry = nextEntry(head, chain, input, clock.now());
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: { ...entryKey(chain, entry.seq), entity: 'audit', entry }, ConditionExpression: 'attribute_not_exists(pk)' } },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...headKey(chain), seq: entry.seq, hash: entry.hash },
                  ...(head
                    ? { ConditionExpression: '#s = :seq', ExpressionAttributeNames: { '#s': 'seq' }, ExpressionAttributeValues: { ':seq': head.seq } }
                    : { ConditionExpression: 'attribute_not_exists(pk)' }),
                },
              },
            ],
          }),
        );
        return entry;
      } catch (error) {
        if (!isConditionFailure(error) && (error as { name?: string }).name !== 'TransactionCanceledException') throw error;
      }
    }
    throw new TransientError('audit_contention', 'Could not append to the audit log; try again');
  },

  async verify() {
    const verdicts: ChainVerdict[] = [];
    for (let i = 0; i < CHAINS; i++) {
      const chain = `c${i}`;
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: headKey(chain), ConsistentRead: true }));
      const entries: AuditEntry[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${chain}` }, ExclusiveStartKey: startKey, ConsistentRead: true }),
        );
        entries.push(...(page.Items ?? []).map((it) => AuditEntrySchema.parse(it['entry'])));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      verdicts.push(verifyChain(chain, entries, Item ? { seq: Number(Item['seq']), hash: String(Item['hash']) } : undefined));
    }
    return verdicts;
  },
});
