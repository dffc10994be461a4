import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { auditLog } from '../../../shared/adapters/dynamodb/audit-log.js';
import { AuditEntrySchema, nextEntry, type AuditEntry } from '../../../shared/domain/audit/audit-chain.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

/**
 * Reproduces the reported defect: someone with write access to the table rewrites the audit log
 * consistently (recomputed hashes, head updated) and `verify` still answers ok.
 */
describe('audit log rewritten by someone with table write access', () => {
  const clients = emulatorClients();
  let table: { client: typeof clients.doc; tableName: string };
  beforeAll(async () => {
    table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
  });
  afterAll(() => clients.destroy());

  const items = async (pk: string) =>
    (await table.client.send(new QueryCommand({ TableName: table.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }))).Items ?? [];
  const chainEntries = async (chain: string): Promise<Array<{ item: Record<string, unknown>; entry: AuditEntry }>> =>
    (await items(`AUDIT#${chain}`)).map((item) => ({ item, entry: AuditEntrySchema.parse(item['entry']) }));

  /** Writes entries and returns the chain holding the most of them. */
  const seed = async (log: ReturnType<typeof auditLog>, n: number): Promise<string> => {
    for (let i = 0; i < n; i++) await log.append({ actor: 'key:admin', action: 'test.appended', target: `t:${i}`, details: { i } });
    const verdicts = await log.verify();
    return [...verdicts].sort((a, b) => b.entries - a.entries)[0]!.chain;
  };

  it('answers ok: false after an entry is edited with recomputed hashes and a rewritten head', async () => {
    const log = auditLog(table);
    const chain = await seed(log, 12);
    // The forger rewrites entry 1 and re-chains every later entry, then moves the head.
    const existing = await chainEntries(chain);
    let head: { seq: number; hash: string } | undefined;
    for (const { item, entry } of existing) {
      const { chain: c, seq: _s, at, prevHash: _p, hash: _h, ...content } = entry;
      const forged = nextEntry(head, c, entry.seq === 1 ? { ...content, actor: 'mallory' } : content, new Date(at));
      await table.client.send(new PutCommand({ TableName: table.tableName, Item: { ...item, entry: forged } }));
      head = { seq: forged.seq, hash: forged.hash };
    }
    const headItem = (await items(`AUDITHEAD#${chain}`))[0]!;
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: { ...headItem, seq: head!.seq, hash: head!.hash } }));

    const verdicts = await log.verify();
    expect(verdicts.some((v) => !v.ok)).toBe(true);
  });

  it('answers ok: false after the tail is cut off and the head moved back', async () => {
    const log = auditLog(table);
    const chain = await seed(log, 12);
    const existing = await chainEntries(chain);
    const keep = existing.slice(0, 1);
    for (const { item } of existing.slice(1)) await table.client.send(new DeleteCommand({ TableName: table.tableName, Key: { pk: item['pk'], sk: item['sk'] } }));
    const headItem = (await items(`AUDITHEAD#${chain}`))[0]!;
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: { ...headItem, seq: keep[0]!.entry.seq, hash: keep[0]!.entry.hash } }));

    const verdicts = await log.verify();
    expect(verdicts.some((v) => !v.ok)).toBe(true);
  });

  it('answers ok: false after every audit item is deleted', async () => {
    const log = auditLog(table);
    await seed(log, 8);
    for (let i = 0; i < 4; i++) {
      for (const item of [...(await items(`AUDIT#c${i}`)), ...(await items(`AUDITHEAD#c${i}`))]) {
        await table.client.send(new DeleteCommand({ TableName: table.tableName, Key: { pk: item['pk'], sk: item['sk'] } }));
      }
    }
    const verdicts = await log.verify();
    expect(verdicts.some((v) => !v.ok)).toBe(true);
  });
});
