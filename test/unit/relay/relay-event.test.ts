import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../../shared/domain/delivery/subscription.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import { relayEvent, relayMessages, type RelayMarks, type RelayMessage, type RelayOutlet } from '../../../shared/domain/outbound/relay-event.js';
import { routeEvent } from '../../../shared/domain/outbound/route-event.js';

const EVENT_ID = 'evt_01JD0000000000000000000001';
const SUB_A = 'sub_01JD00000000000000000000AA';
const SUB_B = 'sub_01JD00000000000000000000BB';

const sub = (id: string, eventTypes: string[]): Subscription =>
  ({ id, url: 'https://example.com/h', eventTypes, secrets: [{ secret: 'whsec_x', createdAt: '2026-01-01T00:00:00Z' }], enabled: true, consecutiveFailures: 0, exhaustedCount: 0, createdAt: '2026-01-01T00:00:00Z' }) as Subscription;

const event = (type: string, data: Record<string, unknown> = {}, customerId: string | null = 'cust-1'): EventEnvelope => ({
  id: EVENT_ID,
  type,
  version: 1,
  occurredAt: '2026-12-01T10:00:00.000Z',
  ...(customerId ? { customerId, sequence: 3 } : {}),
  data,
});

/** Sent-markers of one outbox kept in memory, like the two string sets on the event items. */
const memoryMarks = (eventIds: string[] = [EVENT_ID]) => {
  const items = new Map(eventIds.map((id) => [id, { relayed: new Set<string>(), started: new Set<string>() }]));
  const marks: RelayMarks & { failConfirm?: boolean } = {
    async begin(eventId, targets) {
      const item = items.get(eventId);
      if (!item) return undefined;
      const before = { relayed: new Set(item.relayed), started: new Set(item.started) };
      for (const t of targets) item.started.add(t);
      return before;
    },
    async confirm(eventId, targets) {
      if (marks.failConfirm) throw new Error('crashed before the marker');
      const item = items.get(eventId);
      const already = new Set(targets.filter((t) => item?.relayed.has(t)));
      for (const t of targets) item?.relayed.add(t);
      return already;
    },
  };
  return { marks, items };
};

/** Queues in memory; `refuse` names targets whose send fails. */
const memoryOutlet = () => {
  const sent: RelayMessage[] = [];
  const refuse = new Set<string>();
  const outlet: RelayOutlet = {
    async send(messages) {
      const ok = messages.filter((m) => !refuse.has(m.target));
      sent.push(...ok);
      return { sent: new Set(ok.map((m) => m.target)), failed: messages.filter((m) => refuse.has(m.target)).map((m) => ({ target: m.target, code: 'ServiceUnavailable' })) };
    },
  };
  return { outlet, sent, refuse };
};

describe('relayMessages', () => {
  it('sends every event to both result queues, the FIFO one grouped by customer and deduplicated on the event id', () => {
    const envelope = event('rating.changed');
    const messages = relayMessages(envelope, routeEvent(envelope, []));
    expect(messages.find((m) => m.queue === 'results')).toMatchObject({ target: 'results', body: envelope, attributes: { eventType: { StringValue: 'rating.changed' } } });
    expect(messages.find((m) => m.queue === 'resultsFifo')).toMatchObject({ target: 'resultsFifo', groupId: 'cust-1', deduplicationId: EVENT_ID });
  });

  it('gives each subscription its own delivery target, and routes recompute, write-back and first-seen pulls', () => {
    const created = event('customer.updated', { changedFields: ['created'] });
    const messages = relayMessages(created, routeEvent(created, [sub(SUB_A, ['customer.updated']), sub(SUB_B, ['rating.changed'])]));
    expect(messages.map((m) => m.target).sort()).toEqual(['bureauPulls', `deliveries:${SUB_A}`, 'recompute', 'results', 'resultsFifo']);
    expect(messages.find((m) => m.queue === 'deliveries')?.body).toEqual({ eventId: EVENT_ID, subscriptionId: SUB_A });
    expect(messages.find((m) => m.queue === 'recompute')).toMatchObject({ body: { customerId: 'cust-1', causedBy: EVENT_ID }, groupId: 'cust-1', deduplicationId: EVENT_ID });
    expect(messages.find((m) => m.queue === 'bureauPulls')?.body).toEqual({ firstSeen: true, customerId: 'cust-1' });

    const limit = event('limit.changed');
    expect(relayMessages(limit, routeEvent(limit, [])).find((m) => m.queue === 'writebacks')?.body).toEqual({ eventId: EVENT_ID, customerId: 'cust-1' });
  });

  it('groups events without a customer under "global"', () => {
    const envelope = event('endpoint.disabled', {}, null);
    expect(relayMessages(envelope, routeEvent(envelope, [])).find((m) => m.queue === 'resultsFifo')?.groupId).toBe('global');
  });
});

describe('relayEvent', () => {
  const subscriptions = [sub(SUB_A, ['rating.changed'])];

  it('sends each target once and marks it; a replayed record sends nothing', async () => {
    // Prepare
    const { marks, items } = memoryMarks();
    const { outlet, sent } = memoryOutlet();
    const relay = relayEvent({ marks, outlet });
    // Act
    const first = await relay(event('rating.changed'), subscriptions);
    const replay = await relay(event('rating.changed'), subscriptions);
    // Assess
    expect(sent.map((m) => m.target).sort()).toEqual([`deliveries:${SUB_A}`, 'results', 'resultsFifo', 'writebacks']);
    expect([...(items.get(EVENT_ID)?.relayed ?? [])].sort()).toEqual([`deliveries:${SUB_A}`, 'results', 'resultsFifo', 'writebacks']);
    expect(first).toMatchObject({ skipped: [], failed: [], duplicates: [] });
    expect(replay).toMatchObject({ sent: [], failed: [], duplicates: [] });
    expect(replay.skipped.sort()).toEqual(first.sent.sort());
  });

  it('leaves a failed target unmarked and sends only it on the retry', async () => {
    const { marks } = memoryMarks();
    const { outlet, sent, refuse } = memoryOutlet();
    const relay = relayEvent({ marks, outlet });
    refuse.add('results');

    const failing = await relay(event('rating.changed'), subscriptions);
    refuse.clear();
    const retry = await relay(event('rating.changed'), subscriptions);

    expect(failing.failed).toEqual([{ target: 'results', code: 'ServiceUnavailable' }]);
    expect(retry.sent).toEqual(['results']);
    expect(sent.filter((m) => m.target === 'results')).toHaveLength(1);
    expect(sent).toHaveLength(4);
    // The failed send may have reached SQS before failing: counted as a possible duplicate.
    expect(retry.duplicates).toEqual(['results']);
  });

  it('counts the sends a crash between send and marker repeats', async () => {
    const { marks } = memoryMarks();
    const { outlet, sent } = memoryOutlet();
    const relay = relayEvent({ marks, outlet });
    marks.failConfirm = true;

    await expect(relay(event('rating.changed'), subscriptions)).rejects.toThrow('crashed before the marker');
    marks.failConfirm = false;
    const retry = await relay(event('rating.changed'), subscriptions);

    expect(sent.filter((m) => m.target === 'results')).toHaveLength(2);
    expect(retry.duplicates.sort()).toEqual([`deliveries:${SUB_A}`, 'results', 'resultsFifo', 'writebacks']);
  });

  it('counts a target another relay marked while this one was sending', async () => {
    const { marks, items } = memoryMarks();
    const { outlet } = memoryOutlet();
    const racing: RelayOutlet = {
      async send(messages) {
        items.get(EVENT_ID)?.relayed.add('results');
        return outlet.send(messages);
      },
    };
    const outcome = await relayEvent({ marks, outlet: racing })(event('rating.changed'), []);
    expect(outcome.duplicates).toEqual(['results']);
  });

  it('sends to a subscription added after the first relay, and nothing else', async () => {
    const { marks } = memoryMarks();
    const { outlet, sent } = memoryOutlet();
    const relay = relayEvent({ marks, outlet });
    await relay(event('rating.changed'), subscriptions);
    const later = await relay(event('rating.changed'), [...subscriptions, sub(SUB_B, ['rating.changed'])]);
    expect(later.sent).toEqual([`deliveries:${SUB_B}`]);
    expect(sent).toHaveLength(5);
  });

  it('with force, sends every target again without counting duplicates', async () => {
    const { marks } = memoryMarks();
    const { outlet, sent } = memoryOutlet();
    const relay = relayEvent({ marks, outlet });
    await relay(event('rating.changed'), subscriptions);
    const forced = await relay(event('rating.changed'), subscriptions, { force: true });
    expect(forced.sent).toHaveLength(4);
    expect(forced.duplicates).toEqual([]);
    expect(sent).toHaveLength(8);
  });

  it('sends nothing for an event that is not in the outbox', async () => {
    const { marks } = memoryMarks([]);
    const { outlet, sent } = memoryOutlet();
    const outcome = await relayEvent({ marks, outlet })(event('rating.changed'), subscriptions);
    expect(outcome.missing).toBe(true);
    expect(sent).toEqual([]);
  });
});
