import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { QuarantineEntrySchema, type QuarantineEntry } from '../../domain/audit/read-quarantine.js';
import type { Quarantine } from '../../lambda/sqs.js';
import type { TableRef } from './client.js';

const RETENTION_DAYS = 90;
/** Partitions are read page by page when looking up one message's payload; bounded. */
const MAX_PAYLOAD_PAGES = 20;

const PayloadItemSchema = QuarantineEntrySchema.extend({ body: z.instanceof(Uint8Array) });

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
    async list(source: string, limit = 50): Promise<QuarantineEntry[]> {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `QUARANTINE#${source}` },
          ProjectionExpression: '#m, #c, #r, #n, #at',
          ExpressionAttributeNames: { '#m': 'messageId', '#c': 'code', '#r': 'reason', '#n': 'receiveCount', '#at': 'at' },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return Items.map((i) => QuarantineEntrySchema.parse(i));
    },
    /** One entry with its gzip'd payload bytes (newest first when a message id repeats), or undefined. */
    async getPayload(source: string, messageId: string): Promise<(QuarantineEntry & { bodyGz: Buffer }) | undefined> {
      let startKey: Record<string, unknown> | undefined;
      for (let page = 0; page < MAX_PAYLOAD_PAGES; page += 1) {
        const result = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            FilterExpression: 'messageId = :m',
            ExpressionAttributeValues: { ':pk': `QUARANTINE#${source}`, ':m': messageId },
            ScanIndexForward: false,
            ExclusiveStartKey: startKey,
          }),
        );
        const item = result.Items?.[0];
        if (item) {
          const { body, ...entry } = PayloadItemSchema.parse(item);
          return { ...QuarantineEntrySchema.parse(entry), bodyGz: Buffer.from(body) };
        }
        startKey = result.LastEvaluatedKey;
        if (!startKey) return undefined;
      }
      return undefined;
    },
  };
};
