import { describe, expect, it } from 'vitest';
import { blockingKeys, decide, identityKeys, scoreCandidate, type MatchSubject } from '../../../shared/domain/identity/matching.js';
import { newProfile, type CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';

const at = '2025-01-01T00:00:00.000Z';
const profile = (fields: Record<string, string>, identifiers: { scheme: any; value: string }[] = []): CustomerProfile => ({
  ...newProfile('cust-1', 'business', new Date(at)),
  fields: Object.fromEntries(Object.entries(fields).map(([k, value]) => [k, { value, source: 'crm:zoho:c1', observedAt: at }])),
  identifiers: identifiers.map((id) => ({ ...id, source: 'crm:zoho:c1', observedAt: at })),
});

describe('scoreCandidate', () => {
  it('is decisive on an equal strong identifier even when written differently', () => {
    const incoming: MatchSubject = { fields: { legalName: 'Totally different' }, identifiers: [{ scheme: 'cn_uscc', value: '9135 0100 m000 100y43' }] };
    const result = scoreCandidate(incoming, profile({ legalName: 'Acme' }, [{ scheme: 'cn_uscc', value: '91350100M000100Y43' }]));
    expect(result.score).toBe(1);
    expect(result.evidence).toContainEqual({ type: 'identifier_equal', scheme: 'cn_uscc', strong: true });
    expect(decide(result.score)).toBe('auto_merge');
  });

  it('vetoes when the same strong scheme carries different values, however similar the names', () => {
    const incoming: MatchSubject = { fields: { legalName: 'Acme Ltd' }, identifiers: [{ scheme: 'lei', value: '5493001KJTIIGC8Y1R12' }, { scheme: 'email', value: 'ap@acme.com' }] };
    const result = scoreCandidate(incoming, profile({ legalName: 'ACME Limited' }, [{ scheme: 'lei', value: 'HWUPKR0MPOU8FGXBT394' }, { scheme: 'email', value: 'ap@acme.com' }]));
    expect(result.score).toBe(0);
    expect(decide(result.score)).toBe('new');
  });

  it('sends an equal strong identifier with a conflicting one to review', () => {
    const incoming: MatchSubject = { fields: {}, identifiers: [{ scheme: 'duns', value: '150483782' }, { scheme: 'ein', value: '12-3456789' }] };
    const result = scoreCandidate(incoming, profile({}, [{ scheme: 'duns', value: '150483782' }, { scheme: 'ein', value: '98-7654321' }]));
    expect(decide(result.score)).toBe('review');
  });

  it('does not treat VAT numbers of different countries as a conflict', () => {
    const incoming: MatchSubject = { fields: { legalName: 'Acme GmbH' }, identifiers: [{ scheme: 'vat', value: 'DE136695976' }] };
    const result = scoreCandidate(incoming, profile({ legalName: 'Acme GmbH' }, [{ scheme: 'vat', value: 'GB980780684' }]));
    expect(result.score).toBeGreaterThan(0.5);
  });

  it('adds soft evidence: name alone is not enough, name + e-mail + phone auto-merges', () => {
    const candidate = profile({ legalName: 'Acme Trading Limited', country: 'GB' }, [
      { scheme: 'email', value: 'ap@acme.co.uk' },
      { scheme: 'phone', value: '+442079460958' },
    ]);
    const nameOnly = scoreCandidate({ fields: { legalName: 'ACME Trading Ltd', country: 'GB' }, identifiers: [] }, candidate);
    const nameEmail = scoreCandidate({ fields: { legalName: 'ACME Trading Ltd', country: 'GB' }, identifiers: [{ scheme: 'email', value: 'ap@ACME.co.uk' }] }, candidate);
    const all = scoreCandidate(
      { fields: { legalName: 'ACME Trading Ltd', country: 'GB' }, identifiers: [{ scheme: 'email', value: 'ap@acme.co.uk' }, { scheme: 'phone', value: '+44 20 7946 0958' }] },
      candidate,
    );
    expect(decide(nameOnly.score)).toBe('new');
    expect(decide(nameEmail.score)).toBe('review');
    expect(decide(all.score)).toBe('auto_merge');
    expect(nameOnly.score).toBeLessThan(nameEmail.score);
    expect(nameEmail.score).toBeLessThan(all.score);
  });

  it('dampens soft evidence across countries and ignores merged candidates', () => {
    const incoming: MatchSubject = { fields: { legalName: 'Acme', country: 'DE' }, identifiers: [{ scheme: 'email', value: 'a@acme.com' }] };
    const same = scoreCandidate(incoming, profile({ legalName: 'Acme', country: 'DE' }, [{ scheme: 'email', value: 'a@acme.com' }]));
    const other = scoreCandidate(incoming, profile({ legalName: 'Acme', country: 'FR' }, [{ scheme: 'email', value: 'a@acme.com' }]));
    expect(other.score).toBeLessThan(same.score);
    expect(scoreCandidate(incoming, { ...profile({ legalName: 'Acme' }), status: 'merged' as const, mergedInto: 'x' }).score).toBe(0);
  });
});

describe('decide', () => {
  it('applies the thresholds inclusively', () => {
    expect(decide(0.9)).toBe('auto_merge');
    expect(decide(0.7)).toBe('review');
    expect(decide(0.69)).toBe('new');
    expect(decide(0.8, { autoMerge: 0.8, review: 0.5 })).toBe('auto_merge');
  });
});

describe('blockingKeys', () => {
  it('yields normalised identity keys and a country-scoped name prefix key', () => {
    const keys = blockingKeys({ fields: { legalName: 'ACME Trading Co., Ltd.', country: 'gb' }, identifiers: [{ scheme: 'lei', value: '5493 001K JTII GC8Y 1R12' }, { scheme: 'ein', value: 'bad' }] });
    expect(keys).toEqual(['lei#5493001KJTIIGC8Y1R12', 'name#GB#acme']);
    expect(blockingKeys({ fields: { legalName: '阿里巴巴（中国）网络技术有限公司' }, identifiers: [] })).toEqual(['name#-#阿里']);
    expect(identityKeys({ identifiers: [{ scheme: 'email', value: 'X@Y.COM' }] })).toEqual(['email#X@y.com']);
  });
});
