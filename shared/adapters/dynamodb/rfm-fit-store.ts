import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors.js';
import { RfmFitSchema, type RfmFit, type RfmFitStore } from '../../domain/rating/rfm.js';
import { isConditionFailure, type TableRef } from './client.js';

/**
 * The portfolio's RFM fits, versioned: each refresh writes `RFMFIT / VERSION#<n>` (kept, ~2 KB) and
 * replaces `RFMFIT / CURRENT` in one transaction conditioned on the version it read, so two
 * concurrent refreshes store two versions, never one twice. Zod-parsed when read back.
 */
const PK = 'RFMFIT';
const CURRENT = { pk: PK, sk: 'CURRENT' };
const versionKey = (version: number) => ({ pk: PK, sk: `VERSION#${String(version).padStart(8, '0')}` });
const MAX_ATTEMPTS = 5;

const isCancelled = (error: unknown): boolean => isConditionFailure(error) || (error instanceof Error && error.name === 'TransactionCanceledException');

export const rfmFitStore = ({ client, tableName }: TableRef): RfmFitStore => {
  const read = async (key: Record<string, string>) => {
    const out = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return out.Item;
  };
  return {
    async get(version?: number): Promise<RfmFit | undefined> {
      const item = await read(version === undefined ? CURRENT : versionKey(version));
      return item ? RfmFitSchema.parse(item['fit']) : undefined;
    },
    async put(fit: RfmFit): Promise<RfmFit> {
      for (let attempt = 1; ; attempt += 1) {
        const current = await read(CURRENT);
        const previous = typeof current?.['version'] === 'number' ? current['version'] : undefined;
        const stored = RfmFitSchema.parse({ ...fit, version: (previous ?? (current ? 1 : 0)) + 1 });
        const condition =
          previous === undefined
            ? { ConditionExpression: 'attribute_not_exists(#v)', ExpressionAttributeNames: { '#v': 'version' } }
            : { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': previous } };
        try {
          await client.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: { TableName: tableName, Item: { ...versionKey(stored.version!), entity: 'rfm_fit', fit: stored }, ConditionExpression: 'attribute_not_exists(pk)' } },
                { Put: { TableName: tableName, Item: { ...CURRENT, entity: 'rfm_fit', version: stored.version, fit: stored }, ...condition } },
              ],
            }),
          );
          return stored;
        } catch (error) {
          if (!isCancelled(error)) throw error;
          if (attempt >= MAX_ATTEMPTS) throw new ConflictError('The RFM fit changed concurrently', { cause: error, retryable: true });
        }
      }
    },
  };
};
