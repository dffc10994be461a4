import { z } from 'zod';
import { DatasetIdSchema, datasetFields, type DatasetId } from './datasets.js';
import { FieldRuleSchema } from './redact.js';

export const AgreementIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits and _ . - (at most 64)');

const FieldPathSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/, 'a field path such as fields.country');

/** Body of `POST /v1/admin/agreements`. Field paths must exist in at least one covered dataset. */
export const AgreementInputSchema = z
  .object({
    agreementId: AgreementIdSchema,
    consultantRef: z.string().trim().min(1).max(100),
    datasets: z.array(DatasetIdSchema).min(1),
    fields: z.record(FieldPathSchema, FieldRuleSchema),
    validFrom: z.iso.datetime({ offset: true }),
    validUntil: z.iso.datetime({ offset: true }),
    purpose: z.string().trim().min(1).max(500),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (Date.parse(input.validUntil) <= Date.parse(input.validFrom)) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must be after validFrom' });
    }
    const known = new Set(input.datasets.flatMap((d) => datasetFields(d)));
    for (const path of Object.keys(input.fields)) {
      if (!known.has(path)) ctx.addIssue({ code: 'custom', path: ['fields', path], message: `not a field of ${input.datasets.join(', ')}` });
    }
  });
export type AgreementInput = z.infer<typeof AgreementInputSchema>;

/** Body of `PATCH /v1/admin/agreements/{id}`: what may change after signing. */
export const AgreementPatchSchema = z
  .object({
    fields: z.record(FieldPathSchema, FieldRuleSchema).optional(),
    validUntil: z.iso.datetime({ offset: true }).optional(),
    purpose: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type AgreementPatch = z.infer<typeof AgreementPatchSchema>;

export const AgreementSchema = z.object({
  agreementId: AgreementIdSchema,
  consultantRef: z.string(),
  datasets: z.array(DatasetIdSchema),
  fields: z.record(z.string(), FieldRuleSchema),
  validFrom: z.iso.datetime({ offset: true }),
  validUntil: z.iso.datetime({ offset: true }),
  purpose: z.string(),
  status: z.enum(['active', 'revoked']),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string(),
  updatedAt: z.iso.datetime({ offset: true }),
  revokedAt: z.iso.datetime({ offset: true }).optional(),
});
export type Agreement = z.infer<typeof AgreementSchema>;

/** An agreement as stored: with its HMAC salt, which never leaves the hub. */
export const StoredAgreementSchema = AgreementSchema.extend({ salt: z.string().regex(/^[0-9a-f]{64}$/) });
export type StoredAgreement = z.infer<typeof StoredAgreementSchema>;

/** Active = not revoked and `validFrom ≤ at < validUntil`. */
export const isAgreementActive = (agreement: Agreement, at: Date): boolean =>
  agreement.status === 'active' && Date.parse(agreement.validFrom) <= at.getTime() && at.getTime() < Date.parse(agreement.validUntil);

/** Active agreements of a consultant that cover `dataset`. */
export const agreementsCovering = <A extends Agreement>(agreements: readonly A[], consultantRef: string, dataset: DatasetId, at: Date): A[] =>
  agreements.filter((a) => a.consultantRef === consultantRef && a.datasets.includes(dataset) && isAgreementActive(a, at));

export const publicAgreement = ({ salt: _salt, ...agreement }: StoredAgreement): Agreement => agreement;
