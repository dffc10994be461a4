import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DomainError, ValidationError } from '../../domain/errors.js';

/** How long a key is remembered: a retry within 24 h gets the first answer. */
export const IDEMPOTENCY_TTL_SECONDS = 86_400;

/** Whose and which request a key belongs to: the key is scoped per principal and operation. */
export interface IdempotencyScope {
  principalId: string;
  operation: string;
  key: string;
}

/** What makes two requests "the same": compared on a retry (another fingerprint → 422). */
export type RequestFingerprint = Record<string, unknown>;

/** A stored success; `replayed` marks one that came from the store. */
interface Stored<R> {
  response: R;
  replayed?: true;
}

/** The key's earlier request is still running (HTTP 409; retry after a second). */
export class IdempotencyInProgressError extends DomainError {
  constructor(options: { cause?: unknown } = {}) {
    super('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly to get its result', {
      ...options,
      details: { httpStatus: 409, retryAfterSeconds: 1 },
    });
  }
}

/** The key was used before with another request (HTTP 422 at the `Idempotency-Key` header). */
export const idempotencyKeyReused = (cause: unknown): ValidationError =>
  new ValidationError(
    'This Idempotency-Key was used with another request',
    [{ path: 'idempotency-key', in: 'header', code: 'idempotency_key_reused', message: 'already used with another body, path or query; use a new key for a new request' }],
    { cause },
  );

/**
 * Runs an operation at most once per idempotency key with Powertools' idempotency utility
 * (`makeIdempotent`) on its DynamoDB persistence layer, in a table of its own whose partition
 * key `id` is the hashed (principal, operation, key) — one partition per record, no sort key,
 * so no static partition key that every request would share. Records live 24 h (TTL on
 * `expiration`); a record in progress expires with the Lambda's remaining time, so a crashed
 * request does not lock its key for a day.
 *
 * Only results `isStorable` accepts are kept (2xx); any other result and any error delete the
 * in-progress record, so a corrected retry with the same key runs afresh.
 * @example const { response, replayed } = await store.once(scope, { body }, () => act(), (r) => r.status < 300, context);
 */
export const idempotencyStore = ({ client = new DynamoDBClient({}), tableName, ttlSeconds = IDEMPOTENCY_TTL_SECONDS }: { client?: DynamoDBClient; tableName: string; ttlSeconds?: number }) => {
  const persistenceStore = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'scope',
    payloadValidationJmesPath: 'fingerprint',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: ttlSeconds,
    hashFunction: 'sha256',
    responseHook: (stored) => ({ ...(stored as object), replayed: true }),
  });

  return {
    async once<R>(scope: IdempotencyScope, fingerprint: RequestFingerprint, produce: () => Promise<R>, isStorable: (result: R) => boolean, context?: Context): Promise<{ response: R; replayed: boolean }> {
      const run = makeIdempotent(
        async (_request: { scope: IdempotencyScope; fingerprint: RequestFingerprint }): Promise<Stored<R>> => {
          const response = await produce();
          if (!isStorable(response)) throw new NotStored(response);
          return { response };
        },
        // One constant prefix: scope and operation are inside the hashed key.
        { persistenceStore, config, keyPrefix: 'http' },
      );
      if (context) config.registerLambdaContext(context);
      try {
        const stored = await run({ scope, fingerprint });
        return { response: stored.response, replayed: stored.replayed === true };
      } catch (error) {
        if (error instanceof NotStored) return { response: error.response as R, replayed: false };
        if (error instanceof IdempotencyAlreadyInProgressError) throw new IdempotencyInProgressError({ cause: error });
        if (error instanceof IdempotencyValidationError) throw idempotencyKeyReused(error);
        throw error;
      }
    },
  };
};

export type IdempotencyStore = ReturnType<typeof idempotencyStore>;

/** A result that is answered but not kept (not 2xx). */
class NotStored extends Error {
  constructor(readonly response: unknown) {
    super('not stored');
  }
}
