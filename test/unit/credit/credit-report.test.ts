import { describe, expect, it } from 'vitest';
import { CreditReportSchema, PartialDateSchema } from '../../../shared/domain/credit/credit-report.js';
import { MalformedReportError, SubjectNotFoundError } from '../../../shared/domain/credit/bureau-connector.js';
import { finaliseReport, partialDate } from '../../../shared/domain/credit/normalisers/common.js';

const minimal = {
  reportId: 'r1',
  bureau: 'experian',
  product: 'credit-profile',
  pulledAt: '2026-01-02T03:04:05.000Z',
  requestId: 'req-1',
  currency: 'USD',
  subject: { kind: 'consumer' },
};

describe('CreditReportSchema', () => {
  it('fills defaults for a minimal report', () => {
    // Act
    const report = CreditReportSchema.parse(minimal);
    // Assess
    expect(report.tradelines).toEqual([]);
    expect(report.schemaVersion).toBe(1);
    expect(report.subject.names).toEqual([]);
  });

  it('keeps date precision and rejects impossible partial dates', () => {
    expect(PartialDateSchema.parse({ precision: 'month', value: '2019-03' })).toEqual({ precision: 'month', value: '2019-03' });
    expect(PartialDateSchema.safeParse({ precision: 'month', value: '2019-13' }).success).toBe(false);
    expect(PartialDateSchema.safeParse({ precision: 'day', value: '2019-03' }).success).toBe(false);
  });

  it('requires raw code and scheme beside normalised codes', () => {
    // Prepare
    const tradeline = { type: { value: 'revolving', raw: 'R', scheme: 'metro2' }, status: { value: 'current' } };
    // Act
    const result = CreditReportSchema.safeParse({ ...minimal, tradelines: [tradeline] });
    // Assess
    expect(result.success).toBe(false);
  });
});

describe('partialDate', () => {
  it.each([
    ['2019-03-14', { precision: 'day', value: '2019-03-14' }],
    ['2019-03', { precision: 'month', value: '2019-03' }],
    ['2019', { precision: 'year', value: '2019' }],
    ['03142019', { precision: 'day', value: '2019-03-14' }],
    ['032019', { precision: 'month', value: '2019-03' }],
    ['03/14/2019', { precision: 'day', value: '2019-03-14' }],
    ['2019-03-14T10:00:00Z', { precision: 'day', value: '2019-03-14' }],
  ])('reads %s keeping its precision', (input, expected) => {
    expect(partialDate(input, input.length === 8 ? 'mdy' : 'ymd')).toEqual(expected);
  });

  it('returns undefined for zero, impossible and sentinel dates', () => {
    expect(partialDate('00000000', 'mdy')).toBeUndefined();
    expect(partialDate('2019-02-30')).toBeUndefined();
    expect(partialDate('Not Rated')).toBeUndefined();
  });
});

describe('finaliseReport', () => {
  it('throws malformed_report when the draft breaks the canonical model', () => {
    // Act
    const attempt = () => finaliseReport({ ...minimal, currency: 'dollars' });
    // Assess
    expect(attempt).toThrow(MalformedReportError);
    try {
      attempt();
    } catch (error) {
      expect((error as MalformedReportError).code).toBe('malformed_report');
      expect((error as MalformedReportError).retryable).toBe(false);
    }
  });

  it('has a subject_not_found error that is permanent', () => {
    const error = new SubjectNotFoundError('equifax');
    expect(error.code).toBe('subject_not_found');
    expect(error.retryable).toBe(false);
  });
});

describe('credit-report JSON Schema export', () => {
  it('matches the committed docs/schemas/credit-report.schema.json', async () => {
    // Prepare
    const { readFileSync } = await import('node:fs');
    const { z } = await import('zod');
    const committed = JSON.parse(readFileSync(new URL('../../../docs/schemas/credit-report.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    // Act
    const generated = z.toJSONSchema(CreditReportSchema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
    // Assess
    expect(committed.properties).toEqual(generated.properties);
    expect(committed.required).toEqual(generated.required);
  });
});
