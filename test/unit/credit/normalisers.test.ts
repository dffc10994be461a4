import { describe, expect, it } from 'vitest';
import { MalformedReportError, SubjectNotFoundError } from '../../../shared/domain/credit/bureau-connector.js';
import { CreditReportSchema } from '../../../shared/domain/credit/credit-report.js';
import { normaliseEquifax } from '../../../shared/domain/credit/normalisers/equifax.js';
import { normaliseExperian } from '../../../shared/domain/credit/normalisers/experian.js';
import { normaliseTransUnion } from '../../../shared/domain/credit/normalisers/transunion.js';
import { fixture, META, rawReport } from './fixtures.js';

describe('normaliseExperian', () => {
  const report = normaliseExperian(rawReport('experian', fixture('experian', 'credit-profile-mixed.json')), META);

  it('returns a schema-valid report with lineage at the top', () => {
    expect(CreditReportSchema.safeParse(report).success).toBe(true);
    expect(report).toMatchObject({ bureau: 'experian', reportId: 'rep-1', requestId: 'req-1', pulledAt: META.pulledAt, currency: 'USD' });
  });

  it('keeps the subject as returned, with month-precision date of birth and the AKA name', () => {
    expect(report.subject.dateOfBirth).toEqual({ precision: 'month', value: '1975-06' });
    expect(report.subject.names.map((n) => n.type)).toEqual(['primary', 'aka']);
    expect(report.subject.identifiers).toEqual([{ scheme: 'ssn', value: '666001234' }]);
    expect(report.subject.addresses[0]).toMatchObject({ lines: ['12 TEST AVE'], type: 'current', postalCode: '92626' });
  });

  it('maps statuses and payment history with the raw code kept', () => {
    const [card, auto, chargedOff] = report.tradelines;
    expect(card!.status).toEqual({ value: 'current', raw: '11', scheme: 'experian' });
    expect(card!.creditLimit).toEqual({ amountMinor: 500000, currency: 'USD' });
    expect(card!.paymentHistory[4]).toEqual({ month: '2025-09', status: { value: 'days_30_59', raw: '1', scheme: 'experian' } });
    expect(auto!.status.value).toBe('past_due');
    expect(auto!.daysPastDue).toBe(60);
    expect(auto!.pastDue).toEqual({ amountMinor: 34000, currency: 'USD' });
    expect(auto!.ownership).toEqual({ value: 'joint', raw: '2', scheme: 'metro2' });
    expect(chargedOff!.status).toEqual({ value: 'charge_off', raw: '97', scheme: 'experian' });
    expect(chargedOff!.paymentHistory[0]!.status.value).toBe('charge_off');
    expect(chargedOff!.chargedOff?.amountMinor).toBe(148000);
  });

  it('keeps the score model, range and reasons and drops exclusion scores with a warning', () => {
    expect(report.scores).toHaveLength(1);
    expect(report.scores[0]).toMatchObject({ model: 'VantageScore 4.0', value: 712, min: 300, max: 850, direction: 'higher_is_better', rawValue: '0712' });
    expect(report.scores[0]!.reasons.map((r) => r.code)).toEqual(['14', '05']);
    expect(report.warnings.some((w) => w.path.includes('riskModel/1'))).toBe(true);
  });

  it('reads inquiries (UNKNOWN amount skipped) and bankruptcy public records', () => {
    expect(report.inquiries[0]).toMatchObject({ date: { precision: 'day', value: '2025-11-02' }, amount: undefined });
    expect(report.publicRecords[0]).toMatchObject({ type: { value: 'bankruptcy', raw: '15' }, filed: { precision: 'day', value: '2020-09-02' } });
  });

  it('throws subject_not_found for a NO RECORD FOUND answer', () => {
    expect(() => normaliseExperian(rawReport('experian', fixture('experian', 'no-record-found.json')), META)).toThrow(SubjectNotFoundError);
  });

  it('throws malformed_report for a body without creditProfile', () => {
    expect(() => normaliseExperian(rawReport('experian', '{"foo":1}'), META)).toThrow(MalformedReportError);
    expect(() => normaliseExperian(rawReport('experian', '{"creditProfile":[{"trade'), META)).toThrow(MalformedReportError);
  });
});

describe('normaliseEquifax', () => {
  const report = normaliseEquifax(rawReport('equifax', fixture('equifax', 'credit-report-mixed.json')), META);

  it('returns a schema-valid report', () => {
    expect(CreditReportSchema.safeParse(report).success).toBe(true);
    expect(report.bureauReference).toBe('REF-0001');
  });

  it('reads Equifax rate 1 as pays-as-agreed, not 30 days late', () => {
    const [card] = report.tradelines;
    expect(card!.status).toEqual({ value: 'current', raw: '1', scheme: 'equifax' });
    expect(card!.daysPastDue).toBe(0);
    expect(card!.paymentHistory[0]!.status).toEqual({ value: 'current', raw: '1', scheme: 'equifax' });
    expect(card!.paymentHistory[2]!.status.value).toBe('days_30_59');
  });

  it('keeps month precision of MM00YYYY dates and skips the year separator in payment history', () => {
    const [card] = report.tradelines;
    expect(card!.opened).toEqual({ precision: 'month', value: '2017-11' });
    expect(card!.paymentHistory).toHaveLength(15);
    expect(card!.paymentHistory[0]!.month).toBe('2025-11');
    expect(card!.paymentHistory.slice(12).map((p) => p.status.value)).toEqual(['zero_balance', 'not_reported', 'no_history']);
  });

  it('maps delinquent and paid charge-off trades', () => {
    const [, auto, utility] = report.tradelines;
    expect(auto!.status.value).toBe('past_due');
    expect(auto!.daysPastDue).toBe(60);
    expect(auto!.ownership?.value).toBe('joint');
    expect(utility!.status).toEqual({ value: 'charge_off', raw: 'rate=9;activity=P', scheme: 'equifax' });
  });

  it('keeps the model score and drops "Not Rated" with a warning', () => {
    expect(report.scores).toEqual([expect.objectContaining({ model: 'equifax:FICO:05453', value: 688, min: 300, max: 850 })]);
    expect(report.warnings).toContainEqual(expect.objectContaining({ path: expect.stringContaining('models/1/score') }));
  });

  it('reads collections and inquiries', () => {
    expect(report.collections[0]).toMatchObject({ status: { value: 'unpaid', raw: 'U' }, balance: { amountMinor: 45000, currency: 'USD' } });
    expect(report.inquiries).toHaveLength(2);
    expect(report.subject.dateOfBirth).toEqual({ precision: 'day', value: '1964-02-01' });
  });

  it('throws subject_not_found on a no-hit', () => {
    const body = JSON.stringify({ consumers: { equifaxUSConsumerCreditReport: [{ hitCode: { code: '2', description: 'No Hit' } }] } });
    expect(() => normaliseEquifax(rawReport('equifax', body), META)).toThrow(SubjectNotFoundError);
  });
});

describe('normaliseTransUnion', () => {
  const report = normaliseTransUnion(rawReport('transunion', fixture('transunion', 'credit-report-mixed.json')), META);

  it('returns a schema-valid report', () => {
    expect(CreditReportSchema.safeParse(report).success).toBe(true);
  });

  it('lowers date precision where TU marks the day as estimated', () => {
    expect(report.subject.dateOfBirth).toEqual({ precision: 'month', value: '1956-08' });
    expect(report.tradelines[1]!.opened).toEqual({ precision: 'month', value: '1983-06' });
    expect(report.tradelines[0]!.opened).toEqual({ precision: 'day', value: '2020-02-06' });
  });

  it('maps account rating 03 to 60 days and the payment pattern from its start month', () => {
    const [auto, card] = report.tradelines;
    expect(auto!.status).toEqual({ value: 'past_due', raw: '03', scheme: 'transunion' });
    expect(auto!.daysPastDue).toBe(60);
    expect(auto!.paymentHistory.slice(0, 3).map((p) => [p.month, p.status.value])).toEqual([
      ['2025-11', 'days_60_89'],
      ['2025-10', 'days_30_59'],
      ['2025-09', 'current'],
    ]);
    expect(card!.status.value).toBe('closed');
  });

  it('accepts a single inquiry element instead of an array (XML-as-JSON)', () => {
    expect(report.inquiries).toHaveLength(1);
    expect(report.inquiries[0]!.subscriber?.name).toBe('WOODGROVE CU');
  });

  it('reads the VantageScore add-on with sign and factors, ignoring characteristic-only products', () => {
    expect(report.scores).toEqual([expect.objectContaining({ model: 'VantageScore 3.0', value: 667, rawValue: '+667' })]);
    expect(report.scores[0]!.reasons.map((r) => r.code)).toEqual(['09', '07']);
  });

  it('reads collections and a satisfied bankruptcy', () => {
    expect(report.collections[0]).toMatchObject({ originalCreditor: 'TAILSPIN MEDICAL', status: { value: 'unpaid', raw: '9B' } });
    expect(report.publicRecords[0]).toMatchObject({ type: { value: 'bankruptcy', raw: '7F' }, status: { value: 'satisfied' } });
  });

  it('throws subject_not_found on a no-hit file', () => {
    const body = JSON.stringify({ creditBureau: { product: { subject: { subjectRecord: { fileSummary: { fileHitIndicator: 'noHit' } } } } } });
    expect(() => normaliseTransUnion(rawReport('transunion', body), META)).toThrow(SubjectNotFoundError);
  });
});
