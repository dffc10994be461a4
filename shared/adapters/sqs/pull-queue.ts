import type { PullQueue } from '../../domain/bureau-pulls/ports.js';
import type { QueueSender } from './queue-client.js';

/** The bureauPulls queue as the pull use cases see it. */
export const sqsPullQueue = (sender: QueueSender, queueUrl: string): PullQueue => ({
  enqueue: (message, delaySeconds) => sender.send(queueUrl, { body: message, ...(delaySeconds ? { delaySeconds } : {}) }),
});
