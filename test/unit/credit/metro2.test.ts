import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedReportError } from '../../../shared/domain/credit/bureau-connector.js';
import { CreditReportSchema } from '../../../shared/domain/credit/credit-report.js';
import {
  formatMetro2Base,
  formatMetro2Header,
  formatMetro2Trailer,
  importMetro2,
  parseMetro2,
} from '../../../shared/domain/credit/metro2/metro2.js';
import { METRO2_ACCOUNT_STATUS, METRO2_PAYMENT } from '../../../shared/domain/credit/normalisers/codes.js';
import { fixture } from './fixtures.js';

const META = { bureau: 'experian' as const, pulledAt: '2026-01-20T10:00:00.000Z', requestId: 'req-m2' };

describe('parseMetro2', () => {
  it('reads header, base segments and trailer of a 426-byte character file', () => {
    // Act
    const file = parseMetro2(fixture('metro2', 'furnisher-sample.txt'));
    // Assess
    expect(file.header).toMatchObject({ reporterName: 'SANDBOX FURNISHER INC', activityDate: '12312025' });
    expect(file.baseSegments).toHaveLength(4);
    expect(file.baseSegments[1]).toMatchObject({ accountStatus: '71', paymentHistoryProfile: '100000000000000000000BBB', currentBalance: '000009100' });
    expect(file.trailer.totalBaseRecords).toBe(4);
  });

  it('reads a file without line breaks by record length', () => {
    const text = fixture('metro2', 'furnisher-sample.txt').replace(/\n/g, '');
    expect(parseMetro2(text).baseSegments).toHaveLength(4);
  });

  it('rejects files without header, with short records or a wrong trailer count', () => {
    const lines = fixture('metro2', 'furnisher-sample.txt').trim().split('\n');
    expect(() => parseMetro2(lines.slice(1).join('\n'))).toThrow(MalformedReportError);
    expect(() => parseMetro2([lines[0], lines[1]!.slice(0, 300), ...lines.slice(2)].join('\n'))).toThrow(/expected 426/);
    expect(() => parseMetro2([...lines.slice(0, -1), formatMetro2Trailer(9)].join('\n'))).toThrow(/TRAILER counts 9/);
    expect(() => parseMetro2(lines.slice(0, -1).join('\n'))).toThrow(/no TRAILER/);
  });
});

describe('importMetro2', () => {
  const reports = importMetro2(fixture('metro2', 'furnisher-sample.txt'), META);

  it('groups accounts into one schema-valid report per consumer', () => {
    expect(reports).toHaveLength(2);
    for (const report of reports) expect(CreditReportSchema.safeParse(report).success).toBe(true);
    expect(reports[0]!.tradelines).toHaveLength(3);
    expect(reports[0]!.subject).toMatchObject({ identifiers: [{ scheme: 'ssn', value: '666001234' }], dateOfBirth: { precision: 'day', value: '1975-06-15' } });
  });

  it("maps payment history '1' to 30-59 days past due (Metro 2), keeping the raw code and the month", () => {
    const late = reports[0]!.tradelines[1]!;
    expect(late.paymentHistory[0]).toEqual({ month: '2025-11', status: { value: 'days_30_59', raw: '1', scheme: 'metro2' } });
    expect(late.paymentHistory[21]!.status).toEqual({ value: 'no_history', raw: 'B', scheme: 'metro2' });
    expect(late.status).toEqual({ value: 'past_due', raw: '71', scheme: 'metro2' });
    expect(late.daysPastDue).toBe(30);
    expect(late.pastDue).toEqual({ amountMinor: 31000, currency: 'USD' });
  });

  it('maps charge-off status 97 and the L/6…1 history codes', () => {
    const chargeOff = reports[0]!.tradelines[2]!;
    expect(chargeOff.status.value).toBe('charge_off');
    expect(chargeOff.paymentHistory.slice(0, 4).map((p) => p.status.value)).toEqual(['charge_off', 'charge_off', 'days_180_plus', 'days_150_179']);
    expect(chargeOff.closed).toEqual({ precision: 'day', value: '2025-10-01' });
  });

  it('uses the payment rating for a paid account (status 13, rating 1 → 30 days)', () => {
    const mortgage = reports[1]!.tradelines[0]!;
    expect(mortgage.status).toEqual({ value: 'paid', raw: '13', scheme: 'metro2' });
    expect(mortgage.daysPastDue).toBe(30);
    expect(mortgage.type.value).toBe('mortgage');
  });
});

describe('Metro 2 round trip', () => {
  const statusCodes = Object.keys(METRO2_ACCOUNT_STATUS);
  const historyChars = Object.keys(METRO2_PAYMENT);

  it('formats and parses any base segment back to the same codes and amounts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...statusCodes),
        fc.array(fc.constantFrom(...historyChars), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.constantFrom('C', 'I', 'M', 'O', 'R'),
        (status, history, balance, portfolio) => {
          // Prepare
          const text = [
            formatMetro2Header('PROP TEST', '01312026'),
            formatMetro2Base({ accountNumber: 'P1', portfolioType: portfolio, accountStatus: status, paymentHistoryProfile: history.join(''), currentBalance: String(balance), dateOfAccountInformation: '01312026', ssn: '666000001' }),
            formatMetro2Trailer(1),
          ].join('\n');
          // Act
          const [report] = importMetro2(text, META);
          const tradeline = report!.tradelines[0]!;
          // Assess
          expect(tradeline.status.raw).toBe(status);
          expect(tradeline.status.value).toBe(METRO2_ACCOUNT_STATUS[status]);
          expect(tradeline.paymentHistory.map((p) => p.status.raw).join('')).toBe(history.join(''));
          expect(tradeline.paymentHistory.map((p) => p.status.value)).toEqual(history.map((c) => METRO2_PAYMENT[c]));
          expect(tradeline.balance).toEqual({ amountMinor: balance * 100, currency: 'USD' });
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });
});
