import { z } from 'zod';
import { CreditSummarySchema } from '../credit/credit-summary.js';
import { RestrictionsSchema } from '../measures/measures.js';
import { RatingResultSchema } from '../rating/rating-result.js';
import { CustomerAggregatesSchema, emptyAggregates } from './aggregates.js';
import { IdentifierSchema } from './identifiers.js';
import { ProvenanceSchema, ProvenancedValueSchema } from './provenance.js';

export const CustomerIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'letters, digits and _ . : - (at most 128), starting with a letter or digit');

/** Profile fields that carry provenance. Each capability may add fields here. */
export const ProfileFieldNameSchema = z.enum([
  'legalName',
  'tradingName',
  'email',
  'phone',
  'country',
  'city',
  'addressLine',
  'postalCode',
  'industry',
  'website',
]);
export type ProfileFieldName = z.infer<typeof ProfileFieldNameSchema>;

export const PartnerAssessmentSummarySchema = z.object({
  partnerId: z.string(),
  assessmentId: z.string(),
  grade: z.string().optional(),
  pd: z.number().min(0).max(1).optional(),
  score: z.number().optional(),
  submittedAt: z.iso.datetime({ offset: true }),
});

export const FreezeSchema = z.object({
  reason: z.string(),
  frozenAt: z.iso.datetime({ offset: true }),
  by: z.string(),
  /** The `freeze_all_credit` measure behind the freeze (docs/operations.md#emergency-measures). */
  measureId: z.string().optional(),
  /** When the freeze lifts by itself (`measure.expired`). */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

/**
 * Lifecycle of a profile:
 * - `active`: a golden profile (rated, listed, published);
 * - `pending`: a stub that orders, invoices or payments created before their account arrived.
 *   It keeps their aggregates and its CRM record id, but is not rated, not listed and publishes
 *   no events; the account's arrival absorbs it into a matching golden profile or activates it;
 * - `merged`: absorbed into `mergedInto`.
 */
export const ProfileStatusSchema = z.enum(['active', 'merged', 'pending']);
export type ProfileStatus = z.infer<typeof ProfileStatusSchema>;

/**
 * The golden customer profile: one per customer, assembled from CRM, bureau and partner
 * records. `version` guards optimistic concurrency; `sequence` numbers the events emitted
 * for this customer so receivers can drop stale updates.
 */
export const CustomerProfileSchema = z.object({
  customerId: CustomerIdSchema,
  kind: z.enum(['business', 'consumer']),
  status: ProfileStatusSchema,
  mergedInto: CustomerIdSchema.optional(),
  fields: z.partialRecord(ProfileFieldNameSchema, ProvenancedValueSchema),
  /** Values of declared custom attributes (see custom-attributes.ts), with provenance like fields. */
  custom: z.record(z.string(), ProvenancedValueSchema).optional(),
  /**
   * Deleted fields (`PATCH` with `null`): who deleted each and as of when. An observation of the
   * field no newer than its tombstone does not bring the value back; a newer one does (and
   * removes the tombstone).
   */
  tombstones: z.partialRecord(ProfileFieldNameSchema, ProvenanceSchema).optional(),
  identifiers: z.array(IdentifierSchema),
  aggregates: CustomerAggregatesSchema,
  credit: CreditSummarySchema,
  assessments: z.array(PartnerAssessmentSummarySchema),
  rating: RatingResultSchema.optional(),
  /** Derived from the active `freeze_all_credit` measure: present while one is in force. */
  freeze: FreezeSchema.optional(),
  /** The latest partner assessment that disagreed beyond the policy's `partners.conflictThreshold` (see assessment-conflict.ts). */
  partnerConflict: z
    .object({ assessmentId: z.string(), partnerId: z.string(), against: z.enum(['partner', 'hub']), otherPartnerId: z.string().optional(), logitDistance: z.number(), notches: z.number().int(), detectedAt: z.iso.datetime({ offset: true }) })
    .optional(),
  /**
   * Invoices under an open dispute (or resolved `upheld`), kept out of the delinquency features
   * while the policy's `disputes.excludeDisputedInvoices` holds (shared/domain/disputes).
   */
  disputedInvoices: z.array(z.object({ invoiceId: z.string(), disputeId: z.string() })).max(500).optional(),
  /** The combined effect of the customer's emergency measures (`combineMeasures`), written with every measure taken or lifted. */
  restrictions: RestrictionsSchema.optional(),
  version: z.number().int().nonnegative(),
  sequence: z.number().int().nonnegative(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
}).meta({ id: 'CustomerProfile' });
export type CustomerProfile = z.infer<typeof CustomerProfileSchema>;

export const newProfile = (customerId: string, kind: CustomerProfile['kind'], at: Date): CustomerProfile & { status: 'active' } => ({
  customerId,
  kind,
  status: 'active',
  fields: {},
  identifiers: [],
  aggregates: emptyAggregates(),
  credit: {},
  assessments: [],
  version: 0,
  sequence: 0,
  createdAt: at.toISOString(),
  updatedAt: at.toISOString(),
});
