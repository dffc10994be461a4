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

describe('streamConsumer with order keys', () => {
  /** Records `<key>:<n>`; `fail` names records whose handling fails retryably. */
  const keyed = (ids: string[]): DynamoDBStreamEvent => ({
    Records: ids.map((id, i) => ({ eventID: id, eventName: 'INSERT', dynamodb: { SequenceNumber: String(i + 1), Keys: { pk: { S: id } } } })),
  });
  const build = (fail: Set<string>, concurrency = 4) => {
    const log: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const handler = streamConsumer({
      source: 'test',
      quarantine: { put: async () => undefined },
      orderKey: (r) => (r.dynamodb?.Keys?.['pk']?.S ?? '').split(':')[0] ?? '',
      concurrency,
      handle: async (r) => {
        const id = r.dynamodb?.Keys?.['pk']?.S ?? '';
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        if (fail.has(id)) throw new TransientError('queue_down', 'SQS did not answer');
        log.push(id);
      },
    });
    return { handler, log, maxInFlight: () => maxInFlight };
  };

  it('runs different keys side by side and each key in stream order', async () => {
    const { handler, log, maxInFlight } = build(new Set());
    const result = await handler(keyed(['a:1', 'b:1', 'a:2', 'c:1', 'b:2', 'a:3']), lambdaContext('t', 5));
    expect(result.batchItemFailures).toEqual([]);
    expect(maxInFlight()).toBeGreaterThan(1);
    expect(log.filter((id) => id.startsWith('a:'))).toEqual(['a:1', 'a:2', 'a:3']);
    expect(log.filter((id) => id.startsWith('b:'))).toEqual(['b:1', 'b:2']);
  });

  it('reports the earliest record that did not succeed: everything before it is done, nothing of its key ran past it', async () => {
    // Records 1..6: a:1 b:1 a:2 c:1 b:2 a:3 — a:2 (record 3) fails.
    const { handler, log } = build(new Set(['a:2']));
    const result = await handler(keyed(['a:1', 'b:1', 'a:2', 'c:1', 'b:2', 'a:3']), lambdaContext('t', 5));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '3' }]);
    expect(log).toEqual(expect.arrayContaining(['a:1', 'b:1']));
    expect(log).not.toContain('a:3');
  });

  it('with one key at a time, handles the batch strictly in order and stops at the failure', async () => {
    const { handler, log, maxInFlight } = build(new Set(['b:1']), 1);
    const result = await handler(keyed(['a:1', 'b:1', 'c:1']), lambdaContext('t', 5));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
    expect(log).toEqual(['a:1']);
    expect(maxInFlight()).toBe(1);
  });
});
