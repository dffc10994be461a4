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

describe('scoreCandidate: evidence from plain fields', () => {
  const widgets = { legalName: 'Example Widgets GmbH', city: 'Berlin', country: 'DE', phone: '+49 30 0000004', website: 'widgets.example' };

  it('scores the same name, city, phone and website above the auto-merge threshold, with a contribution per reason', () => {
    const result = scoreCandidate({ fields: { ...widgets, legalName: 'EXAMPLE WIDGETS', website: 'https://www.widgets.example/', phone: '+49300000004' }, identifiers: [] }, profile(widgets));
    expect(result.score).toBe(0.923);
    expect(decide(result.score)).toBe('auto_merge');
    expect(result.evidence).toEqual([
      { type: 'name', similarity: 1, contribution: 0.6 },
      { type: 'city_equal', contribution: 0.3 },
      { type: 'contact_equal', field: 'phone', contribution: 0.5 },
      { type: 'contact_equal', field: 'website', contribution: 0.45 },
    ]);
  });

  it('documents the steps: name + city and name + phone + website go to review, name alone is new', () => {
    const score = (fields: Record<string, string>) => scoreCandidate({ fields, identifiers: [] }, profile(widgets)).score;
    expect(score({ legalName: 'Example Widgets GmbH', country: 'DE' })).toBe(0.6);
    expect(score({ legalName: 'Example Widgets GmbH', country: 'DE', city: 'Berlin' })).toBe(0.72);
    expect(score({ legalName: 'Example Widgets GmbH', country: 'DE', phone: '+49300000004', website: 'widgets.example' })).toBe(0.89);
    expect(decide(0.89)).toBe('review');
    // A city alone (no similar name) is no evidence.
    expect(score({ legalName: 'Zenith Holdings', country: 'DE', city: 'Berlin' })).toBe(0);
  });

  it('counts an e-mail or phone sent as a plain field like one sent as an identifier, and only once', () => {
    const candidate = profile({ legalName: 'Acme Trading Limited', country: 'GB', email: 'ap@ACME.co.uk' });
    const asField = scoreCandidate({ fields: { legalName: 'ACME Trading Ltd', country: 'GB', email: 'ap@acme.co.uk' }, identifiers: [] }, candidate);
    const asBoth = scoreCandidate({ fields: { legalName: 'ACME Trading Ltd', country: 'GB', email: 'ap@acme.co.uk' }, identifiers: [{ scheme: 'email', value: 'ap@acme.co.uk' }] }, candidate);
    expect(asField.score).toBe(0.84);
    expect(asBoth.score).toBe(asField.score);
    expect(asField.evidence).toContainEqual({ type: 'contact_equal', field: 'email', contribution: 0.6 });
    // National phone numbers are read with the subject's country.
    const phone = scoreCandidate({ fields: { legalName: 'ACME Trading Ltd', country: 'GB', phone: '020 7946 0958' }, identifiers: [] }, profile({ legalName: 'Acme Trading Limited', country: 'GB', phone: '+442079460958' }));
    expect(phone.evidence).toContainEqual({ type: 'contact_equal', field: 'phone', contribution: 0.5 });
  });

  it('still never merges across different USCCs, whatever the plain fields say', () => {
    const uscc = (v: string) => [{ scheme: 'cn_uscc' as const, value: v }];
    const result = scoreCandidate({ fields: widgets, identifiers: uscc('91350100M000100Y43') }, profile(widgets, uscc('91330100MA27XK5N8G')));
    expect(result.score).toBe(0);
    expect(result.evidence).toContainEqual({ type: 'identifier_conflict', scheme: 'cn_uscc' });
  });

  it('evidence names fields and scores, never the values', () => {
    const result = scoreCandidate({ fields: { ...widgets, email: 'ap@widgets.example' }, identifiers: [] }, profile({ ...widgets, email: 'ap@widgets.example' }));
    expect(JSON.stringify(result.evidence)).not.toMatch(/widgets\.example|Berlin|0000004/);
  });
});

describe('blockingKeys: contact keys', () => {
  it('adds e-mail, E.164 phone and website-domain keys from plain fields, in the form of identifier keys', () => {
    expect(blockingKeys({ fields: { legalName: 'Example Widgets GmbH', country: 'DE', phone: '030 0000004', website: 'http://www.Widgets.example/x', email: 'AP@Widgets.Example' }, identifiers: [{ scheme: 'email', value: 'AP@widgets.example' }] })).toEqual([
      'email#AP@widgets.example',
      'phone#+49300000004',
      'web#widgets.example',
      'name#DE#exam',
    ]);
  });
});
