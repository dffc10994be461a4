import { describe, expect, it } from 'vitest';
import { BudgetExceededError, chargePull, monthKey } from '../../../shared/domain/credit/pull/budget.js';

const charge = { bureau: 'dnb' as const, costMinor: 4_000, monthlyBudgetMinor: 10_000 };

describe('chargePull', () => {
  it('charges pulls until the budget is spent exactly, then refuses without changing the state', () => {
    // Prepare
    const now = new Date('2025-03-15T12:00:00Z');
    // Act
    const first = chargePull(undefined, charge, now);
    const second = first.ok ? chargePull(first.state, charge, now) : first;
    const third = second.ok ? chargePull(second.state, charge, now) : second;
    const exact = second.ok ? chargePull(second.state, { ...charge, costMinor: 2_000 }, now) : second;
    // Assess
    expect(second).toMatchObject({ ok: true, state: { monthKey: '2025-03', spentMinor: 8_000, pulls: 2 } });
    expect(third.ok).toBe(false);
    expect(!third.ok && third.error).toBeInstanceOf(BudgetExceededError);
    expect(!third.ok && third.error.code).toBe('budget_exceeded');
    expect(!third.ok && third.error.retryable).toBe(false);
    expect(exact).toMatchObject({ ok: true, state: { spentMinor: 10_000 } });
  });

  it('starts a new UTC month at zero', () => {
    const march = { bureau: 'dnb' as const, monthKey: '2025-03', spentMinor: 10_000, pulls: 3 };
    const result = chargePull(march, charge, new Date('2025-04-01T00:00:00Z'));
    expect(result).toEqual({ ok: true, state: { bureau: 'dnb', monthKey: '2025-04', spentMinor: 4_000, pulls: 1 } });
    expect(monthKey(new Date('2025-03-31T23:59:59.999Z'))).toBe('2025-03');
  });
});
