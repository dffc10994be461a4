import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ApiKeyRecordSchema, type ApiKeyRecord } from '../../domain/auth/api-key.js';
import { NotFoundError } from '../../domain/errors.js';
import { isConditionFailure, type TableRef } from './client.js';

const keyOf = (keyId: string) => ({ pk: `APIKEY#${keyId}`, sk: 'APIKEY' });

const toItem = (record: ApiKeyRecord) => ({
  ...keyOf(record.keyId),
  entity: 'api_key',
  record: ApiKeyRecordSchema.parse(record),
  gsi1pk: 'APIKEYS',
  gsi1sk: `${record.createdAt}#${record.keyId}`,
});

/** API keys, stored by key id with only the secret's hash. */
export const apiKeyStore = ({ client, tableName }: TableRef) => ({
  async get(keyId: string): Promise<ApiKeyRecord | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keyOf(keyId) }));
    return Item ? ApiKeyRecordSchema.parse(Item['record']) : undefined;
  },

  async create(record: ApiKeyRecord): Promise<void> {
    await client.send(new PutCommand({ TableName: tableName, Item: toItem(record), ConditionExpression: 'attribute_not_exists(pk)' }));
  },

  /** Puts the key unless one with that id exists (bootstrap keys are idempotent). Returns whether it was created. */
  async createIfAbsent(record: ApiKeyRecord): Promise<boolean> {
    try {
      await this.create(record);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async list(): Promise<ApiKeyRecord[]> {
    const out: ApiKeyRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'APIKEYS' }, ExclusiveStartKey: startKey }),
      );
      out.push(...(page.Items ?? []).map((i) => ApiKeyRecordSchema.parse(i['record'])));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  },

  async revoke(keyId: string, at: Date): Promise<ApiKeyRecord> {
    try {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(keyId),
          UpdateExpression: 'SET #r.#s = :revoked, #r.revokedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#r': 'record', '#s': 'status' },
          ExpressionAttributeValues: { ':revoked': 'revoked', ':at': at.toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return ApiKeyRecordSchema.parse(Attributes?.['record']);
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFoundError(`API key ${keyId}`);
      throw error;
    }
  },

  /** pending → active, once a `key.issue` approval was granted. */
  async activate(keyId: string): Promise<ApiKeyRecord> {
    try {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(keyId),
          UpdateExpression: 'SET #r.#s = :active',
          ConditionExpression: 'attribute_exists(pk) AND #r.#s = :pending',
          ExpressionAttributeNames: { '#r': 'record', '#s': 'status' },
          ExpressionAttributeValues: { ':active': 'active', ':pending': 'pending' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return ApiKeyRecordSchema.parse(Attributes?.['record']);
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFoundError(`Pending API key ${keyId}`);
      throw error;
    }
  },

  /** Revokes every active bootstrap key (the bootstrap phase is over); returns how many. */
  async expireAll(at: Date): Promise<number> {
    const bootstrap = (await this.list()).filter((k) => k.bootstrap && k.status === 'active');
    for (const key of bootstrap) await this.revoke(key.keyId, at);
    return bootstrap.length;
  },

  /** Creates the replacement and revokes the old key in one transaction. */
  async rotate(oldKeyId: string, replacement: ApiKeyRecord, at: Date): Promise<void> {
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: toItem(replacement), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Update: {
                TableName: tableName,
                Key: keyOf(oldKeyId),
                UpdateExpression: 'SET #r.#s = :revoked, #r.revokedAt = :at',
                ConditionExpression: 'attribute_exists(pk) AND #r.#s = :active',
                ExpressionAttributeNames: { '#r': 'record', '#s': 'status' },
                ExpressionAttributeValues: { ':revoked': 'revoked', ':active': 'active', ':at': at.toISOString() },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFoundError(`Active API key ${oldKeyId}`);
      throw error;
    }
  },
});
export type ApiKeyStore = ReturnType<typeof apiKeyStore>;
