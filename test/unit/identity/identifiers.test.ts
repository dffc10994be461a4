import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseIdentifier } from '../../../shared/domain/identity/identifiers/normalise-identifier.js';
import { USCC_CHARSET, usccCheckChar } from '../../../shared/domain/identity/identifiers/cn-uscc.js';
import { iso7064Mod11_2, iso7064Mod11_10, mod97 } from '../../../shared/domain/identity/identifiers/checksums.js';
import { leiCheckDigits } from '../../../shared/domain/identity/identifiers/lei.js';
import type { IdentifierScheme } from '../../../shared/domain/profile/identifiers.js';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const chars = (alphabet: string, n: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: n, maxLength: n }).map((c) => c.join(''));

const validUscc = fc
  .tuple(chars(USCC_CHARSET, 2), digits(6), chars(USCC_CHARSET, 9))
  .map(([a, b, c]) => a + b + c)
  .map((first) => first + usccCheckChar(first));
const validResidentId = fc
  .tuple(digits(6), fc.date({ min: new Date('1900-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }), digits(3))
  .map(([region, birth, seq]) => `${region}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${seq}`)
  .map((first) => first + iso7064Mod11_2(first));
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const validLei = chars(ALNUM, 18).map((first) => first + leiCheckDigits(first));
const validDeVat = digits(8).map((d) => `DE${d}${iso7064Mod11_10(d)}`);
const validFrVat = digits(9)
  .filter((siren) => siren !== '000000000')
  .map((siren) => `FR${String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0')}${siren}`);
const validItVat = fc.tuple(digits(7), fc.integer({ min: 1, max: 100 })).map(([d, office]) => {
  const first = `${d}${String(office).padStart(3, '0')}`;
  for (let c = 0; c <= 9; c++) {
    const r = normaliseIdentifier('vat', `IT${first}${c}`);
    if (r.ok) return `IT${first}${c}`;
  }
  throw new Error('no Luhn digit');
});
const validNlVat = digits(8)
  .map((d) => {
    const sum = [...d].reduce((acc, x, i) => acc + Number(x) * (9 - i), 0) % 11;
    return sum === 10 ? undefined : `NL${d}${sum}B01`;
  })
  .filter((v): v is string => v !== undefined);

/** Every single-character substitution (within the alphabet that may appear at that position). */
const mutate = (value: string, index: number, alphabet: string, pick: number): string | undefined => {
  const current = value[index];
  const options = [...alphabet].filter((c) => c !== current);
  const replacement = options[pick % options.length];
  return replacement === undefined ? undefined : value.slice(0, index) + replacement + value.slice(index + 1);
};

const checksumSchemes: { name: string; scheme: IdentifierScheme; gen: fc.Arbitrary<string>; alphabetAt: (i: number, v: string) => string; from?: number }[] = [
  { name: 'USCC', scheme: 'cn_uscc', gen: validUscc, alphabetAt: () => USCC_CHARSET },
  { name: 'resident id', scheme: 'cn_resident_id', gen: validResidentId, alphabetAt: (i) => (i === 17 ? '0123456789X' : '0123456789') },
  // MOD 97-10 reads letters as two digits, so a letter<->digit swap shifts the number and can
  // (rarely) keep the check: ISO 17442 only guarantees detection within the same character class.
  { name: 'LEI', scheme: 'lei', gen: validLei, alphabetAt: (i, v) => (i >= 18 || /\d/.test(v[i] ?? '') ? '0123456789' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') },
  { name: 'DE VAT', scheme: 'vat', gen: validDeVat, alphabetAt: () => '0123456789', from: 2 },
  { name: 'FR VAT', scheme: 'vat', gen: validFrVat, alphabetAt: () => '0123456789', from: 2 },
  { name: 'IT VAT', scheme: 'vat', gen: validItVat, alphabetAt: () => '0123456789', from: 2 },
  { name: 'NL VAT', scheme: 'vat', gen: validNlVat, alphabetAt: () => '0123456789', from: 2 },
];

describe('normaliseIdentifier', () => {
  for (const s of checksumSchemes) {
    it(`accepts every generated valid ${s.name}`, () => {
      fc.assert(fc.property(s.gen, (value) => {
        expect(normaliseIdentifier(s.scheme, value, { today: new Date('2025-01-01') })).toEqual({ ok: true, value });
      }));
    });

    it(`refuses a ${s.name} with any single character changed`, () => {
      fc.assert(
        fc.property(s.gen, fc.nat(), fc.nat(), (value, at, pick) => {
          const from = s.from ?? 0;
          const end = s.name === 'NL VAT' ? 11 : value.length; // NL: the B01 branch suffix carries no check
          const index = from + (at % (end - from));
          const changed = mutate(value, index, s.alphabetAt(index, value), pick);
          if (changed === undefined) return;
          const result = normaliseIdentifier(s.scheme, changed, { today: new Date('2025-01-01') });
          // NL also accepts the 2020 sole-trader scheme (MOD 97-10 over "NL…"), a second valid
          // space a mutation can land in; the MOD 11 number itself must not survive.
          if (s.name === 'NL VAT' && mod97(changed) === 1) return;
          expect(result.ok).toBe(false);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('accepts published examples and canonicalises separators and case', () => {
    expect(normaliseIdentifier('cn_uscc', '9135 0100 M000 100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(normaliseIdentifier('cn_uscc', '９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(normaliseIdentifier('cn_resident_id', '11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(normaliseIdentifier('lei', '5493 001K JTII GC8Y 1R12')).toEqual({ ok: true, value: '5493001KJTIIGC8Y1R12' });
    expect(normaliseIdentifier('vat', 'de 136 695 976')).toEqual({ ok: true, value: 'DE136695976' });
    expect(normaliseIdentifier('vat', 'GB 980 7806 84')).toEqual({ ok: true, value: 'GB980780684' });
    expect(normaliseIdentifier('vat', 'GR094259216')).toEqual({ ok: true, value: 'EL094259216' });
    expect(normaliseIdentifier('ein', '12-3456789')).toEqual({ ok: true, value: '123456789' });
    expect(normaliseIdentifier('duns', '15-048-3782')).toEqual({ ok: true, value: '150483782' });
    expect(normaliseIdentifier('crm_record', 'HubSpot:conn-1:0012:x')).toEqual({ ok: true, value: 'hubspot:conn-1:0012:x' });
  });

  it('refuses resident ids with impossible birth dates even when the check digit fits', () => {
    const first = '11010519490230002';
    expect(normaliseIdentifier('cn_resident_id', first + iso7064Mod11_2(first))).toMatchObject({ ok: false, reason: expect.stringMatching(/birth/) });
  });

  it('refuses EINs with unassigned prefixes and malformed DUNS', () => {
    for (const prefix of ['00', '07', '08', '09', '17', '18', '19', '28', '29', '49', '69', '70', '78', '79', '89', '96', '97']) {
      expect(normaliseIdentifier('ein', `${prefix}1234567`).ok).toBe(false);
    }
    expect(normaliseIdentifier('duns', '12345678').ok).toBe(false);
    expect(normaliseIdentifier('duns', '12345678A').ok).toBe(false);
  });

  it('refuses unknown VAT prefixes and national formats', () => {
    expect(normaliseIdentifier('vat', 'US123456789').ok).toBe(false);
    expect(normaliseIdentifier('vat', 'DE12345678').ok).toBe(false);
    expect(normaliseIdentifier('vat', 'NL123456789B01')).toEqual({ ok: false, reason: 'NL check digits do not match' });
  });

  it('normalises e-mail: domain lower case, local part kept except Gmail dots and tags', () => {
    expect(normaliseIdentifier('email', '  John.Smith@Example.COM ')).toEqual({ ok: true, value: 'John.Smith@example.com' });
    expect(normaliseIdentifier('email', 'J.Doe+news@GoogleMail.com')).toEqual({ ok: true, value: 'jdoe@gmail.com' });
    expect(normaliseIdentifier('email', 'no-at-sign').ok).toBe(false);
    expect(normaliseIdentifier('email', 'a..b@example.com').ok).toBe(false);
  });

  it('normalises phone numbers to E.164 from international and national formats', () => {
    expect(normaliseIdentifier('phone', '138 0013 8000', { phoneDefaultCountry: 'CN' })).toEqual({ ok: true, value: '+8613800138000' });
    expect(normaliseIdentifier('phone', '010-8888 1234', { phoneDefaultCountry: 'CN' })).toEqual({ ok: true, value: '+861088881234' });
    expect(normaliseIdentifier('phone', '(415) 555-2671', { phoneDefaultCountry: 'US' })).toEqual({ ok: true, value: '+14155552671' });
    expect(normaliseIdentifier('phone', '1-415-555-2671 ext. 12', { phoneDefaultCountry: 'US' })).toEqual({ ok: true, value: '+14155552671' });
    expect(normaliseIdentifier('phone', '020 7946 0958', { phoneDefaultCountry: 'GB' })).toEqual({ ok: true, value: '+442079460958' });
    expect(normaliseIdentifier('phone', '+44 (0)20 7946 0958')).toEqual({ ok: true, value: '+442079460958' });
    expect(normaliseIdentifier('phone', '030 1234567', { phoneDefaultCountry: 'DE' })).toEqual({ ok: true, value: '+49301234567' });
    expect(normaliseIdentifier('phone', '0049 30 1234567')).toEqual({ ok: true, value: '+49301234567' });
    expect(normaliseIdentifier('phone', '020 7946 0958').ok).toBe(false);
    expect(normaliseIdentifier('phone', 'call me').ok).toBe(false);
  });

  it('never throws and is idempotent on its own output', () => {
    const schemes: IdentifierScheme[] = ['cn_uscc', 'cn_resident_id', 'ein', 'duns', 'lei', 'vat', 'email', 'phone', 'crm_record', 'external'];
    fc.assert(
      fc.property(fc.constantFrom(...schemes), fc.string({ maxLength: 40 }), (scheme, raw) => {
        const first = normaliseIdentifier(scheme, raw, { phoneDefaultCountry: 'GB' });
        if (first.ok) expect(normaliseIdentifier(scheme, first.value, { phoneDefaultCountry: 'GB' })).toEqual(first);
      }),
    );
  });
});
