/**
 * Population stability index between two distributions over the same categories:
 * PSI = Σ (actualᵢ − expectedᵢ) · ln(actualᵢ / expectedᵢ), on shares. An empty category gets a
 * small floor share (`EPSILON`) so the logarithm stays finite — the usual convention.
 * Reading (industry rule of thumb): < 0.10 stable, 0.10–0.25 moderate shift, ≥ 0.25 significant shift.
 */
export const EPSILON = 0.0001;

export type PsiBand = 'stable' | 'moderate' | 'significant';

export interface Psi {
  /** The index; undefined when either side has no observations. */
  value: number | undefined;
  band: PsiBand | undefined;
  /** Per category: expected share, actual share, and its term of the sum. */
  rows: Array<{ category: string; expected: number; actual: number; term: number }>;
}

export const psiBand = (value: number): PsiBand => (value < 0.1 ? 'stable' : value < 0.25 ? 'moderate' : 'significant');

/**
 * @example populationStability(['A', 'B'], { A: 50, B: 50 }, { A: 70, B: 30 }).value // ≈ 0.17
 */
export const populationStability = (categories: readonly string[], expected: Record<string, number>, actual: Record<string, number>): Psi => {
  const total = (counts: Record<string, number>) => categories.reduce((sum, c) => sum + Math.max(0, counts[c] ?? 0), 0);
  const e = total(expected);
  const a = total(actual);
  if (e === 0 || a === 0) return { value: undefined, band: undefined, rows: categories.map((category) => ({ category, expected: 0, actual: 0, term: 0 })) };
  const rows = categories.map((category) => {
    const es = Math.max(0, expected[category] ?? 0) / e;
    const as = Math.max(0, actual[category] ?? 0) / a;
    const ef = Math.max(es, EPSILON);
    const af = Math.max(as, EPSILON);
    return { category, expected: es, actual: as, term: (af - ef) * Math.log(af / ef) };
  });
  const value = rows.reduce((sum, r) => sum + r.term, 0);
  return { value, band: psiBand(value), rows };
};
