import { describe, expect, it } from 'vitest';
import { legacyFreezeMeasure, measureEvents, profileWithMeasures, restrictRating } from '../../../shared/domain/measures/measure-change.js';
import { liftMeasure, type MeasureRecord } from '../../../shared/domain/measures/measures.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';
import type { RatingResult } from '../../../shared/domain/rating/rating-result.js';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const measure = (id: string, over: Partial<MeasureRecord>): MeasureRecord => ({
  measureId: id,
  customerId: 'cus-1',
  type: 'freeze_all_credit',
  params: {},
  reason: 'Invoice 95 days overdue',
  origin: 'manual',
  takenBy: 'person:ann',
  takenAt: '2026-12-07T10:00:00.000Z',
  status: 'active',
  version: 1,
  ...over,
});
const rating = (amountMinor: number): RatingResult => ({
  status: 'rated',
  policyVersion: 1,
  grade: 'BB',
  reasons: [],
  limit: { recommended: { amountMinor, currency: 'EUR' }, factors: [{ name: 'purchase_volume', value: amountMinor, reason: 'volume' }] },
  inputsHash: 'h2:x',
  ratedAt: NOW.toISOString(),
});

describe('measure changes on the profile', () => {
  it('derives the freeze from the oldest active freeze_all_credit measure and drops it once none is active', () => {
    // Prepare
    const base = newProfile('cus-1', 'business', NOW);
    const older = measure('msr_a', { takenAt: '2026-12-07T09:00:00.000Z', expiresAt: '2026-12-08T00:00:00.000Z' });

    // Act
    const frozen = profileWithMeasures(base, [measure('msr_b', {}), older, measure('msr_c', { type: 'require_prepayment' })], NOW);
    const thawed = profileWithMeasures(frozen, [measure('msr_c', { type: 'require_prepayment' })], NOW);

    // Assess
    expect(frozen.freeze).toEqual({ reason: older.reason, frozenAt: older.takenAt, by: 'person:ann', measureId: 'msr_a', expiresAt: older.expiresAt });
    expect(frozen.restrictions).toMatchObject({ creditHold: true, prepaymentRequired: true, limitCapMinor: 0 });
    expect(thawed.freeze).toBeUndefined();
    expect(thawed.restrictions).toMatchObject({ creditHold: false, prepaymentRequired: true, measureIds: ['msr_c'] });
  });

  it('emits customer.frozen and customer.unfrozen only when the credit hold flips', () => {
    // Prepare
    const base = newProfile('cus-1', 'business', NOW);
    let sequence = 0;
    const meta = () => ({ customerId: 'cus-1', sequence: (sequence += 1), at: NOW });
    const hold = measure('msr_h', { type: 'freeze_new_orders' });
    const held = profileWithMeasures(base, [hold], NOW);
    const prepay = measure('msr_p', { type: 'require_prepayment' });
    const both = profileWithMeasures(held, [hold, prepay], NOW);
    const lifted = liftMeasure(hold, 'person:bob', NOW, 'resolved');

    // Act
    const onHold = measureEvents(base, held, hold, meta).map((e) => e.type);
    const whileHeld = measureEvents(held, both, prepay, meta).map((e) => e.type);
    const release = measureEvents(both, profileWithMeasures(both, [prepay], NOW), lifted, meta);

    // Assess
    expect(onHold).toEqual(['measure.taken', 'customer.frozen']);
    expect(whileHeld).toEqual(['measure.taken']);
    expect(release.map((e) => e.type)).toEqual(['measure.lifted', 'customer.unfrozen']);
    expect(release[1]!.data).toMatchObject({ reason: 'resolved', by: 'person:bob' });
    expect(release.map((e) => e.sequence)).toEqual([4, 5]);
  });

  it('lowers the rated limit under the restrictions and says why, leaving an unrestricted rating as it is', () => {
    // Prepare
    const restrictions = profileWithMeasures(newProfile('cus-1', 'business', NOW), [measure('msr_r', { type: 'reduce_limit', params: { keepPercent: 40, capMinor: 300_000 } })], NOW).restrictions;
    const rated = rating(1_000_000);

    // Act
    const restricted = restrictRating(rated, restrictions);

    // Assess
    expect(restricted.limit?.recommended.amountMinor).toBe(300_000);
    expect(restricted.limit?.factors.at(-1)).toMatchObject({ name: 'measures', value: 300_000 });
    expect(restrictRating(rating(200_000), restrictions).limit?.recommended.amountMinor).toBe(80_000);
    expect(restrictRating(rated, undefined)).toBe(rated);
  });

  it('reads a freeze set before freezes were measures as the measure it stands for', () => {
    // Prepare
    const base = newProfile('cus-1', 'business', NOW);

    // Act
    const policy = legacyFreezeMeasure({ ...base, freeze: { reason: 'Default definition met', frozenAt: '2026-01-02T03:04:05.000Z', by: 'policy:v1' } });
    const adopted = legacyFreezeMeasure({ ...base, freeze: { reason: 'x', frozenAt: '2026-01-02T03:04:05.000Z', by: 'person:ann', measureId: 'msr_1' } });

    // Assess
    expect(policy).toMatchObject({ type: 'freeze_all_credit', origin: 'default', takenBy: 'policy:v1', status: 'active', measureId: 'msr_legacy_20260102030405000' });
    expect(adopted).toBeUndefined();
  });
});
