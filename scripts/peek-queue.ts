import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

export interface PeekedMessage {
  attributes: Record<string, string | undefined>;
  /** The body parsed as JSON, or the raw text when it is not JSON. */
  body: unknown;
}

const parseBody = (text: string | undefined): unknown => {
  try {
    return JSON.parse(text ?? 'null') as unknown;
  } catch {
    return text;
  }
};

/**
 * `rb queue <queueId> [--dlq]`: up to `max` (≤ 10) messages of a queue of the running local stack,
 * without consuming them (they are received with a visibility timeout of 0).
 *
 * @example
 * const messages = await peekQueue({ sqsEndpoint: 'http://127.0.0.1:9324', queueUrl });
 */
export const peekQueue = async ({ sqsEndpoint, queueUrl, max = 10 }: { sqsEndpoint: string; queueUrl: string; max?: number }): Promise<PeekedMessage[]> => {
  const sqs = new SQSClient({ endpoint: sqsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, useQueueUrlAsEndpoint: false });
  try {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: max, VisibilityTimeout: 0, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }));
    return Messages.map((m) => ({
      attributes: Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue])),
      body: parseBody(m.Body),
    }));
  } finally {
    sqs.destroy();
  }
};
