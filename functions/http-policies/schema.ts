import { z } from 'zod';
import { CustomerIdSchema } from '../../shared/domain/profile/customer-profile.js';

/** Path and query inputs of the policies API; bodies use the domain's command schemas. */
export const VersionPathSchema = z.object({ version: z.coerce.number().int().positive().max(999_999_999) });
export const CustomerPathSchema = z.object({ customerId: CustomerIdSchema });
export const RatingsQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** Query of GET /v1/policies/training-data. */
export const TrainingDataQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().min(1).max(2000).optional(),
  format: z.enum(['ndjson', 'json']).default('ndjson'),
  observedBefore: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  performanceDays: z.coerce.number().int().min(1).max(3650).optional(),
});
