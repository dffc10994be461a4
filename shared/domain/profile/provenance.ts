import { z } from 'zod';

/**
 * Where a value came from: `api:<principalId>`, `crm:<crm>:<connectionId>`,
 * `bureau:<bureau>`, `partner:<partnerId>`, `import:<jobId>`.
 */
export const SourceSchema = z.string().min(1).max(200);

export const ProvenanceSchema = z.object({
  source: SourceSchema,
  observedAt: z.iso.datetime({ offset: true }),
  recordId: z.string().max(200).optional(),
  /**
   * The observation time the source sent when it lay in the future (a CRM whose clock runs
   * ahead): `observedAt` is then the time the hub received it, so the value cannot be pinned.
   */
  sentAt: z.iso.datetime({ offset: true }).optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** A profile field value together with its provenance. */
export const ProvenancedValueSchema = ProvenanceSchema.extend({
  value: z.union([z.string(), z.number(), z.boolean()]),
});
export type ProvenancedValue = z.infer<typeof ProvenancedValueSchema>;
