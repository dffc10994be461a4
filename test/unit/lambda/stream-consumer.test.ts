import { describe, expect, it } from 'vitest';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { lambdaContext } from '../../../infra/local/event-sources.js';
import { PermanentError, TransientError } from '../../../shared/domain/errors.js';
import type { Quarantine } from '../../../shared/lambda/sqs.js';
import { streamConsumer } from '../../../shared/lambda/stream.js';

const record = (sequence: string, behaviour: 'ok' | 'retry' | 'poison'): DynamoDBRecord => ({
  eventID: sequence,
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: sequence, Keys: { pk: { S: `EVENT#${behaviour}` } }, NewImage: { pk: { S: `EVENT#${behaviour}` } } },
});

const build = (options: { quarantineFails?: boolean } = {}) => {
  const handled: string[] = [];
  const quarantined: Parameters<Quarantine['put']>[0][] = [];
  let batches = 0;
  const handler = streamConsumer({
    source: 'test',
    beforeBatch: async () => {
      batches += 1;
    },
    quarantine: {
      put: async (entry) => {
        if (options.quarantineFails) throw new Error('table unavailable');
        quarantined.push(entry);
      },
    },
    handle: async (r) => {
      const behaviour = r.dynamodb?.Keys?.['pk']?.S;
      if (behaviour === 'EVENT#retry') throw new TransientError('queue_down', 'SQS did not answer');
      if (behaviour === 'EVENT#poison') throw new PermanentError('unreadable_event', 'Attribute envelope.type is not readable');
      handled.push(r.dynamodb?.SequenceNumber ?? '');
    },
  });
  return { handler, handled, quarantined, batches: () => batches };
};

describe('streamConsumer', () => {
  it('stops at the first retryable failure and reports only its sequence number', async () => {
    // Prepare
    const { handler, handled } = build();
    const event: DynamoDBStreamEvent = { Records: [record('1', 'ok'), record('2', 'retry'), record('3', 'ok')] };
    // Act
    const result = await handler(event, lambdaContext('t', 5));
    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
    expect(handled).toEqual(['1']);
  });

  it('quarantines a poison record with its reason and image, and goes on with the rest', async () => {
    const { handler, handled, quarantined } = build();
    const result = await handler({ Records: [record('1', 'ok'), record('2', 'poison'), record('3', 'ok')] }, lambdaContext('t', 5));
    expect(result.batchItemFailures).toEqual([]);
    expect(handled).toEqual(['1', '3']);
    expect(quarantined).toEqual([
      { source: 'test', messageId: '2', code: 'unreadable_event', reason: 'Attribute envelope.type is not readable', body: JSON.stringify({ pk: { S: 'EVENT#poison' } }), receiveCount: 1 },
    ]);
  });

  it('retries a poison record whose quarantine failed instead of losing it', async () => {
    const { handler, handled } = build({ quarantineFails: true });
    const result = await handler({ Records: [record('1', 'poison'), record('2', 'ok')] }, lambdaContext('t', 5));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '1' }]);
    expect(handled).toEqual([]);
  });

  it('runs beforeBatch once per non-empty batch', async () => {
    const { handler, batches } = build();
    await handler({ Records: [] }, lambdaContext('t', 5));
    await handler({ Records: [record('1', 'ok'), record('2', 'ok')] }, lambdaContext('t', 5));
    expect(batches()).toBe(1);
  });
});
