import type { JobKind } from '../jobs/job-kind.js';
import { AuditExportRangeSchema, auditExportLines, type AuditExport, type AuditExportRange } from './audit-export.js';

export const AUDIT_EXPORT = 'audit.export';

const stamp = (iso: string): string => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * The `audit.export` job kind: builds the export of a time range (`exportAuditTrail`: checkpoints
 * first, then the entries) and stores it as NDJSON, `exports/<jobId>.ndjson`, behind the job's
 * download link. `rb audit verify <file>` checks the file offline.
 * @example jobKindRegistry([auditExportJob({ build: exportAuditTrail({ log, checkpoints, key, clock }) })])
 */
export const auditExportJob = ({ build }: { build: (range: AuditExportRange) => Promise<AuditExport> }): JobKind<typeof AuditExportRangeSchema> => ({
  name: AUDIT_EXPORT,
  input: AuditExportRangeSchema,
  async run(ctx) {
    await ctx.progress(0, 1);
    const doc = await build(ctx.input);
    await ctx.checkCancelled();
    const objectKey = `exports/${ctx.job.jobId}.ndjson`;
    const mediaType = 'application/x-ndjson';
    const { bytes } = await ctx.objects.put(objectKey, auditExportLines(doc), { mediaType });
    await ctx.progress(1, 1);
    const rows = doc.chains.reduce((n, c) => n + c.entries.length, 0);
    return { objectKey, mediaType, bytes, rows, fileName: `audit-${stamp(doc.range.since)}-${stamp(doc.range.until)}.ndjson` };
  },
});
