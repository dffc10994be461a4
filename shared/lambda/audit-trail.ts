import { hkdfSync } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { anchoredAudit, verifyAuditTrail, writeCheckpoint } from '../domain/audit/anchor.js';
import type { AuditInput } from '../domain/audit/audit-chain.js';
import type { CheckpointSigner, CheckpointStore, CheckpointVerifierKey } from '../domain/audit/checkpoint.js';
import type { Clock } from '../domain/clock.js';
import { auditLog, type AuditLog } from '../adapters/dynamodb/audit-log.js';
import type { TableRef } from '../adapters/dynamodb/client.js';
import { localCheckpointKey, nodeCheckpointSigner } from '../adapters/files/checkpoint-signer.js';
import { fileCheckpointStore } from '../adapters/files/checkpoint-store.js';
import { createKmsClient, kmsCheckpointSigner } from '../adapters/kms/checkpoint-signer.js';
import { s3CheckpointStore } from '../adapters/s3/checkpoint-store.js';
import { createS3Client } from '../adapters/s3/object-store.js';
import { env } from './env.js';
import { metricsFor } from './metrics.js';
import { logger } from './powertools.js';
import { hubSigningKey } from './signing-key.js';

let pseudonymKey: Promise<Buffer> | undefined;

/**
 * The key of the audit log's keyed digests (personal values never enter the chain): derived with
 * HKDF-SHA256 from the hub's signing key under its own label, so it needs no secret of its own.
 */
export const auditPseudonymKey = (): Promise<Buffer> => {
  pseudonymKey ??= hubSigningKey().then((key) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'riskbridge audit pseudonyms v1', 32)));
  return pseudonymKey;
};

/** The audit log of a composition root: the table's chains, personal values as keyed digests. */
export const auditTrail = (table: TableRef, clock: Clock): AuditLog => auditLog(table, { clock, pseudonymKey: auditPseudonymKey });

const missing = (what: string): Error => new Error(`Function is not configured for audit checkpoints: ${what}`);

/** Where checkpoints live: the Object Lock bucket in AWS, a directory locally. */
export const checkpointStore = (): CheckpointStore => {
  const config = env();
  if (config.AUDIT_CHECKPOINT_BUCKET) return s3CheckpointStore({ client: createS3Client({ forcePathStyle: config.S3_FORCE_PATH_STYLE }), bucket: config.AUDIT_CHECKPOINT_BUCKET });
  if (config.AUDIT_CHECKPOINT_DIR) return fileCheckpointStore(config.AUDIT_CHECKPOINT_DIR);
  throw missing('AUDIT_CHECKPOINT_BUCKET (or AUDIT_CHECKPOINT_DIR locally)');
};

let signer: Promise<CheckpointSigner> | undefined;

/** The checkpoint key: KMS in AWS, a key file locally (generated once). Built once per cold start. */
export const checkpointSigner = (): Promise<CheckpointSigner> => {
  signer ??= (async () => {
    const config = env();
    if (config.AUDIT_SIGNING_KEY_ID) return kmsCheckpointSigner({ client: createKmsClient(), keyId: config.AUDIT_SIGNING_KEY_ID });
    if (config.AUDIT_SIGNING_KEY_FILE) return nodeCheckpointSigner(await localCheckpointKey(config.AUDIT_SIGNING_KEY_FILE));
    throw missing('AUDIT_SIGNING_KEY_ID (or AUDIT_SIGNING_KEY_FILE locally)');
  })().catch((error: unknown) => {
    signer = undefined;
    throw error;
  });
  return signer;
};

/** The trusted public key: from KMS (or the local key), never from the table or the bucket. */
export const checkpointVerifierKey: CheckpointVerifierKey = { publicKeyPem: async () => (await checkpointSigner()).publicKeyPem() };

const metrics = metricsFor();

/**
 * The anchoring pieces of a composition root, built lazily (the store and key are resolved on
 * first use): `verify` (the anchored verdict), `checkpointNow` (write the next checkpoint) and
 * `anchored(audit)` (checkpoint right after policy and agreement changes; a failure there is
 * logged and counted — `AuditCheckpointFailures` — and the scheduled checkpoint catches up).
 */
export const auditAnchoring = (log: AuditLog, clock: Clock) => {
  let store: CheckpointStore | undefined;
  const resolved = (): CheckpointStore => (store ??= checkpointStore());
  const checkpoints: CheckpointStore = {
    put: (checkpoint) => resolved().put(checkpoint),
    latest: () => resolved().latest(),
    get: (seq) => resolved().get(seq),
  };
  const checkpointNow = async () => writeCheckpoint({ log, checkpoints, signer: await checkpointSigner(), clock })();
  return {
    verify: () => verifyAuditTrail({ log, checkpoints, key: checkpointVerifierKey })(),
    checkpointNow,
    checkpoints,
    anchored: <R>(audit: { append(input: AuditInput): Promise<R> }) =>
      anchoredAudit(audit, {
        checkpointNow,
        onCheckpointError: (error) => {
          metrics.addMetric('AuditCheckpointFailures', MetricUnit.Count, 1);
          metrics.publishStoredMetrics();
          logger.error('audit checkpoint after an anchoring action failed', { code: (error as { code?: string }).code, error: (error as Error).message });
        },
      }),
  };
};
