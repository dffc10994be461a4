import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketNumber, maskValue, redactRow, type DatasetRow, type FieldRule } from '../../../shared/domain/sharing/redact.js';
import { AgreementInputSchema, isAgreementActive } from '../../../shared/domain/sharing/agreement.js';
import { datasetFields, datasetRow } from '../../../shared/domain/sharing/datasets.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';

const value = fc.oneof(fc.string(), fc.double({ noNaN: true }), fc.integer(), fc.boolean(), fc.constant(null));
const path = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}(\.[a-z][a-zA-Z0-9]{0,8})?$/);
const row = fc.dictionary(path, value, { maxKeys: 12 });
const rule = fc.constantFrom<FieldRule>('include', 'mask', 'hash', 'bucket', 'drop');
const rules = fc.dictionary(path, rule, { maxKeys: 12 });
const salt = fc.stringMatching(/^[0-9a-f]{64}$/);

describe('redactRow', () => {
  it('never lets a dropped or rule-less field through (deny by default)', () => {
    fc.assert(
      fc.property(row, rules, salt, (r: DatasetRow, rs, s) => {
        const out = redactRow(r, rs, s);
        for (const key of Object.keys(out)) {
          expect(rs[key]).toBeDefined();
          expect(rs[key]).not.toBe('drop');
          expect(Object.hasOwn(r, key)).toBe(true);
        }
      }),
    );
  });

  it('hashes the same value the same way within an agreement and differently across agreements', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ minLength: 1 }), fc.integer()), salt, salt, (v, s1, s2) => {
        fc.pre(s1 !== s2);
        const a = redactRow({ id: v, other: v }, { id: 'hash', other: 'hash' }, s1);
        const b = redactRow({ id: v }, { id: 'hash' }, s2);
        expect(a['id']).toBe(a['other']);
        expect(a['id']).toMatch(/^[0-9a-f]{32}$/);
        expect(a['id']).not.toBe(v);
        expect(b['id']).not.toBe(a['id']);
      }),
    );
  });

  it('masks all but the last two characters and never returns the value of a longer string', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3 }), (v) => {
        const masked = maskValue(v);
        expect(masked.endsWith([...v].slice(-2).join(''))).toBe(true);
        expect(masked).not.toBe(v);
      }),
    );
    expect(maskValue('DE136695976')).toBe('•••••••••76');
    expect(maskValue('ab')).toBe('••');
  });

  it('buckets numbers into 1-2-5 bands that contain them, and ISO dates into months', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), (n) => {
        const [lo, hi] = bucketNumber(n).split('-').map(Number);
        expect(lo).toBeLessThanOrEqual(n * (1 + 1e-9));
        expect(hi).toBeGreaterThan(n * (1 - 1e-9));
      }),
    );
    expect(bucketNumber(37_000)).toBe('20000-50000');
    expect(bucketNumber(0.023)).toBe('0.02-0.05');
    expect(bucketNumber(0)).toBe('0');
    expect(redactRow({ at: '2026-03-14T10:00:00Z', name: 'Acme' }, { at: 'bucket', name: 'bucket' }, 'k')).toEqual({ at: '2026-03' });
  });

  it('keeps missing values visible as null for fields the agreement shares', () => {
    expect(redactRow({ a: null, b: null }, { a: 'hash', b: 'drop' }, 'k')).toEqual({ a: null });
  });
});

describe('agreements and datasets', () => {
  const base = {
    agreementId: 'dsa-1',
    consultantRef: 'c-1',
    datasets: ['portfolio_ratings'],
    fields: { 'rating.grade': 'include' },
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2026-12-31T00:00:00Z',
    purpose: 'study',
  };

  it('refuses field paths the datasets do not have and inverted validity', () => {
    const result = AgreementInputSchema.safeParse({ ...base, fields: { 'fields.email': 'include' }, validUntil: '2025-01-01T00:00:00Z' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['fields.fields.email', 'validUntil']);
  });

  it('is active only between validFrom and validUntil and while not revoked', () => {
    const a = { ...AgreementInputSchema.parse(base), status: 'active' as const, createdAt: base.validFrom, createdBy: 'x', updatedAt: base.validFrom };
    expect(isAgreementActive(a, new Date('2026-06-01T00:00:00Z'))).toBe(true);
    expect(isAgreementActive(a, new Date('2027-01-01T00:00:00Z'))).toBe(false);
    expect(isAgreementActive(a, new Date('2025-06-01T00:00:00Z'))).toBe(false);
    expect(isAgreementActive({ ...a, status: 'revoked' }, new Date('2026-06-01T00:00:00Z'))).toBe(false);
  });

  it('builds rows with exactly the fields the dataset declares', () => {
    const profile = newProfile('c-9', 'business', new Date('2026-01-01T00:00:00Z'));
    for (const dataset of ['portfolio_ratings', 'customer_profiles'] as const) {
      expect(Object.keys(datasetRow(dataset, profile)).sort()).toEqual(datasetFields(dataset).sort());
    }
  });
});
