import { describe, expect, it } from 'vitest';
import { SubjectNotFoundError } from '../../../shared/domain/credit/bureau-connector.js';
import { normaliseCreditsafe } from '../../../shared/domain/credit/normalisers/creditsafe.js';
import { fixture, meta } from './fixtures.js';

// Fixture shape: Creditsafe Connect company report (see test/fixtures/bureaus/creditsafe/SOURCE.md).
describe('normaliseCreditsafe', () => {
  it('keeps the provider score and the A–E rating on their own scales', () => {
    const report = normaliseCreditsafe(fixture('creditsafe', 'company-report.json'), meta);
    expect(report.scores).toEqual([
      expect.objectContaining({ model: 'creditsafe_provider_score', value: 68, min: 1, max: 100, direction: 'higher_is_better', rawValue: '68' }),
      expect.objectContaining({ model: 'creditsafe_international_rating', value: 2, min: 1, max: 5, direction: 'lower_is_better', rawValue: 'B' }),
    ]);
    expect(report.currency).toBe('GBP');
    expect(report.bureauReference).toBe('5a7e1c2d-93b4-4c61-8f0a-2d6b9e3f4a10');
  });

  it('reads identity, limit, employees, CCJs and payment data', () => {
    const report = normaliseCreditsafe(fixture('creditsafe', 'company-report.json'), meta);
    expect(report.subject.identifiers).toEqual([
      { scheme: 'creditsafe_id', value: 'GB-0-07495895' },
      { scheme: 'company_number', value: '07495895' },
      { scheme: 'vat', value: 'GB123456789' },
    ]);
    expect(report.subject.names.map((n) => n.full)).toEqual(['HARBOURLINE LOGISTICS LTD', 'HARBOURLINE LOGISTICS LIMITED']);
    expect(report.business).toMatchObject({
      founded: { precision: 'day', value: '2011-01-14' },
      employees: { value: 42 },
      turnover: { amountMinor: 482_500_000, currency: 'GBP' },
      recommendedCreditLimit: { amountMinor: 4_500_000, currency: 'GBP' },
      status: { value: 'active', raw: 'Active' },
      legalForm: { value: 'Private limited with Share Capital', raw: '1' },
      daysBeyondTerms: 6,
    });
    expect(report.publicRecords.map((r) => r.status?.value)).toEqual(['satisfied', 'open']);
    expect(report.tradelines[0]).toMatchObject({
      type: { value: 'trade_credit' },
      balance: { amountMinor: 1_825_050, currency: 'GBP' },
      pastDue: { amountMinor: 310_000 },
      status: { value: 'past_due' },
      paymentHistory: [{ status: { value: 'days_30_59', raw: 'payments31to60DaysLate', scheme: 'creditsafe' } }],
    });
  });

  it('treats "Not Rated" and "Credit Limit not applicable" as absent, not as errors', () => {
    const raw = fixture('creditsafe', 'company-report.json');
    const body = raw.body.replaceAll('"value": "68"', '"value": "Not Rated"').replaceAll('"value": "45000"', '"value": "Credit Limit not applicable"');
    const report = normaliseCreditsafe({ ...raw, body }, meta);
    expect(report.scores.map((s) => s.model)).toEqual(['creditsafe_international_rating']);
    expect(report.business?.recommendedCreditLimit).toBeUndefined();
    expect(report.warnings).toEqual([]);
  });

  it('turns the 404 body into subject_not_found', () => {
    expect(() => normaliseCreditsafe(fixture('creditsafe', 'not-found.json'), meta)).toThrow(SubjectNotFoundError);
  });
});
