import { z } from 'zod';
import { CrmChangeNoticeSchema } from '../crm/change-notice.js';
import { CrmRecordSchema } from '../crm/crm-record.js';

/**
 * When the hub received the push or request the message comes from: CRM times later than this
 * are clamped to it (a CRM's clock may run ahead). Absent (polls, imports): the worker's time.
 */
const ReceivedAtSchema = z.iso.datetime({ offset: true }).optional();

/**
 * A message on the crm-ingest queue: a change notice from a CRM push or poll (the worker reads
 * the record when needed), or a canonical record (generic ingest, bulk import).
 */
export const CrmIngestMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notice'), notice: CrmChangeNoticeSchema, native: z.record(z.string(), z.unknown()).optional(), receivedAt: ReceivedAtSchema }),
  z.object({ kind: z.literal('record'), record: CrmRecordSchema, importJobId: z.string().optional(), line: z.number().int().optional(), receivedAt: ReceivedAtSchema }),
]);
export type CrmIngestMessage = z.infer<typeof CrmIngestMessageSchema>;
