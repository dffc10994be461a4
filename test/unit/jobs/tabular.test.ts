import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { PortfolioRowSchema } from '../../../shared/domain/console/portfolio.js';
import { csvChunk, csvColumns, ndjsonChunk, neutraliseFormula } from '../../../shared/domain/jobs/tabular.js';

const COLUMNS = ['id', 'name', 'n', 'flag', 'limit.amount'];

describe('csvColumns', () => {
  it('lists the fields of an object schema and flattens one nested object with dots', () => {
    // Act
    const columns = csvColumns(z.object({ a: z.string(), b: z.object({ x: z.number(), y: z.string() }).optional(), c: z.boolean() }));
    // Assess
    expect(columns).toEqual(['a', 'b.x', 'b.y', 'c']);
    expect(csvColumns(PortfolioRowSchema)).toContain('limit.currency');
  });
});

describe('csvChunk', () => {
  it('starts the first chunk with a byte-order mark and the header, records end in CRLF', () => {
    // Act
    const head = csvChunk([], COLUMNS, { header: true });
    const body = csvChunk([{ id: '1', name: 'A', n: 1.5, flag: true, limit: { amount: 10 } }], COLUMNS, { header: false });
    // Assess
    expect(head).toBe('\uFEFFid,name,n,flag,limit.amount\r\n');
    expect(body).toBe('1,A,1.5,true,10\r\n');
    expect(csvChunk([], COLUMNS, { header: false })).toBe('');
  });

  it('quotes separators, quotes and line breaks, and leaves missing values empty', () => {
    // Act
    const out = csvChunk([{ id: 'a,b', name: 'say "hi"', flag: false }, { id: 'x', name: 'two\nlines' }, { id: 'y', name: 'carriage\rreturn' }], COLUMNS, { header: false });
    // Assess
    expect(out).toBe('"a,b","say ""hi""",,false,\r\nx,"two\nlines",,,\r\n' + 'y,"carriage\rreturn",,,\r\n');
  });

  it('neutralises cells a spreadsheet would evaluate, but not numbers', () => {
    // Act
    const out = csvChunk([{ id: '=1+2', name: '@SUM(A1)', n: -3 }, { id: '+49 30', name: '-2+3' }, { id: '\tx', name: 'ok=1' }], COLUMNS, { header: false });
    // Assess
    expect(parse(out)).toEqual([
      ["'=1+2", "'@SUM(A1)", '-3', '', ''],
      ["'+49 30", "'-2+3", '', '', ''],
      ["'\tx", 'ok=1', '', '', ''],
    ]);
    expect(neutraliseFormula('plain')).toBe('plain');
  });

  it('round-trips any text through csv-parse (formula starts aside) (property)', () => {
    // Assess
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.string(), name: fc.string({ unit: 'grapheme' }) }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = csvChunk([], ['id', 'name'], { header: true }) + csvChunk(rows, ['id', 'name'], { header: false });
        const parsed: Array<{ id: string; name: string }> = parse(text, { bom: true, columns: true, relax_column_count: false });
        expect(parsed).toEqual(rows.map((r) => ({ id: neutraliseFormula(r.id), name: neutraliseFormula(r.name) })));
      }),
    );
  });
});

describe('ndjsonChunk', () => {
  it('writes one JSON object per line, line breaks inside values escaped', () => {
    // Act
    const out = ndjsonChunk([{ a: 'x\ny' }, { a: 2 }]);
    // Assess
    expect(out).toBe('{"a":"x\\ny"}\n{"a":2}\n');
  });
});
