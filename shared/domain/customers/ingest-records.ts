import { z } from 'zod';
import { CrmRecordInputSchema, type CrmRecord } from '../crm/crm-record.js';
import { mapRecord, UnknownObjectTypeError, type ConnectionConfig } from '../crm/field-mapping.js';
import type { Principal } from '../auth/principal.js';
import { assertActsForConnection, assertOwnRecordIds } from '../auth/tenancy.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { validateCustomValues, type CustomAttribute } from '../profile/custom-attributes.js';
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
  /** Declared custom attributes: a record with an undeclared one or a value outside its declaration is a 422 at `records[i].custom.<name>`. */
  customAttributes?: { list(): Promise<CustomAttribute[]> };
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
 * then queued for ingest at once. Unknown connection → 404. With a caller (`by`), a CRM key posts only to
 * its own connection (403 before anything is read) and names only its own records as `crm_record`
 * identifiers (422 on `records[i].identifiers[j].value`).
 */
export const ingestRecords =
  ({ connections, enqueue, customAttributes, clock }: IngestRecordsDeps) =>
  async (connectionId: string, input: IngestRecords, by?: Pick<Principal, 'role' | 'tenantRef'>): Promise<{ accepted: number }> => {
    if (by) assertActsForConnection(by, connectionId);
    const config = await connections.get(connectionId);
    if (!config) throw new NotFoundError(`Connection ${connectionId}`);
    const records = 'objectName' in input ? input.records.map((native, i) => mapAt(config, input.objectName, native, i)) : input.records;
    const foreign = records.findIndex((r) => r.connectionId !== connectionId || r.crm !== config.crm);
    if (foreign >= 0) throw new ValidationError('Records must belong to this connection', [{ path: `records[${foreign}].connectionId`, message: `expected ${connectionId} (${config.crm})` }]);
    if (by) {
      const named = records.flatMap((r, i) => (r.objectType === 'customer' ? r.identifiers.map((id, j) => ({ ...id, path: `records[${i}].identifiers[${j}].value` })) : []));
      assertOwnRecordIds(by, named, (k) => named[k]?.path ?? 'records');
    }
    const withAttributes = records.filter((r) => r.objectType === 'customer' && Object.keys(r.attributes ?? {}).length > 0);
    if (withAttributes.length > 0) {
      const declared = (await customAttributes?.list()) ?? [];
      const issues = records.flatMap((r, i) => (r.objectType === 'customer' ? validateCustomValues(r.attributes ?? {}, declared, `records[${i}].custom.`).issues : []));
      if (issues.length > 0) throw new ValidationError('The custom attributes are not valid', issues);
    }
    const receivedAt = (clock?.now() ?? new Date()).toISOString();
    await enqueue(records.map((record) => ({ kind: 'record', record, receivedAt })));
    return { accepted: records.length };
  };
