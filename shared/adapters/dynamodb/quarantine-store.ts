import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { gzipSync } from 'node:zlib';
import type { Quarantine } from '../../lambda/sqs.js';
import type { TableRef } from './client.js';

const RETENTION_DAYS = 90;

/**
 * Messages and payloads that can never succeed, kept with their reason and the exact bytes
 * (gzip-compressed) for investigation; listed by source. Never logged.
 */
export const quarantineStore = ({ client, tableName }: TableRef, clock: { now(): Date } = { now: () => new Date() }) => {
  const put: Quarantine['put'] = async (entry) => {
    const at = clock.now();
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: `QUARANTINE#${entry.source}`,
          sk: `${at.toISOString()}#${entry.messageId}`,
          entity: 'quarantine',
          source: entry.source,
          messageId: entry.messageId,
          code: entry.code,
          reason: entry.reason.slice(0, 2000),
          receiveCount: entry.receiveCount,
          body: gzipSync(Buffer.from(entry.body, 'utf8')),
          at: at.toISOString(),
          expiresAt: Math.floor(at.getTime() / 1000) + RETENTION_DAYS * 86_400,
        },
      }),
    );
  };
  return {
    put,
    async list(source: string, limit = 50): Promise<Array<{ messageId: string; code: string; reason: string; at: string }>> {
      const { Items = [] } = await client.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `QUARANTINE#${source}` }, ScanIndexForward: false, Limit: limit }),
      );
      return Items.map((i) => ({ messageId: String(i['messageId']), code: String(i['code']), reason: String(i['reason']), at: String(i['at']) }));
    },
  };
};
