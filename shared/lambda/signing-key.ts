import { randomBytes } from 'node:crypto';
import { secretSourceFrom } from '../adapters/secrets/secret-source.js';
import { env } from './env.js';

/** Secret name of the key that signs list cursors and download links. */
export const HUB_SIGNING_SECRET = 'riskbridge/hub/signing-key';

let processKey: Buffer | undefined;

/**
 * The hub's signing key (HMAC-SHA256 for cursors and download links), resolved once per cold start:
 * the secret `riskbridge/hub/signing-key` (base64 of ≥ 32 bytes; Secrets Manager in AWS, the
 * local runtime's secrets locally). On the local stage without that secret, a random key per
 * process: cursors then do not outlive a restart.
 */
export const hubSigningKey = async (): Promise<Buffer> => {
  const config = env();
  try {
    const value = await secretSourceFrom(config.LOCAL_SECRETS).get(HUB_SIGNING_SECRET);
    const key = Buffer.from(value, 'base64');
    if (key.length < 32) throw new Error(`${HUB_SIGNING_SECRET} must hold at least 32 bytes (base64)`);
    return key;
  } catch (error) {
    if (config.STAGE !== 'local') throw error;
    processKey ??= randomBytes(32);
    return processKey;
  }
};
