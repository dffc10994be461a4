import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GetPublicKeyCommand, SignCommand } from '@aws-sdk/client-kms';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { kmsCheckpointSigner, type KmsLike } from '../../../shared/adapters/kms/checkpoint-signer.js';
import { s3CheckpointStore, type S3Like } from '../../../shared/adapters/s3/checkpoint-store.js';
import { GENESIS_HASH } from '../../../shared/domain/audit/audit-chain.js';
import { CHECKPOINT_FORMAT, CheckpointExistsError, CheckpointUnreadableError, checkpointSignatureProblem, keyIdOf, signCheckpoint } from '../../../shared/domain/audit/checkpoint.js';
import { TransientError } from '../../../shared/domain/errors.js';

/** A KMS stand-in holding an Ed25519 key: answers GetPublicKey and Sign as KMS documents them. */
const stubKms = (options: { keySpec?: string; fail?: string } = {}) => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const calls: Array<Record<string, unknown>> = [];
  const client = {
    send: async (command: GetPublicKeyCommand | SignCommand) => {
      calls.push({ name: command.constructor.name, ...command.input });
      if (options.fail) throw Object.assign(new Error(options.fail), { name: options.fail });
      if (command instanceof GetPublicKeyCommand) {
        return { KeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k-1', KeySpec: options.keySpec ?? 'ECC_NIST_EDWARDS25519', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'], PublicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })), $metadata: {} };
      }
      const input = command.input;
      if (input.SigningAlgorithm !== 'ED25519_SHA_512' || input.MessageType !== 'RAW') throw new Error('unexpected algorithm');
      return { KeyId: input.KeyId, SigningAlgorithm: input.SigningAlgorithm, Signature: new Uint8Array(sign(null, Buffer.from(input.Message!), privateKey)), $metadata: {} };
    },
  } as unknown as KmsLike;
  return { client, calls, publicKey };
};

describe('kmsCheckpointSigner', () => {
  it('signs RAW messages with ED25519_SHA_512 and returns the DER public key as PEM, fetched once', async () => {
    const kms = stubKms();
    const signer = kmsCheckpointSigner({ client: kms.client, keyId: 'alias/audit' });
    const pem = await signer.publicKeyPem();
    expect(pem).toBe(kms.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    await signer.publicKeyPem();
    const cp = await signCheckpoint(signer, {
      format: CHECKPOINT_FORMAT, seq: 1, at: '2026-12-07T12:00:00.000Z', chains: [{ chain: 'c0', seq: 0, hash: GENESIS_HASH, length: 0 }], prevHash: GENESIS_HASH, keyId: keyIdOf(pem),
    });
    // One verifier for both signers: node:crypto with the public key.
    expect(checkpointSignatureProblem(cp, createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString())).toBeUndefined();
    expect(kms.calls.map((c) => c['name'])).toEqual(['GetPublicKeyCommand', 'SignCommand']);
    expect(kms.calls[1]).toMatchObject({ KeyId: 'alias/audit', MessageType: 'RAW', SigningAlgorithm: 'ED25519_SHA_512' });
  });

  it('refuses a key of another spec, a message over 4096 bytes, and maps throttling to a retryable error', async () => {
    await expect(kmsCheckpointSigner({ client: stubKms({ keySpec: 'ECC_NIST_P256' }).client, keyId: 'k' }).publicKeyPem()).rejects.toThrow(/key spec ECC_NIST_P256/);
    await expect(kmsCheckpointSigner({ client: stubKms().client, keyId: 'k' }).sign(new Uint8Array(4097))).rejects.toThrow(/4096-byte RAW limit/);
    const throttled = kmsCheckpointSigner({ client: stubKms({ fail: 'ThrottlingException' }).client, keyId: 'k' });
    await expect(throttled.sign(new Uint8Array(10))).rejects.toBeInstanceOf(TransientError);
  });
});

/** An S3 stand-in: objects by key, If-None-Match honoured, LIST in key order. */
const stubS3 = () => {
  const objects = new Map<string, string>();
  const puts: Array<Record<string, unknown>> = [];
  const client = {
    send: async (command: PutObjectCommand | GetObjectCommand | ListObjectsV2Command) => {
      if (command instanceof PutObjectCommand) {
        puts.push({ ...command.input });
        const key = command.input.Key!;
        if (command.input.IfNoneMatch === '*' && objects.has(key)) throw Object.assign(new Error('exists'), { name: 'PreconditionFailed' });
        objects.set(key, String(command.input.Body));
        return { $metadata: {} };
      }
      if (command instanceof GetObjectCommand) {
        const body = objects.get(command.input.Key!);
        if (body === undefined) throw Object.assign(new Error('missing'), { name: 'NoSuchKey' });
        return { Body: { transformToString: async () => body }, $metadata: {} };
      }
      const keys = [...objects.keys()].filter((k) => k.startsWith(command.input.Prefix ?? '')).sort().slice(0, command.input.MaxKeys ?? 1000);
      return { Contents: keys.map((Key) => ({ Key })), $metadata: {} };
    },
  } as unknown as S3Like;
  return { client, objects, puts };
};

describe('s3CheckpointStore', () => {
  it('puts each seq once with If-None-Match and a checksum, and finds the latest with one LIST', async () => {
    const s3 = stubS3();
    const store = s3CheckpointStore({ client: s3.client, bucket: 'audit-bucket' });
    const { privateKey } = generateKeyPairSync('ed25519');
    const signer = { publicKeyPem: async () => createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(), sign: async (m: Uint8Array) => sign(null, m, privateKey) };
    const make = async (seq: number) =>
      signCheckpoint(signer, { format: CHECKPOINT_FORMAT, seq, at: `2026-12-07T12:0${seq}:00.000Z`, chains: [{ chain: 'c0', seq, hash: 'a'.repeat(64), length: seq }], prevHash: GENESIS_HASH, keyId: 'ed25519:x' });
    expect(await store.latest()).toBeUndefined();
    for (const seq of [1, 2, 3]) await store.put(await make(seq));
    await expect(store.put(await make(2))).rejects.toBeInstanceOf(CheckpointExistsError);
    expect(s3.puts[0]).toMatchObject({ Bucket: 'audit-bucket', Key: 'checkpoints/999999999999-000000000001.json', IfNoneMatch: '*', ChecksumAlgorithm: 'SHA256', ContentType: 'application/json' });
    expect((await store.latest())?.seq).toBe(3);
    expect((await store.get(2))?.chains[0]?.seq).toBe(2);
    expect(await store.get(9)).toBeUndefined();
  });

  it('skips objects that are not checkpoints when finding the latest, and refuses a body that is not the checkpoint its name says', async () => {
    const s3 = stubS3();
    const store = s3CheckpointStore({ client: s3.client, bucket: 'audit-bucket' });
    const { privateKey } = generateKeyPairSync('ed25519');
    const signer = { publicKeyPem: async () => createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(), sign: async (m: Uint8Array) => sign(null, m, privateKey) };
    await store.put(await signCheckpoint(signer, { format: CHECKPOINT_FORMAT, seq: 1, at: '2026-12-07T12:01:00.000Z', chains: [{ chain: 'c0', seq: 1, hash: 'a'.repeat(64), length: 1 }], prevHash: GENESIS_HASH, keyId: 'ed25519:x' }));
    // Someone with write access drops objects that sort before every checkpoint.
    s3.objects.set('checkpoints/0.json', '{}');
    s3.objects.set('checkpoints/000000000000-junk.json', 'not json');
    expect((await store.latest())?.seq).toBe(1);
    s3.objects.set('checkpoints/999999999998-000000000002.json', JSON.stringify({ hello: 'world' }));
    await expect(store.latest()).rejects.toBeInstanceOf(CheckpointUnreadableError);
  });
});
