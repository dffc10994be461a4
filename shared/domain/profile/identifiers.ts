import { z } from 'zod';
import { ProvenanceSchema } from './provenance.js';

/** Identifier schemes used for entity resolution. `crm:*` ids are scoped by connection. */
export const IdentifierSchemeSchema = z.enum([
  'cn_uscc', // 统一社会信用代码, 18 chars with check character
  'cn_resident_id', // 18 digits, ISO 7064 MOD 11-2
  'ein',
  'duns',
  'lei',
  'vat',
  'email',
  'phone',
  'crm_record', // value = `<crm>:<connectionId>:<recordId>`
  'bureau_subject', // value = `<bureau>:<subjectId>`
  'external', // value chosen by an API client
]);
export type IdentifierScheme = z.infer<typeof IdentifierSchemeSchema>;

export const IdentifierSchema = ProvenanceSchema.extend({
  scheme: IdentifierSchemeSchema,
  value: z.string().min(1).max(200),
});
export type Identifier = z.infer<typeof IdentifierSchema>;
