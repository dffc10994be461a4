import { ColumnMappingSchema, READY_MAPPINGS, type ColumnMapping } from '../crm/bulk-import/column-mapping.js';
import { parseImport } from '../crm/bulk-import/parse-import.js';
import type { CrmRecord } from '../crm/crm-record.js';
import { ValidationError } from '../errors.js';
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
  const batchSize = options.batchSize ?? 100;
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
