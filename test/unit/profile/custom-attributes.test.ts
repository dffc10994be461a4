import { describe, expect, it } from 'vitest';
import { applyCustomValues, CustomAttributeDeclarationSchema, validateCustomValues, type CustomAttribute } from '../../../shared/domain/profile/custom-attributes.js';
import { toFieldIssues } from '../../../shared/domain/validation.js';

const declared = (name: string, d: Record<string, unknown>): CustomAttribute => ({
  name,
  ...CustomAttributeDeclarationSchema.parse(d),
  status: 'active',
  declaredAt: '2026-01-01T00:00:00Z',
  declaredBy: 'key:test',
});
const ATTRS = [
  declared('employees', { type: 'integer', min: 0, max: 1_000_000, unit: 'employees' }),
  declared('margin', { type: 'number', min: -1, max: 1 }),
  declared('tier', { type: 'category', values: ['gold', 'silver'] }),
  declared('listed', { type: 'boolean' }),
  declared('onboarded', { type: 'date', pii: true }),
];

describe('custom attribute declarations', () => {
  it('refuses bounds, units and categories that do not fit the type, naming the field', () => {
    const issues = (d: unknown) => {
      const r = CustomAttributeDeclarationSchema.safeParse(d);
      return r.success ? [] : toFieldIssues(r.error).map((i) => i.path);
    };
    expect(issues({ type: 'category' })).toEqual(['values']);
    expect(issues({ type: 'boolean', min: 1 })).toEqual(['min']);
    expect(issues({ type: 'date', unit: 'days' })).toEqual(['unit']);
    expect(issues({ type: 'number', min: 5, max: 1 })).toEqual(['min']);
    expect(issues({ type: 'number', colour: 'red' })).toEqual(['colour']);
  });
});

describe('validateCustomValues', () => {
  it('accepts values that fit their declarations, in canonical form (numeric text from a CRM becomes a number)', () => {
    const { values, issues } = validateCustomValues({ employees: '42', margin: 0.25, tier: 'gold', listed: 'true', onboarded: '2025-03-01' }, ATTRS);
    expect(issues).toEqual([]);
    expect(values).toEqual({ employees: 42, margin: 0.25, tier: 'gold', listed: true, onboarded: '2025-03-01' });
  });

  it('refuses an undeclared attribute and every value outside its declaration, each at custom.<name>', () => {
    const { values, issues } = validateCustomValues({ shoeSize: 42, employees: 2.5, margin: 3, tier: 'bronze', listed: 'yes', onboarded: 'last week' }, ATTRS);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['custom.shoeSize', 'undeclared_attribute'],
      ['custom.employees', 'invalid_value'],
      ['custom.margin', 'invalid_value'],
      ['custom.tier', 'invalid_value'],
      ['custom.listed', 'invalid_value'],
      ['custom.onboarded', 'invalid_value'],
    ]);
    expect(values).toEqual({});
  });
});

describe('applyCustomValues', () => {
  it('keeps the newest observation per attribute with its provenance', () => {
    const profile: Parameters<typeof applyCustomValues>[0] = {};
    expect(applyCustomValues(profile, { tier: 'gold' }, { source: 'api:a', observedAt: '2026-01-02T00:00:00Z' })).toEqual(['tier']);
    expect(applyCustomValues(profile, { tier: 'silver' }, { source: 'crm:zoho:z', observedAt: '2026-01-01T00:00:00Z' })).toEqual([]);
    expect(applyCustomValues(profile, { tier: 'silver', listed: true }, { source: 'crm:zoho:z', observedAt: '2026-01-03T00:00:00Z' })).toEqual(['tier', 'listed']);
    expect(profile.custom).toEqual({
      tier: { value: 'silver', source: 'crm:zoho:z', observedAt: '2026-01-03T00:00:00Z' },
      listed: { value: true, source: 'crm:zoho:z', observedAt: '2026-01-03T00:00:00Z' },
    });
  });
});
