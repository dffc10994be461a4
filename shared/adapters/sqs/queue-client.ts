import { SQSClient, SendMessageBatchCommand, SendMessageCommand, type MessageAttributeValue } from '@aws-sdk/client-sqs';
import { TransientError } from '../../domain/errors.js';

/** Built once per cold start; the endpoint comes from AWS_ENDPOINT_URL_SQS locally. */
export const createSqsClient = (): SQSClient => new SQSClient({ useQueueUrlAsEndpoint: false });

export interface OutboundMessage {
  body: unknown;
  groupId?: string;
  deduplicationId?: string;
  delaySeconds?: number;
  attributes?: Record<string, MessageAttributeValue>;
}

/**
 * Sends JSON messages, in batches of ten; any message SQS refuses makes the call fail with a
 * retryable error (the caller's own message is then retried, so nothing is lost).
 */
export const queueSender = (client: SQSClient) => ({
  async send(queueUrl: string, message: OutboundMessage): Promise<void> {
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(message.body),
        ...(message.groupId ? { MessageGroupId: message.groupId } : {}),
        ...(message.deduplicationId ? { MessageDeduplicationId: message.deduplicationId } : {}),
        ...(message.delaySeconds ? { DelaySeconds: message.delaySeconds } : {}),
        ...(message.attributes ? { MessageAttributes: message.attributes } : {}),
      }),
    );
  },

  async sendAll(queueUrl: string, messages: OutboundMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      const chunk = messages.slice(i, i + 10);
      const result = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: chunk.map((m, j) => ({
            Id: String(j),
            MessageBody: JSON.stringify(m.body),
            ...(m.groupId ? { MessageGroupId: m.groupId } : {}),
            ...(m.deduplicationId ? { MessageDeduplicationId: m.deduplicationId } : {}),
            ...(m.delaySeconds ? { DelaySeconds: m.delaySeconds } : {}),
            ...(m.attributes ? { MessageAttributes: m.attributes } : {}),
          })),
        }),
      );
      if (result.Failed && result.Failed.length > 0) {
        throw new TransientError('queue_send_failed', `SQS refused ${result.Failed.length} message(s): ${result.Failed.map((f) => f.Code).join(', ')}`);
      }
    }
  },
});
export type QueueSender = ReturnType<typeof queueSender>;
