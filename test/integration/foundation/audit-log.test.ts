import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { auditLog } from '../../../shared/adapters/dynamodb/audit-log.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

describe('audit log on DynamoDB Local', () => {
  const clients = emulatorClients();
  let table: { client: typeof clients.doc; tableName: string };
  beforeAll(async () => {
    table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
  });
  afterAll(() => clients.destroy());

  it('keeps every chain intact under concurrent appends, and detects an edited entry', async () => {
    const log = auditLog(table);
    await Promise.all(Array.from({ length: 30 }, (_, i) => log.append({ actor: `key:${i % 3}`, action: 'test.appended', target: `t:${i}`, details: { i } })));
    const verdicts = await log.verify();
    expect(verdicts.every((v) => v.ok)).toBe(true);
    expect(verdicts.reduce((n, v) => n + v.entries, 0)).toBe(30);

    const chain = verdicts.find((v) => v.entries > 1)!.chain;
    const { Items = [] } = await table.client.send(new QueryCommand({ TableName: table.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${chain}` }, Limit: 1 }));
    await table.client.send(
      new UpdateCommand({ TableName: table.tableName, Key: { pk: Items[0]!['pk'], sk: Items[0]!['sk'] }, UpdateExpression: 'SET #e.actor = :m', ExpressionAttributeNames: { '#e': 'entry' }, ExpressionAttributeValues: { ':m': 'mallory' } }),
    );
    const after = await log.verify();
    expect(after.find((v) => v.chain === chain)).toMatchObject({ ok: false, brokenAt: 1, reason: 'content altered' });
  });
});
