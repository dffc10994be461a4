import { createHash } from 'node:crypto';
import type { RecomputeQueue } from '../../domain/risk/ports.js';
import type { QueueSender } from './queue-client.js';

/**
 * The FIFO recompute queue: group = customer (per-customer work is serialised), deduplication id
 * = hash of (customer, cause), so a retried enqueue of the same request within SQS's five-minute
 * window is dropped by SQS itself.
 */
export const recomputeQueue = (sender: QueueSender, queueUrl: string): RecomputeQueue => ({
  async enqueue(requests) {
    await sender.sendAll(
      queueUrl,
      requests.map((r) => ({
        body: { customerId: r.customerId, causedBy: r.causedBy },
        groupId: r.customerId,
        deduplicationId: createHash('sha256').update(`${r.customerId}\n${r.causedBy}`).digest('hex'),
      })),
    );
  },
});
