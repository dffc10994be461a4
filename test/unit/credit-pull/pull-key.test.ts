import { describe, expect, it } from 'vitest';
import { decideCollapse, pullKey } from '../../../shared/domain/credit/pull/pull-key.js';

describe('pullKey', () => {
  it('is stable per customer and bureau and differs across bureaus', () => {
    expect(pullKey('cust-1', 'dnb')).toBe('pull#dnb#cust-1');
    expect(pullKey('cust-1', 'dnb')).not.toBe(pullKey('cust-1', 'creditsafe'));
  });
});

describe('decideCollapse', () => {
  const now = new Date('2025-01-01T00:10:00Z');
  const policy = { collapseWindowMs: 120_000 };

  it('starts a pull when none is in flight', () => {
    expect(decideCollapse(undefined, now, policy)).toEqual({ action: 'start' });
  });

  it('collapses into an in-flight pull younger than the window', () => {
    expect(decideCollapse({ pullId: 'p1', startedAt: '2025-01-01T00:08:30Z' }, now, policy)).toEqual({ action: 'collapse', intoPullId: 'p1' });
  });

  it('supersedes an in-flight pull older than the window (presumed lost)', () => {
    expect(decideCollapse({ pullId: 'p1', startedAt: '2025-01-01T00:08:00Z' }, now, policy)).toEqual({ action: 'start', supersedes: 'p1' });
  });
});
