import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SQSEvent } from 'aws-lambda';
import { sqsConsumer, type Quarantine } from '../../../shared/lambda/sqs.js';
import { PermanentError, TransientError } from '../../../shared/domain/errors.js';
import { lambdaContext } from '../../../infra/local/event-sources.js';

const record = (id: string, body: string, groupId?: string) => ({
  messageId: id,
  receiptHandle: id,
  body,
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0', ...(groupId ? { MessageGroupId: groupId } : {}) },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
  awsRegion: 'us-east-1',
});

describe('sqsConsumer', () => {
  const build = (fifo = false) => {
    const quarantined: Parameters<Quarantine['put']>[0][] = [];
    const handled: string[] = [];
    const handler = sqsConsumer({
      source: 'test',
      fifo,
      schema: z.object({ n: z.number() }),
      quarantine: { put: async (e) => void quarantined.push(e) },
      handle: async ({ n }, r) => {
        if (n === 1) throw new TransientError('busy', 'try later');
        if (n === 2) throw new PermanentError('refused', 'never works');
        handled.push(r.messageId);
      },
    });
    return { handler, quarantined, handled };
  };

  it('reports retryable failures as batch item failures and quarantines the rest with reasons', async () => {
    const { handler, quarantined, handled } = build();
    const event: SQSEvent = { Records: [record('ok', '{"n":0}'), record('retry', '{"n":1}'), record('perm', '{"n":2}'), record('notjson', '{n:'), record('schema', '{"n":"x"}')] };
    const result = await handler(event, lambdaContext('t', 5));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'retry' }]);
    expect(handled).toEqual(['ok']);
    expect(quarantined.map((q) => [q.messageId, q.code]).sort()).toEqual([
      ['notjson', 'malformed_message'],
      ['perm', 'refused'],
      ['schema', 'invalid_message'],
    ]);
    expect(quarantined.find((q) => q.messageId === 'notjson')?.body).toBe('{n:');
  });

  it('on FIFO queues, fails the rest of a group after a retryable failure to keep order', async () => {
    const { handler, handled } = build(true);
    const event: SQSEvent = { Records: [record('a1', '{"n":1}', 'A'), record('a2', '{"n":0}', 'A'), record('b1', '{"n":0}', 'B')] };
    const result = await handler(event, lambdaContext('t', 5));
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['a1', 'a2']);
    expect(handled).toEqual(['b1']);
  });
});
