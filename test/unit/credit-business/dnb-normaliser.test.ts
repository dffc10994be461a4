import { describe, expect, it } from 'vitest';
import { SubjectNotFoundError, MalformedReportError } from '../../../shared/domain/credit/bureau-connector.js';
import { normaliseDnb } from '../../../shared/domain/credit/normalisers/dnb.js';
import { fixture, meta } from './fixtures.js';

// Fixture shape: D&B Direct+ Data Blocks response (see test/fixtures/bureaus/dnb/SOURCE.md).
describe('normaliseDnb', () => {
  it('reads identity, firmographics and the three D&B scores on their own scales', () => {
    // Act
    const report = normaliseDnb(fixture('dnb', 'company-report.json', 'companyinfo_L2+paymentinsight_L1+dnbassessment_L2'), meta);
    // Assess
    expect(report.subject.kind).toBe('business');
    expect(report.subject.names[0]).toMatchObject({ full: 'Gorman Manufacturing Company, Inc.', type: 'legal' });
    expect(report.subject.identifiers).toEqual(expect.arrayContaining([{ scheme: 'duns', value: '804735132' }, { scheme: 'company_number', value: '12-3456789' }]));
    expect(report.subject.addresses[0]).toMatchObject({ city: 'San Francisco', region: 'CA', postalCode: '94110', country: 'US' });
    expect(report.bureauReference).toBe('rrt-0f3c9a1e2b7d4c10-b-ea-26140-10432345-1');
    const byModel = Object.fromEntries(report.scores.map((s) => [s.model, s]));
    expect(byModel.dnb_paydex).toMatchObject({ value: 72, min: 1, max: 100, direction: 'higher_is_better', rawValue: '72' });
    expect(byModel.dnb_failure_score_percentile).toMatchObject({ value: 71, min: 1, max: 100, direction: 'higher_is_better' });
    expect(byModel.dnb_failure_score_percentile!.reasons[0]).toEqual({ code: 'class_score:2', text: 'Low to moderate risk of severe financial stress' });
    expect(byModel.dnb_delinquency_score_percentile?.value).toBe(46);
    expect(report.business).toMatchObject({
      founded: { precision: 'year', value: '1985' },
      employees: { value: 125, estimated: false },
      turnover: { amountMinor: 2_150_000_000, currency: 'USD', year: 2024 },
      industry: { value: 'Commercial Printing (except Screen and Books)', raw: '323111', scheme: 'dnb' },
      status: { value: 'active', raw: 'Active', scheme: 'dnb' },
      recommendedCreditLimit: { amountMinor: 7_500_000, currency: 'USD' },
      daysBeyondTerms: 8,
    });
    expect(report.publicRecords).toEqual([expect.objectContaining({ type: { value: 'judgment', raw: 'hasOpenJudgments', scheme: 'dnb' } })]);
    expect(report.warnings).toEqual([]);
  });

  it('turns the Direct+ "no match" error envelope into subject_not_found', () => {
    expect(() => normaliseDnb(fixture('dnb', 'not-found.json'), meta)).toThrow(SubjectNotFoundError);
  });

  it('rejects a payload without a valid DUNS as malformed_report', () => {
    const raw = fixture('dnb', 'company-report.json');
    const broken = { ...raw, body: raw.body.replace('"duns": "804735132",\n    "primaryName"', '"duns": "8047",\n    "primaryName"') };
    expect(() => normaliseDnb(broken, meta)).toThrow(MalformedReportError);
  });

  it('drops an out-of-range PAYDEX with a warning instead of failing', () => {
    const raw = fixture('dnb', 'company-report.json');
    const report = normaliseDnb({ ...raw, body: raw.body.replace('"paydexScore": 72', '"paydexScore": "UN"') }, meta);
    expect(report.scores.map((s) => s.model)).not.toContain('dnb_paydex');
    expect(report.warnings[0]?.path).toBe('/organization/businessTrading/0/summary/0/paydexScore');
  });
});
