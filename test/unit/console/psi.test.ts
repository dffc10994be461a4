import { describe, expect, it } from 'vitest';
import { EPSILON, populationStability, psiBand } from '../../../console/src/psi.js';

describe('population stability index (console policies screen)', () => {
  it('is 0 for the same distribution, whatever the counts', () => {
    const psi = populationStability(['A', 'B', 'C'], { A: 10, B: 30, C: 60 }, { A: 1, B: 3, C: 6 });
    expect(psi.value).toBeCloseTo(0, 12);
    expect(psi.band).toBe('stable');
    expect(psi.rows.map((r) => r.actual)).toEqual([0.1, 0.3, 0.6]);
  });

  it('sums (a − e)·ln(a/e) over the shares', () => {
    const psi = populationStability(['A', 'B'], { A: 50, B: 50 }, { A: 70, B: 30 });
    const expected = (0.7 - 0.5) * Math.log(0.7 / 0.5) + (0.3 - 0.5) * Math.log(0.3 / 0.5);
    expect(psi.value).toBeCloseTo(expected, 12);
    expect(psi.band).toBe('moderate');
  });

  it('floors an empty category instead of answering Infinity', () => {
    const psi = populationStability(['A', 'B'], { A: 10, B: 0 }, { A: 5, B: 5 });
    expect(Number.isFinite(psi.value)).toBe(true);
    expect(psi.value).toBeCloseTo((0.5 - EPSILON) * Math.log(0.5 / EPSILON) + (0.5 - 1) * Math.log(0.5 / 1), 12);
    expect(psi.band).toBe('significant');
  });

  it('has no value when a side has no observations; ignores categories outside the list', () => {
    expect(populationStability(['A'], {}, { A: 3 }).value).toBeUndefined();
    expect(populationStability(['A', 'B'], { A: 1, B: 1, Z: 100 }, { A: 1, B: 1 }).value).toBeCloseTo(0, 12);
  });

  it('reads the index in the usual bands', () => {
    expect([0, 0.0999, 0.1, 0.2499, 0.25, 3].map(psiBand)).toEqual(['stable', 'stable', 'moderate', 'moderate', 'significant', 'significant']);
  });
});
