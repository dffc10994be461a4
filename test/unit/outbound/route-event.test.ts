import { describe, expect, it } from 'vitest';
import { routeEvent } from '../../../shared/domain/outbound/route-event.js';
import type { Subscription } from '../../../shared/domain/delivery/subscription.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';

const sub = (id: string, eventTypes: string[], enabled = true): Subscription =>
  ({ id, url: 'https://example.com/h', eventTypes, secrets: [{ secret: 'whsec_x', createdAt: '2026-01-01T00:00:00Z' }], enabled, consecutiveFailures: 0, exhaustedCount: 0, createdAt: '2026-01-01T00:00:00Z' }) as Subscription;
const event = (type: string, customerId?: string): EventEnvelope => ({ id: 'evt_01J0000000000000000000000A', type, version: 1, occurredAt: '2026-11-28T00:00:00Z', ...(customerId ? { customerId, sequence: 1 } : {}), data: {} });

describe('routeEvent', () => {
  it('fans out to enabled subscriptions of the type only', () => {
    const plan = routeEvent(event('customer.updated', 'c1'), [sub('sub_a', ['customer.updated']), sub('sub_b', ['rating.changed']), sub('sub_c', ['customer.updated'], false)]);
    expect(plan.deliveries).toEqual(['sub_a']);
    expect(plan.results).toBe(true);
  });

  it('recomputes on input changes but never on the rating’s own events', () => {
    expect(routeEvent(event('customer.updated', 'c1'), []).recompute).toBe(true);
    expect(routeEvent(event('rating.changed', 'c1'), []).recompute).toBe(false);
    expect(routeEvent(event('limit.changed', 'c1'), []).writeback).toBe(true);
    expect(routeEvent(event('endpoint.disabled'), []).recompute).toBe(false);
  });
});
