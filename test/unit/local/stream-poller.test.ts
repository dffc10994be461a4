import { describe, expect, it } from 'vitest';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { matchesInsertFilter, pollStream, retryIndexOf } from '../../../infra/local/event-sources.js';

const insert = (seq: string, pk = `EVENT#evt_${seq}`): StreamRecord => ({
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: seq, Keys: { pk: { S: pk } }, NewImage: { pk: { S: pk } }, ApproximateCreationDateTime: new Date('2026-12-01T10:00:00Z') },
});
const modify = (seq: string, pk: string): StreamRecord => ({ ...insert(seq, pk), eventName: 'MODIFY' });

/** One shard holding `records`; GetRecords hands them out once, then nothing. */
const fakeStreams = (records: StreamRecord[]) => {
  let read = false;
  return {
    send: async (command: unknown) => {
      if (command instanceof DescribeStreamCommand) return { StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } };
      if (command instanceof GetShardIteratorCommand) return { ShardIterator: 'it-0' };
      if (command instanceof GetRecordsCommand) {
        const out = read ? [] : records;
        read = true;
        return { Records: out, NextShardIterator: 'it-next' };
      }
      throw new Error('unexpected command');
    },
  } as unknown as DynamoDBStreamsClient;
};

const fakeSqs = () => {
  const sent: unknown[] = [];
  const client = {
    send: async (command: unknown) => {
      if (command instanceof SendMessageCommand) sent.push(JSON.parse(command.input.MessageBody ?? 'null') as unknown);
      return {};
    },
  } as unknown as SQSClient;
  return { client, sent };
};

const waitFor = async (condition: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

/**
 * Runs the poller over `records` with a handler that handles records in order and, like the
 * relay's stream consumer, stops at the first failure `fails` asks for and reports it.
 */
const run = async (records: StreamRecord[], fails: (seq: string, attempt: number) => boolean | 'throw', until: (handled: string[], onFailure: unknown[]) => boolean, retryAttempts = 3) => {
  const sqs = fakeSqs();
  const invocations: string[][] = [];
  const handled: string[] = [];
  const attempts = new Map<string, number>();
  const controller = new AbortController();
  const loop = pollStream({
    streams: fakeStreams(records),
    sqs: sqs.client,
    streamArn: 'arn:stream',
    batchSize: 10,
    pkPrefix: 'EVENT#',
    retryAttempts,
    onFailureQueueUrl: 'http://queue/relayFailures',
    signal: controller.signal,
    onError: () => undefined,
    pollIntervalMs: 1,
    retryDelayMs: () => 1,
    invoke: async (event: DynamoDBStreamEvent) => {
      invocations.push(event.Records.map((r) => r.dynamodb?.SequenceNumber ?? ''));
      for (const r of event.Records) {
        const seq = r.dynamodb?.SequenceNumber ?? '';
        const attempt = (attempts.get(seq) ?? 0) + 1;
        attempts.set(seq, attempt);
        const failure = fails(seq, attempt);
        if (failure === 'throw') throw new Error('function crashed');
        if (failure) return { batchItemFailures: [{ itemIdentifier: seq }] };
        handled.push(seq);
      }
      return { batchItemFailures: [] };
    },
  });
  await waitFor(() => until(handled, sqs.sent));
  controller.abort();
  await loop;
  return { invocations, handled, onFailure: sqs.sent };
};

describe('local stream event source (pollStream)', () => {
  it('checkpoints per record: records before a failure are not sent again, the retry starts at the failed record', async () => {
    // Prepare
    const records = [insert('1'), modify('2', 'EVENT#evt_1'), insert('3', 'CUSTOMER#c1'), insert('4'), insert('5')];
    // Act
    const { invocations, handled } = await run(records, (seq, attempt) => seq === '4' && attempt <= 2, (h) => h.includes('5'));
    // Assess
    expect(invocations).toEqual([['1', '4', '5'], ['4', '5'], ['4', '5']]);
    expect(handled).toEqual(['1', '4', '5']);
  });

  it('counts retries per failing record, so progress through a batch never exhausts them', async () => {
    const records = [insert('1'), insert('2'), insert('3')];
    const { handled, onFailure } = await run(records, (_seq, attempt) => attempt === 1, (h) => h.includes('3'), 1);
    expect(handled).toEqual(['1', '2', '3']);
    expect(onFailure).toEqual([]);
  });

  it('after the retries, sends the failing record to the on-failure queue and moves on', async () => {
    const records = [insert('1'), insert('2'), insert('3')];
    const { invocations, handled, onFailure } = await run(records, (seq) => seq === '2', (h) => h.includes('3'), 2);
    expect(invocations).toEqual([['1', '2', '3'], ['2', '3'], ['2', '3'], ['3']]);
    expect(handled).toEqual(['1', '3']);
    expect(onFailure).toEqual([
      expect.objectContaining({
        requestContext: expect.objectContaining({ condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 }),
        DDBStreamBatchInfo: expect.objectContaining({ shardId: 'shard-1', startSequenceNumber: '2', endSequenceNumber: '2', batchSize: 1, approximateArrivalOfFirstRecord: '2026-12-01T10:00:00.000Z' }),
      }),
    ]);
  });

  it('retries the whole batch when the function throws', async () => {
    const records = [insert('1'), insert('2')];
    const { invocations, handled } = await run(records, (seq, attempt) => (seq === '2' && attempt === 1 ? 'throw' : false), (h) => h.includes('2'));
    expect(invocations).toEqual([['1', '2'], ['1', '2']]);
    expect(handled).toEqual(['1', '1', '2']);
  });
});

describe('stream filter and partial batch responses', () => {
  it('passes only INSERTs of event items: the relay’s marker updates (MODIFY) never come back', () => {
    expect(matchesInsertFilter(insert('1'), 'EVENT#')).toBe(true);
    expect(matchesInsertFilter(modify('2', 'EVENT#evt_1'), 'EVENT#')).toBe(false);
    expect(matchesInsertFilter({ ...insert('3'), eventName: 'REMOVE' }, 'EVENT#')).toBe(false);
  });

  it('retries from the earliest reported failure; an unknown identifier fails the whole batch', () => {
    const batch = [insert('1'), insert('2'), insert('3')];
    expect(retryIndexOf(batch, { batchItemFailures: [] })).toBeUndefined();
    expect(retryIndexOf(batch, undefined)).toBeUndefined();
    expect(retryIndexOf(batch, { batchItemFailures: [{ itemIdentifier: '3' }, { itemIdentifier: '2' }] })).toBe(1);
    expect(retryIndexOf(batch, { batchItemFailures: [{ itemIdentifier: 'nope' }] })).toBe(0);
  });
});
