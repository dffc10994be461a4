import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLOCK_SLACK_MS, RateLimitsSettingSchema, takeToken, type BucketLimit } from '../../../shared/domain/rate-limit/token-bucket.js';

const T0 = Date.parse('2026-12-07T10:00:00Z');

/** Takes `count` tokens at one instant, threading the state; returns the decisions. */
const burst = (limit: BucketLimit, count: number, at: number, fullAt?: number) => {
  const decisions = [];
  let state = fullAt;
  for (let i = 0; i < count; i += 1) {
    const decision = takeToken(state, at, limit);
    if (decision.allowed) state = decision.fullAt;
    decisions.push(decision);
  }
  return { decisions, state };
};

describe('takeToken', () => {
  it('does not refuse a bucket at exactly its limit for floating-point rounding (epoch ms near 1.8e12)', () => {
    // 1000/6 ms per token does not add exactly onto an epoch timestamp.
    const { decisions } = burst({ burst: 2, perSecond: 6 }, 2, T0);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true]);
  });

  it('lets a full bucket answer `burst` requests at once, then refuses with the time until one token is back', () => {
    // Prepare
    const limit = { burst: 3, perSecond: 2 };
    // Act
    const { decisions } = burst(limit, 4, T0);
    // Assess
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([2, 1, 0, 0]);
    expect(decisions[3]!.retryAfterMs).toBe(500);
    expect(decisions[3]!.resetMs).toBe(1500);
  });

  it('refills at perSecond: one token back after 1/perSecond, the whole bucket after burst/perSecond', () => {
    const limit = { burst: 3, perSecond: 2 };
    const { state } = burst(limit, 3, T0);

    expect(takeToken(state, T0 + 499, limit).allowed).toBe(false);
    expect(takeToken(state, T0 + 500, limit)).toMatchObject({ allowed: true, remaining: 0 });
    expect(burst(limit, 4, T0 + 1500, state).decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
  });

  it('treats a bucket idle for long as full, never fuller (no saving up beyond burst)', () => {
    const limit = { burst: 2, perSecond: 1 };
    const { decisions } = burst(limit, 3, T0 + 3_600_000, T0);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, false]);
  });

  it('never admits more than burst + elapsed × perSecond requests, whatever the arrival pattern', () => {
    fc.assert(
      fc.property(
        fc.record({ burst: fc.integer({ min: 1, max: 20 }), perSecond: fc.integer({ min: 1, max: 20 }) }),
        fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 200 }),
        (limit, gaps) => {
          let at = T0;
          let state: number | undefined;
          let admitted = 0;
          for (const gap of gaps) {
            at += gap;
            const decision = takeToken(state, at, limit);
            if (decision.allowed) {
              admitted += 1;
              state = decision.fullAt;
            } else {
              expect(decision.retryAfterMs).toBeGreaterThan(0);
              // Waiting exactly Retry-After is enough.
              expect(takeToken(state, at + decision.retryAfterMs, limit).allowed).toBe(true);
            }
          }
          expect(admitted).toBeLessThanOrEqual(limit.burst + Math.floor(((at - T0 + CLOCK_SLACK_MS) * limit.perSecond) / 1000));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('RateLimitsSettingSchema', () => {
  it('takes a partial override and refuses unknown classes and impossible limits, naming them', () => {
    expect(RateLimitsSettingSchema.parse({ write: { burst: 5, perSecond: 0.5 } })).toEqual({ write: { burst: 5, perSecond: 0.5 } });
    const refused = RateLimitsSettingSchema.safeParse({ writes: { burst: 5, perSecond: 1 }, read: { burst: 0, perSecond: 1 } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['', 'read.burst']);
  });
});
