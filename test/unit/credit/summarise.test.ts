import { describe, expect, it } from 'vitest';
import { BureauSummarySchema } from '../../../shared/domain/credit/credit-summary.js';
import { CreditReportSchema, type CreditReport } from '../../../shared/domain/credit/credit-report.js';
import { normaliseEquifax } from '../../../shared/domain/credit/normalisers/equifax.js';
import { normaliseExperian } from '../../../shared/domain/credit/normalisers/experian.js';
import { normaliseTransUnion } from '../../../shared/domain/credit/normalisers/transunion.js';
import { summariseReport } from '../../../shared/domain/credit/summarise.js';
import { fixture, META, rawReport } from './fixtures.js';

describe('summariseReport', () => {
  it('summarises the Experian fixture: delinquent, worst lateness, totals, inquiries in 12 months, bankruptcy', () => {
    // Prepare
    const report = normaliseExperian(rawReport('experian', fixture('experian', 'credit-profile-mixed.json')), META);
    // Act
    const summary = summariseReport(report, 'match');
    // Assess
    expect(BureauSummarySchema.safeParse(summary).success).toBe(true);
    expect(summary.tradelines).toEqual({
      count: 3,
      delinquentCount: 2,
      worstDaysPastDue: 180,
      totalBalanceMinor: 120000 + 910000 + 148000,
      totalPastDueMinor: 34000,
      currency: 'USD',
    });
    expect(summary.inquiriesLast12Months).toBe(1);
    expect(summary.publicRecords).toEqual({ bankruptcies: 1, judgments: 0, liens: 0, other: 0 });
    expect(summary.scores).toEqual([{ model: 'VantageScore 4.0', value: 712, min: 300, max: 850, direction: 'higher_is_better', rawValue: '0712' }]);
    expect(summary.subjectMatch).toBe('match');
  });

  it('counts Equifax collections and 120+ from charge-off history', () => {
    const report = normaliseEquifax(rawReport('equifax', fixture('equifax', 'credit-report-mixed.json')), META);
    const summary = summariseReport(report, 'review');
    expect(summary.collections).toBe(1);
    expect(summary.tradelines.delinquentCount).toBe(2);
    expect(summary.tradelines.worstDaysPastDue).toBe(120);
    expect(summary.inquiriesLast12Months).toBe(1);
  });

  it('summarises TransUnion with a satisfied bankruptcy still counted', () => {
    const report = normaliseTransUnion(rawReport('transunion', fixture('transunion', 'credit-report-mixed.json')), META);
    const summary = summariseReport(report, 'match');
    expect(summary.publicRecords.bankruptcies).toBe(1);
    expect(summary.tradelines.worstDaysPastDue).toBe(60);
    expect(summary.collections).toBe(1);
  });

  it('carries a business section (PAYDEX, failure score, limit) and five-tier classification', () => {
    // Prepare
    const report: CreditReport = CreditReportSchema.parse({
      reportId: 'b1',
      bureau: 'pboc',
      product: 'enterprise',
      pulledAt: '2026-01-20T00:00:00Z',
      requestId: 'r',
      currency: 'CNY',
      subject: { kind: 'business', names: [{ full: '示例科技有限公司', type: 'legal' }] },
      tradelines: [
        {
          type: { value: 'installment', raw: '01', scheme: 'pboc' },
          status: { value: 'current', raw: '1', scheme: 'pboc' },
          balance: { amountMinor: 100_000_00, currency: 'CNY' },
          classification: { value: 'substandard', raw: '次级', scheme: 'pboc' },
        },
        {
          type: { value: 'installment', raw: '01', scheme: 'pboc' },
          status: { value: 'current', raw: '1', scheme: 'pboc' },
          balance: { amountMinor: 5_00, currency: 'USD' },
        },
      ],
      business: {
        founded: { precision: 'year', value: '2009' },
        employees: { value: 120 },
        paymentIndex: { model: 'PAYDEX', value: 78, min: 0, max: 100, direction: 'higher_is_better' },
        failureScore: { model: 'D&B Failure Score', value: 1450, min: 1001, max: 1875, direction: 'higher_is_better' },
        recommendedCreditLimit: { amountMinor: 50_000_00, currency: 'CNY' },
      },
    });
    // Act
    const summary = summariseReport(report, 'match');
    // Assess
    expect(summary.tradelines.delinquentCount).toBe(1);
    expect(summary.tradelines.totalBalanceMinor).toBe(100_000_00);
    expect(summary.business).toEqual({
      foundedYear: 2009,
      employees: 120,
      paydex: 78,
      failureScore: { model: 'D&B Failure Score', value: 1450, min: 1001, max: 1875, direction: 'higher_is_better' },
      delinquencyScore: undefined,
      recommendedLimit: { amountMinor: 50_000_00, currency: 'CNY' },
    });
    expect(BureauSummarySchema.safeParse(summary).success).toBe(true);
  });
});
