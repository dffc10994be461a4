import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffDelayMs } from '../../../shared/domain/credit/pull/backoff.js';

const config = { baseMs: 100, capMs: 10_000 };

describe('backoffDelayMs', () => {
  it('draws uniformly below the exponential ceiling (full jitter)', () => {
    expect(backoffDelayMs(0, config, () => 0.5)).toBe(50);
    expect(backoffDelayMs(3, config, () => 0.5)).toBe(400);
    expect(backoffDelayMs(3, config, () => 0)).toBe(0);
  });

  it('caps the ceiling at capMs even for huge attempts', () => {
    expect(backoffDelayMs(1_000, config, () => 0.999_999)).toBeLessThan(10_000);
    expect(backoffDelayMs(1_000, config, () => 0.5)).toBe(5_000);
  });

  it('honours a Retry-After longer than the jittered delay, and ignores a shorter one', () => {
    expect(backoffDelayMs(0, config, () => 0.5, 30_000)).toBe(30_000);
    expect(backoffDelayMs(5, config, () => 0.5, 10)).toBe(1_600);
  });

  it('always stays within [0, cap) or equals Retry-After', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.double({ min: 0, max: 1, noNaN: true }), fc.option(fc.nat(120_000), { nil: undefined }), (attempt, r, retryAfter) => {
        const delay = backoffDelayMs(attempt, config, () => r, retryAfter);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay <= Math.max(config.capMs, retryAfter ?? 0)).toBe(true);
        if (retryAfter !== undefined) expect(delay).toBeGreaterThanOrEqual(retryAfter);
      }),
    );
  });
});
