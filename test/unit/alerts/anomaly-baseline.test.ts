import { describe, expect, it } from 'vitest';
import { EMPTY_BASELINE, anomalyScore, observe, periodKey, updateBaseline, type AnomalyBaseline, type AnomalyCheck } from '../../../shared/domain/alerts/anomaly-baseline.js';

/** mulberry32: a small seeded generator so the evidence is reproducible. */
const seeded = (seed: number) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const gaussian = (rnd: () => number) => {
  let u = 0;
  while (u === 0) u = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
};

const CHECK: AnomalyCheck = { threshold: 2.75, direction: 'up', minPeriods: 6, alpha: 0.03 };
const HISTORY = 52; // one year of weekly periods

/** A customer's own history: its level and spread differ per customer (weekly order volume, say). */
const history = (rnd: () => number) => {
  const level = 50 + rnd() * 150;
  const sigma = level * (0.05 + rnd() * 0.2);
  let baseline: AnomalyBaseline = EMPTY_BASELINE;
  for (let week = 0; week < HISTORY; week++) baseline = updateBaseline(baseline, level + sigma * gaussian(rnd), CHECK.alpha);
  return { level, sigma, baseline };
};

describe('anomaly baseline', () => {
  it('fires on at most 1 % of 1,000 seeded normal histories in the next period', () => {
    const rnd = seeded(20261207);
    let fired = 0;
    for (let i = 0; i < 1000; i++) {
      const { level, sigma, baseline } = history(rnd);
      if (observe(baseline, level + sigma * gaussian(rnd), CHECK).fired) fired++;
    }
    expect(fired / 1000).toBeLessThanOrEqual(0.01);
  });

  it('fires on at least 95 % of 200 histories within the period of an injected shock of 3 to 4 σ', () => {
    const rnd = seeded(4242);
    let fired = 0;
    for (let i = 0; i < 200; i++) {
      const { level, sigma, baseline } = history(rnd);
      if (observe(baseline, level + sigma * (3 + rnd()), CHECK).fired) fired++;
    }
    expect(fired / 200).toBeGreaterThanOrEqual(0.95);
  });

  it('needs at least minPeriods periods before it can fire', () => {
    let b: AnomalyBaseline = EMPTY_BASELINE;
    for (const v of [10, 11, 9, 10, 12]) b = updateBaseline(b, v, 0.03);
    expect(observe(b, 1000, CHECK).fired).toBe(false);
    b = updateBaseline(b, 10, 0.03);
    expect(observe(b, 1000, CHECK).fired).toBe(true);
  });

  it('keeps a single shock from dragging the level or inflating the spread', () => {
    let b: AnomalyBaseline = EMPTY_BASELINE;
    for (let i = 0; i < 30; i++) b = updateBaseline(b, i % 2 === 0 ? 9 : 11, 0.03);
    const after = updateBaseline(b, 10_000, 0.03);
    expect(after.mean).toBeLessThan(b.mean + 3 * Math.sqrt(b.variance));
    expect(anomalyScore(after, 11, 6)!).toBeLessThan(3);
  });

  it('folds each period in once, in order', () => {
    const b = updateBaseline(EMPTY_BASELINE, 5, 0.03, '2026-W48');
    expect(updateBaseline(b, 7, 0.03, '2026-W48')).toBe(b);
    expect(updateBaseline(b, 7, 0.03, '2026-W47')).toBe(b);
    expect(updateBaseline(b, 7, 0.03, '2026-W49').n).toBe(2);
  });

  it('names ISO weeks and months', () => {
    expect(periodKey(new Date('2026-12-07T10:00:00Z'), 'week')).toBe('2026-W50');
    expect(periodKey(new Date('2027-01-01T10:00:00Z'), 'week')).toBe('2026-W53');
    expect(periodKey(new Date('2026-12-07T10:00:00Z'), 'month')).toBe('2026-12');
  });
});
