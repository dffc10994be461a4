import { z } from 'zod';
import { DomainError, type ErrorOptions } from '../../errors.js';
import { BureauIdSchema, type BureauId } from '../credit-summary.js';

/** Spend of one bureau in one UTC calendar month (`YYYY-MM`), in minor units of the budget currency. */
export const BudgetStateSchema = z.object({
  bureau: BureauIdSchema,
  monthKey: z.string().regex(/^\d{4}-\d{2}$/),
  spentMinor: z.number().int().nonnegative(),
  pulls: z.number().int().nonnegative(),
});
export type BudgetState = z.infer<typeof BudgetStateSchema>;

/** The month's budget for a bureau would be exceeded: not retryable until the month rolls over. */
export class BudgetExceededError extends DomainError {
  constructor(details: { bureau: BureauId; monthKey: string; spentMinor: number; costMinor: number; monthlyBudgetMinor: number }, options: ErrorOptions = {}) {
    super('budget_exceeded', `The ${details.monthKey} budget for ${details.bureau} is exhausted`, {
      ...options,
      retryable: false,
      details,
    });
  }
}

/** UTC month key of an instant, e.g. `2025-03`. */
export const monthKey = (at: Date): string => at.toISOString().slice(0, 7);

export type ChargeResult = { ok: true; state: BudgetState } | { ok: false; error: BudgetExceededError };

/**
 * Charges one pull of `costMinor` against the bureau's monthly budget. A state from an earlier
 * month (or none) starts the month at zero. Spending exactly the budget is allowed; going over
 * is refused and the state is left as it was. Pure: persist the new state with a conditional write.
 */
export const chargePull = (
  state: BudgetState | undefined,
  charge: { bureau: BureauId; costMinor: number; monthlyBudgetMinor: number },
  now: Date,
): ChargeResult => {
  const key = monthKey(now);
  const current: BudgetState =
    state !== undefined && state.bureau === charge.bureau && state.monthKey === key
      ? state
      : { bureau: charge.bureau, monthKey: key, spentMinor: 0, pulls: 0 };
  if (current.spentMinor + charge.costMinor > charge.monthlyBudgetMinor) {
    return {
      ok: false,
      error: new BudgetExceededError({
        bureau: charge.bureau,
        monthKey: key,
        spentMinor: current.spentMinor,
        costMinor: charge.costMinor,
        monthlyBudgetMinor: charge.monthlyBudgetMinor,
      }),
    };
  }
  return { ok: true, state: { ...current, spentMinor: current.spentMinor + charge.costMinor, pulls: current.pulls + 1 } };
};
