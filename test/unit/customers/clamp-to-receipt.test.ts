import { describe, expect, it } from 'vitest';
import type { CrmRecord } from '../../../shared/domain/crm/crm-record.js';
import { clampToReceipt } from '../../../shared/domain/customers/ingest-crm-record.js';
import { applyCustomerRecord } from '../../../shared/domain/profile/merge.js';

const now = new Date('2026-03-01T12:00:00.000Z');
const base = { crm: 'generic', connectionId: 'c1', externalId: 'A', deleted: false } as const;

describe('clampToReceipt', () => {
  it('clamps a future modifiedAt to the receive time and keeps the sent time in the fields\' provenance', () => {
    // Prepare
    const record: CrmRecord = { ...base, objectType: 'customer', kind: 'business', modifiedAt: '2999-01-01T00:00:00Z', fields: { legalName: 'Future Ltd' }, identifiers: [], custom: {} };

    // Act
    const clamped = clampToReceipt(record, now);
    const profile = applyCustomerRecord(undefined, clamped as Extract<CrmRecord, { objectType: 'customer' }>, undefined, now).profile;

    // Assess
    expect(clamped).toMatchObject({ modifiedAt: now.toISOString(), sentModifiedAt: '2999-01-01T00:00:00Z' });
    expect(profile.fields.legalName).toMatchObject({ observedAt: now.toISOString(), sentAt: '2999-01-01T00:00:00Z' });
  });

  it('leaves past times as sent and clamps future order, invoice and payment times', () => {
    const past: CrmRecord = { ...base, objectType: 'customer', kind: 'business', modifiedAt: '2020-01-01T00:00:00Z', fields: {}, identifiers: [], custom: {} };
    expect(clampToReceipt(past, now)).toEqual(past);
    const order: CrmRecord = { ...base, objectType: 'order', customerExternalId: 'A', modifiedAt: '2999-01-01T00:00:00Z', orderedAt: '2999-01-01T00:00:00Z', amount: { amountMinor: 100, currency: 'EUR' }, status: 'placed' };
    expect(clampToReceipt(order, now)).toMatchObject({ modifiedAt: now.toISOString(), orderedAt: now.toISOString(), sentModifiedAt: '2999-01-01T00:00:00Z' });
    const invoice: CrmRecord = { ...base, objectType: 'invoice', customerExternalId: 'A', modifiedAt: '2026-01-01T00:00:00Z', issuedAt: '2999-01-01T00:00:00Z', dueAt: '2999-02-01T00:00:00Z', amount: { amountMinor: 100, currency: 'EUR' }, open: { amountMinor: 100, currency: 'EUR' }, status: 'open' };
    expect(clampToReceipt(invoice, now)).toMatchObject({ issuedAt: now.toISOString(), dueAt: '2999-02-01T00:00:00Z', modifiedAt: '2026-01-01T00:00:00Z' });
  });
});
