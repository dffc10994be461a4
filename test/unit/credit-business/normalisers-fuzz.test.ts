import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../../shared/domain/errors.js';
import type { Normaliser, RawBureauReport } from '../../../shared/domain/credit/bureau-connector.js';
import { CreditReportSchema } from '../../../shared/domain/credit/credit-report.js';
import { normaliseCreditsafe } from '../../../shared/domain/credit/normalisers/creditsafe.js';
import { normaliseDnb } from '../../../shared/domain/credit/normalisers/dnb.js';
import { normalisePboc } from '../../../shared/domain/credit/normalisers/pboc.js';
import { fixture, meta } from './fixtures.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const paths = (value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> => {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries: Array<[string | number, Json]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => paths(child, [...prefix, key]))];
};

const mutate = (root: Json, path: Array<string | number>, replacement: Json | 'DELETE'): Json => {
  if (path.length === 0) return replacement === 'DELETE' ? null : replacement;
  const copy: Json = structuredClone(root);
  let cursor = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (replacement === 'DELETE') {
    if (Array.isArray(cursor)) cursor.splice(Number(last), 1);
    else delete cursor[last];
  } else cursor[last] = replacement;
  return copy;
};

/** Interesting replacements: sentinels bureaus really send, wrong types, huge and odd values. */
const replacement = fc.oneof(
  fc.constant<'DELETE'>('DELETE'),
  fc.constantFrom<Json>(null, '', 'Not Rated', 'N/A', '0', '-1', '1e400', 'NaN', '99999999999999999999', '２０２５-０１-０１', '2025-13-45', '#', '*', 'Z', '损失', {}, [], true, -1, 101, 1.5, 1e308),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

const assertContract = (normalise: Normaliser, raw: RawBureauReport): void => {
  try {
    const report = normalise(raw, meta);
    expect(CreditReportSchema.safeParse(report).success).toBe(true);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('malformed_report');
  }
};

const cases: Array<[string, Normaliser, RawBureauReport]> = [
  ['normaliseDnb', normaliseDnb, fixture('dnb', 'company-report.json')],
  ['normaliseCreditsafe', normaliseCreditsafe, fixture('creditsafe', 'company-report.json')],
  ['normalisePboc', normalisePboc, fixture('pboc', 'personal-report.json')],
];

describe.each(cases)('%s under mutation', (_name, normalise, raw) => {
  const base = JSON.parse(raw.body) as Json;
  const allPaths = paths(base);

  it('gives a schema-valid report or malformed_report for mutated fields', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(allPaths.length - 1), replacement), { minLength: 1, maxLength: 6 }), (mutations) => {
        let body = base;
        for (const [index, value] of mutations) {
          const valid = paths(body);
          body = mutate(body, valid[index % valid.length]!, value);
        }
        assertContract(normalise, { ...raw, body: JSON.stringify(body) });
      }),
      { numRuns: 300 },
    );
  });

  it('gives malformed_report, never a crash, for truncated or garbage bytes', () => {
    fc.assert(
      fc.property(fc.nat(raw.body.length), fc.string({ maxLength: 20 }), (cut, tail) => {
        assertContract(normalise, { ...raw, body: raw.body.slice(0, cut) + tail });
      }),
      { numRuns: 200 },
    );
  });
});
