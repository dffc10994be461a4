import { describe, expect, it } from 'vitest';
import { SubjectNotFoundError, MalformedReportError } from '../../../shared/domain/credit/bureau-connector.js';
import { normalisePboc } from '../../../shared/domain/credit/normalisers/pboc.js';
import { fixture, meta } from './fixtures.js';

// Fixture shape: JSON rendition of the PBOC CRC 个人信用报告 (see test/fixtures/bureaus/pboc/SOURCE.md).
describe('normalisePboc', () => {
  const report = normalisePboc(fixture('pboc', 'personal-report.json'), meta);

  it('reads the subject from 个人基本信息 in CNY', () => {
    expect(report.currency).toBe('CNY');
    expect(report.bureauReference).toBe('2025060110301254876312');
    expect(report.subject).toMatchObject({
      kind: 'consumer',
      names: [{ full: '王小明' }],
      identifiers: [{ scheme: 'cn_resident_id', value: '11010519491231002X' }],
      dateOfBirth: { precision: 'day', value: '1949-12-31' },
    });
    expect(report.subject.addresses[0]).toMatchObject({ postalCode: '100020', country: 'CN', type: 'current' });
  });

  it('maps 信贷交易信息明细 with five-tier classification, yuan → fen and the 24-month record newest first', () => {
    const [mortgage, card, closed] = report.tradelines;
    expect(mortgage).toMatchObject({
      type: { value: 'installment', raw: 'D1', scheme: 'pboc' },
      highCredit: { amountMinor: 120_000_000, currency: 'CNY' },
      balance: { amountMinor: 98_345_678, currency: 'CNY' },
      classification: { value: 'normal', raw: '正常', scheme: 'pboc' },
      status: { value: 'current', raw: '正常' },
      daysPastDue: 0,
    });
    expect(mortgage!.paymentHistory).toHaveLength(24);
    expect(card).toMatchObject({
      type: { value: 'revolving', raw: 'R2' },
      classification: { value: 'special_mention', raw: '关注' },
      status: { value: 'past_due', raw: '逾期' },
      pastDue: { amountMinor: 185_000 },
      daysPastDue: 31,
    });
    expect(card!.paymentHistory.slice(0, 4)).toEqual([
      { month: '2025-05', status: { value: 'days_60_89', raw: '2', scheme: 'pboc' } },
      { month: '2025-04', status: { value: 'days_30_59', raw: '1', scheme: 'pboc' } },
      { month: '2025-03', status: { value: 'current', raw: 'N', scheme: 'pboc' } },
      { month: '2025-02', status: { value: 'unknown', raw: '#', scheme: 'pboc' } },
    ]);
    expect(closed).toMatchObject({ status: { value: 'paid', raw: '结清' }, open: false, closed: { value: '2023-02-01' } });
    expect(closed!.paymentHistory[0]?.status).toEqual({ value: 'zero_balance', raw: 'C', scheme: 'pboc' });
  });

  it('maps 强制执行记录 to a court_enforcement public record and 查询记录 to inquiries', () => {
    expect(report.publicRecords).toEqual([
      expect.objectContaining({
        type: { value: 'court_enforcement', raw: '强制执行记录', scheme: 'pboc' },
        status: { value: 'satisfied', raw: '执行完毕', scheme: 'pboc' },
        amount: { amountMinor: 4_500_000, currency: 'CNY' },
        reference: '(2023)京0105执12345号',
      }),
    ]);
    expect(report.inquiries.map((i) => i.type?.value)).toEqual(['hard', 'account_review', 'soft']);
    expect(report.warnings).toEqual([]);
  });

  it('turns the gateway "no credit record" answer into subject_not_found and a missing header into malformed_report', () => {
    expect(() => normalisePboc(fixture('pboc', 'no-record.json'), meta)).toThrow(SubjectNotFoundError);
    expect(() => normalisePboc({ ...fixture('pboc', 'no-record.json'), body: '{"identity":{}}' }, meta)).toThrow(MalformedReportError);
  });
});
