import { describe, expect, it } from 'vitest';
import { isStale, maxAgeDays, type StalenessPolicy } from '../../../shared/domain/credit/pull/staleness.js';

const policy: StalenessPolicy = { defaultMaxAgeDays: { dnb: 90, pboc: 30 }, byGrade: { D: 7, C: 30 }, fallbackMaxAgeDays: 60 };
const now = new Date('2025-06-30T00:00:00Z');

describe('isStale', () => {
  it('treats a never-pulled report as stale', () => {
    expect(isStale(undefined, 'A', policy, now, 'dnb')).toBe(true);
  });

  it('uses the bureau default, inclusive of the limit day', () => {
    expect(isStale('2025-04-01T00:00:00Z', undefined, policy, now, 'dnb')).toBe(false); // exactly 90 days
    expect(isStale('2025-03-31T23:59:59Z', undefined, policy, now, 'dnb')).toBe(true);
  });

  it('takes the stricter of bureau default and grade limit', () => {
    expect(maxAgeDays(policy, 'D', 'dnb')).toBe(7);
    expect(maxAgeDays(policy, 'C', 'pboc')).toBe(30);
    expect(maxAgeDays(policy, 'AAA', 'creditsafe')).toBe(60);
    expect(isStale('2025-06-20T00:00:00Z', 'D', policy, now, 'dnb')).toBe(true);
    expect(isStale('2025-06-20T00:00:00Z', 'A', policy, now, 'dnb')).toBe(false);
  });

  it('does not treat a future-dated pull as stale', () => {
    expect(isStale('2025-07-30T00:00:00Z', 'D', policy, now, 'dnb')).toBe(false);
  });
});
