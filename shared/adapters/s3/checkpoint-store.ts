import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  CheckpointExistsError,
  checkpointFileName,
  parseCheckpointFileName,
  parseCheckpoint,
  type CheckpointStore,
  type SignedCheckpoint,
} from '../../domain/audit/checkpoint.js';

/** The part of the S3 client this store uses (a stub in unit tests). */
export type S3Like = Pick<S3Client, 'send'>;

/**
 * Checkpoints in an S3 bucket with Object Lock (see docs/audit.md): one object per seq under
 * `checkpoints/`, created only if absent (`If-None-Match: *`, so racing writers cannot both take
 * a seq and nothing is overwritten); Object Lock keeps every version for the retention period.
 * Keys sort newest first (`checkpointFileName`), so the latest is a LIST of one key.
 */
export const s3CheckpointStore = ({ client, bucket, prefix = 'checkpoints/' }: { client: S3Like; bucket: string; prefix?: string }): CheckpointStore => {
  const get = async (seq: number): Promise<SignedCheckpoint | undefined> => {
    let text: string | undefined;
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: `${prefix}${checkpointFileName(seq)}` }));
      text = await object.Body?.transformToString('utf-8');
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
    if (text === undefined) throw new Error(`Checkpoint ${seq} has no body`);
    return parseCheckpoint(seq, text);
  };
  return {
    async put(checkpoint) {
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: `${prefix}${checkpointFileName(checkpoint.seq)}`,
            Body: `${JSON.stringify(checkpoint, null, 2)}\n`,
            ContentType: 'application/json',
            ChecksumAlgorithm: 'SHA256',
            IfNoneMatch: '*',
          }),
        );
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === 'PreconditionFailed' || name === 'ConditionalRequestConflict') throw new CheckpointExistsError(checkpoint.seq);
        throw error;
      }
    },
    async latest() {
      // Objects that are not checkpoints (whoever could add them) are skipped, never taken for "no checkpoint".
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 100, ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
          const seq = object.Key === undefined ? undefined : parseCheckpointFileName(object.Key.slice(prefix.length));
          if (seq !== undefined) return get(seq);
        }
        token = page.NextContinuationToken;
      } while (token);
      return undefined;
    },
    get,
  };
};
