import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeCheckpointSigner } from '../../../shared/adapters/files/checkpoint-signer.js';
import { anchoredAudit } from '../../../shared/domain/audit/anchor.js';
import { GENESIS_HASH, nextEntry, type AuditEntry } from '../../../shared/domain/audit/audit-chain.js';
import { auditExportJob, AUDIT_EXPORT } from '../../../shared/domain/audit/audit-export-job.js';
import { AUDIT_EXPORT_FORMAT, auditExportLines, parseAuditExport, verifyAuditExport, type AuditExport } from '../../../shared/domain/audit/audit-export.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { CHECKPOINT_FORMAT, checkpointHash, keyIdOf, signCheckpoint, type SignedCheckpoint } from '../../../shared/domain/audit/checkpoint.js';

const signer = nodeCheckpointSigner(generateKeyPairSync('ed25519').privateKey);

const chainOf = (chain: string, n: number, actor = 'key:a'): AuditEntry[] => {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const prev = out.at(-1);
    out.push(nextEntry(prev && { seq: prev.seq, hash: prev.hash }, chain, { actor: i === 0 ? actor : 'key:a', action: 'test.appended', target: `t:${i}`, details: { i } }, new Date(Date.UTC(2026, 11, 7, 10, i))));
  }
  return out;
};
const headOf = (entries: AuditEntry[]) => ({ chain: entries[0]!.chain, seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash, length: entries.length });

/** An export of chains c0 (6 entries) and c1 (4), with checkpoints after 4 and 6 entries of c0. */
const exportDoc = async (): Promise<AuditExport> => {
  const pem = await signer.publicKeyPem();
  const c0 = chainOf('c0', 6);
  const c1 = chainOf('c1', 4);
  const cp1 = await signCheckpoint(signer, { format: CHECKPOINT_FORMAT, seq: 1, at: '2026-12-07T10:04:30.000Z', chains: [headOf(c0.slice(0, 4)), headOf(c1)], prevHash: GENESIS_HASH, keyId: keyIdOf(pem) });
  const cp2 = await signCheckpoint(signer, { format: CHECKPOINT_FORMAT, seq: 2, at: '2026-12-07T10:06:30.000Z', chains: [headOf(c0), headOf(c1)], prevHash: checkpointHash(cp1), keyId: keyIdOf(pem) });
  return {
    format: AUDIT_EXPORT_FORMAT,
    exportedAt: '2026-12-07T11:00:00.000Z',
    range: { since: '2026-12-07T10:00:00.000Z', until: '2026-12-07T10:10:00.000Z' },
    publicKey: pem,
    keyId: keyIdOf(pem),
    chains: [
      { chain: 'c0', head: { seq: 6, hash: c0[5]!.hash }, entries: c0 },
      { chain: 'c1', head: { seq: 4, hash: c1[3]!.hash }, entries: c1 },
    ],
    checkpoints: [cp1, cp2],
  };
};
const chain = (doc: AuditExport, name: string) => doc.chains.find((c) => c.chain === name)!;

describe('verifyAuditExport (offline)', () => {
  it('accepts an intact export: every entry anchored, signatures and links good', async () => {
    const verdict = verifyAuditExport(await exportDoc());
    expect(verdict).toMatchObject({ ok: true, pinned: false, checkpoints: { count: 2, ok: true } });
    expect(verdict.chains).toEqual([
      { chain: 'c0', ok: true, entries: 6, from: 1, to: 6, anchoredThrough: 6, unanchored: 0 },
      { chain: 'c1', ok: true, entries: 4, from: 1, to: 4, anchoredThrough: 4, unanchored: 0 },
    ]);
  });

  it('refuses each attack with the chain and the reason', async () => {
    const edited = await exportDoc();
    const forgedC0 = chainOf('c0', 6, 'mallory');
    Object.assign(chain(edited, 'c0'), { entries: forgedC0, head: { seq: 6, hash: forgedC0[5]!.hash } });
    expect(verifyAuditExport(edited).chains[0]).toMatchObject({ chain: 'c0', ok: false, reason: 'rewritten: entry 4 differs from checkpoint 1' });

    const truncated = await exportDoc();
    Object.assign(chain(truncated, 'c0'), { entries: chain(truncated, 'c0').entries.slice(0, 3), head: { seq: 3, hash: chain(truncated, 'c0').entries[2]!.hash } });
    expect(verifyAuditExport(truncated).chains[0]).toMatchObject({ ok: false, reason: 'tail truncated below checkpoint 2 (checkpointed 6, head 3)' });

    const headless = await exportDoc();
    chain(headless, 'c1').head = null;
    expect(verifyAuditExport(headless).chains[1]).toMatchObject({ chain: 'c1', ok: false, reason: 'head item missing' });

    const deleted = await exportDoc();
    deleted.chains = deleted.chains.filter((c) => c.chain !== 'c1');
    expect(verifyAuditExport(deleted).chains[1]).toMatchObject({ chain: 'c1', ok: false, reason: 'chain missing: checkpoint 2 holds 4 entries' });

    const forged = await exportDoc();
    const other = nodeCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
    const { signature: _s, ...body } = forged.checkpoints[1]!;
    forged.checkpoints[1] = { ...(await signCheckpoint(other, body)), keyId: body.keyId } as SignedCheckpoint;
    const forgedVerdict = verifyAuditExport(forged);
    expect(forgedVerdict).toMatchObject({ ok: false, checkpoints: { ok: false, reason: 'checkpoint 2: signature invalid' } });
    expect(forgedVerdict.chains.every((c) => !c.ok && c.reason === 'not anchored: checkpoint 2: signature invalid')).toBe(true);

    const unknown = await exportDoc();
    const c9 = chainOf('c9', 2);
    unknown.chains.push({ chain: 'c9', head: { seq: 2, hash: c9[1]!.hash }, entries: c9 });
    expect(verifyAuditExport(unknown).chains.find((c) => c.chain === 'c9')).toMatchObject({ ok: false, reason: 'chain not in checkpoint 2' });
  });

  it('checks the key against a pinned one, and reports entries after the last checkpoint as unanchored', async () => {
    const doc = await exportDoc();
    const other = nodeCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
    expect(verifyAuditExport(doc, await other.publicKeyPem())).toMatchObject({ ok: false, pinned: true, checkpoints: { ok: false, reason: expect.stringMatching(/is not the pinned key/) } });
    expect(verifyAuditExport(doc, doc.publicKey)).toMatchObject({ ok: true, pinned: true });

    const longer = chainOf('c0', 8);
    Object.assign(chain(doc, 'c0'), { entries: longer, head: { seq: 8, hash: longer[7]!.hash } });
    expect(verifyAuditExport(doc).chains[0]).toMatchObject({ ok: true, anchoredThrough: 6, unanchored: 2 });
  });
});

describe('audit export as NDJSON and as a job', () => {
  const text = async (doc: AuditExport) => {
    let out = '';
    for await (const line of auditExportLines(doc)) out += line;
    return out;
  };

  it('writes one JSON value per line and reads the same document back (and the one-object JSON form too)', async () => {
    const doc = await exportDoc();
    const ndjson = await text(doc);
    const lines = ndjson.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines.map((l) => l.type)).toEqual(['export', 'checkpoint', 'checkpoint', 'chain', ...Array(6).fill('entry'), 'chain', ...Array(4).fill('entry')]);
    expect(parseAuditExport(ndjson)).toEqual(doc);
    expect(parseAuditExport(JSON.stringify(doc))).toEqual(doc);
    expect(() => parseAuditExport(`${ndjson}{"type":"entry"`)).toThrow(ValidationError);
    expect(() => parseAuditExport('{"type":"export"}\n{"type":"entry","seq":1}\n')).toThrow(ValidationError);
  });

  it('stores the export of the job\'s range as exports/<jobId>.ndjson and reports it as the result', async () => {
    const doc = await exportDoc();
    const written = new Map<string, string>();
    const kind = auditExportJob({ build: async (range) => ({ ...doc, range }) });
    const progress: Array<[number, number | undefined]> = [];
    const result = await kind.run({
      job: { jobId: 'job_1', kind: AUDIT_EXPORT, owner: { principalId: 'key:a', role: 'admin' }, createdAt: '2026-12-07T11:00:00.000Z' },
      input: { since: '2026-12-07T10:00:00.000Z', until: '2026-12-07T10:10:00.000Z' },
      clock: { now: () => new Date('2026-12-07T11:00:01.000Z') },
      progress: async (done, total) => void progress.push([done, total]),
      checkCancelled: async () => undefined,
      objects: {
        put: async (key, body) => {
          let out = '';
          for await (const chunk of body as AsyncIterable<string>) out += chunk;
          written.set(key, out);
          return { bytes: Buffer.byteLength(out) };
        },
        get: async () => undefined,
        head: async () => undefined,
        delete: async () => undefined,
      },
    });
    expect(result).toEqual({ objectKey: 'exports/job_1.ndjson', mediaType: 'application/x-ndjson', bytes: Buffer.byteLength(written.get('exports/job_1.ndjson')!), rows: 10, fileName: 'audit-20261207T100000Z-20261207T101000Z.ndjson' });
    expect(verifyAuditExport(parseAuditExport(written.get('exports/job_1.ndjson')!)).ok).toBe(true);
    expect(progress).toEqual([[0, 1], [1, 1]]);
  });
});

describe('anchoredAudit', () => {
  it('checkpoints right after an anchoring action only, and keeps the change when the checkpoint fails', async () => {
    const appended: string[] = [];
    let checkpoints = 0;
    const errors: unknown[] = [];
    let failNext = false;
    const audit = anchoredAudit(
      { append: async (input) => (appended.push(input.action), input.action) },
      {
        checkpointNow: async () => {
          if (failNext) throw new Error('store down');
          checkpoints++;
        },
        onCheckpointError: (e) => errors.push(e),
      },
    );
    await audit.append({ actor: 'a', action: 'customer.frozen', target: 'customer:c', details: {} });
    expect(checkpoints).toBe(0);
    await audit.append({ actor: 'a', action: 'policy.activated', target: 'policy:2', details: {} });
    await audit.append({ actor: 'a', action: 'agreement.revoked', target: 'agreement:x', details: {} });
    expect(checkpoints).toBe(2);
    failNext = true;
    await expect(audit.append({ actor: 'a', action: 'policy.approved', target: 'policy:3', details: {} })).resolves.toBe('policy.approved');
    expect(errors).toHaveLength(1);
    expect(appended).toEqual(['customer.frozen', 'policy.activated', 'agreement.revoked', 'policy.approved']);
  });
});
