import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Normaliser } from '../../../shared/domain/credit/bureau-connector.js';
import { CreditReportSchema } from '../../../shared/domain/credit/credit-report.js';
import type { BureauId } from '../../../shared/domain/credit/credit-summary.js';
import { PermanentError } from '../../../shared/domain/errors.js';
import { normaliseEquifax } from '../../../shared/domain/credit/normalisers/equifax.js';
import { normaliseExperian } from '../../../shared/domain/credit/normalisers/experian.js';
import { normaliseTransUnion } from '../../../shared/domain/credit/normalisers/transunion.js';
import { fixture, META, rawReport } from './fixtures.js';

/**
 * Property: whatever a bureau sends, a normaliser returns a CreditReportSchema-valid report
 * or throws a PermanentError `malformed_report` (or `subject_not_found` when a mutation
 * empties the hit list) — never a TypeError, RangeError or zod error.
 */

type Json = unknown;
type Path = Array<string | number>;

const SENTINELS: Json[] = [null, 'Not Rated', '', 'UNKNOWN', 1e308, -1, -0.5, 9_007_199_254_740_993, 'NaN', true, [], {}, '9'.repeat(400), '<x/>', '00000000', '13/45/2020', { _: 'x' }];

const pathsOf = (value: Json, path: Path = [], out: Path[] = []): Path[] => {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
};

type Mutation = { kind: 'drop' | 'replace' | 'wrap'; pathIndex: number; sentinel: number };

const mutate = (doc: Json, mutation: Mutation): Json => {
  const paths = pathsOf(doc).filter((p) => p.length > 0);
  const path = paths[mutation.pathIndex % paths.length];
  if (!path) return doc;
  const parent = path.slice(0, -1).reduce<any>((acc, k) => acc[k as never], doc);
  const key = path[path.length - 1]!;
  if (mutation.kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (mutation.kind === 'wrap') {
    parent[key] = Array.isArray(parent[key]) ? parent[key][0] : [parent[key]];
  } else {
    parent[key] = structuredClone(SENTINELS[mutation.sentinel % SENTINELS.length]);
  }
  return doc;
};

const mutationArb = fc.record({
  kind: fc.constantFrom('drop' as const, 'replace' as const, 'wrap' as const),
  pathIndex: fc.nat(),
  sentinel: fc.nat(),
});

const cases: Array<[BureauId, Normaliser, string]> = [
  ['experian', normaliseExperian, fixture('experian', 'credit-profile-mixed.json')],
  ['equifax', normaliseEquifax, fixture('equifax', 'credit-report-mixed.json')],
  ['transunion', normaliseTransUnion, fixture('transunion', 'credit-report-mixed.json')],
];

const outcome = (normalise: Normaliser, bureau: BureauId, body: string): 'ok' | string => {
  try {
    const report = normalise(rawReport(bureau, body), META);
    const parsed = CreditReportSchema.safeParse(report);
    return parsed.success ? 'ok' : `invalid report: ${parsed.error.issues[0]?.message}`;
  } catch (error) {
    if (error instanceof PermanentError && (error.code === 'malformed_report' || error.code === 'subject_not_found')) return 'ok';
    return `unexpected ${(error as Error).name}: ${(error as Error).message}`;
  }
};

describe.each(cases)('%s normaliser under mutation', (bureau, normalise, body) => {
  it('returns a valid report or a permanent malformed/not-found error for mutated documents', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (mutations) => {
        const doc = mutations.reduce<Json>((acc, m) => mutate(acc, m), JSON.parse(body));
        expect(outcome(normalise, bureau, JSON.stringify(doc))).toBe('ok');
      }),
      { numRuns: 400, seed: 20260120 },
    );
  });

  it('returns a valid report or malformed_report for truncated or garbage bodies', () => {
    fc.assert(
      fc.property(fc.nat({ max: body.length }), fc.string({ maxLength: 20 }), (cut, tail) => {
        expect(outcome(normalise, bureau, body.slice(0, cut) + tail)).toBe('ok');
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('normalises the unmutated fixture without throwing', () => {
    expect(() => normalise(rawReport(bureau, body), META)).not.toThrow();
  });
});
