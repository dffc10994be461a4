import type { JobQueue } from '../../domain/jobs/ports.js';
import type { QueueSender } from './queue-client.js';

/**
 * The `jobs` queue: one message `{ jobId }` per job; the worker reads everything else from the job.
 * @example const queue = sqsJobQueue(queueSender(createSqsClient()), queueUrl('QUEUE_URL_JOBS'));
 */
export const sqsJobQueue = (sender: QueueSender, queueUrl: string): JobQueue => ({
  enqueue: (message) => sender.send(queueUrl, { body: message }),
});
