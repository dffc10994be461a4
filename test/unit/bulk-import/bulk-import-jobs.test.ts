import { describe, expect, it } from 'vitest';
import { onlineRetailIiMapping } from '../../../shared/domain/crm/bulk-import/column-mapping.js';
import type { AuditInput } from '../../../shared/domain/audit/audit-chain.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import { bulkImportJobs, CreateImportQuerySchema, groupByCustomer, ImportChunkQuerySchema, toCreateImport, type ImportJob, type ImportJobRepository } from '../../../shared/domain/customers/bulk-import-job.js';
import { MAX_RECORDS_PER_MESSAGE, type CrmIngestMessage } from '../../../shared/domain/customers/ingest-message.js';

const HEADER = 'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country';
const row = (invoice: string, customer: string) => `${invoice},85048,GLASS BALL,12,2009-12-01 07:45:00,6.95,${customer},United Kingdom`;

/** Counters added like the DynamoDB store does (ADD + list_append). */
const memoryJobs = (): ImportJobRepository & { items: Map<string, ImportJob> } => {
  const items = new Map<string, ImportJob>();
  return {
    items,
    create: async (job) => void items.set(job.jobId, structuredClone(job)),
    get: async (id) => structuredClone(items.get(id)),
    addChunk: async (id, counts) => {
      const job = items.get(id)!;
      Object.assign(job, {
        chunks: job.chunks + 1, rowsRead: job.rowsRead + counts.rowsRead, recordsQueued: job.recordsQueued + counts.recordsQueued,
        rowErrors: job.rowErrors + counts.errors.length, errors: [...job.errors, ...counts.errors], status: counts.complete ? 'complete' : 'receiving',
      });
    },
  };
};

const setup = () => {
  const jobs = memoryJobs();
  const queued: CrmIngestMessage[] = [];
  const audits: AuditInput[] = [];
  const imports = bulkImportJobs({ jobs, audit: { append: async (a) => void audits.push(a) }, enqueue: async (m) => void queued.push(...m), clock: fixedClock('2025-01-15T10:00:00Z'), newJobId: () => 'imp_01JH0000000000000000000000' });
  return { imports, jobs, queued, audits };
};

describe('groupByCustomer', () => {
  it('groups a chunk per customer in first-seen order, file order within, at most MAX_RECORDS_PER_MESSAGE a group', () => {
    const order = (id: string, customer: string) => ({ crm: 'generic' as const, connectionId: 'c', externalId: id, modifiedAt: '2025-01-01T00:00:00.000Z', deleted: false, objectType: 'order' as const, customerExternalId: customer, orderedAt: '2025-01-01T00:00:00.000Z', amount: { amountMinor: 1, currency: 'GBP' }, status: 'placed' as const });
    const groups = groupByCustomer([order('1', 'a'), order('2', 'b'), order('3', 'a'), ...Array.from({ length: MAX_RECORDS_PER_MESSAGE + 1 }, (_, i) => order(`x${i}`, 'c'))]);
    expect(groups.map((g) => g.map((r) => r.externalId).slice(0, 2))).toEqual([['1', '3'], ['2'], ['x0', 'x1'], [`x${MAX_RECORDS_PER_MESSAGE}`]]);
    expect(groups.map((g) => g.length)).toEqual([2, 1, MAX_RECORDS_PER_MESSAGE, 1]);
  });
});

describe('bulkImportJobs', () => {
  it('creates a job with its first chunk, takes a second chunk with file line numbers, and reports done once outcomes arrive', async () => {
    const { imports, jobs, queued, audits } = setup();
    const created = await imports.create({ data: `${HEADER}\n${row('1', '13085')}\n`, format: 'csv', mapping: 'online-retail-ii', complete: false }, 'admin-1');
    expect(created).toMatchObject({ jobId: 'imp_01JH0000000000000000000000', mapping: 'online-retail-ii', status: 'receiving', chunks: 1, rowsRead: 1 });
    expect(audits).toEqual([expect.objectContaining({ action: 'crm.import.create', target: 'import:imp_01JH0000000000000000000000' })]);
    const after = await imports.addChunk(created.jobId, `${HEADER}\n${row('2', '13086')}\nnot,a,row\n`, { lineOffset: 10, complete: true });
    expect(after).toMatchObject({ status: 'complete', chunks: 2 });
    expect(after.errors.map((e) => e.line)).toEqual([13]);
    // One message per customer and chunk, carrying its records (customer, then order).
    expect(queued.map((m) => (m.kind === 'records' ? m.records.map((r) => `${r.objectType}:${r.objectType === 'order' ? r.customerExternalId : r.externalId}`) : []))).toEqual([
      ['customer:13085', 'order:13085'],
      ['customer:13086', 'order:13086'],
    ]);
    expect(queued.reduce((n, m) => n + (m.kind === 'records' ? m.records.length : 0), 0)).toBe(after.recordsQueued);
    expect(queued.every((m) => m.kind === 'records' && m.importJobId === created.jobId)).toBe(true);
    expect((await imports.get(created.jobId)).done).toBe(false);
    jobs.items.get(created.jobId)!.recordsApplied = after.recordsQueued;
    expect((await imports.get(created.jobId)).done).toBe(true);
  });

  it('answers 422 for an unknown mapping without creating a job, and 404 for an unknown job', async () => {
    const { imports, jobs } = setup();
    await expect(imports.create({ data: '', format: 'csv', mapping: 'nope', complete: true }, 'admin-1')).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'mapping' }] });
    expect(jobs.items.size).toBe(0);
    await expect(imports.get('imp_01JH0000000000000000000001')).rejects.toMatchObject({ code: 'not_found' });
    await expect(imports.addChunk('imp_01JH0000000000000000000001', 'x', { lineOffset: 0, complete: true })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps an inline mapping for later chunks but hides it from every view it answers', async () => {
    const { imports, jobs } = setup();
    const created = await imports.create({ data: '', format: 'csv', mapping: onlineRetailIiMapping('files'), complete: false }, 'admin-1');
    expect(jobs.items.get(created.jobId)?.inlineMapping).toMatchObject({ name: onlineRetailIiMapping().name });
    expect(await imports.get(created.jobId)).not.toHaveProperty('inlineMapping');
    expect(created).not.toHaveProperty('inlineMapping');
    expect(created.done).toBe(false);
  });
});

describe('toCreateImport', () => {
  it('takes the command from a JSON body, or from the query with a raw CSV/NDJSON body', () => {
    const body = { mapping: 'online-retail-ii', format: 'ndjson' as const, data: '{"a":1}', complete: false };
    expect(toCreateImport({ body, query: {}, text: 'ignored', mediaType: 'application/json' })).toEqual({ data: '{"a":1}', format: 'ndjson', mapping: 'online-retail-ii', connectionId: undefined, complete: false });
    expect(toCreateImport({ body: undefined, query: { mapping: 'online-retail-ii', connectionId: 'files' }, text: 'h\n1', mediaType: 'application/x-ndjson' })).toEqual({ data: 'h\n1', format: 'ndjson', mapping: 'online-retail-ii', connectionId: 'files', complete: true });
    expect(toCreateImport({ body: undefined, query: { mapping: 'm', complete: false }, text: 'h', mediaType: 'text/csv' })).toMatchObject({ format: 'csv', complete: false });
  });

  it('refuses a raw body without a mapping, and query fields beside a JSON body (422 naming the parameter)', () => {
    expect(() => toCreateImport({ body: undefined, query: {}, text: 'h', mediaType: 'text/csv' })).toThrow(expect.objectContaining({ code: 'validation_failed', issues: [expect.objectContaining({ path: 'mapping', in: 'query' })] }));
    const body = { mapping: 'online-retail-ii', format: 'csv' as const, complete: true };
    expect(() => toCreateImport({ body, query: { connectionId: 'x' }, text: '', mediaType: 'application/json' })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: 'connectionId', in: 'query' })] }));
  });

  it('reads the query strictly: unknown parameters refused, booleans only as true/false', () => {
    expect(CreateImportQuerySchema.safeParse({ mapping: 'm', lineOffset: '3' }).success).toBe(false);
    expect(ImportChunkQuerySchema.parse({})).toEqual({ complete: true, lineOffset: 0 });
    expect(ImportChunkQuerySchema.safeParse({ complete: 'yes' }).success).toBe(false);
  });
});
