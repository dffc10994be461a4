import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../shared/domain/clock.js';
import { relayEvent } from '../../shared/domain/outbound/relay-event.js';
import { deliveryStore } from '../../shared/adapters/dynamodb/delivery-store.js';
import { EVENT_RETENTION_DAYS } from '../../shared/adapters/dynamodb/event-items.js';
import { eventStore, relayMarkStore } from '../../shared/adapters/dynamodb/event-store.js';
import { subscriptionStore } from '../../shared/adapters/dynamodb/subscription-store.js';
import { relayOutlet } from '../../shared/adapters/sqs/relay-outlet.js';
import type { LocalResources } from './provision.js';

/** What the start-up sweep found and put back on the queues. */
export interface RecoveryReport {
  /** Outbox events no relay had touched, now relayed. */
  relayed: number;
  /** Outbox events whose relay failed again (the stream does not replay them; run `npm run redrive`). */
  relayFailed: string[];
  /** Scheduled webhook retries whose queue message was lost, now parked for the delivery sweep. */
  deliveriesParked: number;
}

/**
 * The queues of the local hub live in memory (fauxqs) and the table on disk: after a restart,
 * work the table says is pending has no message any more. Before the workers start, this
 * relays every outbox event no relay had touched (through the relay itself, so its sent-markers
 * keep it at most once) and parks every scheduled webhook retry in the due index, where the
 * delivery sweep enqueues it when due. Nothing else writes meanwhile, so the stream can then be
 * read from its latest position.
 */
export const recoverPendingWork = async (options: { client: DynamoDBDocumentClient; sqs: SQSClient; resources: LocalResources; clock: Clock }): Promise<RecoveryReport> => {
  const table = { client: options.client, tableName: options.resources.tableName };
  const now = options.clock.now();
  const report: RecoveryReport = { relayed: 0, relayFailed: [], deliveriesParked: 0 };
  const subscriptions = await subscriptionStore(table).list();

  const relay = relayEvent({ marks: relayMarkStore(table), outlet: relayOutlet(options.sqs, (queue) => options.resources.queueUrls[queue]) });
  const pending = await eventStore(table).listUnrelayedBetween(new Date(now.getTime() - EVENT_RETENTION_DAYS * 86_400_000), new Date(now.getTime() + 3_600_000));
  for (const entry of pending) {
    if (!('envelope' in entry)) continue;
    const outcome = await relay(entry.envelope, subscriptions);
    if (outcome.failed.length > 0) report.relayFailed.push(entry.eventId);
    else report.relayed += 1;
  }

  const deliveries = deliveryStore(table);
  for (const subscription of subscriptions) {
    let after: string | undefined;
    do {
      const page = await deliveries.listForSubscription(subscription.id, { limit: 100, status: 'scheduled', ...(after ? { after } : {}) });
      for (const record of page.records) {
        await deliveries.park(record.subscriptionId, record.eventId, record.nextAttemptAt ? new Date(record.nextAttemptAt) : now);
        report.deliveriesParked += 1;
      }
      after = page.next;
    } while (after);
  }
  return report;
};
