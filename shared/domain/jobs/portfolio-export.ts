import { z } from 'zod';
import { PortfolioRowSchema, toPortfolioRow, type CustomerListing } from '../console/portfolio.js';
import type { JobKind } from './job-kind.js';
import { EXPORT_MEDIA_TYPES, ExportFormatSchema, csvChunk, csvColumns, ndjsonChunk } from './tabular.js';

export const PORTFOLIO_EXPORT = 'portfolio.export';

/** Body of `POST /v1/exports/portfolio`, stored as the job's input. */
export const PortfolioExportInputSchema = z.strictObject({
  format: ExportFormatSchema.describe('`csv` (RFC 4180, UTF-8 with a byte-order mark, one column per portfolio field) or `ndjson` (one JSON row per line)'),
  grade: z.string().regex(/^[A-Za-z0-9+-]{1,8}$/, 'a grade such as AA or B+').optional().describe('Only customers currently rated with this grade'),
});
export type PortfolioExportInput = z.infer<typeof PortfolioExportInputSchema>;

/** Port: pages of active golden profiles (as the console lists them) and how many there are. */
export interface PortfolioSource extends CustomerListing {
  count(filter: { grade?: string }): Promise<number>;
}

/** The export's columns: every PortfolioRow field, `limit` as `limit.amountMinor` and `limit.currency`. */
export const PORTFOLIO_COLUMNS = csvColumns(PortfolioRowSchema);

const stamp = (at: Date): string => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * The `portfolio.export` job kind: pages through the active portfolio (optionally one grade),
 * writes each page as CSV or NDJSON rows (the console's PortfolioRow) straight into the object
 * `exports/<jobId>.<format>` as it goes, reporting progress against the count taken at the start
 * and stopping at the next page once a cancel is requested (the partial object is then deleted).
 * @example jobKindRegistry([portfolioExport({ portfolio: portfolioSource(table) })])
 */
export const portfolioExport = ({ portfolio, pageSize = 500 }: { portfolio: PortfolioSource; pageSize?: number }): JobKind<typeof PortfolioExportInputSchema> => ({
  name: PORTFOLIO_EXPORT,
  input: PortfolioExportInputSchema,
  async run(ctx) {
    const { format, grade } = ctx.input;
    const total = await portfolio.count(grade === undefined ? {} : { grade });
    await ctx.progress(0, total);
    let rows = 0;
    async function* body(): AsyncIterable<string> {
      if (format === 'csv') yield csvChunk([], PORTFOLIO_COLUMNS, { header: true });
      let cursor: string | undefined;
      do {
        await ctx.checkCancelled();
        const page = await portfolio.page({ limit: pageSize, ...(cursor === undefined ? {} : { cursor }), ...(grade === undefined ? {} : { grade }) });
        const records = page.profiles.map(toPortfolioRow);
        rows += records.length;
        yield format === 'csv' ? csvChunk(records, PORTFOLIO_COLUMNS, { header: false }) : ndjsonChunk(records);
        cursor = page.cursor;
        await ctx.progress(rows, cursor === undefined ? rows : Math.max(total, rows));
      } while (cursor !== undefined);
    }
    const objectKey = `exports/${ctx.job.jobId}.${format}`;
    const mediaType = EXPORT_MEDIA_TYPES[format];
    const { bytes } = await ctx.objects.put(objectKey, body(), { mediaType });
    const fileName = `portfolio-${grade === undefined ? '' : `${grade.replace(/[^A-Za-z0-9-]/g, '_')}-`}${stamp(ctx.clock.now())}.${format}`;
    return { objectKey, mediaType, bytes, rows, fileName };
  },
});
