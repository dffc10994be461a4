import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Normaliser } from '../../../shared/domain/credit/bureau-connector.js';
import type { BureauId } from '../../../shared/domain/credit/credit-summary.js';
import { CreditReportSchema } from '../../../shared/domain/credit/credit-report.js';
import { normaliseCreditsafe } from '../../../shared/domain/credit/normalisers/creditsafe.js';
import { normaliseDnb } from '../../../shared/domain/credit/normalisers/dnb.js';
import { normaliseEquifax } from '../../../shared/domain/credit/normalisers/equifax.js';
import { normaliseExperian } from '../../../shared/domain/credit/normalisers/experian.js';
import { normalisePboc } from '../../../shared/domain/credit/normalisers/pboc.js';
import { gateReport } from '../../../shared/domain/credit/normalisers/report-gate.js';
import { normaliseTransUnion } from '../../../shared/domain/credit/normalisers/transunion.js';

const META = { reportId: 'r1', pulledAt: '2025-06-01T00:00:00.000Z', requestId: 'q1' };
const FIXTURES: Array<[BureauId, string, Normaliser]> = [
  ['experian', 'experian/credit-profile-mixed.json', normaliseExperian],
  ['equifax', 'equifax/credit-report-mixed.json', normaliseEquifax],
  ['transunion', 'transunion/credit-report-mixed.json', normaliseTransUnion],
  ['dnb', 'dnb/company-report.json', normaliseDnb],
  ['creditsafe', 'creditsafe/company-report.json', normaliseCreditsafe],
  ['pboc', 'pboc/personal-report.json', normalisePboc],
];
const REPORTS = FIXTURES.map(([bureau, file, normalise]) =>
  normalise({ bureau, product: 'p', contentType: 'application/json', body: readFileSync(new URL(`../../fixtures/bureaus/${file}`, import.meta.url), 'utf8'), receivedAt: META.pulledAt }, META),
);

type Path = Array<string | number>;
/** Every path in a JSON value (objects and arrays included). */
const paths = (v: unknown, at: Path = []): Path[] => {
  const here: Path[] = at.length > 0 ? [at] : [];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v !== null && typeof v === 'object') return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return here;
};
const setAt = (root: unknown, path: Path, value: unknown): void => {
  let o = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === '__delete__') delete o[last];
  // A copy: the gate fills defaults in place, and a shared junk object would carry one run's changes into the next (and into the printed counterexample).
  else o[last] = structuredClone(value);
};

const junkArb = fc.oneof(
  fc.constantFrom('__delete__', undefined, null, true, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, '', 'x', 'day', 'month', 'year', 'current', 'unknown', 'EUR', 'eur', 'DE', '2025-02-29', '2024-02-29', '2025-13', '2025', '2025-06-01T00:00:00Z', 'metro2', 'primary', [], {}, [{}], { precision: 'day', value: '2025-01-31' }),
  fc.string({ maxLength: 400 }),
  fc.integer(),
  fc.array(fc.constantFrom('a', 1, null), { maxLength: 90 }),
);

describe('report gate', () => {
  it('accepts and rejects exactly what CreditReportSchema does, with the same output', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: REPORTS.length - 1 }), fc.nat(), junkArb, fc.boolean(), (which, pick, junk, twice) => {
        // Prepare: a normalised report with one value (twice: two) replaced by junk
        const draft = structuredClone(REPORTS[which]!) as unknown;
        const all = paths(draft);
        setAt(draft, all[pick % all.length]!, junk);
        if (twice) {
          const again = paths(draft);
          if (again.length > 0) setAt(draft, again[(pick * 7 + 3) % again.length]!, junk);
        }
        const forZod = structuredClone(draft);
        // Act
        const zod = CreditReportSchema.safeParse(forZod);
        const issue = gateReport(draft);
        // Assess
        expect(issue === undefined, JSON.stringify(issue ?? zod.error?.issues[0])).toBe(zod.success);
        if (zod.success) expect(draft).toEqual(zod.data);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it('fills the schema defaults in place, without copying the draft', () => {
    // Prepare
    const draft: Record<string, unknown> = { reportId: 'r', bureau: 'dnb', product: 'p', pulledAt: META.pulledAt, requestId: 'q', currency: 'EUR', subject: { kind: 'business', names: [{ full: 'Acme' }] } };
    const names = (draft.subject as { names: object[] }).names;
    // Act
    const issue = gateReport(draft);
    // Assess
    expect(issue).toBeUndefined();
    expect(draft).toEqual(CreditReportSchema.parse(structuredClone(draft)));
    expect(draft.tradelines).toEqual([]);
    expect(names[0]).toEqual({ full: 'Acme', type: 'primary' });
  });

  it('names the path of the first violation', () => {
    const draft = structuredClone(REPORTS[0]!) as unknown as { tradelines: Array<{ paymentHistory: unknown[] }> };
    draft.tradelines[0]!.paymentHistory = Array.from({ length: 85 }, () => ({ status: { value: 'current', raw: 'C', scheme: 'metro2' } }));
    expect(gateReport(draft)?.path).toEqual(['tradelines', 0, 'paymentHistory']);
  });
});
