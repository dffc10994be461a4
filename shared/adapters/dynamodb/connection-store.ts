import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConnectionConfigSchema, type ConnectionConfig } from '../../domain/crm/field-mapping.js';
import type { TableRef } from './client.js';

const keyOf = (connectionId: string) => ({ pk: `CONNECTION#${connectionId}`, sk: 'CONFIG' });

/**
 * CRM connection configurations (field mapping, write-back mapping, secret names). Cached in
 * memory for a minute per container, since every ingest and write-back reads them. A miss is not
 * cached: a connection created elsewhere (a granted `crm_connection.create`) is found at once.
 */
export const connectionStore = ({ client, tableName }: TableRef, cacheMs = 60_000) => {
  const cache = new Map<string, { at: number; config: ConnectionConfig | undefined }>();
  return {
    async get(connectionId: string): Promise<ConnectionConfig | undefined> {
      const hit = cache.get(connectionId);
      if (hit && Date.now() - hit.at < cacheMs) return hit.config;
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keyOf(connectionId) }));
      const config = Item ? ConnectionConfigSchema.parse(Item['config']) : undefined;
      if (config) cache.set(connectionId, { at: Date.now(), config });
      else cache.delete(connectionId);
      return config;
    },
    async put(config: ConnectionConfig): Promise<void> {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keyOf(config.connectionId), entity: 'connection', config: ConnectionConfigSchema.parse(config), gsi1pk: 'CONNECTIONS', gsi1sk: config.connectionId },
        }),
      );
      cache.delete(config.connectionId);
    },
    async list(): Promise<ConnectionConfig[]> {
      const { Items = [] } = await client.send(
        new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'CONNECTIONS' } }),
      );
      return Items.map((i) => ConnectionConfigSchema.parse(i['config']));
    },
  };
};
export type ConnectionStore = ReturnType<typeof connectionStore>;
