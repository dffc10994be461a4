import { z } from 'zod';
import { BacktestReportSchema } from '../../shared/domain/rating/backtest.js';
import { PolicyRecordSchema } from '../../shared/domain/rating/lifecycle.js';
import { DriftPointSchema } from '../../shared/domain/rating/drift.js';
import { RfmFitSchema } from '../../shared/domain/rating/rfm.js';
import { RatingResultSchema } from '../../shared/domain/rating/rating-result.js';
import { PolicySummarySchema } from '../../shared/domain/risk/manage-policies.js';
import { OutcomeSchema } from '../../shared/domain/risk/training-data.js';
import { CustomerIdSchema, FreezeSchema } from '../../shared/domain/profile/customer-profile.js';
import { CustomAttributeNameSchema, CustomAttributeSchema } from '../../shared/domain/profile/custom-attributes.js';

/** Path and query inputs of the policies API; bodies use the domain's command schemas. */
export const VersionPathSchema = z.strictObject({ version: z.coerce.number().int().positive().max(999_999_999) });
export const CustomerPathSchema = z.strictObject({ customerId: CustomerIdSchema });
export const RatingsQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** Query of GET /v1/policies/training-data. */
export const TrainingDataQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().min(1).max(2000).optional(),
  format: z.enum(['ndjson', 'json']).default('ndjson'),
  observedBefore: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  performanceDays: z.coerce.number().int().min(1).max(3650).optional(),
});

/** Responses. */
export const PolicyResponseSchema = z.object({ policy: PolicyRecordSchema });
export const PolicySummaryResponseSchema = z.object({ policy: PolicySummarySchema });
export const PoliciesResponseSchema = z.object({ policies: z.array(PolicySummarySchema) });
export const BacktestResponseSchema = z.object({ report: BacktestReportSchema });
export const FrozenSchema = z.object({ customerId: z.string(), changed: z.boolean().describe('False when the customer was already frozen'), freeze: FreezeSchema.optional() });
export const UnfrozenSchema = z.object({ customerId: z.string(), changed: z.boolean().describe('False when the customer was not frozen'), frozen: z.boolean() });
export const RatingsResponseSchema = z.object({ ratings: z.array(RatingResultSchema) });
/** GET /v1/policies/{version}/drift: one page of the version's daily PSI points. */
export const DriftSeriesResponseSchema = z.object({
  points: z.array(DriftPointSchema),
  nextCursor: z.string().nullable(),
  next: z.string().nullable().describe('Absolute URL of the next page; null on the last page'),
});
export const OutcomeResponseSchema = z.object({ outcome: OutcomeSchema });
/** `?format=json` of GET /v1/policies/training-data: the page with its counters (the NDJSON form carries them in headers). */
export const TrainingPageSchema = z.object({
  rows: z.array(z.record(z.string(), z.union([z.number(), z.string(), z.null()]))).describe('One row per customer with an observation, keyed by feature id, with the label `defaulted`'),
  customers: z.number().int().min(0).describe('Customers read for this page'),
  skipped: z.number().int().min(0).describe('Customers of this page without an observation'),
  bads: z.number().int().min(0).describe('Rows labelled `defaulted: 1`'),
  nextCursor: z.string().optional().describe('Cursor of the next page; absent on the last page'),
});

/** Custom attributes. */
export const AttributePathSchema = z.strictObject({ name: CustomAttributeNameSchema });
export const CustomAttributeResponseSchema = z.object({ attribute: CustomAttributeSchema });
export const CustomAttributesResponseSchema = z.object({ attributes: z.array(CustomAttributeSchema) });

/** RFM quintile fit. */
export const RfmFitCommandSchema = z.strictObject({
  asOf: z
    .union([z.literal('auto'), z.iso.date().transform((d) => new Date(`${d}T00:00:00.000Z`)), z.iso.datetime({ offset: true }).transform((d) => new Date(d))])
    .default('auto')
    .describe('`auto`: the day after the portfolio\'s latest order (historical files); or a date (YYYY-MM-DD, UTC midnight) or date-time'),
});
export const RfmFitResponseSchema = z.object({ fit: RfmFitSchema });
