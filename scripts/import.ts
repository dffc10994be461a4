/**
 * Bulk import, the logic of `rb import`: streams a CSV (optionally .gz) through the PRODUCT'S bulk import API
 * (`POST /v1/imports`, then `POST /v1/imports/{id}/chunks`) into a running hub, and reports progress.
 *
 *   rb import --file ../shared/datasets/online-retail-ii-2009-2010.csv.gz --mapping online-retail-ii [--url http://127.0.0.1:3000] [--key $RB_KEY] [--max-rows N]
 *
 * API Gateway accepts at most 10 MB per request (this API: 1 MB), so the file is sent in chunks
 * below 900 kB, each with the header row; a chunk only ends where the order column changes, so
 * the lines of one order never straddle two chunks. Assumes one CSV record per line (true for
 * Online Retail II); files with quoted newlines should go as NDJSON.
 */
import { createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { HubClient } from '../packages/rb/src/hub-client.js';
import { resolveMapping } from '../shared/domain/customers/bulk-import-job.js';
import { toIsoTimestamp } from '../shared/domain/crm/bulk-import/row-mapper.js';

export interface ImportRun {
  jobId: string;
  rows: number;
  chunks: number;
  customers: number;
  seconds: number;
  job: Record<string, unknown>;
  /** Latest order date in the file (the mapping's `orderedAt` column), ISO; for `--as-of auto`. */
  lastTransactionAt?: string;
}

const CHUNK_BYTES = 900_000;
/** Chunks in flight at once: the hub parses one while the next is on the wire (records of one customer commute). */
const CHUNKS_IN_FLIGHT = 2;

/** One progress line (rows, rate, share of the file read, ETA), redrawn in place on a terminal. */
export const progressLine = (p: { rows: number; seconds: number; fraction: number; phase: string }): string => {
  const rate = p.seconds > 0 ? p.rows / p.seconds : 0;
  const width = 24;
  const filled = Math.min(width, Math.round(p.fraction * width));
  const eta = p.fraction > 0 && p.fraction < 1 ? `${Math.round((p.seconds * (1 - p.fraction)) / p.fraction)} s` : '–';
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(p.fraction * 100).toFixed(0).padStart(3)}% ${p.phase} ${p.rows} rows ${Math.round(rate)} rows/s ETA ${eta}`;
};

const ImportAnswerSchema = z.object({ import: z.looseObject({ jobId: z.string() }) });

/**
 * Sends `file` to the hub in chunks, then waits until the ingest worker has applied every record.
 *
 * @example
 * const run = await runImport({ file: 'orders.csv.gz', mapping: 'online-retail-ii', hub: hubClient({ url, key }) });
 */
export const runImport = async (options: { file: string; mapping: string; hub: HubClient; maxRows?: number; log?: (line: string) => void; progress?: (line: string) => void }): Promise<ImportRun> => {
  const log = options.log ?? (() => undefined);
  const mapping = resolveMapping(options.mapping);
  await access(options.file);
  const api = (method: 'GET' | 'POST', path: string, body?: string, contentType = 'application/json') =>
    options.hub.request({ method, path, schema: ImportAnswerSchema, ...(body === undefined ? {} : { body: { text: body, contentType } }) });
  const started = performance.now();
  const created = await api('POST', '/v1/imports', JSON.stringify({ mapping: options.mapping, format: 'csv', complete: false }));
  const jobId = created.import.jobId;
  log(`import ${jobId} started`);

  const progress = options.progress ?? (() => undefined);
  const fileBytes = (await stat(options.file)).size;
  const input = createReadStream(options.file);
  const lines = createInterface({ input: options.file.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  let header: string | undefined;
  let orderColumn = -1;
  let customerColumn = -1;
  let orderedAtColumn = -1;
  let lastTransactionAt: string | undefined;
  const customers = new Set<string>();
  let chunk: string[] = [];
  let bytes = 0;
  let lineNo = 0;
  let chunkStartLine = 1;
  let rows = 0;
  let chunks = 0;
  let lastOrder: string | undefined;
  const inFlight = new Set<Promise<unknown>>();
  const send = async (complete: boolean) => {
    if (!header) return;
    const body = `${header}\n${chunk.join('\n')}`;
    // Chunk line 2 is file line chunkStartLine: offset = chunkStartLine - 2.
    const path = `/v1/imports/${jobId}/chunks?lineOffset=${Math.max(0, chunkStartLine - 2)}&complete=${complete}`;
    chunk = [];
    bytes = 0;
    // The last chunk (complete=true) goes only after every other one was taken.
    if (complete) await Promise.all(inFlight);
    const sending = api('POST', path, body, 'text/csv').then(() => {
      chunks++;
      inFlight.delete(sending);
      progress(progressLine({ rows, seconds: (performance.now() - started) / 1000, fraction: input.bytesRead / fileBytes, phase: 'sent' }));
    });
    inFlight.add(sending);
    if (complete || inFlight.size >= CHUNKS_IN_FLIGHT) await Promise.race(inFlight);
    if (complete) await sending;
  };
  for await (const line of lines) {
    lineNo++;
    if (header === undefined) {
      header = line.replace(/^\uFEFF/, '');
      const names = (parse(header) as string[][])[0]?.map((h) => h.trim()) ?? [];
      orderColumn = mapping.order ? names.indexOf(mapping.order.externalId) : -1;
      customerColumn = mapping.customer ? names.indexOf(mapping.customer.externalId) : -1;
      orderedAtColumn = mapping.order ? names.indexOf(mapping.order.orderedAt) : -1;
      chunkStartLine = 2;
      continue;
    }
    if (line.trim() === '') continue;
    const needsFields = (bytes >= CHUNK_BYTES && orderColumn >= 0) || customerColumn >= 0 || orderedAtColumn >= 0;
    const fields = needsFields ? ((parse(line, { relax_quotes: true, relax_column_count: true }) as string[][])[0] ?? []) : [];
    if (customerColumn >= 0 && fields[customerColumn]) customers.add(fields[customerColumn] as string);
    const orderedAt = orderedAtColumn >= 0 ? toIsoTimestamp(fields[orderedAtColumn]) : undefined;
    if (orderedAt !== undefined && (lastTransactionAt === undefined || orderedAt > lastTransactionAt)) lastTransactionAt = orderedAt;
    if (bytes >= CHUNK_BYTES && (orderColumn < 0 || fields[orderColumn] !== lastOrder)) {
      await send(false);
      chunkStartLine = lineNo;
      log(`  ${rows} rows sent in ${chunks} chunks`);
    }
    if (orderColumn >= 0 && fields.length) lastOrder = fields[orderColumn];
    chunk.push(line);
    bytes += Buffer.byteLength(line) + 1;
    rows++;
    if (options.maxRows && rows >= options.maxRows) break;
  }
  await send(true);
  log(`  ${rows} rows sent in ${chunks} chunks; waiting for the worker`);
  let job = (await api('GET', `/v1/imports/${jobId}`)).import;
  let lastApplied = -1;
  while (job['done'] !== true) {
    await new Promise((r) => setTimeout(r, 1000));
    job = (await api('GET', `/v1/imports/${jobId}`)).import;
    if (job['recordsApplied'] !== lastApplied) {
      const applied = Number(job['recordsApplied']);
      const queued = Math.max(1, Number(job['recordsQueued']));
      progress(progressLine({ rows: Math.round((rows * applied) / queued), seconds: (performance.now() - started) / 1000, fraction: applied / queued, phase: 'applied' }));
    }
    lastApplied = Number(job['recordsApplied']);
  }
  return { jobId, rows, chunks, customers: customers.size, seconds: (performance.now() - started) / 1000, job, ...(lastTransactionAt ? { lastTransactionAt } : {}) };
};

const RfmFitAnswerSchema = z.object({
  fit: z.looseObject({ asOf: z.string(), customers: z.number(), segmentCounts: z.record(z.string(), z.number()) }),
});

/**
 * `--as-of`: fits the portfolio's RFM quintiles as of a date through `POST /v1/rfm/fit`. `auto` is
 * the UTC day after the file's last transaction (a historical file is not measured against today).
 */
export const fitRfmAsOf = async (hub: HubClient, asOf: string, lastTransactionAt: string | undefined) => {
  let date = asOf;
  if (asOf === 'auto') {
    if (lastTransactionAt === undefined) throw new Error('--as-of auto: the file has no order date to start from; give --as-of YYYY-MM-DD');
    const last = new Date(lastTransactionAt);
    date = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), last.getUTCDate() + 1)).toISOString().slice(0, 10);
  }
  const answer = await hub.request({ method: 'POST', path: '/v1/rfm/fit', schema: RfmFitAnswerSchema, body: { text: JSON.stringify({ asOf: date }), contentType: 'application/json' } });
  return answer.fit;
};
