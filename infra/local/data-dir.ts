import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Default data directory of `npm start`, relative to the repository root (git-ignored). */
export const DEFAULT_DATA_DIR = '.riskbridge/data';

/** Marks a folder as a RiskBridge data directory, so `--fresh` never wipes anything else. */
const MARKER = '.riskbridge-data';

/** DynamoDB Local's file with `-sharedDb` (under `-dbPath`). */
const DYNAMO_DB_FILE = 'shared-local-instance.db';

/** Where the local hub keeps what survives a restart. */
export interface LocalDataDir {
  dir: string;
  /** `-dbPath` of DynamoDB Local: the table (profiles, people, keys, audit, outbox, deliveries). */
  dynamoDir: string;
  /** Signed audit checkpoints (they describe the audit chain in this table, so they live beside it). */
  auditCheckpointDir: string;
  auditSigningKeyFile: string;
  /** Offset of the controllable local clock. */
  clockFile: string;
  /** Secrets the local webhook receiver verifies with. */
  receiverSecretsFile: string;
  /** True when there was no table yet: the demo is seeded only then. */
  empty: boolean;
}

/** `--fresh` was asked for a folder that does not look like a data directory. */
export class NotADataDirError extends Error {
  readonly code = 'not_a_data_dir';
  readonly retryable = false;
  constructor(readonly dir: string) {
    super(`${dir} is not empty and is not a RiskBridge data directory (no ${MARKER}); refusing to wipe it — choose another RISKBRIDGE_DATA_DIR`);
    this.name = 'NotADataDirError';
  }
}

/**
 * Creates (or, with `fresh`, wipes and recreates) the data directory and says whether it holds a
 * table already. Only a folder that is empty or carries the marker file is ever wiped.
 * @example const data = await prepareDataDir({ dir: '.riskbridge/data', fresh: false });
 */
export const prepareDataDir = async (options: { dir: string; fresh: boolean }): Promise<LocalDataDir> => {
  const dir = resolve(options.dir);
  if (options.fresh && existsSync(dir)) {
    const entries = await readdir(dir);
    if (entries.length > 0 && !entries.includes(MARKER)) throw new NotADataDirError(dir);
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
  const entries = await readdir(dir);
  if (entries.length > 0 && !entries.includes(MARKER)) throw new NotADataDirError(dir);
  await writeFile(join(dir, MARKER), 'RiskBridge local data (npm start). `npm start -- --fresh` wipes this folder.\n');
  const dynamoDir = join(dir, 'dynamodb');
  await mkdir(dynamoDir, { recursive: true });
  return {
    dir,
    dynamoDir,
    auditCheckpointDir: join(dir, 'audit', 'checkpoints'),
    auditSigningKeyFile: join(dir, 'audit', 'checkpoint-key.pem'),
    clockFile: join(dir, 'clock.json'),
    receiverSecretsFile: join(dir, 'receiver-secrets.json'),
    empty: !existsSync(join(dynamoDir, DYNAMO_DB_FILE)),
  };
};
