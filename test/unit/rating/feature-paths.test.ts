import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomAttribute } from '../../../shared/domain/profile/custom-attributes.js';
import { checkFeatureInputs, flattenProfile, readPath, resolvePath, STATIC_PATHS } from '../../../shared/domain/rating/feature-paths.js';
import { extractFeatures, viewProfile } from '../../../shared/domain/rating/features.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import type { PolicyFeature } from '../../../shared/domain/rating/policy.js';
import { NOW, syntheticProfile } from '../../fixtures/rating/profiles.js';

const attr = (name: string, type: CustomAttribute['type'], extra: Partial<CustomAttribute> = {}): CustomAttribute => ({
  name,
  type,
  pii: false,
  status: 'active',
  declaredAt: NOW.toISOString(),
  declaredBy: 'key:test',
  ...extra,
});
const ATTRS = [attr('employees', 'integer'), attr('segment', 'category', { values: ['smb', 'ent'] }), attr('onboardedAt', 'date'), attr('vip', 'boolean'), attr('old', 'number', { status: 'deprecated' })];

/** A synthetic profile with custom values of every declared type. */
const withCustom = (i: number, employees: number, segment: string, vip: boolean) => {
  const p = syntheticProfile(i, NOW);
  const at = { source: 'test', observedAt: NOW.toISOString() };
  p.custom = { employees: { value: employees, ...at }, segment: { value: segment, ...at }, vip: { value: vip, ...at }, onboardedAt: { value: '2025-06-05T12:00:00Z', ...at } };
  return p;
};

describe('canonical feature paths', () => {
  it('resolves every flattened path of any profile and reads back the same value', () => {
    fc.assert(
      fc.property(fc.nat({ max: 5_000 }), fc.integer({ min: 0, max: 100_000 }), fc.constantFrom('smb', 'ent'), fc.boolean(), (i, employees, segment, vip) => {
        // Prepare
        const profile = withCustom(i, employees, segment, vip);
        // Act
        const flat = flattenProfile(profile);
        // Assess
        expect(flat.size).toBeGreaterThan(4);
        for (const [path, value] of flat) {
          expect(resolvePath(path, ATTRS), path).toMatchObject({ ok: true });
          expect(readPath(profile, path), path).toEqual(value);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('extracts through a feature exactly the value at its path (numbers as numbers, booleans 0/1, categories as text, dates as days)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 5_000 }), fc.integer({ min: 0, max: 100_000 }), fc.boolean(), (i, employees, vip) => {
        const profile = withCustom(i, employees, 'ent', vip);
        const numericPaths = [...flattenProfile(profile)].filter(([p, v]) => typeof v === 'number' && p.startsWith('aggregates.'));
        const features: PolicyFeature[] = [
          ...numericPaths.map(([p], k): PolicyFeature => ({ id: `f_${k}`, label: p, path: p, kind: 'numeric' })),
          { id: 'employees', label: 'e', path: 'custom.employees', kind: 'numeric' },
          { id: 'segment', label: 's', path: 'custom.segment', kind: 'categorical' },
          { id: 'vip', label: 'v', path: 'custom.vip', kind: 'numeric' },
          { id: 'onboarded', label: 'o', path: 'custom.onboardedAt', kind: 'numeric' },
        ];
        const values = extractFeatures(viewProfile(profile, NOW), features);
        numericPaths.forEach(([, v], k) => expect(values[`f_${k}`]).toBe(v));
        expect(values).toMatchObject({ employees, segment: 'ent', vip: vip ? 1 : 0, onboarded: 10 });
      }),
      { numRuns: 100 },
    );
  });

  it('knows aggregates and bureau summary paths with their types, and no list or report id', () => {
    expect(STATIC_PATHS.get('aggregates.payments.lateCount')?.type).toBe('integer');
    expect(STATIC_PATHS.get('aggregates.orders.lastOrderAt')?.type).toBe('date');
    expect(STATIC_PATHS.get('bureau.dnb.business.paydex')?.type).toBe('number');
    expect(STATIC_PATHS.get('bureau.experian.tradelines.worstDaysPastDue')?.type).toBe('integer');
    expect(STATIC_PATHS.get('fields.country')?.type).toBe('text');
    expect(STATIC_PATHS.has('aggregates.orders.months')).toBe(false);
    expect(STATIC_PATHS.has('bureau.dnb.reportId')).toBe(false);
  });

  it('never reads a bureau report about another subject', () => {
    const p = syntheticProfile(1, NOW);
    p.credit.dnb = { ...structuredClone(p.credit.dnb ?? (syntheticProfile(3, NOW).credit.dnb as NonNullable<typeof p.credit.dnb>)), subjectMatch: 'mismatch', inquiriesLast12Months: 7 };
    expect(readPath(p, 'bureau.dnb.inquiriesLast12Months')).toBeUndefined();
    expect(flattenProfile(p).has('bureau.dnb.inquiriesLast12Months')).toBe(false);
  });
});

describe('checkFeatureInputs', () => {
  it('accepts the default policy (derived features only)', () => {
    expect(checkFeatureInputs(DEFAULT_POLICY, [])).toEqual([]);
  });

  it('names the path of every input that does not resolve or has a type its feature cannot use', () => {
    const scoring = {
      ...DEFAULT_POLICY.scoring,
      features: [
        ...DEFAULT_POLICY.scoring.features.slice(0, 3),
        { id: 'a', label: 'a', path: 'custom.undeclared', kind: 'numeric' as const },
        { id: 'b', label: 'b', path: 'fields.country', kind: 'numeric' as const },
        { id: 'c', label: 'c', path: 'aggregates.orders.nothing', kind: 'numeric' as const },
        { id: 'd', label: 'd', path: 'custom.old', kind: 'numeric' as const },
        { id: 'e', label: 'e', path: 'custom.segment', kind: 'categorical' as const },
        { id: 'f', label: 'f', path: 'custom.onboardedAt', kind: 'categorical' as const },
      ],
    };
    const issues = checkFeatureInputs({ scoring }, ATTRS);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['scoring.features[3].path', 'unresolved_path'],
      ['scoring.features[4].path', 'incompatible_path'],
      ['scoring.features[5].path', 'unresolved_path'],
      ['scoring.features[6].path', 'unresolved_path'],
      ['scoring.features[8].path', 'incompatible_path'],
    ]);
    expect(issues[0]?.message).toContain('not declared');
    expect(issues[3]?.message).toContain('deprecated');
  });
});
