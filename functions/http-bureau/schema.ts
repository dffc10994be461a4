import { z } from 'zod';
import { CustomerIdSchema } from '../../shared/domain/profile/customer-profile.js';

export const CustomerPathSchema = z.object({ customerId: CustomerIdSchema });
export const ConsentPathSchema = CustomerPathSchema.extend({ consentId: z.string().regex(/^cns_[0-9A-Z]{26}$/) });
export const PullPathSchema = CustomerPathSchema.extend({ pullId: z.string().regex(/^pull_[0-9A-Z]{26}$/) });
