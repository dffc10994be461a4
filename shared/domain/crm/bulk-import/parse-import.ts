import { parse } from 'csv-parse';
import { ColumnMappingSchema, type ColumnMapping, type ColumnMappingInput } from './column-mapping.js';
import { createRowMapper, type ImportItem } from './row-mapper.js';

export type { ImportItem } from './row-mapper.js';

export interface ImportProgress {
  rowsRead: number;
  recordsEmitted: number;
  errors: number;
}

export interface ParseImportOptions {
  format: 'csv' | 'ndjson';
  mapping: ColumnMapping | ColumnMappingInput;
  /** Called every `progressEvery` rows (default 10 000) and once at the end. */
  onProgress?: (progress: ImportProgress) => void;
  progressEvery?: number;
}

type Chunk = Uint8Array | string;

async function* csvRows(input: AsyncIterable<Chunk>): AsyncGenerator<{ row: Record<string, unknown>; line: number } | { error: { line: number; reason: string } }> {
  const skipped: { line: number; reason: string }[] = [];
  const parser = parse({
    columns: (header: string[]) => header.map((h) => h.trim()),
    bom: true,
    skip_empty_lines: true,
    relax_quotes: false,
    info: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      skipped.push({ line: typeof err?.lines === 'number' ? err.lines : 0, reason: err?.code ?? 'unreadable row' });
      return undefined;
    },
  });
  const pump = (async () => {
    for await (const chunk of input) {
      if (!parser.write(chunk)) await new Promise<void>((resolve) => parser.once('drain', () => resolve()));
    }
    parser.end();
  })();
  pump.catch((error: unknown) => parser.destroy(error instanceof Error ? error : new Error(String(error))));
  for await (const item of parser as AsyncIterable<{ record: Record<string, unknown>; info: { lines: number } }>) {
    while (skipped.length) yield { error: skipped.shift() as { line: number; reason: string } };
    yield { row: item.record, line: item.info.lines };
  }
  while (skipped.length) yield { error: skipped.shift() as { line: number; reason: string } };
  await pump;
}

async function* ndjsonRows(input: AsyncIterable<Chunk>): AsyncGenerator<{ row: Record<string, unknown>; line: number } | { error: { line: number; reason: string } }> {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let line = 0;
  const handle = function* (raw: string) {
    line++;
    const textLine = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '');
    if (textLine.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(textLine);
    } catch {
      yield { error: { line, reason: 'not valid JSON' } };
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) yield { error: { line, reason: 'not a JSON object' } };
    else yield { row: value as Record<string, unknown>, line };
  };
  for await (const chunk of input) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      yield* handle(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
    }
  }
  buffer += decoder.decode();
  if (buffer.length) yield* handle(buffer);
}

/**
 * Streams a CSV (header row, quoted fields, BOM, CRLF) or NDJSON file into canonical CRM records
 * through a column mapping. Good rows go through; unusable rows come out as
 * `{ error: { line, reason } }` (1-based physical line, never the row's content). Memory stays
 * bounded: rows are not collected, only the order being grouped and the ids already seen.
 * @example for await (const item of parseImport(createGunzip(...), { format: 'csv', mapping: onlineRetailIiMapping() })) …
 */
export async function* parseImport(input: AsyncIterable<Chunk>, options: ParseImportOptions): AsyncGenerator<ImportItem> {
  const mapping = ColumnMappingSchema.parse(options.mapping);
  const mapper = createRowMapper(mapping);
  const every = options.progressEvery ?? 10_000;
  const progress: ImportProgress = { rowsRead: 0, recordsEmitted: 0, errors: 0 };
  const count = (item: ImportItem): ImportItem => {
    if ('record' in item) progress.recordsEmitted++;
    else progress.errors++;
    return item;
  };
  const rows = options.format === 'csv' ? csvRows(input) : ndjsonRows(input);
  for await (const item of rows) {
    if ('error' in item) {
      yield count(item);
      continue;
    }
    progress.rowsRead++;
    for (const out of mapper.map(item.row, item.line)) yield count(out);
    if (options.onProgress && progress.rowsRead % every === 0) options.onProgress({ ...progress });
  }
  for (const out of mapper.flush()) yield count(out);
  options.onProgress?.({ ...progress });
}
