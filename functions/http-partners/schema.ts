import { z } from 'zod';
import { CustomerIdSchema } from '../../shared/domain/profile/customer-profile.js';
import { PartnerIdSchema } from '../../shared/domain/partners/partner-model.js';
import { AgreementIdSchema } from '../../shared/domain/sharing/agreement.js';
import { DatasetIdSchema } from '../../shared/domain/sharing/datasets.js';

export const PartnerPathSchema = z.object({ partnerId: PartnerIdSchema });
export const EngagementPathSchema = PartnerPathSchema.extend({ customerId: CustomerIdSchema });
export const CustomerPathSchema = z.object({ customerId: CustomerIdSchema });
export const AgreementPathSchema = z.object({ agreementId: AgreementIdSchema });
export const DatasetPathSchema = z.object({ dataset: z.string() });
export const ListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50), cursor: z.string().max(1000).optional() }).strict();
/** Known dataset names; an unknown one is answered like one outside the caller's agreements (403). */
export const KnownDatasetSchema = DatasetIdSchema;
