import { z } from 'zod';
import { CrmChangeNoticeSchema } from '../crm/change-notice.js';
import { CrmRecordSchema } from '../crm/crm-record.js';

/**
 * When the hub received the push or request the message comes from: CRM times later than this
 * are clamped to it (a CRM's clock may run ahead). Absent (polls, imports): the worker's time.
 */
const ReceivedAtSchema = z.iso.datetime({ offset: true }).optional();

/** At most this many records in one `records` message: they are applied in one transaction (100 items at most). */
export const MAX_RECORDS_PER_MESSAGE = 90;

/** `crm:connection:customer` of a record: the customer it is about (its own id, or its account's). */
export const customerLaneOf = (r: z.infer<typeof CrmRecordSchema>): string =>
  `${r.crm}:${r.connectionId}:${r.objectType === 'customer' ? r.externalId : r.customerExternalId}`;

/**
 * A message on the crm-ingest queue: a change notice from a CRM push or poll (the worker reads
 * the record when needed), a canonical record (generic ingest), or the records of one customer
 * from one bulk import chunk (`records`, in file order: their aggregate increments are merged and
 * written at once).
 */
export const CrmIngestMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notice'), notice: CrmChangeNoticeSchema, native: z.record(z.string(), z.unknown()).optional(), receivedAt: ReceivedAtSchema }),
  z.object({ kind: z.literal('record'), record: CrmRecordSchema, importJobId: z.string().optional(), line: z.number().int().optional(), receivedAt: ReceivedAtSchema }),
  z.object({
    kind: z.literal('records'),
    records: z
      .array(CrmRecordSchema)
      .min(1)
      .max(MAX_RECORDS_PER_MESSAGE)
      .refine((records) => records.every((r) => customerLaneOf(r) === customerLaneOf(records[0] as (typeof records)[number])), 'all records must be about one customer'),
    importJobId: z.string().optional(),
    receivedAt: ReceivedAtSchema,
  }),
]);
export type CrmIngestMessage = z.infer<typeof CrmIngestMessageSchema>;
