import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import {
  ArchivedReportHeadSchema,
  ReviewDecisionSchema,
  StoredBureauReviewSchema,
  type ArchivedReportReader,
  type BureauReviewStore,
  type ExtraPut,
  type ReportArchive,
  type ReviewDecision,
  type StoredBureauReview,
} from '../../domain/bureau-pulls/ports.js';
import { ConflictError } from '../../domain/errors.js';
import { CreditReportSchema, type CreditReport } from '../../domain/credit/credit-report.js';
import { BureauIdSchema, type BureauId } from '../../domain/credit/credit-summary.js';
import type { TableRef } from './client.js';

/** A DynamoDB item may hold 400 KB; stay well below it and split the rest into parts. */
const MAX_INLINE_BYTES = 350_000;
const AGE_SHARDS = 8;

const reportKey = (customerId: string, bureau: string, reportId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `REPORT#${bureau}#${reportId}` });
const latestKey = (customerId: string, bureau: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `LATESTREPORT#${bureau}` });
const reviewKey = (customerId: string, reportId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `REVIEW#${reportId}` });
const decidedReviewKey = (customerId: string, reportId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `REVIEWDECIDED#${reportId}` });
/** gsi2 finds a review (open or decided) by its id, the report id, without the customer. */
const reviewLookup = (reportId: string) => ({ gsi2pk: `BUREAUREVIEW#${reportId}`, gsi2sk: 'REVIEW' });
/** gsi2 also finds an archived report's record by its id alone (the report read route). */
const reportLookup = (reportId: string) => ({ gsi2pk: `BUREAUREPORT#${reportId}`, gsi2sk: 'REPORT' });
const shardOf = (customerId: string): number => [...customerId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % AGE_SHARDS;

const ArchivedReportSchema = z.object({
  reportId: z.string(),
  bureau: BureauIdSchema,
  contentType: z.string(),
  parts: z.number().int().nonnegative(),
});

/** The record of a report as written; `customerId` comes from the key for records written before it was stored. */
const ReportHeadItemSchema = z.object({ pk: z.string() }).passthrough();
const headOf = (item: Record<string, unknown>) => {
  const { pk } = ReportHeadItemSchema.parse(item);
  return ArchivedReportHeadSchema.parse({ ...item, customerId: item['customerId'] ?? pk.replace(/^CUSTOMER#/, '') });
};

const StoredReviewSchema = StoredBureauReviewSchema.extend({ decision: ReviewDecisionSchema.optional() });

const isConditionFailure = (error: unknown): boolean => error instanceof Error && (error.name === 'TransactionCanceledException' || error.name === 'ConditionalCheckFailedException');

const toBytes = (value: unknown): Buffer => (value instanceof Uint8Array ? Buffer.from(value) : Buffer.alloc(0));

const latestItem = (customerId: string, report: Pick<CreditReport, 'bureau' | 'reportId' | 'pulledAt'>): ExtraPut => ({
  item: {
    ...latestKey(customerId, report.bureau),
    entity: 'latest_report',
    customerId,
    bureau: report.bureau,
    reportId: report.reportId,
    pulledAt: report.pulledAt,
    gsi1pk: `REPORTAGE#${shardOf(customerId)}`,
    gsi1sk: `${report.pulledAt}#${customerId}#${report.bureau}`,
  },
});

const decisionItems = (review: StoredBureauReview, decision: ReviewDecision): { put: ExtraPut; remove: { key: Record<string, unknown> } } => ({
  put: {
    item: { ...decidedReviewKey(review.customerId, review.reportId), entity: 'subject_review_decided', ...review, decision: ReviewDecisionSchema.parse(decision), ...reviewLookup(review.reportId) },
    condition: 'not_exists',
  },
  remove: { key: reviewKey(review.customerId, review.reportId) },
});

/** Reads an archived report: its record, the normalised report and the raw payload (joined from parts when split). */
const readReport = async ({ client, tableName }: TableRef, customerId: string, bureau: BureauId, reportId: string) => {
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: reportKey(customerId, bureau, reportId), ConsistentRead: true }));
  if (!Item) return undefined;
  const head = ArchivedReportSchema.parse(Item);
  let rawGz: Buffer;
  let reportGz: Buffer;
  if (head.parts === 0) {
    rawGz = toBytes(Item['rawGz']);
    reportGz = toBytes(Item['reportGz']);
  } else {
    const { Items = [] } = await client.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':sk': `REPORT#${bureau}#${reportId}#PART#` }, ConsistentRead: true }),
    );
    const joined = Buffer.concat(Items.map((i) => toBytes(i['data'])));
    const rawBytes = z.number().int().parse(Item['rawBytes']);
    rawGz = joined.subarray(0, rawBytes);
    reportGz = joined.subarray(rawBytes);
  }
  const reportJson: unknown = JSON.parse(gunzipSync(reportGz).toString('utf8'));
  return { report: CreditReportSchema.parse(reportJson), raw: gunzipSync(rawGz).toString('utf8'), rawGz, head: Item };
};

/**
 * Archived bureau reports: `CUSTOMER#id / REPORT#<bureau>#<reportId>` holds the gzip'd raw
 * payload and the gzip'd normalised report (both split into `…#PART#n` items when together
 * above 350 KB), `CUSTOMER#id / LATESTREPORT#<bureau>` points at the latest one and is indexed
 * by age on gsi1 (sharded) for the staleness schedule; review items flag subject mismatches
 * (`REVIEW#<reportId>` while open, on gsi1 `REVIEWS#open`; replaced by `REVIEWDECIDED#<reportId>`
 * when a reviewer accepts or dismisses; both found by id on gsi2 `BUREAUREVIEW#<reportId>`).
 */
export const creditReportStore = ({ client, tableName }: TableRef): ReportArchive & ArchivedReportReader & {
  getReport(customerId: string, bureau: BureauId, reportId: string): Promise<{ report: CreditReport; raw: string; rawGz: Buffer; head: Record<string, unknown> } | undefined>;
  listReviews(customerId: string): Promise<Array<{ reportId: string; bureau: string; reasons: string[] }>>;
  listOpenReviews(limit: number): Promise<StoredBureauReview[]>;
} & BureauReviewStore => ({
  itemsFor({ customerId, report, raw, pullId, importId, subjectMatch, archivedOnly }) {
    const rawGz = gzipSync(Buffer.from(raw.body, 'utf8'));
    const reportGz = gzipSync(Buffer.from(JSON.stringify(report), 'utf8'));
    const base = reportKey(customerId, report.bureau, report.reportId);
    const common = {
      entity: 'credit_report',
      customerId,
      reportId: report.reportId,
      bureau: report.bureau,
      product: report.product,
      ...(pullId ? { pullId } : {}),
      ...(importId ? { importId } : {}),
      pulledAt: report.pulledAt,
      contentType: raw.contentType,
      subjectMatch: subjectMatch.outcome,
      archivedOnly,
      ...reportLookup(report.reportId),
    };
    const items: ExtraPut[] = [];
    if (rawGz.length + reportGz.length <= MAX_INLINE_BYTES) {
      items.push({ item: { ...base, ...common, parts: 0, rawGz, reportGz }, condition: 'not_exists' });
    } else {
      const joined = Buffer.concat([rawGz, reportGz]);
      const chunks: Buffer[] = [];
      for (let i = 0; i < joined.length; i += MAX_INLINE_BYTES) chunks.push(joined.subarray(i, i + MAX_INLINE_BYTES));
      items.push({ item: { ...base, ...common, parts: chunks.length, rawBytes: rawGz.length }, condition: 'not_exists' });
      chunks.forEach((chunk, n) => items.push({ item: { pk: base.pk, sk: `${base.sk}#PART#${String(n).padStart(3, '0')}`, entity: 'credit_report_part', data: chunk }, condition: 'not_exists' }));
    }
    if (!archivedOnly) items.push(latestItem(customerId, report));
    return items;
  },
  latestItemFor: latestItem,
  reviewItemFor({ customerId, bureau, reportId, pullId, subjectMatch, at }) {
    return {
      item: { ...reviewKey(customerId, reportId), entity: 'subject_review', customerId, bureau, reportId, pullId, reasons: subjectMatch.reasons, at, gsi1pk: 'REVIEWS#open', gsi1sk: `${at}#${customerId}`, ...reviewLookup(reportId) },
      condition: 'not_exists',
    };
  },
  async listPulledBefore(before, limit) {
    const out: Array<{ customerId: string; bureau: BureauId; pulledAt: string }> = [];
    for (let shard = 0; shard < AGE_SHARDS && out.length < limit; shard += 1) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
            ExpressionAttributeValues: { ':pk': `REPORTAGE#${shard}`, ':before': before },
            ExclusiveStartKey: startKey,
            Limit: limit - out.length,
          }),
        );
        for (const item of page.Items ?? []) {
          const parsed = z.object({ customerId: z.string(), bureau: BureauIdSchema, pulledAt: z.string() }).safeParse(item);
          if (parsed.success) out.push(parsed.data);
        }
        startKey = out.length < limit ? page.LastEvaluatedKey : undefined;
      } while (startKey);
    }
    return out;
  },
  getReport: (customerId, bureau, reportId) => readReport({ client, tableName }, customerId, bureau, reportId),
  async findReport(reportId) {
    const { Items = [] } = await client.send(
      new QueryCommand({ TableName: tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': reportLookup(reportId).gsi2pk } }),
    );
    const found = Items[0];
    if (!found) return undefined;
    const located = headOf(found);
    const read = await readReport({ client, tableName }, located.customerId, located.bureau, reportId);
    return read ? { head: headOf(read.head), report: read.report, rawGz: read.rawGz } : undefined;
  },
  async acceptedReportItem(customerId, bureau, reportId) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: reportKey(customerId, bureau, reportId), ConsistentRead: true }));
    if (!Item) return undefined;
    return {
      item: { ...Item, customerId, subjectMatch: 'match', archivedOnly: false, ...reportLookup(reportId) },
      condition: { expression: 'attribute_exists(pk) AND archivedOnly = :archived', values: { ':archived': true } },
    };
  },
  async listReviews(customerId) {
    const { Items = [] } = await client.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':sk': 'REVIEW#' }, ConsistentRead: true }),
    );
    return Items.map((i) => z.object({ reportId: z.string(), bureau: z.string(), reasons: z.array(z.string()) }).parse(i));
  },
  /** Open subject-mismatch reviews of every customer, newest first (gsi1 `REVIEWS#open`). */
  async listOpenReviews(limit) {
    const { Items = [] } = await client.send(
      new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'REVIEWS#open' }, ScanIndexForward: false, Limit: limit }),
    );
    return Items.map((i) => StoredBureauReviewSchema.parse(i));
  },
  async findReview(reviewId) {
    const { Items = [] } = await client.send(
      new QueryCommand({ TableName: tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': reviewLookup(reviewId).gsi2pk } }),
    );
    let found = Items.map((i) => StoredReviewSchema.parse(i)).sort((a, b) => Number(b.decision !== undefined) - Number(a.decision !== undefined))[0];
    if (!found) {
      // Review items written before the gsi2 lookup existed: page through the open queue.
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', FilterExpression: 'reportId = :id', ExpressionAttributeValues: { ':pk': 'REVIEWS#open', ':id': reviewId }, ...(start ? { ExclusiveStartKey: start } : {}) }),
        );
        const item = page.Items?.[0];
        if (item) found = StoredReviewSchema.parse(item);
        start = found ? undefined : page.LastEvaluatedKey;
      } while (start);
    }
    if (!found) return undefined;
    const { decision, ...review } = found;
    return decision ? { review, status: 'decided', decision } : { review, status: 'open' };
  },
  decisionItems,
  async decideAlone(review, decision) {
    const { put, remove } = decisionItems(review, decision);
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: tableName, Key: remove.key, ConditionExpression: 'attribute_exists(pk)' } },
            { Put: { TableName: tableName, Item: put.item, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`Review ${review.reportId} was decided concurrently`, { cause: error });
      throw error;
    }
  },
});
