import { z } from 'zod';
import { CrmChangeNoticeSchema } from '../crm/change-notice.js';
import { CrmRecordSchema } from '../crm/crm-record.js';

/**
 * A message on the crm-ingest queue: a change notice from a CRM push or poll (the worker reads
 * the record when needed), or a canonical record (generic ingest, bulk import).
 */
export const CrmIngestMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notice'), notice: CrmChangeNoticeSchema, native: z.record(z.string(), z.unknown()).optional() }),
  z.object({ kind: z.literal('record'), record: CrmRecordSchema, importJobId: z.string().optional(), line: z.number().int().optional() }),
]);
export type CrmIngestMessage = z.infer<typeof CrmIngestMessageSchema>;
