import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EVENT_TYPES, EventEnvelopeOfCatalogueSchema, envelopeSchemaFor, eventCatalogue } from '../../../shared/domain/events/catalogue.js';
import { EventEnvelopeSchema } from '../../../shared/domain/events/envelope.js';
import { CreateSubscriptionSchema } from '../../../shared/domain/delivery/subscription.js';

const base = { id: 'evt_01J0000000000000000000000A', occurredAt: '2025-02-01T10:00:00Z', customerId: 'cust-1', sequence: 12 };
const rated = { status: 'rated', policyVersion: 3, score: 640, grade: 'BB', pd: 0.031, reasons: [{ code: 'LATE_PAY', text: 'Late payments in the last 90 days', points: -12 }], ratedAt: '2025-02-01T10:00:00Z' };

describe('eventCatalogue', () => {
  it('lists the outbound event types, each at version 1, and keeps customer.updated', () => {
    // Assess
    expect(EVENT_TYPES).toEqual([
      'customer.updated',
      'rating.changed',
      'limit.changed',
      'alert.raised',
      'alert.transitioned',
      'alert.escalated',
      'customer.frozen',
      'customer.unfrozen',
      'measure.taken',
      'measure.lifted',
      'measure.expired',
      'credit_report.received',
      'endpoint.disabled',
      'assessment.submitted',
      'assessment.conflict_detected',
      'customer.activity',
      'approval.requested',
      'approval.granted',
      'approval.rejected',
      'approval.expired',
      'security.break_glass_used',
      'rating.drift_detected',
      'dispute.opened',
      'dispute.transitioned',
      'dispute.resolved',
    ]);
    for (const type of EVENT_TYPES) {
      expect(eventCatalogue[type].version).toBe(1);
      expect(EventEnvelopeSchema.shape.type.safeParse(type).success).toBe(true);
    }
  });

  it('accepts a well-formed rating.changed envelope and refuses a mismatched one', () => {
    // Prepare
    const event = { ...base, type: 'rating.changed', version: 1, data: { previous: { ...rated, grade: 'BBB', score: 700 }, current: rated, changed: ['score', 'grade'] } };

    // Act
    const typed = envelopeSchemaFor('rating.changed').safeParse(event);
    const generic = EventEnvelopeOfCatalogueSchema.safeParse(event);
    const badData = EventEnvelopeOfCatalogueSchema.safeParse({ ...event, data: { current: { ...rated, pd: 2 }, changed: [] } });
    const unknownVersion = EventEnvelopeOfCatalogueSchema.safeParse({ ...event, version: 2 });

    // Assess
    expect(typed.success).toBe(true);
    expect(generic.success).toBe(true);
    expect(badData.success).toBe(false);
    expect(badData.error?.issues[0]?.path).toEqual(['data', 'current', 'pd']);
    expect(unknownVersion.success).toBe(false);
  });

  it('keeps raw bureau payloads out of credit_report.received', () => {
    // Prepare
    const summary = {
      bureau: 'experian', product: 'business-profile', reportId: 'r-1', pulledAt: '2025-02-01T10:00:00Z', subjectMatch: 'match', scores: [],
      tradelines: { count: 1, delinquentCount: 0, worstDaysPastDue: 0, totalBalanceMinor: 100, totalPastDueMinor: 0 },
      inquiriesLast12Months: 0, publicRecords: { bankruptcies: 0, judgments: 0, liens: 0, other: 0 }, collections: 0,
    };

    // Act
    const parsed = envelopeSchemaFor('credit_report.received').parse({
      ...base, type: 'credit_report.received', version: 1, data: { bureau: 'experian', reportId: 'r-1', summary, raw: '<xml>…</xml>' },
    });

    // Assess
    expect(parsed.data).not.toHaveProperty('raw');
    expect(parsed.data.summary.reportId).toBe('r-1');
  });

  it('lets subscriptions name every catalogue type', () => {
    // Act
    const parsed = CreateSubscriptionSchema.safeParse({ url: 'https://crm.example.com/h', eventTypes: EVENT_TYPES });

    // Assess
    expect(parsed.success).toBe(true);
  });

  it('matches the committed JSON Schemas in docs/events (regenerate with scripts/export-event-schemas.ts)', async () => {
    for (const type of EVENT_TYPES) {
      // Prepare
      const file = new URL(`../../../docs/events/${type}.v${eventCatalogue[type].version}.json`, import.meta.url);

      // Act
      const committed = JSON.parse(await readFile(file, 'utf8')) as unknown;
      const expected = z.toJSONSchema(envelopeSchemaFor(type), { target: 'draft-2020-12', io: 'output' });

      // Assess
      expect(committed).toMatchObject(expected);
    }
  });
});
