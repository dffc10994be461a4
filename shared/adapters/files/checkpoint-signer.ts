import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckpointSigner } from '../../domain/audit/checkpoint.js';

/**
 * The checkpoint signer with an Ed25519 key held in this process (node:crypto): the local
 * runtime and tests. Signatures are pure Ed25519, the same as KMS's ED25519_SHA_512 over a RAW
 * message, so one verifier checks both.
 * @example const signer = nodeCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
 */
export const nodeCheckpointSigner = (privateKey: KeyObject): CheckpointSigner => {
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return {
    publicKeyPem: async () => publicKeyPem,
    sign: async (message) => sign(null, message, privateKey),
  };
};

/**
 * The local checkpoint key: read from `file` (PKCS#8 PEM), or generated once and written there
 * with the `wx` flag and mode 0600 (a racing process that wrote it first wins; its key is read).
 */
export const localCheckpointKey = async (file: string): Promise<KeyObject> => {
  try {
    return createPrivateKey(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  await mkdir(dirname(file), { recursive: true });
  try {
    await writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
    return privateKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return createPrivateKey(await readFile(file, 'utf8'));
  }
};
