import { createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand, type GetPublicKeyCommandOutput, type SignCommandOutput } from '@aws-sdk/client-kms';
import { MAX_CHECKPOINT_MESSAGE_BYTES, type CheckpointSigner } from '../../domain/audit/checkpoint.js';
import { TransientError } from '../../domain/errors.js';

/** The two KMS calls this signer makes (a stub in unit tests). */
export interface KmsLike {
  send(command: GetPublicKeyCommand): Promise<GetPublicKeyCommandOutput>;
  send(command: SignCommand): Promise<SignCommandOutput>;
}

/** One KMS client per cold start; region and credentials from the SDK's own configuration. */
export const createKmsClient = (): KMSClient => new KMSClient({});

const KEY_SPEC = 'ECC_NIST_EDWARDS25519';
/** Pure Ed25519 (RFC 8032) over the message itself: KMS requires MessageType RAW for it. */
const SIGNING_ALGORITHM = 'ED25519_SHA_512';
const THROTTLED = new Set(['ThrottlingException', 'KMSInternalException', 'KeyUnavailableException', 'DependencyTimeoutException']);

const mapError = (error: unknown): unknown =>
  THROTTLED.has((error as { name?: string }).name ?? '') ? new TransientError('kms_unavailable', 'The checkpoint key is unavailable; try again', { cause: error }) : error;

/**
 * The checkpoint signer on a KMS key of key spec ECC_NIST_EDWARDS25519 (usage SIGN_VERIFY): Sign
 * with ED25519_SHA_512 over the RAW message (at most 4096 bytes), public key from GetPublicKey
 * (DER SubjectPublicKeyInfo, returned as PEM and fetched once). The private key never leaves KMS.
 */
export const kmsCheckpointSigner = ({ client, keyId }: { client: KmsLike; keyId: string }): CheckpointSigner => {
  let publicKey: Promise<string> | undefined;
  const fetchPublicKey = async (): Promise<string> => {
    const out = await client.send(new GetPublicKeyCommand({ KeyId: keyId })).catch((error: unknown) => {
      throw mapError(error);
    });
    if (out.KeySpec !== KEY_SPEC) throw new Error(`KMS key ${keyId} has key spec ${String(out.KeySpec)}, not ${KEY_SPEC}`);
    if (!out.SigningAlgorithms?.includes(SIGNING_ALGORITHM)) throw new Error(`KMS key ${keyId} does not sign with ${SIGNING_ALGORITHM}`);
    if (!out.PublicKey) throw new Error(`KMS returned no public key for ${keyId}`);
    return createPublicKey({ key: Buffer.from(out.PublicKey), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString();
  };
  return {
    publicKeyPem: () => {
      publicKey ??= fetchPublicKey().catch((error: unknown) => {
        publicKey = undefined;
        throw error;
      });
      return publicKey;
    },
    async sign(message) {
      if (message.byteLength > MAX_CHECKPOINT_MESSAGE_BYTES) throw new Error(`A checkpoint message of ${message.byteLength} bytes is over KMS's ${MAX_CHECKPOINT_MESSAGE_BYTES}-byte RAW limit`);
      const out = await client.send(new SignCommand({ KeyId: keyId, Message: message, MessageType: 'RAW', SigningAlgorithm: SIGNING_ALGORITHM })).catch((error: unknown) => {
        throw mapError(error);
      });
      if (!out.Signature || out.Signature.byteLength !== 64) throw new Error(`KMS returned no Ed25519 signature for ${keyId}`);
      return out.Signature;
    },
  };
};
