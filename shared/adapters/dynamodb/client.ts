import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import { TransientError } from '../../domain/errors.js';

/** The table a store works on. Stores receive it; composition roots build it once per cold start. */
export interface TableRef {
  client: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * A document client. The endpoint comes from the SDK's own configuration
 * (AWS_ENDPOINT_URL_DYNAMODB locally), so code is the same against AWS and DynamoDB Local.
 */
/**
 * Middleware a runtime adds to every client created after it registers (the local runtime's fault
 * injection, the bench's capacity counter: `capacity.ts`, `fault-injection.ts`). Empty in AWS.
 */
export const dynamoClientHooks: Array<(client: DynamoDBClient) => void> = [];

export const createDocumentClient = (config: DynamoDBClientConfig = {}): DynamoDBDocumentClient => {
  const client = new DynamoDBClient(config);
  for (const hook of dynamoClientHooks) hook(client);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
};

/** True when a write failed on its condition (also inside a transaction). */
export const isConditionFailure = (error: unknown): boolean => {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'ConditionalCheckFailedException') return true;
  if (name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
    return reasons.some((r) => r.Code === 'ConditionalCheckFailed');
  }
  return false;
};

/**
 * True for throttling and transaction conflicts: DynamoDB refused the request, try again. The
 * SDK's own classification adds the other throttling names (TransactionInProgressException: the
 * same ClientRequestToken still running, RequestLimitExceeded, ...).
 */
export const isTransientDynamoError = (error: unknown): boolean => {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'InternalServerError'].includes(name)) return true;
  if (name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
    return reasons.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError' || r.Code === 'ProvisionedThroughputExceeded');
  }
  if (name === 'TransactionConflictException') return true;
  return error instanceof Error && isThrottlingError(error as Parameters<typeof isThrottlingError>[0]);
};

/**
 * True when a request ended without DynamoDB's verdict, as the SDK classifies it once its own
 * retries are spent: a connection reset or refused, a timeout, a 5xx without an error code. A
 * write may or may not have been applied: read back before answering.
 */
export const isUnsettledDynamoError = (error: unknown): boolean =>
  error instanceof Error && error.name !== 'AbortError' && isTransientError(error as Parameters<typeof isTransientError>[0]);

/**
 * True when DynamoDB (or the SDK's marshaller, before sending) refuses the item itself: a number
 * beyond ±2^53 or DynamoDB's range, an item over 400 KB. Retrying cannot help: quarantine it.
 */
export const isStorageRefusal = (error: unknown): boolean => {
  const { name = '', message = '' } = (error ?? {}) as { name?: string; message?: string };
  return name === 'ValidationException' || /MAX_SAFE_INTEGER|NumberValue|Number .* is (greater|lesser) than/.test(message);
};

/**
 * A read: throttled or ended without an answer, it changed nothing, so the caller gets a
 * retryable `storage_busy` (503 with Retry-After) instead of a bare SDK error (500).
 * @example const { Item } = await readOrBusy(client.send(new GetCommand(...)));
 */
export const readOrBusy = async <T>(read: Promise<T>): Promise<T> => {
  try {
    return await read;
  } catch (error) {
    if (isTransientDynamoError(error) || isUnsettledDynamoError(error)) throw new TransientError('storage_busy', 'The table did not answer in time, try again', { cause: error });
    throw error;
  }
};
