import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { RfmFitSchema, type RfmFit, type RfmFitStore } from '../../domain/rating/rfm.js';
import type { TableRef } from './client.js';

/** The portfolio's current RFM fit: one item `RFMFIT / CURRENT`, replaced by each refresh; zod-parsed when read back. */
const KEY = { pk: 'RFMFIT', sk: 'CURRENT' };

export const rfmFitStore = ({ client, tableName }: TableRef): RfmFitStore => ({
  async get(): Promise<RfmFit | undefined> {
    const out = await client.send(new GetCommand({ TableName: tableName, Key: KEY, ConsistentRead: true }));
    return out.Item ? RfmFitSchema.parse(out.Item['fit']) : undefined;
  },
  async put(fit: RfmFit): Promise<void> {
    await client.send(new PutCommand({ TableName: tableName, Item: { ...KEY, entity: 'rfm_fit', fit: RfmFitSchema.parse(fit) } }));
  },
});
