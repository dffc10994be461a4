import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { eventStore } from '../shared/adapters/dynamodb/event-store.js';

/**
 * `npx tsx scripts/relay-report.ts [--hub .local/hub.json] [--hours 2] [--receiver http://127.0.0.1:4000]`: what the relay of a
 * running local hub produced — outbox events of the last hours against the messages on the
 * result queues (total, distinct event ids, most copies of one event) and relayFailures.
 * It consumes the result queues (nothing else reads them locally; a FIFO queue shows a group's
 * next message only once the one before is deleted), so a second run counts only newer messages.
 * With `--receiver`, also the webhooks the local receiver got (its last 100).
 */
const { values } = parseArgs({ options: { hub: { type: 'string', default: '.local/hub.json' }, hours: { type: 'string', default: '2' }, receiver: { type: 'string' } }, strict: true });
const hub = z
  .object({ dynamoEndpoint: z.url(), sqsEndpoint: z.url(), resources: z.object({ tableName: z.string(), queueUrls: z.record(z.string(), z.string()) }) })
  .parse(JSON.parse(await readFile(values.hub, 'utf8')) as unknown);
const local = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const sqs = new SQSClient({ endpoint: hub.sqsEndpoint, ...local, useQueueUrlAsEndpoint: false });
const dynamo = createDocumentClient({ endpoint: hub.dynamoEndpoint, ...local });

const now = Date.now();
const outbox = await eventStore({ client: dynamo, tableName: hub.resources.tableName }).listOutboxBetween(new Date(now - Number(values.hours) * 3_600_000), new Date(now + 60_000));
const eventIds = new Set(outbox.map((e) => e.eventId));

const BodySchema = z.object({ id: z.string() });
const count = async (queue: string) => {
  const url = hub.resources.queueUrls[queue] ?? '';
  const perEvent = new Map<string, number>();
  let messages = 0;
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 60 }));
    if (Messages.length === 0) break;
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })) }));
    for (const m of Messages) {
      messages += 1;
      const parsed = BodySchema.safeParse(JSON.parse(m.Body ?? 'null') as unknown);
      if (parsed.success) perEvent.set(parsed.data.id, (perEvent.get(parsed.data.id) ?? 0) + 1);
    }
  }
  const missing = [...eventIds].filter((id) => !perEvent.has(id)).length;
  return { messages, distinctEvents: perEvent.size, mostCopies: Math.max(0, ...perEvent.values()), outboxEventsMissing: missing };
};

const depth = async (queue: string) => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: hub.resources.queueUrls[queue], AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes?.['ApproximateNumberOfMessages'] ?? 0) + Number(Attributes?.['ApproximateNumberOfMessagesNotVisible'] ?? 0);
};

const webhooks = async (receiverUrl: string) => {
  const { received } = z
    .object({ received: z.array(z.object({ webhookId: z.string().optional() })) })
    .parse(await (await fetch(`${receiverUrl}/__received`)).json());
  const perId = new Map<string, number>();
  for (const r of received) if (r.webhookId) perId.set(r.webhookId, (perId.get(r.webhookId) ?? 0) + 1);
  return { received: received.length, distinctEvents: perId.size, mostCopies: Math.max(0, ...perId.values()) };
};

console.log(
  JSON.stringify(
    {
      events: eventIds.size,
      unreadableEvents: outbox.filter((e) => 'unreadable' in e).length,
      results: await count('results'),
      resultsFifo: await count('resultsFifo'),
      relayFailures: await depth('relayFailures'),
      ...(values.receiver ? { webhooks: await webhooks(values.receiver) } : {}),
    },
    null,
    2,
  ),
);
sqs.destroy();
dynamo.destroy();
