import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_RETRY_DELAYS_MS,
  needsSweep,
  nextAttemptAt,
  sqsDelaySeconds,
  sweepHorizon,
} from '../../../shared/domain/delivery/retry-schedule.js';
import { planAfterAttempt } from '../../../shared/domain/delivery/delivery-plan.js';
import { sqsAttributesFor } from '../../../shared/domain/delivery/sqs-attributes.js';

const now = new Date('2025-06-01T00:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);

describe('nextAttemptAt', () => {
  it('follows the documented schedule without jitter at random = 0.5 and is exhausted after 8 attempts', () => {
    // Act
    const delays = [1, 2, 3, 4, 5, 6, 7].map((attempt) => {
      const next = nextAttemptAt(attempt, now, () => 0.5);
      return next === 'exhausted' ? next : next.getTime() - now.getTime();
    });

    // Assess
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(nextAttemptAt(8, now, () => 0.5)).toBe('exhausted');
    expect(DEFAULT_RETRY_DELAYS_MS).toHaveLength(8);
  });

  it('keeps jitter within ±20 % of the scheduled delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const next = nextAttemptAt(attempt, now, () => r);
        const base = DEFAULT_RETRY_DELAYS_MS[attempt] ?? 0;
        expect(next).not.toBe('exhausted');
        const delay = (next as Date).getTime() - now.getTime();
        expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
        expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.2));
      }),
    );
  });

  it('waits at least Retry-After, capped at the longest scheduled delay', () => {
    // Act
    const longer = nextAttemptAt(1, now, () => 0.5, 60_000);
    const shorter = nextAttemptAt(3, now, () => 0.5, 1_000);
    const absurd = nextAttemptAt(1, now, () => 0.5, 7 * 24 * 3_600_000);

    // Assess
    expect(longer).toEqual(at(60_000));
    expect(shorter).toEqual(at(1_800_000));
    expect(absurd).toEqual(at(36_000_000));
  });

  it('refuses attempt numbers below 1', () => {
    // Act & Assess
    expect(() => nextAttemptAt(0, now, () => 0.5)).toThrow(RangeError);
  });
});

describe('sqsDelaySeconds / needsSweep', () => {
  it('rounds up to whole seconds, clamps to 0..900 and parks anything beyond 15 minutes', () => {
    // Act & Assess
    expect(sqsDelaySeconds(at(4_200), now)).toBe(5);
    expect(sqsDelaySeconds(at(-10_000), now)).toBe(0);
    expect(sqsDelaySeconds(at(2 * 3_600_000), now)).toBe(900);
    expect(needsSweep(at(900_000), now)).toBe(false);
    expect(needsSweep(at(900_001), now)).toBe(true);
    expect(sweepHorizon(now)).toEqual(at(900_000));
  });

  it('never asks SQS for more than 900 s and parks exactly what SQS cannot hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (offset) => {
        const delay = sqsDelaySeconds(at(offset), now);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(900);
        expect(needsSweep(at(offset), now)).toBe(offset > 900_000);
      }),
    );
  });
});

describe('planAfterAttempt', () => {
  it('maps outcomes to done, retry (enqueued or parked), exhausted, disable and quarantine', () => {
    // Act
    const plans = {
      delivered: planAfterAttempt({ classification: 'delivered' }, 1, now, () => 0.5),
      soon: planAfterAttempt({ classification: 'retry' }, 1, now, () => 0.5),
      later: planAfterAttempt({ classification: 'retry' }, 3, now, () => 0.5),
      exhausted: planAfterAttempt({ classification: 'retry' }, 8, now, () => 0.5),
      gone: planAfterAttempt({ classification: 'disable_endpoint' }, 2, now, () => 0.5),
      unsafe: planAfterAttempt({ classification: 'failed_permanent', error: 'unsafe_url' }, 1, now, () => 0.5),
    };

    // Assess
    expect(plans.delivered).toEqual({ action: 'done' });
    expect(plans.soon).toEqual({ action: 'retry', nextAttempt: 2, dueAt: at(5_000), delaySeconds: 5, park: false });
    expect(plans.later).toEqual({ action: 'retry', nextAttempt: 4, dueAt: at(1_800_000), delaySeconds: 900, park: true });
    expect(plans.exhausted).toEqual({ action: 'exhausted' });
    expect(plans.gone).toEqual({ action: 'disable_endpoint' });
    expect(plans.unsafe).toEqual({ action: 'quarantine', reason: 'unsafe_url' });
  });
});

describe('sqsAttributesFor', () => {
  it('exposes type, version and customer id as SQS message attributes', () => {
    // Act
    const withCustomer = sqsAttributesFor({ type: 'rating.changed', version: 1, customerId: 'cust-9' });
    const withoutCustomer = sqsAttributesFor({ type: 'endpoint.disabled', version: 1 });

    // Assess
    expect(withCustomer).toEqual({
      eventType: { DataType: 'String', StringValue: 'rating.changed' },
      eventVersion: { DataType: 'Number', StringValue: '1' },
      customerId: { DataType: 'String', StringValue: 'cust-9' },
    });
    expect(withoutCustomer).not.toHaveProperty('customerId');
  });
});
