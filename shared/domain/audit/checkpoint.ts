import { createHash, createPublicKey, verify } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../errors.js';
import { canonicalJson, ChainHeadSchema, GENESIS_HASH } from './audit-chain.js';

/**
 * Signed checkpoints anchor the audit chains outside the table. A checkpoint records every
 * chain's head (seq, hash) and length, and so the set of chains; it links to the previous
 * checkpoint by hash (a checkpoint chain) and is signed with Ed25519 over its canonical JSON.
 * Whoever can rewrite the table but cannot sign cannot make the table agree with the latest
 * checkpoint again. The same verifier checks signatures made locally (node:crypto) and in AWS
 * (KMS key spec ECC_NIST_EDWARDS25519, algorithm ED25519_SHA_512, message type RAW): both are
 * pure Ed25519 over the same bytes.
 */
export const CHECKPOINT_FORMAT = 'riskbridge.audit.checkpoint/v1';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const CheckpointBodySchema = z
  .object({
    format: z.literal(CHECKPOINT_FORMAT),
    /** 1, 2, 3 … without gaps. */
    seq: z.number().int().positive(),
    at: z.iso.datetime({ offset: true }),
    /** Every chain of the log, sorted by name, empty ones included (seq 0, genesis hash). */
    chains: z.array(ChainHeadSchema).min(1),
    /** `checkpointHash` of the previous checkpoint; the genesis hash for the first. */
    prevHash: Hex64,
    /** `keyIdOf` the public key that verifies the signature. */
    keyId: z.string().min(1),
  })
  .strict();
export type CheckpointBody = z.infer<typeof CheckpointBodySchema>;

export const SignedCheckpointSchema = CheckpointBodySchema.extend({
  /** Ed25519 signature (base64, 64 bytes) over `checkpointMessage(body)`. */
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
}).strict();
export type SignedCheckpoint = z.infer<typeof SignedCheckpointSchema>;

/** The public half of the checkpoint key (SPKI, PEM): enough to verify. */
export interface CheckpointVerifierKey {
  publicKeyPem(): Promise<string>;
}

/** Signs checkpoint messages with the checkpoint key (Ed25519, pure: no pre-hash). */
export interface CheckpointSigner extends CheckpointVerifierKey {
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/**
 * Append-only storage of checkpoints outside the table (files created with `wx` locally, an S3
 * bucket with Object Lock in AWS), one object per seq named by `checkpointFileName`. `put`
 * creates atomically and never replaces: a taken seq is a CheckpointExistsError.
 */
export interface CheckpointStore {
  put(checkpoint: SignedCheckpoint): Promise<void>;
  latest(): Promise<SignedCheckpoint | undefined>;
  get(seq: number): Promise<SignedCheckpoint | undefined>;
}

/** Another writer stored this seq first; the writer starts over from the newer latest. */
export class CheckpointExistsError extends DomainError {
  constructor(seq: number) {
    super('checkpoint_exists', `Checkpoint ${seq} already exists`, { retryable: true });
  }
}

/** A stored checkpoint that is not one (bad JSON, wrong shape, wrong seq): verification fails on it, it does not crash. */
export class CheckpointUnreadableError extends DomainError {
  constructor(seq: number, options: { cause?: unknown } = {}) {
    super('checkpoint_unreadable', `checkpoint ${seq} is unreadable`, options);
  }
}

/** Parses a stored checkpoint's text; anything but a well-formed checkpoint of that seq is a CheckpointUnreadableError. */
export const parseCheckpoint = (seq: number, text: string): SignedCheckpoint => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CheckpointUnreadableError(seq, { cause: error });
  }
  const parsed = SignedCheckpointSchema.safeParse(json);
  if (!parsed.success || parsed.data.seq !== seq) throw new CheckpointUnreadableError(seq, { cause: parsed.error });
  return parsed.data;
};

/** Largest message KMS signs as RAW (ED25519_SHA_512): 4096 bytes, about 30 chains. */
export const MAX_CHECKPOINT_MESSAGE_BYTES = 4096;

/** The signed bytes: the canonical JSON (sorted keys) of the body, UTF-8. */
export const checkpointMessage = (body: CheckpointBody): Buffer => Buffer.from(canonicalJson(CheckpointBodySchema.parse(body)), 'utf8');

/** A checkpoint's hash (signature included): what the next checkpoint's `prevHash` holds. */
export const checkpointHash = (checkpoint: SignedCheckpoint): string => createHash('sha256').update(canonicalJson(checkpoint)).digest('hex');

/** `ed25519:` and the SHA-256 of the key's SPKI DER encoding (hex). */
export const keyIdOf = (publicKeyPem: string): string =>
  `ed25519:${createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex')}`;

/**
 * Object/file name of a checkpoint: `<1e12 − seq>-<seq>.json` (12 digits each), so that the newest
 * sorts first and one seq has exactly one name (an atomic create-if-absent settles races).
 */
const INVERT = 1e12;
export const checkpointFileName = (seq: number): string => `${String(INVERT - seq).padStart(12, '0')}-${String(seq).padStart(12, '0')}.json`;
const FILE_NAME = /^(\d{12})-(\d{12})\.json$/;
/** The seq a checkpoint file name carries, or undefined for other names. */
export const parseCheckpointFileName = (name: string): number | undefined => {
  const match = FILE_NAME.exec(name);
  if (!match) return undefined;
  const seq = Number(match[2]);
  return INVERT - Number(match[1]) === seq && seq > 0 ? seq : undefined;
};

/** Signs a checkpoint body with the port's key. */
export const signCheckpoint = async (signer: CheckpointSigner, body: CheckpointBody): Promise<SignedCheckpoint> => {
  const signature = Buffer.from(await signer.sign(checkpointMessage(body))).toString('base64');
  return SignedCheckpointSchema.parse({ ...body, signature });
};

/** Why a checkpoint does not verify with `publicKeyPem`, or undefined when it does. */
export const checkpointSignatureProblem = (checkpoint: SignedCheckpoint, publicKeyPem: string): string | undefined => {
  if (checkpoint.keyId !== keyIdOf(publicKeyPem)) return `checkpoint ${checkpoint.seq} names key ${checkpoint.keyId}, not this key`;
  const { signature, ...body } = checkpoint;
  const valid = verify(null, checkpointMessage(body), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  return valid ? undefined : `checkpoint ${checkpoint.seq}: signature invalid`;
};

/** Why `next` does not follow `previous` in the checkpoint chain, or undefined when it does. */
export const checkpointLinkProblem = (previous: SignedCheckpoint | undefined, next: SignedCheckpoint): string | undefined => {
  if (!previous) return next.seq === 1 && next.prevHash === GENESIS_HASH ? undefined : `checkpoint ${next.seq - 1} is missing`;
  if (next.seq !== previous.seq + 1) return `checkpoint ${next.seq} does not follow checkpoint ${previous.seq}`;
  if (next.prevHash !== checkpointHash(previous)) return `checkpoint ${next.seq} does not link to checkpoint ${previous.seq}`;
  return undefined;
};
