import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { TransientError } from '../../domain/errors.js';
import type { ObjectBody, ObjectStore } from '../../domain/jobs/ports.js';

/**
 * Built once per cold start. The endpoint comes from the SDK's own configuration
 * (AWS_ENDPOINT_URL_S3 locally); `forcePathStyle` is needed for emulators (fauxqs) that do not
 * resolve bucket host names.
 */
export const createS3Client = (options: { forcePathStyle?: boolean } = {}): S3Client => new S3Client({ forcePathStyle: options.forcePathStyle ?? false });

/** Parts of a streamed upload; S3 wants ≥ 5 MiB for every part but the last. */
const PART_SIZE_BYTES = 8 * 1024 * 1024;

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,1023}$/;

const checkedKey = (key: string): string => {
  if (!KEY_PATTERN.test(key) || key.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`Object key "${key}" is not a plain relative key`);
  }
  return key;
};

const statusOf = (error: unknown): number | undefined => (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
const nameOf = (error: unknown): string => (error as { name?: string } | undefined)?.name ?? '';

const isMissing = (error: unknown): boolean => ['NoSuchKey', 'NotFound'].includes(nameOf(error)) || statusOf(error) === 404;

/** S3 throttling and 5xx become retryable errors; anything else is passed on. */
const mapped = (error: unknown): unknown => {
  const status = statusOf(error) ?? 0;
  if (status >= 500 || ['SlowDown', 'ThrottlingException', 'RequestTimeout', 'ServiceUnavailable', 'InternalError'].includes(nameOf(error))) {
    return new TransientError('storage_busy', 'Object storage is busy; try again', { cause: error });
  }
  return error;
};

async function* counted(body: AsyncIterable<Uint8Array | string>, count: (bytes: number) => void): AsyncIterable<Buffer> {
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    count(buffer.byteLength);
    if (buffer.byteLength > 0) yield buffer;
  }
}

export interface S3ObjectStore extends ObjectStore {
  /**
   * A presigned GET URL for the object, valid `expiresInSeconds`, that makes S3 answer with
   * `fileName` as attachment. For AWS only: emulators do not enforce presigned expiry.
   */
  presignGet(key: string, options: { expiresInSeconds: number; fileName: string; mediaType: string }): Promise<string>;
}

/**
 * The object store on one S3 bucket. Buffers and text go up in one PutObject; streams are
 * uploaded as they are read (multipart beyond one part, through `@aws-sdk/lib-storage`), and a
 * stream that throws aborts the upload so nothing is left behind. Keys are plain relative
 * paths (`exports/job_….csv`); a missing object reads as undefined.
 * @example const objects = s3ObjectStore({ client: createS3Client(), bucket: env().BUCKET_OBJECTS });
 */
export const s3ObjectStore = ({ client, bucket, partSizeBytes = PART_SIZE_BYTES }: { client: S3Client; bucket: string; partSizeBytes?: number }): S3ObjectStore => ({
  async put(key: string, body: ObjectBody, { mediaType }: { mediaType: string }) {
    const Key = checkedKey(key);
    try {
      if (typeof body === 'string' || body instanceof Uint8Array) {
        const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
        await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: bytes, ContentType: mediaType, ContentLength: bytes.byteLength }));
        return { bytes: bytes.byteLength };
      }
      let bytes = 0;
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key, Body: Readable.from(counted(body, (n) => (bytes += n))), ContentType: mediaType },
        partSize: partSizeBytes,
        queueSize: 1,
        leavePartsOnError: false,
      });
      await upload.done();
      return { bytes };
    } catch (error) {
      throw mapped(error);
    }
  },

  async get(key) {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: checkedKey(key) }));
      const body = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      return { body, mediaType: out.ContentType ?? 'application/octet-stream', bytes: body.byteLength };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw mapped(error);
    }
  },

  async head(key) {
    try {
      const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: checkedKey(key) }));
      return { mediaType: out.ContentType ?? 'application/octet-stream', bytes: out.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw mapped(error);
    }
  },

  async delete(key) {
    try {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: checkedKey(key) }));
    } catch (error) {
      if (!isMissing(error)) throw mapped(error);
    }
  },

  presignGet(key, { expiresInSeconds, fileName, mediaType }) {
    const command = new GetObjectCommand({
      Bucket: bucket,
      Key: checkedKey(key),
      ResponseContentType: mediaType,
      ResponseContentDisposition: `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    });
    return getSignedUrl(client, command, { expiresIn: expiresInSeconds });
  },
});
