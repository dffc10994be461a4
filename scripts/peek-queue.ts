import { readFile } from 'node:fs/promises';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';

/**
 * `npm run queue -- <queueId> [--dlq]`: shows up to 10 messages of a queue of the running local
 * stack without consuming them (they are received with a visibility timeout of 0).
 */
const [queueId, flag] = process.argv.slice(2);
const hub = z
  .object({ sqsEndpoint: z.string(), resources: z.object({ queueUrls: z.record(z.string(), z.string()), dlqUrls: z.record(z.string(), z.string()) }) })
  .parse(JSON.parse(await readFile('.local/hub.json', 'utf8').catch(() => '{}')));
const urls = flag === '--dlq' ? hub.resources.dlqUrls : hub.resources.queueUrls;
const url = queueId ? urls[queueId] : undefined;
if (!url) {
  console.error(`usage: npm run queue -- <${Object.keys(urls).join('|')}> [--dlq]`);
  process.exit(2);
}
const sqs = new SQSClient({ endpoint: hub.sqsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, useQueueUrlAsEndpoint: false });
const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }));
for (const m of Messages) {
  const attributes = Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]));
  console.log(JSON.stringify({ attributes, body: JSON.parse(m.Body ?? 'null') }, null, 2));
}
console.log(`${Messages.length} message(s) shown from ${queueId}${flag === '--dlq' ? ' DLQ' : ''}`);
sqs.destroy();
