import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';

export const ExportFormatSchema = z.enum(['csv', 'ndjson']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const EXPORT_MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson',
};

/**
 * CSV columns of an object schema: its keys in declaration order, one nested object level
 * flattened with dots (`limit.amountMinor`, `limit.currency`).
 * @example csvColumns(PortfolioRowSchema) // ['customerId', 'kind', …, 'limit.amountMinor', 'limit.currency', …]
 */
export const csvColumns = (schema: z.ZodObject): string[] =>
  Object.entries(schema.shape).flatMap(([key, field]) => {
    const inner = field instanceof z.ZodOptional || field instanceof z.ZodNullable ? field.unwrap() : field;
    return inner instanceof z.ZodObject ? Object.keys(inner.shape).map((sub) => `${key}.${sub}`) : [key];
  });

/** Cells a spreadsheet would run as a formula (CSV injection): they get a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Turns a text cell that a spreadsheet would evaluate (`=HYPERLINK(…)`, `+1`, `@SUM`, `-2+3`)
 * into plain text by prefixing an apostrophe (OWASP's advice for CSV exports). Numbers are not
 * text cells and stay as they are.
 */
export const neutraliseFormula = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/**
 * One chunk of CSV (RFC 4180: CRLF records, quotes doubled, fields with separators, quotes or
 * line breaks quoted; UTF-8 with a byte-order mark on the first chunk so spreadsheets read
 * non-Latin names). Missing values are empty cells, booleans `true`/`false`, text cells are
 * neutralised against formula injection.
 * @example csvChunk(rows, csvColumns(PortfolioRowSchema), { header: true })
 */
export const csvChunk = (rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[], options: { header: boolean }): string =>
  rows.length === 0 && !options.header
    ? ''
    : stringify(rows as Record<string, unknown>[], {
        header: options.header,
        bom: options.header,
        columns: columns.map((key) => ({ key, header: key })),
        record_delimiter: 'windows',
        quoted_match: /[\r\n]/,
        cast: {
          boolean: (value: boolean) => (value ? 'true' : 'false'),
          string: (value: string) => neutraliseFormula(value),
        },
      });

/** One chunk of NDJSON: a JSON object per line. */
export const ndjsonChunk = (rows: ReadonlyArray<Record<string, unknown>>): string => rows.map((row) => `${JSON.stringify(row)}\n`).join('');
