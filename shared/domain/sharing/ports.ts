import type { CustomerProfile } from '../profile/customer-profile.js';
import type { StoredAgreement } from './agreement.js';

/**
 * Data-sharing agreements. `create` throws ConflictError when the id is taken; `put` with `expected`
 * writes only over an active agreement last changed at `expected.updatedAt` (else ConflictError).
 */
export interface AgreementRepository {
  create(agreement: StoredAgreement): Promise<void>;
  get(agreementId: string): Promise<StoredAgreement | undefined>;
  put(agreement: StoredAgreement, expected?: { updatedAt: string }): Promise<void>;
  list(): Promise<StoredAgreement[]>;
  listForConsultant(consultantRef: string): Promise<StoredAgreement[]>;
}

/** Golden profiles in a stable order, a page at a time; `cursor` is opaque to the domain. */
export interface ProfilePages {
  page(options: { limit: number; cursor?: string }): Promise<{ profiles: CustomerProfile[]; nextCursor?: string }>;
}
