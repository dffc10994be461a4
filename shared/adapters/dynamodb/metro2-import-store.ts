import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { Metro2ImportSchema, type Metro2ImportStore } from '../../domain/bureau-pulls/import-metro2.js';
import type { TableRef } from './client.js';

const importKey = (importId: string) => ({ pk: `METRO2IMPORT#${importId}`, sk: 'IMPORT' });
const ItemSchema = z.object({ record: Metro2ImportSchema });

/**
 * Metro 2 imports: `METRO2IMPORT#<importId> / IMPORT` holds the import record (outcomes per consumer,
 * ids and reasons) and the file gzip'd (`fileGz`), so a consumer held for review can be taken up again
 * from the bytes that arrived. The route bounds a file to 1 MiB; 426-byte records of mostly blanks
 * compress far below DynamoDB's 400 KB item limit.
 */
export const metro2ImportStore = ({ client, tableName }: TableRef): Metro2ImportStore => ({
  async save(record, file) {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...importKey(record.importId), entity: 'metro2_import', record: Metro2ImportSchema.parse(record), fileGz: gzipSync(Buffer.from(file, 'utf8')) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },
  async get(importId) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: importKey(importId), ConsistentRead: true }));
    return Item ? ItemSchema.parse(Item).record : undefined;
  },
});
