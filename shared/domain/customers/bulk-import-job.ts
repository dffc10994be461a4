import { z } from 'zod';
import type { AuditInput } from '../audit/audit-chain.js';
import type { Principal } from '../auth/principal.js';
import { actsForConnection, assertActsForConnection } from '../auth/tenancy.js';
import type { Clock } from '../clock.js';
import { ColumnMappingSchema, READY_MAPPINGS, type ColumnMapping } from '../crm/bulk-import/column-mapping.js';
import { parseImport } from '../crm/bulk-import/parse-import.js';
import type { CrmRecord } from '../crm/crm-record.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { customerLaneOf, MAX_RECORDS_PER_MESSAGE, type CrmIngestMessage } from './ingest-message.js';
import { toFieldIssues } from '../validation.js';

/** Resolves a named mapping (`online-retail-ii`) or validates an inline one; `connectionId` overrides. */
export const resolveMapping = (mapping: unknown, connectionId?: string): ColumnMapping => {
  if (typeof mapping === 'string') {
    const ready = Object.hasOwn(READY_MAPPINGS, mapping) ? READY_MAPPINGS[mapping as keyof typeof READY_MAPPINGS] : undefined;
    if (!ready) throw new ValidationError('Unknown mapping', [{ path: 'mapping', message: `one of ${Object.keys(READY_MAPPINGS).join(', ')}, or an inline mapping` }]);
    return ready(connectionId);
  }
  const parsed = ColumnMappingSchema.safeParse(connectionId ? { ...(mapping as object), connectionId } : mapping);
  if (!parsed.success) throw new ValidationError('The mapping is not valid', toFieldIssues(parsed.error).map((i) => ({ ...i, path: `mapping.${i.path}` })));
  return parsed.data;
};

export interface ChunkResult {
  rowsRead: number;
  recordsQueued: number;
  errors: Array<{ line: number; reason: string }>;
}

/**
 * Streams one chunk of a bulk file through the mapping and hands the records to `send` in
 * batches (the crm-ingest queue); unusable rows come back with their file line and reason
 * (never their content). `lineOffset` turns chunk lines into file lines.
 */
export const importChunk = async (
  body: string,
  options: { format: 'csv' | 'ndjson'; mapping: ColumnMapping; lineOffset: number; batchSize?: number },
  send: (records: Array<{ record: CrmRecord; line?: number }>) => Promise<void>,
): Promise<ChunkResult> => {
  const result: ChunkResult = { rowsRead: 0, recordsQueued: 0, errors: [] };
  const batch: Array<{ record: CrmRecord }> = [];
  // The whole chunk by default (≤ 1 MB of rows): its records are then grouped per customer.
  const batchSize = options.batchSize ?? Number.POSITIVE_INFINITY;
  const input = (async function* () {
    yield body;
  })();
  for await (const item of parseImport(input, { format: options.format, mapping: options.mapping, onProgress: (p) => (result.rowsRead = p.rowsRead) })) {
    if ('error' in item) {
      result.errors.push({ line: item.error.line + options.lineOffset, reason: item.error.reason });
      continue;
    }
    batch.push({ record: item.record });
    if (batch.length >= batchSize) {
      await send(batch.splice(0));
    }
    result.recordsQueued++;
  }
  if (batch.length) await send(batch.splice(0));
  return result;
};

/**
 * The records of a chunk grouped per customer (first-seen order of customers, file order within
 * each), at most MAX_RECORDS_PER_MESSAGE per group: one crm-ingest message per group, whose
 * aggregate increments the worker merges into one write.
 * @example groupByCustomer([orderOfA1, orderOfB, orderOfA2]) // [[orderOfA1, orderOfA2], [orderOfB]]
 */
export const groupByCustomer = (records: readonly CrmRecord[]): CrmRecord[][] => {
  const groups = new Map<string, CrmRecord[]>();
  for (const record of records) {
    const lane = customerLaneOf(record);
    const group = groups.get(lane);
    if (group) group.push(record);
    else groups.set(lane, [record]);
  }
  return [...groups.values()].flatMap((group) => Array.from({ length: Math.ceil(group.length / MAX_RECORDS_PER_MESSAGE) }, (_, i) => group.slice(i * MAX_RECORDS_PER_MESSAGE, (i + 1) * MAX_RECORDS_PER_MESSAGE)));
};

/** A bulk import job as stored: counters the API (rows read/queued) and the ingest worker (applied/failed) add to. */
export const ImportJobSchema = z.object({
  jobId: z.string(),
  mapping: z.string(),
  connectionId: z.string(),
  format: z.enum(['csv', 'ndjson']),
  status: z.enum(['receiving', 'complete']),
  createdAt: z.string(),
  chunks: z.number().int().nonnegative(),
  rowsRead: z.number().int().nonnegative(),
  recordsQueued: z.number().int().nonnegative(),
  recordsApplied: z.number().int().nonnegative(),
  recordsFailed: z.number().int().nonnegative(),
  rowErrors: z.number().int().nonnegative(),
  errors: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  /** Inline mapping (JSON) when the job was not created from a named mapping. */
  inlineMapping: z.unknown().optional(),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

export interface ImportJobRepository {
  create(job: ImportJob): Promise<void>;
  get(jobId: string): Promise<ImportJob | undefined>;
  addChunk(jobId: string, counts: ChunkResult & { complete: boolean }, storedErrors: number): Promise<void>;
}

/** A new import: the first chunk (may be empty), the mapping (a ready mapping's name or an inline one) and whether more chunks follow. */
export interface CreateImport {
  data: string;
  format: 'csv' | 'ndjson';
  mapping: unknown;
  connectionId?: string | undefined;
  complete: boolean;
}

const ImportConnectionIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'letters, digits, _ . - (at most 100)');
const BooleanParamSchema = z.enum(['true', 'false']).transform((v) => v === 'true');

/** JSON body of POST /v1/imports: the mapping, and optionally the first chunk as `data`. */
export const CreateImportSchema = z.strictObject({
  mapping: z.union([z.string().min(1), ColumnMappingSchema]).describe("A ready mapping's name (`online-retail-ii`) or an inline column mapping"),
  format: z.enum(['csv', 'ndjson']).default('csv'),
  connectionId: ImportConnectionIdSchema.optional(),
  data: z.string().optional().describe('The first chunk (with its header row); more may follow as chunks'),
  complete: z.boolean().default(true).describe('False when more chunks follow (POST /v1/imports/{importId}/chunks)'),
});
export type CreateImportBody = z.infer<typeof CreateImportSchema>;

/** Query of POST /v1/imports with a raw CSV or NDJSON body (its fields as parameters; `mapping` then required). */
export const CreateImportQuerySchema = z.strictObject({
  mapping: z.string().min(1).optional().describe("A ready mapping's name; required with a CSV or NDJSON body"),
  connectionId: ImportConnectionIdSchema.optional(),
  complete: BooleanParamSchema.optional().describe('`false` when more chunks follow (default `true`)'),
});
export type CreateImportQuery = z.infer<typeof CreateImportQuerySchema>;

/** Query of POST /v1/imports/{importId}/chunks. */
export const ImportChunkQuerySchema = z.strictObject({
  complete: BooleanParamSchema.default(true).describe('`false` when more chunks follow'),
  lineOffset: z.coerce.number().int().nonnegative().default(0).describe("Lines of the file before this chunk's header line, so that reported lines are file lines"),
});

/**
 * The import command of POST /v1/imports: from a JSON body (`CreateImportSchema`; then no query
 * fields), or from a raw CSV/NDJSON body with its fields as query parameters (`mapping` required;
 * NDJSON when the media type says so). Pure.
 * @throws ValidationError naming the query parameter that is missing or misplaced.
 */
export const toCreateImport = (input: { body: CreateImportBody | undefined; query: CreateImportQuery; text: string; mediaType: string | undefined }): CreateImport => {
  const { body, query } = input;
  if (body) {
    const misplaced = Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [key]));
    if (misplaced.length > 0) {
      throw new ValidationError('With a JSON body, give the import fields in the body', misplaced.map((key) => ({ path: key, message: 'give it in the JSON body', code: 'unrecognized_keys', in: 'query' as const })));
    }
    return { data: body.data ?? '', format: body.format, mapping: body.mapping, connectionId: body.connectionId, complete: body.complete };
  }
  if (!query.mapping) throw new ValidationError('A mapping is required', [{ path: 'mapping', message: 'required with a CSV or NDJSON body', code: 'invalid_type', in: 'query' }]);
  return { data: input.text, format: input.mediaType === 'application/x-ndjson' ? 'ndjson' : 'csv', mapping: query.mapping, connectionId: query.connectionId, complete: query.complete ?? true };
};

/** What the import routes show: the job without its inline mapping, `done` once every queued record has an outcome. */
export const ImportJobViewSchema = ImportJobSchema.omit({ inlineMapping: true }).extend({
  done: z.boolean().describe('Complete, and every queued record applied or failed'),
});
export type ImportJobView = z.infer<typeof ImportJobViewSchema>;

/** Who calls, for the tenancy checks. */
type Caller = Pick<Principal, 'role' | 'tenantRef'>;

export interface BulkImportJobsDeps {
  jobs: ImportJobRepository;
  audit: { append(input: AuditInput): Promise<unknown> };
  enqueue(messages: CrmIngestMessage[]): Promise<void>;
  clock: Clock;
  newJobId(): string;
}

/**
 * Bulk import jobs: `create` resolves the mapping (unknown/invalid → 422), stores the job, audits
 * `crm.import.create` and runs the first chunk; `addChunk` runs a further chunk (404 unknown job), with
 * `lineOffset` making reported lines file lines; `get` shows progress (404 unknown). Each chunk's records
 * go to the crm-ingest queue tagged with the job id; unusable rows are counted with their line and reason.
 * With a caller (`by`), a CRM key imports only into its own connection (403 before anything is stored)
 * and sees only imports into it (another connection's import is a 404, like an unknown one).
 */
export const bulkImportJobs = ({ jobs, audit, enqueue, clock, newJobId }: BulkImportJobsDeps) => {
  const runChunk = async (jobId: string, body: string, format: 'csv' | 'ndjson', mappingRef: unknown, connectionId: string | undefined, lineOffset: number, complete: boolean, storedErrors: number): Promise<ChunkResult> => {
    const mapping = resolveMapping(mappingRef, connectionId);
    const result = await importChunk(body, { format, mapping, lineOffset }, (batch) => enqueue(groupByCustomer(batch.map(({ record }) => record)).map((records) => ({ kind: 'records', records, importJobId: jobId }))));
    await jobs.addChunk(jobId, { ...result, complete }, storedErrors);
    return result;
  };
  const existing = async (jobId: string, by?: Caller): Promise<ImportJob> => {
    const job = await jobs.get(jobId);
    if (!job || (by && !actsForConnection(by, job.connectionId))) throw new NotFoundError(`Import ${jobId}`);
    return job;
  };
  const view = async (jobId: string, by?: Caller): Promise<ImportJobView> => {
    const { inlineMapping: _m, ...job } = await existing(jobId, by);
    return { ...job, done: job.status === 'complete' && job.recordsApplied + job.recordsFailed >= job.recordsQueued };
  };
  return {
    async create(input: CreateImport, actor: string, by?: Caller): Promise<ImportJobView> {
      const jobId = newJobId();
      const mapping = resolveMapping(input.mapping, input.connectionId);
      if (by) assertActsForConnection(by, mapping.connectionId);
      if (by && by.role !== 'admin' && mapping.customer?.identifiers.crm_record !== undefined) {
        // Each row's own record id is its crm_record; a mapped column could name another connection's records.
        throw new ValidationError('The mapping is not valid', [{ path: 'mapping.customer.identifiers.crm_record', message: 'a CRM key cannot map crm_record ids; each row is linked by its own externalId', code: 'foreign_record' }]);
      }
      await jobs.create({
        jobId, mapping: mapping.name, connectionId: mapping.connectionId, format: input.format, status: 'receiving', createdAt: clock.now().toISOString(),
        chunks: 0, rowsRead: 0, recordsQueued: 0, recordsApplied: 0, recordsFailed: 0, rowErrors: 0, errors: [],
        ...(typeof input.mapping === 'string' ? {} : { inlineMapping: mapping }),
      });
      await audit.append({ actor, action: 'crm.import.create', target: `import:${jobId}`, details: { mapping: mapping.name, format: input.format } });
      if (input.data.trim()) await runChunk(jobId, input.data, input.format, typeof input.mapping === 'string' ? input.mapping : mapping, mapping.connectionId, 0, input.complete, 0);
      else await jobs.addChunk(jobId, { rowsRead: 0, recordsQueued: 0, errors: [], complete: input.complete }, 0);
      return view(jobId);
    },
    async addChunk(jobId: string, body: string, options: { lineOffset: number; complete: boolean }, by?: Caller): Promise<ImportJobView> {
      const job = await existing(jobId, by);
      await runChunk(jobId, body, job.format, job.inlineMapping ?? job.mapping, job.connectionId, options.lineOffset, options.complete, job.errors.length);
      return view(jobId);
    },
    get: view,
  };
};
export type BulkImportJobs = ReturnType<typeof bulkImportJobs>;
