import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchSubject, nameSimilarity, normaliseName, subjectIdentityFromReport } from '../../../shared/domain/credit/pull/subject-match.js';

describe('normaliseName', () => {
  it('folds case, punctuation, full-width characters and legal-form suffixes', () => {
    expect(normaliseName('ＡＣＭＥ Trading Co., Ltd.')).toBe('acme trading');
    expect(normaliseName('Müller Maschinenbau GmbH')).toBe('müller maschinenbau');
    expect(normaliseName('Globex, Inc')).toBe('globex');
    expect(normaliseName('深圳市华强电子有限公司')).toBe('深圳市华强电子');
    expect(normaliseName('北京星辰科技股份有限公司（北京）')).toBe('北京星辰科技');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (name) => {
      expect(normaliseName(normaliseName(name))).toBe(normaliseName(name));
    }));
  });
});

describe('nameSimilarity', () => {
  it('is 1 for names equal after normalisation and symmetric in [0, 1]', () => {
    expect(nameSimilarity('ACME LIMITED', 'Acme Ltd')).toBe(1);
    fc.assert(fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
      const s = nameSimilarity(a, b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      expect(s).toBeCloseTo(nameSimilarity(b, a), 10);
    }));
  });
});

describe('matchSubject', () => {
  const customer = { name: 'Acme Trading Ltd', identifiers: [{ scheme: 'duns', value: '15-048-3782' }], address: { postalCode: 'EC1A 1BB' } };

  it('matches on an agreeing identifier with a similar name', () => {
    const result = matchSubject(customer, { name: 'ACME TRADING LIMITED', identifiers: [{ scheme: 'duns', value: '150483782' }] });
    expect(result.outcome).toBe('match');
    expect(result.reasons).toContain('identifier_match:duns');
    expect(result.nameSimilarity).toBe(1);
  });

  it('is a mismatch when an identifier disagrees, whatever the name', () => {
    const result = matchSubject(customer, { name: 'Acme Trading Ltd', identifiers: [{ scheme: 'duns', value: '999999999' }] });
    expect(result.outcome).toBe('mismatch');
    expect(result.reasons).toContain('identifier_conflict:duns');
  });

  it('asks for review when the identifier agrees but the name is very different', () => {
    const result = matchSubject(customer, { name: 'Zenith Holdings', identifiers: [{ scheme: 'duns', value: '150483782' }] });
    expect(result.outcome).toBe('review');
  });

  it('matches on name and postcode without identifiers, and reviews on name alone', () => {
    const noIds = { ...customer, identifiers: [] };
    expect(matchSubject(noIds, { name: 'Acme Trading Co. Ltd', identifiers: [], address: { postalCode: 'ec1a1bb' } }).outcome).toBe('match');
    expect(matchSubject(noIds, { name: 'Acme Trading', identifiers: [] }).outcome).toBe('review');
    expect(matchSubject(noIds, { identifiers: [] }).outcome).toBe('review');
  });

  it('compares Chinese names across full-width punctuation and legal forms', () => {
    const cn = { name: '深圳市华强电子有限公司', identifiers: [{ scheme: 'cn_uscc', value: '91440300MA5F0XYZ12' }] };
    expect(matchSubject(cn, { name: '深圳市华强电子股份有限公司', identifiers: [{ scheme: 'cn_uscc', value: '91440300ma5f0xyz12' }] }).outcome).toBe('match');
    expect(matchSubject(cn, { name: '深圳市华强电子有限公司', identifiers: [{ scheme: 'cn_uscc', value: '91110000600000000X' }] }).outcome).toBe('mismatch');
  });

  it('is a mismatch on conflicting dates of birth', () => {
    const person = { name: 'Li Wei', identifiers: [], dateOfBirth: '1980-01-02' };
    expect(matchSubject(person, { name: 'Li Wei', identifiers: [], dateOfBirth: '1981-01-02' }).outcome).toBe('mismatch');
  });
});

describe('subjectIdentityFromReport', () => {
  it('prefers the legal name and keeps identifiers, first address and a day-precise birth date', () => {
    const identity = subjectIdentityFromReport({
      kind: 'consumer',
      names: [{ full: 'Trading Name', type: 'trading' }, { full: 'Legal Name Ltd', type: 'legal' }],
      identifiers: [{ scheme: 'cn_resident_id', value: '11010519491231002X' }],
      addresses: [{ lines: ['1 Road'], postalCode: '100020', country: 'CN', type: 'current' }],
      dateOfBirth: { precision: 'day', value: '1949-12-31' },
    });
    expect(identity).toEqual({
      name: 'Legal Name Ltd',
      identifiers: [{ scheme: 'cn_resident_id', value: '11010519491231002X' }],
      address: { line: '1 Road', city: undefined, postalCode: '100020', country: 'CN' },
      dateOfBirth: '1949-12-31',
    });
  });
});
