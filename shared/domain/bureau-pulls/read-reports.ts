import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { AuditInput } from '../audit/audit-chain.js';
import type { QuarantineReader } from '../audit/read-quarantine.js';
import { CreditReportSchema } from '../credit/credit-report.js';
import { BureauIdSchema } from '../credit/credit-summary.js';
import { NotFoundError } from '../errors.js';
import { PullStatusSchema } from './bureau-pull.js';
import { ArchivedReportHeadSchema, ReviewDecisionSchema, type ArchivedReportReader, type BureauReviewStore, type PullLookup } from './ports.js';

/** Path id of an archived report. */
export const ReportIdSchema = z.string().regex(/^rpt_[0-9A-Z]{26}$/, 'a report id (rpt_…)');

/** Where a normalised report came from: the pull or Metro 2 import, the subject match, the raw payload's digest. */
export const ReportLineageSchema = ArchivedReportHeadSchema.omit({ archivedOnly: true }).extend({
  reportId: z.string(),
  merged: z.boolean().describe("True when the report's summary is (or was) merged into the profile; false while only archived (subject mismatch)"),
  review: ReviewDecisionSchema.optional().describe('The reviewer decision when the report was held for a subject-mismatch review'),
  rawSha256: z.string().describe('`sha256:<hex>` of the raw payload as received (read it at GET /v1/bureau/pulls/{pullId}/raw)'),
  rawBytes: z.number().int().nonnegative(),
});
export type ReportLineage = z.infer<typeof ReportLineageSchema>;

/** `GET /v1/bureau/reports/{reportId}`: the canonical report (raw codes and source paths inside) and its lineage. */
export const BureauReportReadSchema = z.object({ report: CreditReportSchema, lineage: ReportLineageSchema });
export type BureauReportRead = z.infer<typeof BureauReportReadSchema>;

/** `GET /v1/bureau/pulls/{pullId}/raw`: the bureau's answer as received, gzip + base64 like the quarantine. */
export const RawPullPayloadSchema = z.object({
  pullId: z.string(),
  customerId: z.string(),
  bureau: BureauIdSchema,
  status: PullStatusSchema,
  reportId: z.string().optional(),
  origin: z.enum(['archive', 'quarantine']).describe('`archive`: the answer a report was normalised from; `quarantine`: an answer that could not be normalised'),
  contentType: z.string().optional(),
  sha256: z.string(),
  bytes: z.number().int().nonnegative().describe('Size of the raw payload, uncompressed'),
  encoding: z.literal('gzip+base64'),
  payload: z.string().describe('The bytes as received, gzip-compressed, base64'),
});
export type RawPullPayload = z.infer<typeof RawPullPayloadSchema>;

const digestOf = (gz: Uint8Array): { sha256: string; bytes: number } => {
  const raw = gunzipSync(gz);
  return { sha256: `sha256:${createHash('sha256').update(raw).digest('hex')}`, bytes: raw.length };
};

export interface ReadBureauReportsDeps {
  pulls: PullLookup;
  reports: ArchivedReportReader;
  reviews: Pick<BureauReviewStore, 'findReview'>;
  quarantine: Pick<QuarantineReader, 'getPayload'>;
  audit: { append(input: AuditInput): Promise<unknown> };
}

/**
 * Admin read paths of the bureau pipeline. `report` returns an archived normalised report with
 * its lineage (pull or import, subject match, reviewer decision, raw digest); `raw` returns the
 * raw payload of any pull: the archived answer of a completed or reviewed pull, or the
 * quarantined answer of a pull that failed as malformed. Unknown ids, and pulls that never got
 * a payload (queued, refused, not found at the bureau), are NotFoundError (404). Every read is
 * audited with ids and the payload digest, never content.
 */
export const readBureauReports = ({ pulls, reports, reviews, quarantine, audit }: ReadBureauReportsDeps) => ({
  async report(reportId: string, actor: string): Promise<BureauReportRead> {
    const found = await reports.findReport(reportId);
    if (!found) throw new NotFoundError(`Bureau report ${reportId}`);
    const { head, report, rawGz } = found;
    const decided = await reviews.findReview(reportId);
    const { sha256, bytes } = digestOf(rawGz);
    const { archivedOnly, ...rest } = head;
    const lineage: ReportLineage = {
      reportId,
      ...rest,
      merged: !archivedOnly,
      ...(decided?.status === 'decided' ? { review: decided.decision } : {}),
      rawSha256: sha256,
      rawBytes: bytes,
    };
    await audit.append({
      actor,
      action: 'bureau_report.read',
      target: `customer:${head.customerId}`,
      details: { reportId, bureau: head.bureau, pullId: head.pullId ?? null, importId: head.importId ?? null, sha256 },
    });
    return { report, lineage };
  },

  async raw(pullId: string, actor: string): Promise<RawPullPayload> {
    const pull = await pulls.findById(pullId);
    if (!pull) throw new NotFoundError(`Bureau pull ${pullId}`);
    let found: { origin: RawPullPayload['origin']; gz: Uint8Array; contentType?: string } | undefined;
    if (pull.reportId) {
      const archived = await reports.findReport(pull.reportId);
      if (archived) found = { origin: 'archive', gz: archived.rawGz, contentType: archived.head.contentType };
    } else if (pull.status === 'failed') {
      const quarantined = await quarantine.getPayload(`bureau:${pull.bureau}`, pull.pullId);
      if (quarantined) found = { origin: 'quarantine', gz: quarantined.bodyGz };
    }
    if (!found) throw new NotFoundError(`A raw payload of bureau pull ${pullId} (status ${pull.status}${pull.reason ? `, ${pull.reason}` : ''})`);
    const { sha256, bytes } = digestOf(found.gz);
    await audit.append({
      actor,
      action: 'bureau_pull.raw_read',
      target: `customer:${pull.customerId}`,
      details: { pullId, bureau: pull.bureau, origin: found.origin, reportId: pull.reportId ?? null, sha256, bytes },
    });
    return {
      pullId,
      customerId: pull.customerId,
      bureau: pull.bureau,
      status: pull.status,
      ...(pull.reportId ? { reportId: pull.reportId } : {}),
      origin: found.origin,
      ...(found.contentType ? { contentType: found.contentType } : {}),
      sha256,
      bytes,
      encoding: 'gzip+base64',
      payload: Buffer.from(found.gz).toString('base64'),
    };
  },
});
