import { z } from 'zod';
import { CrmRecordInputSchema, type CrmRecord } from '../crm/crm-record.js';
import { mapRecord, UnknownObjectTypeError, type ConnectionConfig } from '../crm/field-mapping.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { CrmIngestMessage } from './ingest-message.js';

/**
 * Body of POST /v1/crm/{connectionId}/records: native records of one mapped object (open: their keys
 * are the CRM's), or canonical records (strict).
 */
export const IngestRecordsSchema = z.union([
  z.strictObject({ objectName: z.string().min(1), records: z.array(z.record(z.string(), z.unknown())).min(1).max(500) }),
  z.strictObject({ records: z.array(CrmRecordInputSchema).min(1).max(500) }),
]);
export type IngestRecords = z.infer<typeof IngestRecordsSchema>;

/** What an ingest answers: how many records were queued. */
export const IngestReceiptSchema = z.object({ accepted: z.number().int().nonnegative() });

export interface IngestRecordsDeps {
  connections: { get(connectionId: string): Promise<ConnectionConfig | undefined> };
  enqueue(messages: CrmIngestMessage[]): Promise<void>;
  /** The receive time stamped on each message (CRM times later than it are clamped to it). */
  clock?: { now(): Date };
}

const mapAt = (config: ConnectionConfig, objectName: string, native: unknown, index: number): CrmRecord => {
  try {
    return mapRecord(config, objectName, native);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.message, error.issues.map((x) => ({ ...x, path: `records[${index}].${x.path}` })));
    if (error instanceof UnknownObjectTypeError) throw new ValidationError(error.message, [{ path: 'objectName', message: 'not mapped for this connection' }]);
    throw error;
  }
};

/**
 * Accepts records pushed by a CRM connection: native records are mapped through the connection's field
 * mapping (issues re-pathed to `records[i].<field>`, an unmapped object → 422 on `objectName`); every record
 * must belong to this connection and CRM (else 422 on `records[i].connectionId`, nothing queued); all are
 * then queued for ingest at once. Unknown connection → 404.
 */
export const ingestRecords =
  ({ connections, enqueue, clock }: IngestRecordsDeps) =>
  async (connectionId: string, input: IngestRecords): Promise<{ accepted: number }> => {
    const config = await connections.get(connectionId);
    if (!config) throw new NotFoundError(`Connection ${connectionId}`);
    const records = 'objectName' in input ? input.records.map((native, i) => mapAt(config, input.objectName, native, i)) : input.records;
    const foreign = records.findIndex((r) => r.connectionId !== connectionId || r.crm !== config.crm);
    if (foreign >= 0) throw new ValidationError('Records must belong to this connection', [{ path: `records[${foreign}].connectionId`, message: `expected ${connectionId} (${config.crm})` }]);
    const receivedAt = (clock?.now() ?? new Date()).toISOString();
    await enqueue(records.map((record) => ({ kind: 'record', record, receivedAt })));
    return { accepted: records.length };
  };
