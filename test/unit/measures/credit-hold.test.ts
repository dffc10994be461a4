import { describe, expect, it } from 'vitest';
import { creditHoldOf, creditHoldOfProfile } from '../../../shared/domain/measures/credit-hold.js';
import { combineMeasures, type MeasureRecord } from '../../../shared/domain/measures/measures.js';
import { newProfile, type CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';

const NOW = new Date('2026-12-01T10:00:00Z');

const rated = (amountMinor: number, currency = 'EUR'): CustomerProfile => ({
  ...newProfile('c-hold', 'business', NOW),
  rating: {
    status: 'rated',
    policyVersion: 3,
    grade: 'B',
    reasons: [],
    limit: { recommended: { amountMinor, currency }, factors: [] },
    inputsHash: 'h',
    ratedAt: NOW.toISOString(),
  },
});

const measure = (type: MeasureRecord['type'], reason: string, params: MeasureRecord['params'] = {}): MeasureRecord => ({
  measureId: `m-${type}`,
  customerId: 'c-hold',
  type,
  params,
  reason,
  origin: 'manual',
  takenBy: 'person:risk-1',
  takenAt: NOW.toISOString(),
  status: 'active',
  version: 1,
});

describe('creditHoldOf', () => {
  it('holds a frozen customer with the freeze reason and a limit of 0, whatever the rating says', () => {
    // Prepare: rated at 50 000.00 EUR, then frozen before the recompute ran
    const profile = { ...rated(5_000_000), freeze: { reason: 'Payment dispute escalated', frozenAt: NOW.toISOString(), by: 'person:risk-1' } };
    // Act
    const hold = creditHoldOf(profile);
    // Assess
    expect(hold).toEqual({ hold: true, reason: 'Payment dispute escalated', limitMinor: 0, currency: 'EUR', confirmedOrdersUntouched: true });
  });

  it('does not hold an unfrozen customer and keeps the rated limit, without a reason', () => {
    const hold = creditHoldOf(rated(1_234_500, 'CNY'));
    expect(hold).toEqual({ hold: false, limitMinor: 1_234_500, currency: 'CNY', confirmedOrdersUntouched: true });
    expect(hold).not.toHaveProperty('reason');
  });

  it('falls back to the customer currency and a limit of 0 when the customer is not rated yet', () => {
    const profile = newProfile('c-new', 'business', NOW);
    const withCurrency = { ...profile, aggregates: { ...profile.aggregates, currency: 'USD' } };
    expect(creditHoldOf(withCurrency)).toEqual({ hold: false, limitMinor: 0, currency: 'USD', confirmedOrdersUntouched: true });
    expect(creditHoldOf(profile)).toEqual({ hold: false, limitMinor: 0, confirmedOrdersUntouched: true });
  });

  it('holds on restrictions that hold credit, caps the limit and lists the measure reasons', () => {
    // Prepare: new orders frozen plus a limit cap of 10 000.00
    const restrictions = combineMeasures([measure('freeze_new_orders', 'Overdue invoices above 90 days'), measure('reduce_limit', 'Sector downturn', { capMinor: 1_000_000 })], NOW);
    // Act
    const hold = creditHoldOf(rated(5_000_000), restrictions);
    // Assess
    expect(hold.hold).toBe(true);
    expect(hold.limitMinor).toBe(1_000_000);
    expect(hold.reason).toBe('freeze_new_orders: Overdue invoices above 90 days; reduce_limit: Sector downturn');
    expect(hold.confirmedOrdersUntouched).toBe(true);
  });

  it('applies a keep-share without holding credit when no measure holds it', () => {
    const restrictions = combineMeasures([measure('reduce_limit', 'Concentration risk', { keepPercent: 40 })], NOW);
    expect(creditHoldOf(rated(5_000_000), restrictions)).toEqual({ hold: false, limitMinor: 2_000_000, currency: 'EUR', confirmedOrdersUntouched: true });
  });

  it('puts the freeze reason before the measure reasons and keeps the limit at 0 when both apply', () => {
    const restrictions = combineMeasures([measure('reduce_limit', 'Cap', { capMinor: 300_000 })], NOW);
    const profile = { ...rated(5_000_000), freeze: { reason: 'Fraud suspicion', frozenAt: NOW.toISOString(), by: 'person:risk-2' } };
    expect(creditHoldOf(profile, restrictions)).toEqual({ hold: true, reason: 'Fraud suspicion; reduce_limit: Cap', limitMinor: 0, currency: 'EUR', confirmedOrdersUntouched: true });
  });

  it('ignores lifted and expired measures (no restrictions in force: no hold, full limit)', () => {
    const lifted = { ...measure('freeze_all_credit', 'Was a mistake'), status: 'lifted' as const };
    expect(creditHoldOf(rated(700_000), combineMeasures([lifted], NOW))).toEqual({ hold: false, limitMinor: 700_000, currency: 'EUR', confirmedOrdersUntouched: true });
  });
});

describe('creditHoldOfProfile', () => {
  it('lets the stored restrictions decide: a measure-backed freeze gives one reason, not two', () => {
    // Prepare: a freeze stored as a freeze_all_credit measure, so the profile has both views of it
    const restrictions = combineMeasures([measure('freeze_all_credit', 'Default definition met')], NOW);
    const profile = { ...rated(5_000_000), restrictions, freeze: { reason: 'Default definition met', frozenAt: NOW.toISOString(), by: 'policy:v1' } };
    // Act
    const hold = creditHoldOfProfile(profile);
    // Assess
    expect(hold).toEqual({ hold: true, reason: 'freeze_all_credit: Default definition met', limitMinor: 0, currency: 'EUR', confirmedOrdersUntouched: true });
  });

  it('does not apply a keep-share twice: the stored rating already carries it', () => {
    // Prepare: 40 % kept; the recompute already rated 2 000 000 out of 5 000 000
    const restrictions = combineMeasures([measure('reduce_limit', 'Concentration risk', { keepPercent: 40 })], NOW);
    // Act / Assess
    expect(creditHoldOfProfile({ ...rated(2_000_000), restrictions }).limitMinor).toBe(2_000_000);
    expect(creditHoldOf(rated(2_000_000), restrictions).limitMinor).toBe(800_000);
  });

  it('applies a cap before the recompute has run, and holds a profile frozen before measures existed', () => {
    const capped = combineMeasures([measure('reduce_limit', 'Cap', { capMinor: 300_000 })], NOW);
    expect(creditHoldOfProfile({ ...rated(5_000_000), restrictions: capped }).limitMinor).toBe(300_000);
    const legacy = { ...rated(5_000_000), freeze: { reason: 'Fraud suspicion', frozenAt: NOW.toISOString(), by: 'person:risk-2' } };
    expect(creditHoldOfProfile(legacy)).toMatchObject({ hold: true, reason: 'Fraud suspicion', limitMinor: 0 });
  });
});
