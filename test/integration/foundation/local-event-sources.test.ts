import { afterAll, describe, expect, it } from 'vitest';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { pollQueue } from '../../../infra/local/event-sources.js';
import { emulatorClients } from '../../support/aws-clients.js';

describe('local SQS event source on fauxqs', () => {
  const clients = emulatorClients();
  afterAll(() => clients.destroy());

  it('deletes handled messages, redelivers reported failures after the visibility timeout, then dead-letters them', async () => {
    const name = `es-${Date.now()}`;
    const dlq = await clients.sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
    const dlqArn = (await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!['QueueArn'];
    const queue = await clients.sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) } }),
    );
    for (const body of ['good', 'bad']) await clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.QueueUrl, MessageBody: body }));

    const seen: Array<{ body: string; receiveCount: string }> = [];
    const controller = new AbortController();
    const loop = pollQueue({
      sqs: clients.sqs,
      queueUrl: queue.QueueUrl!,
      queueArn: 'arn',
      batchSize: 10,
      idleWaitSeconds: 1,
      signal: controller.signal,
      onError: () => undefined,
      invoke: async (event: SQSEvent) => {
        for (const r of event.Records) seen.push({ body: r.body, receiveCount: r.attributes.ApproximateReceiveCount });
        return { batchItemFailures: event.Records.filter((r) => r.body === 'bad').map((r) => ({ itemIdentifier: r.messageId })) };
      },
    });
    let dead: string[] = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && dead.length === 0) {
      const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, WaitTimeSeconds: 1 }));
      dead = Messages.map((m) => m.Body ?? '');
    }
    controller.abort();
    await loop;
    expect(dead).toEqual(['bad']);
    expect(seen.filter((s) => s.body === 'good')).toHaveLength(1);
    expect(seen.filter((s) => s.body === 'bad').map((s) => s.receiveCount)).toEqual(['1', '2']);
  });

  it('keeps a batch invisible while a slow invocation runs (no second copy to another poller), and retries a failure after the queue visibility', async () => {
    // A loaded machine: the handler outlasts the queue's (scaled-down) 1 s visibility timeout.
    const name = `es-slow-${Date.now()}`;
    const queue = await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '1' } }));
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.QueueUrl, MessageBody: 'slow-then-fail' }));
    const seen: Array<{ poller: number; receiveCount: string; at: number }> = [];
    const controller = new AbortController();
    let release!: () => void;
    const slowRunDone = new Promise<void>((resolve) => (release = resolve));
    const loops = [0, 1, 2].map((poller) =>
      pollQueue({
        sqs: clients.sqs,
        queueUrl: queue.QueueUrl!,
        queueArn: 'arn',
        batchSize: 10,
        idleWaitSeconds: 1,
        signal: controller.signal,
        onError: () => undefined,
        inFlightVisibilitySeconds: 20,
        retryVisibilitySeconds: 1,
        invoke: async (event: SQSEvent) => {
          seen.push({ poller, receiveCount: event.Records[0]!.attributes.ApproximateReceiveCount, at: Date.now() });
          if (seen.length === 1) {
            // Three visibility timeouts long; the other pollers keep polling meanwhile.
            await new Promise((r) => setTimeout(r, 3_000));
            release();
            return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
          }
          return {};
        },
      }),
    );
    await slowRunDone;
    const deadline = Date.now() + 20_000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await Promise.all(loops);
    // Received once while in flight, then once more after the failure (receive count 2), not before.
    expect(seen.map((s) => s.receiveCount)).toEqual(['1', '2']);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(3_000);
  });
});
