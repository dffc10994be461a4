import { ulid } from 'ulid';
import type { AuditEntry, AuditInput } from '../audit/audit-chain.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { ProfileRepository } from '../customers/ports.js';
import { NotFoundError } from '../errors.js';
import {
  assertExpiresInFuture,
  DEFAULT_PARTNER_SCHEMES,
  engagementView,
  isEngagementActive,
  type AssessmentRequest,
  type EngageInput,
  type Engagement,
  type EngagementView,
  type RequestAssessmentInput,
} from './partner-model.js';
import type { EngagementRepository } from './ports.js';

interface Deps {
  engagements: EngagementRepository;
  profiles: Pick<ProfileRepository, 'get'>;
  audit: { append(input: AuditInput): Promise<AuditEntry> };
  clock: Clock;
}

/**
 * Admin side of partner agencies: engage a partner on a customer (the object-level grant
 * behind every partner call), end it, ask for an assessment. Every change is audited
 * (partner, customer id, scope — no customer data). An expiry in the past is refused (422); an
 * engagement past its expiry reads as `expired` and grants nothing.
 */
export const manageEngagements = ({ engagements, profiles, audit, clock }: Deps) => {
  const newEngagement = (partnerId: string, input: Pick<EngageInput, 'customerId' | 'expiresAt' | 'identifierSchemes'>, by: Principal, at: Date): Engagement => ({
    engagementId: `eng_${ulid(at.getTime())}`,
    partnerId,
    customerId: input.customerId,
    scope: 'assess',
    status: 'active',
    identifierSchemes: input.identifierSchemes ?? [...DEFAULT_PARTNER_SCHEMES],
    createdAt: at.toISOString(),
    createdBy: by.principalId,
    ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
  });
  const requireCustomer = async (customerId: string): Promise<void> => {
    const profile = await profiles.get(customerId);
    if (!profile || profile.status !== 'active') throw new NotFoundError(`Customer ${customerId}`);
  };
  return {
    /** Engages (or re-engages, replacing an ended or expired engagement). 201 when new, 200 when already active. */
    async engage(partnerId: string, input: EngageInput, by: Principal): Promise<{ engagement: EngagementView; created: boolean }> {
      assertExpiresInFuture(input.expiresAt, clock.now());
      await requireCustomer(input.customerId);
      const now = clock.now();
      const existing = await engagements.get(partnerId, input.customerId);
      if (isEngagementActive(existing, now) && input.expiresAt === existing.expiresAt && input.identifierSchemes === undefined) return { engagement: existing, created: false };
      const engagement = newEngagement(partnerId, input, by, now);
      await engagements.put(engagement);
      await audit.append({ actor: by.principalId, action: 'partner.engaged', target: `partner:${partnerId}`, details: { customerId: input.customerId, engagementId: engagement.engagementId, scope: 'assess', expiresAt: input.expiresAt ?? null } });
      return { engagement, created: true };
    },
    async list(partnerId: string): Promise<EngagementView[]> {
      const now = clock.now();
      return (await engagements.list(partnerId)).map((e) => engagementView(e, now));
    },
    async end(partnerId: string, customerId: string, by: Principal): Promise<EngagementView> {
      const existing = await engagements.get(partnerId, customerId);
      if (!existing) throw new NotFoundError(`Engagement of ${partnerId} on ${customerId}`);
      if (existing.status === 'ended') return existing;
      const ended: Engagement = { ...existing, status: 'ended', endedAt: clock.now().toISOString() };
      await engagements.put(ended);
      await audit.append({ actor: by.principalId, action: 'partner.engagement_ended', target: `partner:${partnerId}`, details: { customerId, engagementId: existing.engagementId } });
      return ended;
    },
    /** Asks a partner for an assessment: engages it (unless already engaged) and opens a request, in one transaction. */
    async requestAssessment(partnerId: string, input: RequestAssessmentInput, by: Principal): Promise<{ engagement: EngagementView; request: AssessmentRequest }> {
      assertExpiresInFuture(input.expiresAt, clock.now());
      await requireCustomer(input.customerId);
      const now = clock.now();
      const existing = await engagements.get(partnerId, input.customerId);
      const engagement = isEngagementActive(existing, now) ? existing : newEngagement(partnerId, input, by, now);
      const request: AssessmentRequest = {
        requestId: `areq_${ulid(now.getTime())}`,
        partnerId,
        customerId: input.customerId,
        status: 'open',
        requestedAt: now.toISOString(),
        requestedBy: by.principalId,
        ...(input.dueBy ? { dueBy: input.dueBy } : {}),
        ...(input.note ? { note: input.note } : {}),
      };
      await engagements.putWithRequest(engagement, request);
      await audit.append({ actor: by.principalId, action: 'partner.assessment_requested', target: `partner:${partnerId}`, details: { customerId: input.customerId, requestId: request.requestId, engagementId: engagement.engagementId, dueBy: input.dueBy ?? null } });
      return { engagement, request };
    },
  };
};
