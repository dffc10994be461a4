import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeCheckpointSigner, localCheckpointKey } from '../../../shared/adapters/files/checkpoint-signer.js';
import { fileCheckpointStore } from '../../../shared/adapters/files/checkpoint-store.js';
import { GENESIS_HASH, personalDigest, pseudonymise } from '../../../shared/domain/audit/audit-chain.js';
import {
  CHECKPOINT_FORMAT,
  CheckpointExistsError,
  checkpointFileName,
  checkpointHash,
  checkpointLinkProblem,
  checkpointSignatureProblem,
  keyIdOf,
  parseCheckpointFileName,
  signCheckpoint,
  type CheckpointBody,
} from '../../../shared/domain/audit/checkpoint.js';

const signer = nodeCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
const body = async (seq: number, prevHash = GENESIS_HASH): Promise<CheckpointBody> => ({
  format: CHECKPOINT_FORMAT,
  seq,
  at: new Date(Date.UTC(2026, 11, 7, 12, seq)).toISOString(),
  chains: [
    { chain: 'c0', seq: 3, hash: 'a'.repeat(64), length: 3 },
    { chain: 'c1', seq: 0, hash: GENESIS_HASH, length: 0 },
  ],
  prevHash,
  keyId: keyIdOf(await signer.publicKeyPem()),
});

describe('checkpoint signatures', () => {
  it('verifies a signed checkpoint with the public key and refuses any change, another key or a forged signature', async () => {
    const pem = await signer.publicKeyPem();
    const cp = await signCheckpoint(signer, await body(1));
    expect(Buffer.from(cp.signature, 'base64')).toHaveLength(64);
    expect(checkpointSignatureProblem(cp, pem)).toBeUndefined();
    expect(checkpointSignatureProblem({ ...cp, chains: [{ ...cp.chains[0]!, seq: 2, length: 2 }, cp.chains[1]!] }, pem)).toBe('checkpoint 1: signature invalid');
    const other = nodeCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
    expect(checkpointSignatureProblem(cp, await other.publicKeyPem())).toMatch(/names key ed25519:[0-9a-f]{64}, not this key/);
    const forged = await signCheckpoint(other, await body(1));
    expect(checkpointSignatureProblem(forged, pem)).toBe('checkpoint 1: signature invalid');
  });

  it('links each checkpoint to the hash of the one before', async () => {
    const first = await signCheckpoint(signer, await body(1));
    const second = await signCheckpoint(signer, await body(2, checkpointHash(first)));
    expect(checkpointLinkProblem(undefined, first)).toBeUndefined();
    expect(checkpointLinkProblem(first, second)).toBeUndefined();
    expect(checkpointLinkProblem(undefined, second)).toBe('checkpoint 1 is missing');
    const unlinked = await signCheckpoint(signer, await body(2, 'b'.repeat(64)));
    expect(checkpointLinkProblem(first, unlinked)).toBe('checkpoint 2 does not link to checkpoint 1');
  });

  it('names checkpoint files so that the newest sorts first and each seq has one name', () => {
    const names = [1, 2, 10, 11].map(checkpointFileName);
    expect([...names].sort()).toEqual([...names].reverse());
    expect(names.map(parseCheckpointFileName)).toEqual([1, 2, 10, 11]);
    expect(parseCheckpointFileName('999999999999-000000000002.json')).toBeUndefined();
    expect(parseCheckpointFileName('notes.txt')).toBeUndefined();
  });
});

describe('file checkpoint store and local key', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rb-cp-unit-'));
    dirs.push(dir);
    return dir;
  };

  it('creates each checkpoint once, read-only, and never over an existing seq', async () => {
    const dir = await tempDir();
    const store = fileCheckpointStore(join(dir, 'checkpoints'));
    expect(await store.latest()).toBeUndefined();
    const first = await signCheckpoint(signer, await body(1));
    await store.put(first);
    await expect(store.put({ ...first, at: new Date().toISOString() })).rejects.toBeInstanceOf(CheckpointExistsError);
    const second = await signCheckpoint(signer, await body(2, checkpointHash(first)));
    await store.put(second);
    expect(await store.latest()).toEqual(second);
    expect(await store.get(1)).toEqual(first);
    expect(await store.get(3)).toBeUndefined();
    expect(await readdir(join(dir, 'checkpoints'))).toHaveLength(2);
    expect((await stat(join(dir, 'checkpoints', checkpointFileName(1)))).mode & 0o222).toBe(0);
  });

  it('generates the local key once (mode 0600) and reads the same key afterwards', async () => {
    const file = join(await tempDir(), 'keys', 'checkpoint-key.pem');
    const [a, b] = await Promise.all([localCheckpointKey(file), localCheckpointKey(file)]);
    const again = await localCheckpointKey(file);
    const pemOf = async (k: typeof a) => nodeCheckpointSigner(k).publicKeyPem();
    expect(await pemOf(again)).toBe(await pemOf(a));
    expect(await pemOf(b)).toBe(await pemOf(a));
    expect((await stat(file)).mode & 0o077).toBe(0);
  });
});

describe('pseudonymise', () => {
  it('stores personal values only as keyed digests, equal values as equal digests, null as null', () => {
    const key = Buffer.alloc(32, 7);
    const stored = pseudonymise(key, { actor: 'key:a', action: 'customer.frozen', target: 'customer:c-1', details: { eventId: 'e-1' }, personal: { reason: 'Jane Doe <jane@example.com> stopped paying', note: null } });
    expect(JSON.stringify(stored)).not.toMatch(/Jane|jane@example\.com/);
    expect(stored.details).toEqual({ eventId: 'e-1', reason: personalDigest(key, 'Jane Doe <jane@example.com> stopped paying'), note: null });
    expect(stored.details['reason']).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(personalDigest(Buffer.alloc(32, 8), 'x')).not.toBe(personalDigest(key, 'x'));
    expect('personal' in stored).toBe(false);
  });
});
