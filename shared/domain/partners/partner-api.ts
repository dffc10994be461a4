import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { z } from 'zod';
import type { AuditEntry, AuditInput } from '../audit/audit-chain.js';
import { canonicalJson } from '../audit/audit-chain.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { ProfileRepository } from '../customers/ports.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import { newEvent } from '../events/new-event.js';
import { CustomerProfileSchema, type CustomerProfile } from '../profile/customer-profile.js';
import {
  assessmentView,
  EngagementSchema,
  isEngagementActive,
  type AssessmentRequest,
  type Engagement,
  type PartnerAssessment,
  type PartnerAssessmentView,
  type SubmitAssessment,
} from './partner-model.js';
import type { AssessmentRepository, EngagementRepository } from './ports.js';

interface Deps {
  engagements: Pick<EngagementRepository, 'get' | 'list'>;
  assessments: AssessmentRepository;
  profiles: ProfileRepository;
  audit: { append(input: AuditInput): Promise<AuditEntry> };
  clock: Clock;
}

/** Assessments kept on the profile per partner (newest); all stay readable in the partner's own store. */
const KEEP_PER_PARTNER = 10;
const MAX_ATTEMPTS = 4;

/**
 * One answer for "unknown customer", "not engaged", "engagement ended or expired" and "customer
 * merged away", so a partner cannot probe which customers exist.
 */
const notEngaged = () => new ForbiddenError('This partner is not engaged on that customer');

export const partnerOf = (by: Principal): string => {
  if (by.role !== 'partner' || !by.tenantRef) throw new ForbiddenError('Only a partner key bound to a partner (tenantRef) may do this');
  return by.tenantRef;
};

const fingerprintOf = (customerId: string, input: SubmitAssessment): string =>
  createHash('sha256').update(canonicalJson({ ...input, customerId }), 'utf8').digest('hex');

/** The reduced customer view a partner gets: no rating, no contact data, no other partners' assessments. */
export const PartnerCustomerViewSchema = z.object({
  customerId: z.string(),
  kind: CustomerProfileSchema.shape.kind,
  legalName: z.string().optional(),
  tradingName: z.string().optional(),
  country: z.string().optional(),
  city: z.string().optional(),
  industry: z.string().optional(),
  identifiers: z.array(z.object({ scheme: z.string(), value: z.string() })).describe('Only the schemes the engagement names'),
  engagement: EngagementSchema.pick({ engagementId: true, scope: true, expiresAt: true }),
  ownAssessments: CustomerProfileSchema.shape.assessments,
});
export type PartnerCustomerView = z.infer<typeof PartnerCustomerViewSchema>;

/**
 * The partner side: submit assessments for engaged customers (idempotent by externalRef; the
 * profile summary and the `assessment.submitted` event in one transaction, so the relay
 * re-rates), read own submissions, read the reduced view of engaged customers.
 */
export const partnerApi = ({ engagements, assessments, profiles, audit, clock }: Deps) => {
  const engagedProfile = async (partnerId: string, customerId: string): Promise<{ engagement: Engagement; profile: CustomerProfile }> => {
    const engagement = await engagements.get(partnerId, customerId);
    if (!isEngagementActive(engagement, clock.now())) throw notEngaged();
    const profile = await profiles.get(customerId);
    if (!profile || profile.status !== 'active') throw notEngaged();
    return { engagement, profile };
  };

  const replayOrConflict = (existing: PartnerAssessment, fingerprint: string): { assessment: PartnerAssessmentView; replayed: true } => {
    if (existing.fingerprint !== fingerprint) throw new ConflictError(`externalRef ${existing.externalRef} was already used for a different assessment`, { retryable: false });
    return { assessment: assessmentView(existing), replayed: true };
  };

  return {
    /** The stored submission as its partner sees it (no fingerprint); `replayed` when the externalRef was already taken by the same content. */
    async submit(input: SubmitAssessment, by: Principal): Promise<{ assessment: PartnerAssessmentView; replayed: boolean }> {
      const partnerId = partnerOf(by);
      const fingerprint = fingerprintOf(input.customerId, input);
      for (let attempt = 1; ; attempt++) {
        const { profile } = await engagedProfile(partnerId, input.customerId);
        const existing = await assessments.getByRef(partnerId, input.externalRef);
        if (existing) return replayOrConflict(existing, fingerprint);
        const request = input.requestId ? await assessments.getRequest(partnerId, input.requestId) : undefined;
        if (input.requestId && (!request || request.customerId !== input.customerId)) throw notEngaged();
        const now = clock.now();
        const { requestId: _r, ...content } = input;
        const assessment: PartnerAssessment = {
          ...content,
          assessmentId: `asm_${ulid(now.getTime())}`,
          partnerId,
          submittedAt: now.toISOString(),
          submittedBy: by.principalId,
          fingerprint,
          ...(input.requestId ? { requestId: input.requestId } : {}),
        };
        const summary = {
          partnerId,
          assessmentId: assessment.assessmentId,
          submittedAt: assessment.submittedAt,
          ...(input.grade !== undefined ? { grade: input.grade } : {}),
          ...(input.pd !== undefined ? { pd: input.pd } : {}),
          ...(input.score !== undefined ? { score: input.score } : {}),
        };
        const own = [...profile.assessments.filter((a) => a.partnerId === partnerId), summary].slice(-KEEP_PER_PARTNER);
        const next: CustomerProfile = {
          ...profile,
          assessments: [...profile.assessments.filter((a) => a.partnerId !== partnerId), ...own],
          version: profile.version + 1,
          sequence: profile.sequence + 1,
          updatedAt: assessment.submittedAt,
        };
        const event = newEvent('assessment.submitted', summary, { customerId: profile.customerId, sequence: next.sequence, at: now });
        try {
          await profiles.commit({
            profile: next,
            expectedVersion: profile.version,
            events: [event],
            extraPuts: [
              assessments.item(assessment),
              ...(request && request.status === 'open' ? [assessments.requestItem({ ...request, status: 'answered', answeredAt: assessment.submittedAt, answeredBy: assessment.assessmentId })] : []),
            ],
          });
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw error;
          continue; // another writer won: re-read (a concurrent retry of this very submission is answered as a replay)
        }
        await audit.append({ actor: by.principalId, action: 'assessment.submitted', target: `customer:${profile.customerId}`, details: { partnerId, assessmentId: assessment.assessmentId }, personal: { externalRef: input.externalRef } });
        return { assessment: assessmentView(assessment), replayed: false };
      }
    },

    /** One page of the partner's own submissions; `cursor` is the store's opaque position of the previous page's `nextCursor`. */
    async list(by: Principal, options: { limit: number; cursor?: string | undefined }): Promise<{ assessments: PartnerAssessmentView[]; nextCursor?: string }> {
      const page = await assessments.listForPartner(partnerOf(by), { limit: options.limit, ...(options.cursor === undefined ? {} : { cursor: options.cursor }) });
      return { assessments: page.assessments.map(assessmentView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },

    /**
     * Requests addressed to the partner: answered ones (its own history) and open ones it can act on,
     * i.e. under an active engagement; an open request whose engagement ended or expired grants nothing.
     */
    async listRequests(by: Principal): Promise<AssessmentRequest[]> {
      const partnerId = partnerOf(by);
      const [requests, engaged] = await Promise.all([assessments.listRequests(partnerId), engagements.list(partnerId)]);
      const now = clock.now();
      const active = new Set(engaged.filter((e) => isEngagementActive(e, now)).map((e) => e.customerId));
      return requests.filter((r) => r.status === 'answered' || active.has(r.customerId));
    },

    async viewCustomer(customerId: string, by: Principal): Promise<PartnerCustomerView> {
      const partnerId = partnerOf(by);
      const { engagement, profile } = await engagedProfile(partnerId, customerId);
      const text = (name: keyof CustomerProfile['fields']): string | undefined => {
        const v = profile.fields[name]?.value;
        return v === undefined ? undefined : String(v);
      };
      const view: PartnerCustomerView = {
        customerId: profile.customerId,
        kind: profile.kind,
        identifiers: profile.identifiers.filter((i) => engagement.identifierSchemes.includes(i.scheme)).map((i) => ({ scheme: i.scheme, value: i.value })),
        engagement: { engagementId: engagement.engagementId, scope: engagement.scope, ...(engagement.expiresAt ? { expiresAt: engagement.expiresAt } : {}) },
        ownAssessments: profile.assessments.filter((a) => a.partnerId === partnerId),
      };
      for (const name of ['legalName', 'tradingName', 'country', 'city', 'industry'] as const) {
        const v = text(name);
        if (v !== undefined) view[name] = v;
      }
      await audit.append({ actor: by.principalId, action: 'partner.customer_read', target: `customer:${customerId}`, details: { partnerId } });
      return view;
    },
  };
};
