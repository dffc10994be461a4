import { describe, expect, it } from 'vitest';
import { combineMeasures, expiredAt, liftMeasure, liftNeedsApproval, MeasureStateError, restrictedLimit, type MeasureRecord } from '../../../shared/domain/measures/measures.js';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const measure = (id: string, over: Partial<MeasureRecord>): MeasureRecord => ({
  measureId: id,
  customerId: 'cus_1',
  type: 'freeze_new_orders',
  params: {},
  reason: 'Invoice 95 days overdue',
  origin: 'manual',
  takenBy: 'person:ann',
  takenAt: '2026-12-07T10:00:00.000Z',
  status: 'active',
  version: 1,
  ...over,
});

describe('emergency measures', () => {
  it('lets the most restrictive of overlapping measures win', () => {
    const r = combineMeasures(
      [
        measure('m1', { type: 'reduce_limit', params: { keepPercent: 50, capMinor: 800_000 } }),
        measure('m2', { type: 'reduce_limit', params: { keepPercent: 25 } }),
        measure('m3', { type: 'require_prepayment' }),
      ],
      NOW,
    );
    expect(r).toMatchObject({ creditHold: false, prepaymentRequired: true, limitKeepPercent: 25, limitCapMinor: 800_000, confirmedOrdersUntouched: true });
    expect(restrictedLimit(2_000_000, r)).toBe(500_000);
    expect(restrictedLimit(4_000_000, r)).toBe(800_000);
  });

  it('keeps the others in force when one is lifted', () => {
    const all = [measure('m1', { type: 'freeze_all_credit', origin: 'default' }), measure('m2', { type: 'hold_shipments' })];
    expect(combineMeasures(all, NOW)).toMatchObject({ creditHold: true, limitCapMinor: 0, shipmentsHeld: true });
    const lifted = [liftMeasure(all[0]!, 'person:bob', NOW, 'paid in full'), all[1]!];
    const r = combineMeasures(lifted, NOW);
    expect(r).toMatchObject({ creditHold: false, shipmentsHeld: true, measureIds: ['m2'] });
    expect(r.limitCapMinor).toBeUndefined();
  });

  it('stops counting a measure at its expiry and lists it for the sweep', () => {
    const m = measure('m1', { type: 'freeze_all_credit', expiresAt: '2026-12-07T11:00:00.000Z' });
    expect(combineMeasures([m], NOW).creditHold).toBe(false);
    expect(expiredAt([m], NOW).map((x) => x.measureId)).toEqual(['m1']);
    expect(liftMeasure(m, 'system:expiry', NOW, 'expired', true).status).toBe('expired');
  });

  it('refuses to lift a lifted measure and needs a second person for policy or default ones', () => {
    const lifted = liftMeasure(measure('m1', {}), 'person:ann', NOW, 'ok');
    expect(() => liftMeasure(lifted, 'person:ann', NOW, 'again')).toThrow(MeasureStateError);
    expect(liftNeedsApproval(measure('m2', { origin: 'default' }))).toBe(true);
    expect(liftNeedsApproval(measure('m3', { origin: 'manual' }))).toBe(false);
  });

  it('orders reasons most restrictive first for the CRM hold-reason field', () => {
    const r = combineMeasures([measure('a', { type: 'hold_shipments', reason: 'late' }), measure('b', { type: 'freeze_all_credit', reason: 'default' })], NOW);
    expect(r.reasons).toEqual(['freeze_all_credit: default', 'hold_shipments: late']);
  });
});
