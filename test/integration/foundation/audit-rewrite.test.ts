import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { auditLog } from '../../../shared/adapters/dynamodb/audit-log.js';
import { nodeCheckpointSigner } from '../../../shared/adapters/files/checkpoint-signer.js';
import { fileCheckpointStore } from '../../../shared/adapters/files/checkpoint-store.js';
import { verifyAuditTrail, writeCheckpoint, type AuditVerdict } from '../../../shared/domain/audit/anchor.js';
import { AuditEntrySchema, nextEntry, type AuditEntry } from '../../../shared/domain/audit/audit-chain.js';
import { signCheckpoint } from '../../../shared/domain/audit/checkpoint.js';
import { systemClock } from '../../../shared/domain/clock.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

/**
 * The reported defect and the six attacks by someone with write access to the table (and, for the
 * checkpoint attack, to the checkpoint directory but not the key): each is answered ok: false
 * with the chain and the reason. DynamoDB Local and the file checkpoint store in a temp dir.
 */
describe('audit log rewritten by someone with table write access', () => {
  const clients = emulatorClients();
  const signer = nodeCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
  const dirs: string[] = [];
  afterAll(async () => {
    clients.destroy();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  /** A fresh table, log and checkpoint directory with `n` entries and one checkpoint over them. */
  const anchoredLog = async (n: number) => {
    const table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
    const log = auditLog(table, { pseudonymKey: async () => randomBytes(32) });
    const dir = await mkdtemp(join(tmpdir(), 'rb-audit-it-'));
    dirs.push(dir);
    const checkpoints = fileCheckpointStore(dir);
    for (let i = 0; i < n; i++) await log.append({ actor: 'key:admin', action: 'test.appended', target: `t:${i}`, details: { i } });
    const checkpoint = writeCheckpoint({ log, checkpoints, signer, clock: systemClock });
    await checkpoint();
    const verify = verifyAuditTrail({ log, checkpoints, key: signer });
    const items = async (pk: string) =>
      (await table.client.send(new QueryCommand({ TableName: table.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }))).Items ?? [];
    const entriesOf = async (chain: string): Promise<Array<{ item: Record<string, unknown>; entry: AuditEntry }>> =>
      (await items(`AUDIT#${chain}`)).map((item) => ({ item, entry: AuditEntrySchema.parse(item['entry']) }));
    const remove = async (item: Record<string, unknown>) => table.client.send(new DeleteCommand({ TableName: table.tableName, Key: { pk: item['pk'], sk: item['sk'] } }));
    const put = async (item: Record<string, unknown>) => table.client.send(new PutCommand({ TableName: table.tableName, Item: item }));
    const before = await verify();
    const busiest = [...before.chains].sort((a, b) => b.entries - a.entries)[0]!.chain;
    return { log, checkpoints, checkpoint, verify, items, entriesOf, remove, put, before, busiest, dir };
  };
  const verdictOf = (verdict: AuditVerdict, chain: string) => verdict.chains.find((c) => c.chain === chain);

  it('verifies an untouched log as ok, anchored, and counts entries after the checkpoint as unanchored', async () => {
    const { log, verify, before } = await anchoredLog(8);
    expect(before.ok).toBe(true);
    expect(before.checkpoint).toMatchObject({ seq: 1, ok: true });
    expect(before.chains.reduce((n, c) => n + (c.unanchored ?? 0), 0)).toBe(0);
    const added = await log.append({ actor: 'key:admin', action: 'test.appended', target: 't:late', details: {} });
    const after = await verify();
    expect(after.ok).toBe(true);
    expect(verdictOf(after, added.chain)).toMatchObject({ ok: true, unanchored: 1 });
  });

  it('attack 1: an entry edited with recomputed hashes and the head updated → ok: false, rewritten', async () => {
    const { entriesOf, items, put, verify, busiest } = await anchoredLog(12);
    let head: { seq: number; hash: string } | undefined;
    for (const { item, entry } of await entriesOf(busiest)) {
      const { chain, seq: _s, at, prevHash: _p, hash: _h, ...content } = entry;
      const forged = nextEntry(head, chain, entry.seq === 1 ? { ...content, actor: 'mallory' } : content, new Date(at));
      await put({ ...item, entry: forged });
      head = { seq: forged.seq, hash: forged.hash };
    }
    await put({ ...(await items(`AUDITHEAD#${busiest}`))[0]!, seq: head!.seq, hash: head!.hash });

    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdictOf(verdict, busiest)).toMatchObject({ ok: false, reason: expect.stringMatching(/^rewritten/) });
  });

  it('attack 2: the tail cut off and the head moved back → ok: false, truncated below the checkpoint', async () => {
    const { entriesOf, items, put, remove, verify, busiest } = await anchoredLog(12);
    const existing = await entriesOf(busiest);
    for (const { item } of existing.slice(1)) await remove(item);
    await put({ ...(await items(`AUDITHEAD#${busiest}`))[0]!, seq: existing[0]!.entry.seq, hash: existing[0]!.entry.hash });

    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdictOf(verdict, busiest)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/^tail truncated below the checkpoint/) });
  });

  it('attack 3: a deleted head item → ok: false, head item missing', async () => {
    const { items, remove, verify, busiest } = await anchoredLog(8);
    await remove((await items(`AUDITHEAD#${busiest}`))[0]!);

    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdictOf(verdict, busiest)).toMatchObject({ ok: false, reason: 'head item missing' });
  });

  it('attack 4: a deleted chain (every entry and the head) → ok: false, chain missing', async () => {
    const { items, remove, verify, busiest, before } = await anchoredLog(8);
    for (const item of [...(await items(`AUDIT#${busiest}`)), ...(await items(`AUDITHEAD#${busiest}`))]) await remove(item);

    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdictOf(verdict, busiest)).toMatchObject({ ok: false, entries: 0, reason: `chain missing: the checkpoint holds ${verdictOf(before, busiest)!.entries} entries` });
  });

  it('the reported case: every audit item deleted → ok: false for every chain that had entries', async () => {
    const { items, remove, verify, before } = await anchoredLog(10);
    for (const chain of before.chains.map((c) => c.chain)) {
      for (const item of [...(await items(`AUDIT#${chain}`)), ...(await items(`AUDITHEAD#${chain}`))]) await remove(item);
    }
    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    for (const c of before.chains.filter((c) => c.entries > 0)) expect(verdictOf(verdict, c.chain)).toMatchObject({ ok: false, reason: expect.stringMatching(/^chain missing/) });
  });

  it('attack 5: a checkpoint with a forged signature → ok: false, every chain not anchored, checkpoint signature invalid', async () => {
    const { log, checkpoints, verify, before } = await anchoredLog(8);
    const latest = (await checkpoints.latest())!;
    await log.append({ actor: 'key:admin', action: 'test.appended', target: 't:more', details: {} });
    // The forger stores a next checkpoint signed with its own key but naming the hub's key.
    const forger = nodeCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
    const { signature: _signature, ...body } = latest;
    const forged = await signCheckpoint(forger, { ...body, seq: latest.seq + 1, at: new Date().toISOString() });
    await checkpoints.put({ ...forged, keyId: latest.keyId });

    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.checkpoint).toMatchObject({ seq: 2, ok: false, reason: 'checkpoint 2: signature invalid' });
    for (const c of before.chains) expect(verdictOf(verdict, c.chain)).toMatchObject({ ok: false, reason: 'not anchored: checkpoint 2: signature invalid' });
    // …and the writer refuses to extend it.
    await expect(writeCheckpoint({ log, checkpoints, signer, clock: systemClock })()).rejects.toThrow(/signature invalid/);
  });

  it('a checkpoint file that is not a checkpoint → ok: false, checkpoint unreadable (not a crash, not "no checkpoint")', async () => {
    const { verify, dir } = await anchoredLog(4);
    await writeFile(join(dir, '999999999998-000000000002.json'), '{"forged":', { flag: 'wx' });
    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.checkpoint).toMatchObject({ ok: false, reason: 'checkpoint 2 is unreadable' });
  });

  it('attack 6: a chain the checkpoint does not know → ok: false, chain not in checkpoint', async () => {
    const { put, verify } = await anchoredLog(6);
    const entry = nextEntry(undefined, 'c9', { actor: 'mallory', action: 'policy.approved', target: 'policy:99', details: {} }, new Date());
    await put({ pk: 'AUDIT#c9', sk: '000000000001', entity: 'audit', entry });
    await put({ pk: 'AUDITHEAD#c9', sk: 'HEAD', gsi2pk: 'AUDITCHAINS', gsi2sk: 'c9', seq: 1, hash: entry.hash });

    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdictOf(verdict, 'c9')).toMatchObject({ ok: false, reason: 'chain not in checkpoint 1' });
  });

  it('writes a checkpoint only when a head moved, never over an existing file, and refuses to sign over a rewrite', async () => {
    const { log, checkpoint, dir, entriesOf, put, busiest } = await anchoredLog(4);
    expect(await checkpoint()).toMatchObject({ written: false, checkpoint: { seq: 1 } });
    await log.append({ actor: 'key:admin', action: 'test.appended', target: 't:x', details: {} });
    expect(await checkpoint()).toMatchObject({ written: true, checkpoint: { seq: 2 } });
    expect((await readdir(dir)).length).toBe(2);

    const anchored = (await entriesOf(busiest)).at(-1)!;
    await put({ ...anchored.item, entry: { ...anchored.entry, actor: 'mallory' } });
    await expect(checkpoint()).rejects.toThrow(/does not verify/);
    expect((await readdir(dir)).length).toBe(2);
  });
});

describe('checkpoint writers racing', () => {
  const clients = emulatorClients();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rb-audit-race-'));
  });
  afterAll(async () => {
    clients.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves one consecutive, linked checkpoint chain when several writers run at once', async () => {
    const table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
    const log = auditLog(table);
    const checkpoints = fileCheckpointStore(dir);
    const signer = nodeCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
    const write = writeCheckpoint({ log, checkpoints, signer, clock: systemClock });
    for (let round = 0; round < 3; round++) {
      await log.append({ actor: 'key:admin', action: 'test.appended', target: `t:${round}`, details: {} });
      await Promise.allSettled([write(), write(), write()]);
    }
    const names = (await readdir(dir)).sort().reverse();
    expect(names).toEqual(['999999999999-000000000001.json', '999999999998-000000000002.json', '999999999997-000000000003.json']);
    expect(await verifyAuditTrail({ log, checkpoints, key: signer })()).toMatchObject({ ok: true, checkpoint: { seq: 3, ok: true } });
  });
});
