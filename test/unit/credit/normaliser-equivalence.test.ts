import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditsafeSandboxReport } from '../../../infra/local/sandboxes/bureaus/creditsafe.js';
import { dnbSandboxReport } from '../../../infra/local/sandboxes/bureaus/dnb.js';
import { equifaxSandboxReport } from '../../../infra/local/sandboxes/bureaus/equifax.js';
import { experianSandboxReport } from '../../../infra/local/sandboxes/bureaus/experian.js';
import { pbocSandboxReport } from '../../../infra/local/sandboxes/bureaus/pboc.js';
import { transUnionSandboxReport } from '../../../infra/local/sandboxes/bureaus/transunion.js';
import type { Normaliser } from '../../../shared/domain/credit/bureau-connector.js';
import type { BureauId } from '../../../shared/domain/credit/credit-summary.js';
import { normaliseCreditsafe } from '../../../shared/domain/credit/normalisers/creditsafe.js';
import { normaliseDnb } from '../../../shared/domain/credit/normalisers/dnb.js';
import { normaliseEquifax } from '../../../shared/domain/credit/normalisers/equifax.js';
import { normaliseExperian } from '../../../shared/domain/credit/normalisers/experian.js';
import { normalisePboc } from '../../../shared/domain/credit/normalisers/pboc.js';
import { normaliseTransUnion } from '../../../shared/domain/credit/normalisers/transunion.js';
import { fixture, META, rawReport } from './fixtures.js';
import { normaliseCreditsafe as referenceCreditsafe } from './normaliser-reference/creditsafe.js';
import { normaliseDnb as referenceDnb } from './normaliser-reference/dnb.js';
import { normaliseEquifax as referenceEquifax } from './normaliser-reference/equifax.js';
import { normaliseExperian as referenceExperian } from './normaliser-reference/experian.js';
import { normalisePboc as referencePboc } from './normaliser-reference/pboc.js';
import { normaliseTransUnion as referenceTransUnion } from './normaliser-reference/transunion.js';

/**
 * The single-pass normalisers give exactly what the normalisers before the speed work gave
 * (kept frozen in ./normaliser-reference as the reference): the same report, or the same error
 * (class, code, message), on every bureau fixture, on sandbox reports for random subjects and on
 * random mutations of both (dropped, replaced, wrapped and junk values).
 */

type Json = unknown;
type Path = Array<string | number>;

/** What a normaliser did with a body: its report, or its error's name, code and message. */
const outcome = (normalise: Normaliser, bureau: BureauId, body: string): unknown => {
  try {
    return { report: normalise(rawReport(bureau, body), META) };
  } catch (error) {
    const e = error as Error & { code?: string };
    return { error: { name: e.name, code: e.code, message: e.message } };
  }
};

const SENTINELS: Json[] = [
  null, 'Not Rated', '', ' ', 'UNKNOWN', 'N/A', 1e308, -1, -0.5, 0, '0', '00000000', '9'.repeat(400), 9_007_199_254_740_993, 'NaN', true, [], {}, '<x/>',
  '13/45/2020', '02/29/2024', '02/29/2023', '2024-02-30', '2024-13', '1999', '122023', '12002023', '00002023', '2023-06-15T10:00:00Z', '06/15/23', '7/4/1999',
  '1,234.56', '-12.5', '1e5', 'CCCC1234X', '01', 'A', { _: 'x' }, '\u0000', '𝔘'.repeat(60),
];

const pathsOf = (value: Json, path: Path = [], out: Path[] = []): Path[] => {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
};

type Mutation = { kind: 'drop' | 'replace' | 'wrap' | 'copy'; pathIndex: number; sentinel: number };
const mutate = (doc: Json, mutation: Mutation): Json => {
  const paths = pathsOf(doc).filter((p) => p.length > 0);
  const path = paths[mutation.pathIndex % paths.length];
  if (!path) return doc;
  const parent = path.slice(0, -1).reduce<any>((acc, k) => acc[k as never], doc);
  const key = path[path.length - 1]!;
  if (mutation.kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (mutation.kind === 'wrap') parent[key] = Array.isArray(parent[key]) ? parent[key][0] : [parent[key]];
  else if (mutation.kind === 'copy' && Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
  else parent[key] = structuredClone(SENTINELS[mutation.sentinel % SENTINELS.length]);
  return doc;
};
const mutationArb = fc.record({ kind: fc.constantFrom('drop' as const, 'replace' as const, 'wrap' as const, 'copy' as const), pathIndex: fc.nat(), sentinel: fc.nat() });

const word = fc.stringMatching(/^[A-Za-z][A-Za-z '-]{0,20}$/);
const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const sandboxArb: Record<BureauId, fc.Arbitrary<Json>> = {
  experian: fc.tuple(word, word, word, fc.option(digits(9), { nil: undefined })).map(([key, first, last, ssn]) => experianSandboxReport(key, { first, last, ...(ssn ? { ssn } : {}) })),
  equifax: fc.tuple(word, word, word, fc.option(digits(9), { nil: undefined })).map(([key, first, last, ssn]) => equifaxSandboxReport(key, { first, last, ...(ssn ? { ssn } : {}) })),
  transunion: fc.tuple(word, word, word, fc.option(digits(9), { nil: undefined })).map(([key, first, last, ssn]) => transUnionSandboxReport(key, { first, last, ...(ssn ? { ssn } : {}) })),
  dnb: fc.tuple(digits(9), fc.option(word, { nil: undefined })).map(([duns, name]) => dnbSandboxReport(duns, name)),
  creditsafe: fc.tuple(fc.constantFrom('GB', 'DE', 'FR', 'US'), word).map(([country, key]) => creditsafeSandboxReport(`${country}-X-${key.replace(/\W/g, '')}`)),
  pboc: fc.tuple(digits(18), word).map(([id, name]) => pbocSandboxReport(id, name)),
};

const cases: Array<[BureauId, Normaliser, Normaliser, string[]]> = [
  ['experian', normaliseExperian, referenceExperian, ['credit-profile-mixed.json', 'no-record-found.json']],
  ['equifax', normaliseEquifax, referenceEquifax, ['credit-report-mixed.json']],
  ['transunion', normaliseTransUnion, referenceTransUnion, ['credit-report-mixed.json']],
  ['dnb', normaliseDnb, referenceDnb, ['company-report.json', 'not-found.json']],
  ['creditsafe', normaliseCreditsafe, referenceCreditsafe, ['company-report.json', 'not-found.json']],
  ['pboc', normalisePboc, referencePboc, ['personal-report.json', 'no-record.json']],
];

describe.each(cases)('%s normaliser = the reference normaliser', (bureau, normalise, reference, files) => {
  const same = (body: string): void => {
    expect(outcome(normalise, bureau, body)).toEqual(outcome(reference, bureau, body));
  };

  it('on every fixture and on truncated fixtures', () => {
    for (const file of files) same(fixture(bureau, file));
    const body = fixture(bureau, files[0]!);
    fc.assert(fc.property(fc.nat({ max: body.length }), (cut) => {
      same(body.slice(0, cut));
    }), { numRuns: 50, seed: 11 });
  }, 60_000);

  it('on sandbox reports for random subjects, as sent and mutated', () => {
    fc.assert(
      fc.property(sandboxArb[bureau], fc.array(mutationArb, { maxLength: 4 }), (doc, mutations) => {
        same(JSON.stringify(doc));
        same(JSON.stringify(mutations.reduce<Json>((acc, m) => mutate(acc, m), structuredClone(doc))));
      }),
      { numRuns: 150, seed: 20261207 },
    );
  }, 60_000);

  it('on random mutations of the fixtures', () => {
    const doc = JSON.parse(fixture(bureau, files[0]!)) as Json;
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 8 }), (mutations) => {
        same(JSON.stringify(mutations.reduce<Json>((acc, m) => mutate(acc, m), structuredClone(doc))));
      }),
      { numRuns: 400, seed: 42 },
    );
  }, 60_000);
});
