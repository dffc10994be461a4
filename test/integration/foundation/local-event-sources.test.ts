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
});
