import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CheckpointExistsError,
  checkpointFileName,
  parseCheckpointFileName,
  parseCheckpoint,
  type CheckpointStore,
  type SignedCheckpoint,
} from '../../domain/audit/checkpoint.js';

/**
 * Checkpoints as files in a directory (local runtime and tests): one file per seq, created with
 * the `wx` flag (fails if it exists, so racing writers cannot both take a seq) and mode 0444,
 * never rewritten. Append-only as far as this code goes: whoever can write the directory can
 * still delete files; in AWS the S3 store with Object Lock takes its place.
 */
export const fileCheckpointStore = (directory: string): CheckpointStore => {
  const load = async (seq: number): Promise<SignedCheckpoint | undefined> => {
    let text: string;
    try {
      text = await readFile(join(directory, checkpointFileName(seq)), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return parseCheckpoint(seq, text);
  };
  return {
    async put(checkpoint) {
      await mkdir(directory, { recursive: true });
      try {
        await writeFile(join(directory, checkpointFileName(checkpoint.seq)), `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: 'wx', mode: 0o444 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CheckpointExistsError(checkpoint.seq);
        throw error;
      }
    },
    async latest() {
      let names: string[];
      try {
        names = await readdir(directory);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      const newest = names.flatMap((n) => parseCheckpointFileName(n) ?? []).sort((a, b) => b - a)[0];
      return newest === undefined ? undefined : load(newest);
    },
    get: load,
  };
};
