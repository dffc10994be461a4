import { describe, expect, it } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isTransientDynamoError, isUnsettledDynamoError } from '../../../shared/adapters/dynamodb/client.js';
import { identityIndex } from '../../../shared/adapters/dynamodb/identity-index.js';
import { TransientError } from '../../../shared/domain/errors.js';

const named = (name: string, extra: Record<string, unknown> = {}): Error => Object.assign(new Error(name), { name, $metadata: {}, ...extra });

describe('DynamoDB error classes: refused (try again) versus ended without a verdict (read back)', () => {
  it('counts throttling, conflicts and a still-running ClientRequestToken as refused, and a failed condition as neither', () => {
    expect(isTransientDynamoError(named('TransactionInProgressException'))).toBe(true);
    expect(isTransientDynamoError(named('TransactionCanceledException', { CancellationReasons: [{ Code: 'None' }, { Code: 'ProvisionedThroughputExceeded' }] }))).toBe(true);
    expect(isTransientDynamoError(named('TransactionCanceledException', { CancellationReasons: [{ Code: 'TransactionConflict' }] }))).toBe(true);
    expect(isTransientDynamoError(named('TransactionCanceledException', { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] }))).toBe(false);
    expect(isTransientDynamoError(named('ValidationException'))).toBe(false);
  });

  it('counts connection resets, timeouts and bare 5xx as unsettled, never our own abort or a refusal with a verdict', () => {
    expect(isUnsettledDynamoError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isUnsettledDynamoError(named('TimeoutError'))).toBe(true);
    expect(isUnsettledDynamoError(named('UnknownError', { $metadata: { httpStatusCode: 502 } }))).toBe(true);
    expect(isUnsettledDynamoError(named('AbortError'))).toBe(false);
    expect(isUnsettledDynamoError(named('ConditionalCheckFailedException', { $metadata: { httpStatusCode: 400 } }))).toBe(false);
    expect(isUnsettledDynamoError(new TypeError('x is not a function'))).toBe(false);
  });

  it('turns an identity lookup that ended without an answer into a retryable storage_busy, and leaves other errors alone', async () => {
    const failing = (error: Error) => identityIndex({ client: { send: () => Promise.reject(error) } as unknown as DynamoDBDocumentClient, tableName: 't' });
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    await expect(failing(reset).holderOf('email#a@b.example')).rejects.toMatchObject({ code: 'storage_busy', retryable: true, cause: reset });
    await expect(failing(named('TransactionInProgressException')).find(['email#a@b.example'])).rejects.toBeInstanceOf(TransientError);
    const bug = new TypeError('x is not a function');
    await expect(failing(bug).holderOf('email#a@b.example')).rejects.toBe(bug);
  });
});
