import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { takeToken, type TokenBucketState } from '../../../shared/domain/credit/pull/rate-limiter.js';

const config = { ratePerSecond: 2, burst: 3 };
const t0 = new Date('2025-01-01T00:00:00Z');
const after = (ms: number) => new Date(t0.getTime() + ms);

describe('takeToken', () => {
  it('allows a burst from a fresh bucket, then refuses with the time to the next token', () => {
    // Prepare
    let state: TokenBucketState | undefined;
    const outcomes: boolean[] = [];
    // Act
    for (let i = 0; i < 4; i += 1) {
      const result = takeToken(state, config, t0);
      outcomes.push(result.allowed);
      state = result.state;
    }
    const refused = takeToken(state, config, t0);
    // Assess
    expect(outcomes).toEqual([true, true, true, false]);
    expect(refused.retryAfterMs).toBe(500);
  });

  it('refills at the configured rate and never above the burst', () => {
    const empty = { tokens: 0, updatedAtMs: t0.getTime() };
    expect(takeToken(empty, config, after(499)).allowed).toBe(false);
    expect(takeToken(empty, config, after(500)).allowed).toBe(true);
    expect(takeToken(empty, config, after(3_600_000)).state.tokens).toBe(2);
  });

  it('refills nothing when the clock goes backwards', () => {
    const result = takeToken({ tokens: 0, updatedAtMs: t0.getTime() }, config, after(-10_000));
    expect(result.allowed).toBe(false);
    expect(result.state.updatedAtMs).toBe(t0.getTime());
  });

  it('never admits more than burst + rate × elapsed over any sequence of calls', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 60 }), (gaps) => {
        let state: TokenBucketState | undefined;
        let now = t0.getTime();
        let admitted = 0;
        for (const gap of gaps) {
          now += gap;
          const result = takeToken(state, config, new Date(now));
          if (result.allowed) admitted += 1;
          else expect(result.retryAfterMs).toBeGreaterThan(0);
          state = result.state;
        }
        expect(admitted).toBeLessThanOrEqual(config.burst + ((now - t0.getTime()) * config.ratePerSecond) / 1000);
        expect(state!.tokens).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
