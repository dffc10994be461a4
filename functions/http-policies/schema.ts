import { z } from 'zod';
import { CustomerIdSchema } from '../../shared/domain/profile/customer-profile.js';

/** Path and query inputs of the policies API; bodies use the domain's command schemas. */
export const VersionPathSchema = z.object({ version: z.coerce.number().int().positive().max(999_999_999) });
export const CustomerPathSchema = z.object({ customerId: CustomerIdSchema });
export const RatingsQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
