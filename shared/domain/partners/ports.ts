import type { ExtraPut } from '../customers/ports.js';
import type { AssessmentRequest, Engagement, PartnerAssessment } from './partner-model.js';

/** Engagements, one per (partner, customer); `put` overwrites. */
export interface EngagementRepository {
  get(partnerId: string, customerId: string): Promise<Engagement | undefined>;
  put(engagement: Engagement): Promise<void>;
  list(partnerId: string): Promise<Engagement[]>;
  /** Engagement + request written together (one transaction). */
  putWithRequest(engagement: Engagement, request: AssessmentRequest): Promise<void>;
}

export interface AssessmentRepository {
  /** By the partner's idempotency key. */
  getByRef(partnerId: string, externalRef: string): Promise<PartnerAssessment | undefined>;
  listForPartner(partnerId: string, options: { limit: number; cursor?: string }): Promise<{ assessments: PartnerAssessment[]; nextCursor?: string }>;
  /** The item for the profile transaction; fails the transaction if the externalRef is taken. */
  item(assessment: PartnerAssessment): ExtraPut;
  getRequest(partnerId: string, requestId: string): Promise<AssessmentRequest | undefined>;
  listRequests(partnerId: string): Promise<AssessmentRequest[]>;
  /** The request item for the profile transaction (overwrites). */
  requestItem(request: AssessmentRequest): ExtraPut;
}
