import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { companyNameSimilarity, normaliseCompanyName } from '../../../shared/domain/identity/names.js';
import { addressSimilarity, normaliseAddress } from '../../../shared/domain/identity/addresses.js';
import { bigramDice, jaroWinkler } from '../../../shared/domain/identity/similarity.js';

describe('normaliseCompanyName', () => {
  it('strips Chinese legal forms, region qualifiers and full-width punctuation', () => {
    expect(normaliseCompanyName('阿里巴巴（中国）网络技术有限公司').key).toBe('阿里巴巴网络技术');
    expect(normaliseCompanyName('华为技术股份有限公司').key).toBe('华为技术');
    expect(normaliseCompanyName('万科企业 集团').key).toBe('万科企业');
    expect(normaliseCompanyName('華為技術有限公司').key).toBe('华为技术');
  });

  it('strips Latin legal forms, dotted abbreviations and diacritics', () => {
    expect(normaliseCompanyName('ACME Trading Co., Ltd.').key).toBe('acmetrading');
    expect(normaliseCompanyName('Müller GmbH & Co. KG').key).toBe('muller');
    expect(normaliseCompanyName('Société Générale S.A.R.L.').key).toBe('societegenerale');
    expect(normaliseCompanyName('The Boots Company PLC').key).toBe('boots');
    expect(normaliseCompanyName('Acme Inc').key).toBe(normaliseCompanyName('ACME, INC.').key);
  });

  it('is idempotent on its key', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (name) => {
        const once = normaliseCompanyName(name).key;
        expect(normaliseCompanyName(once).key).toBe(once);
      }),
    );
  });
});

describe('companyNameSimilarity', () => {
  it('gives no name evidence when both names carry different numbers, and full evidence when the numbers agree', () => {
    expect(companyNameSimilarity('Load Test Company 0052 Co., Ltd.', 'Load Test Company 0025 Co., Ltd.')).toBeLessThanOrEqual(0.75);
    expect(companyNameSimilarity('Shop 12 GmbH', 'Shop 21 GmbH')).toBeLessThanOrEqual(0.75);
    expect(companyNameSimilarity('Shop 12 GmbH', 'SHOP 12')).toBe(1);
    expect(companyNameSimilarity('Acme Trading 2', 'Acme Trading')).toBeGreaterThan(0.9);
  });

  it('scores legal-form and script variants of one company as equal', () => {
    expect(companyNameSimilarity('Acme Trading Ltd', 'ACME TRADING LIMITED')).toBe(1);
    expect(companyNameSimilarity('华为技术有限公司', '華為技術股份有限公司')).toBe(1);
  });

  it('scores unrelated names low and near-variants high', () => {
    expect(companyNameSimilarity('Acme', 'Zenith Holdings')).toBeLessThan(0.6);
    expect(companyNameSimilarity('Acme Tradng', 'Acme Trading')).toBeGreaterThan(0.9);
    expect(companyNameSimilarity('深圳市腾讯计算机系统有限公司', '腾讯计算机系统有限公司')).toBeGreaterThan(0.8);
  });

  it('is symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const s = companyNameSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(companyNameSimilarity(b, a)).toBeCloseTo(s, 10);
      }),
    );
  });
});

describe('jaroWinkler', () => {
  it('matches the textbook values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 2);
    expect(bigramDice('night', 'nacht')).toBeCloseTo(0.25, 5);
  });
});

describe('addressSimilarity', () => {
  it('treats German street abbreviations and postal spacing as equal', () => {
    expect(addressSimilarity({ addressLine: 'Hauptstraße 12a', postalCode: '10115' }, { addressLine: 'Hauptstr. 12a', postalCode: '10 115' })).toBe(1);
  });

  it('returns 0 for different postal codes or countries', () => {
    expect(addressSimilarity({ addressLine: '1 High Street', postalCode: 'SW1A 1AA' }, { addressLine: '1 High Street', postalCode: 'EC1A 1BB' })).toBe(0);
    expect(addressSimilarity({ addressLine: '1 Main St', country: 'US' }, { addressLine: '1 Main St', country: 'GB' })).toBe(0);
  });

  it('penalises a different house number on the same street', () => {
    const s = addressSimilarity({ addressLine: '10 Downing Street' }, { addressLine: '12 Downing St' });
    expect(s).toBeGreaterThan(0.5);
    expect(s).toBeLessThan(1);
    expect(normaliseAddress({ addressLine: '10 Downing Street' }).houseNumber).toBe('10');
  });
});
