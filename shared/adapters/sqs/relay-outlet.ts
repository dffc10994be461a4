import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { RelayMessage, RelayOutlet, RelayQueue } from '../../domain/outbound/relay-event.js';

const BATCH = 10;

/**
 * Sends relay messages with SendMessageBatch, one call per queue and ten messages, the queues
 * in parallel. Reports per message whether SQS accepted it: a refused entry or a failed call
 * leaves those targets out of `sent` (with SQS's code or the error's name), never throws.
 */
export const relayOutlet = (client: SQSClient, urlOf: (queue: RelayQueue) => string): RelayOutlet => ({
  async send(messages) {
    const byQueue = new Map<RelayQueue, RelayMessage[]>();
    for (const m of messages) byQueue.set(m.queue, [...(byQueue.get(m.queue) ?? []), m]);
    const chunks = [...byQueue].flatMap(([queue, list]) =>
      Array.from({ length: Math.ceil(list.length / BATCH) }, (_, i) => ({ queue, list: list.slice(i * BATCH, (i + 1) * BATCH) })),
    );
    const sent = new Set<string>();
    const failed: Array<{ target: string; code: string }> = [];
    await Promise.all(
      chunks.map(async ({ queue, list }) => {
        try {
          const result = await client.send(
            new SendMessageBatchCommand({
              QueueUrl: urlOf(queue),
              Entries: list.map((m, i) => ({
                Id: String(i),
                MessageBody: JSON.stringify(m.body),
                ...(m.groupId ? { MessageGroupId: m.groupId } : {}),
                ...(m.deduplicationId ? { MessageDeduplicationId: m.deduplicationId } : {}),
                ...(m.attributes ? { MessageAttributes: m.attributes } : {}),
              })),
            }),
          );
          for (const ok of result.Successful ?? []) {
            const target = list[Number(ok.Id)]?.target;
            if (target !== undefined) sent.add(target);
          }
          for (const refused of result.Failed ?? []) {
            const target = list[Number(refused.Id)]?.target;
            if (target !== undefined) failed.push({ target, code: refused.Code ?? 'refused' });
          }
        } catch (error) {
          const code = (error as { name?: string } | undefined)?.name ?? 'send_failed';
          for (const m of list) failed.push({ target: m.target, code });
        }
      }),
    );
    return { sent, failed };
  },
});
