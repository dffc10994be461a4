import { describe, expect, it } from 'vitest';
import { PERSONAL_EVENT_PATHS, personalReach, widenedDelivery } from '../../../shared/domain/delivery/personal-data.js';
import { eventCatalogue, type EventType } from '../../../shared/domain/events/catalogue.js';
import { projectEnvelope } from '../../../shared/domain/delivery/subscription.js';
import { newEvent } from '../../../shared/domain/events/new-event.js';

const at = new Date('2026-01-15T10:00:00Z');
const updated = newEvent(
  'customer.updated',
  {
    profile: {
      customerId: 'c-1',
      kind: 'consumer',
      status: 'active',
      fields: { legalName: { value: 'Jane Roe', source: 'api', observedAt: at.toISOString() }, country: { value: 'US', source: 'api', observedAt: at.toISOString() } },
      identifiers: [{ scheme: 'email', value: 'jane@example.test', source: 'api', observedAt: at.toISOString() }],
      version: 1,
      updatedAt: at.toISOString(),
    },
    changedFields: ['legalName'],
  },
  { customerId: 'c-1', sequence: 1, at },
);

describe('personalReach', () => {
  it('counts the whole customer.updated event (no fields) as carrying contact data', () => {
    expect(personalReach({ eventTypes: ['customer.updated'] })).toContain('customer.updated:profile.fields.email.value');
  });

  it('counts a field that names a personal path, an ancestor of one or a part of one', () => {
    expect(personalReach({ eventTypes: ['customer.updated'], fields: ['profile.fields.email'] })).toEqual(['customer.updated:profile.fields.email.value']);
    expect(personalReach({ eventTypes: ['customer.updated'], fields: ['profile'] })).toHaveLength(PERSONAL_EVENT_PATHS['customer.updated']!.length);
    expect(personalReach({ eventTypes: ['customer.updated'], fields: ['profile.identifiers.value'] })).toEqual(['customer.updated:profile.identifiers.value']);
  });

  it('finds none in projections without contact data or in event types without any', () => {
    expect(personalReach({ eventTypes: ['customer.updated'], fields: ['profile.fields.country', 'changedFields', 'profile.identifiers.scheme'] })).toEqual([]);
    expect(personalReach({ eventTypes: ['rating.changed', 'limit.changed', 'alert.raised'] })).toEqual([]);
  });

  it('agrees with the projection: what a reach-free subscription receives holds no contact value', () => {
    const projected = projectEnvelope(updated, ['profile.fields.country', 'changedFields']);
    expect(JSON.stringify(projected.data)).not.toMatch(/Jane|jane@/);
    const reaching = projectEnvelope(updated, ['profile.fields.legalName']);
    expect(JSON.stringify(reaching.data)).toContain('Jane Roe');
  });

  it('names only paths its event schemas have', () => {
    for (const [type, paths] of Object.entries(PERSONAL_EVENT_PATHS) as Array<[EventType, string[]]>) {
      const json = JSON.stringify(eventCatalogue[type].data.toJSONSchema());
      for (const path of paths) for (const step of path.split('.').filter((s) => s !== 'value')) expect(json, `${type} ${path}`).toContain(`"${step}"`);
    }
  });
});

describe('widenedDelivery', () => {
  it('reports added event types, added fields and a dropped projection', () => {
    expect(widenedDelivery({ eventTypes: ['rating.changed'] }, { eventTypes: ['rating.changed', 'customer.updated'] })).toEqual(['customer.updated:*']);
    expect(widenedDelivery({ eventTypes: ['customer.updated'], fields: ['profile.fields.email'] }, { eventTypes: ['customer.updated'], fields: ['profile.fields.email', 'profile.fields.phone'] })).toEqual([
      'customer.updated:profile.fields.phone',
    ]);
    expect(widenedDelivery({ eventTypes: ['customer.updated'], fields: ['profile.fields.email'] }, { eventTypes: ['customer.updated'] })).toEqual(['customer.updated:*']);
    expect(widenedDelivery({ eventTypes: ['customer.updated'], fields: ['profile.fields'] }, { eventTypes: ['customer.updated'], fields: ['profile'] })).toEqual(['customer.updated:profile']);
  });

  it('reports nothing for narrowing: fewer types, fewer or deeper fields, a projection where the whole event went out', () => {
    expect(widenedDelivery({ eventTypes: ['customer.updated', 'rating.changed'] }, { eventTypes: ['rating.changed'] })).toEqual([]);
    expect(widenedDelivery({ eventTypes: ['customer.updated'], fields: ['profile.fields.email', 'profile.fields.phone'] }, { eventTypes: ['customer.updated'], fields: ['profile.fields.phone'] })).toEqual([]);
    expect(widenedDelivery({ eventTypes: ['customer.updated'], fields: ['profile.fields'] }, { eventTypes: ['customer.updated'], fields: ['profile.fields.email'] })).toEqual([]);
    expect(widenedDelivery({ eventTypes: ['customer.updated'] }, { eventTypes: ['customer.updated'], fields: ['profile.fields.email'] })).toEqual([]);
  });
});
