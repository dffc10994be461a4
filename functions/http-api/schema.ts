import { z } from 'zod';
import { ApprovalSchema } from '../../shared/domain/approvals/approval.js';
import { CheckpointVerdictSchema } from '../../shared/domain/audit/anchor.js';
import { AuditEntrySchema } from '../../shared/domain/audit/audit-chain.js';
import { ApiKeyRecordSchema } from '../../shared/domain/auth/api-key.js';
import { AlertRowSchema } from '../../shared/domain/console/alerts.js';
import { PortfolioRowSchema, SearchTextSchema } from '../../shared/domain/console/portfolio.js';
import { SubscriptionPatchSchema, SubscriptionSchema } from '../../shared/domain/delivery/subscription.js';
import { EventEnvelopeSchema } from '../../shared/domain/events/envelope.js';
import { DeliveryRecordSchema } from '../../shared/domain/outbound/delivery-record.js';
import { WriteBackRecordSchema } from '../../shared/domain/outbound/write-back-record.js';
import { CustomerIdSchema, CustomerProfileSchema } from '../../shared/domain/profile/customer-profile.js';

/** Path and query inputs of the HTTP API; bodies use the domain's command schemas. */
export const CustomerPathSchema = z.strictObject({ customerId: CustomerIdSchema });
export const KeyPathSchema = z.strictObject({ keyId: z.string().regex(/^[0-9a-z]{20}$/, 'a key id (20 lowercase letters or digits)') });
export const SubscriptionPathSchema = z.strictObject({ subscriptionId: z.string().regex(/^sub_[0-9A-Z]{26}$/, 'a subscription id (sub_…)') });
export const EventsQuerySchema = z.strictObject({
  afterSequence: z.coerce.number().int().nonnegative().optional().describe('Only events with a higher sequence'),
  beforeSequence: z.coerce.number().int().positive().optional().describe('Only events with a lower sequence (with `order=desc`: the page older than the one shown)'),
  order: z.enum(['asc', 'desc']).default('asc').describe('`asc`: by sequence, oldest first (default); `desc`: newest first'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const UpdateSubscriptionSchema = SubscriptionPatchSchema;
export const RotateSecretSchema = z.strictObject({ overlapHours: z.number().int().min(0).max(168).default(24) });
export const PortfolioFilterSchema = z.strictObject({
  grade: z.string().regex(/^[A-Za-z0-9+-]{1,8}$/, 'a grade such as AA or B+').optional(),
  q: SearchTextSchema.optional(),
});

/** Responses. */
export const ProfileResponseSchema = z.object({ profile: CustomerProfileSchema });
export const UpsertResponseSchema = z.object({ profile: CustomerProfileSchema, changedFields: z.array(z.string()) });
export const PortfolioPageSchema = z.object({
  customers: z.array(PortfolioRowSchema),
  nextCursor: z.string().nullable(),
  next: z.string().nullable().describe('Absolute URL of the next page; null on the last page'),
});
export const AlertsResponseSchema = z.object({ alerts: z.array(AlertRowSchema), since: z.string(), until: z.string() });
export const EventsResponseSchema = z.object({ events: z.array(EventEnvelopeSchema) });
export const ApiKeyViewSchema = ApiKeyRecordSchema.omit({ secretHash: true });
export const IssuedKeySchema = z.object({ key: z.string().describe('The plaintext key, shown once'), record: ApiKeyViewSchema });
export const PendingKeySchema = IssuedKeySchema.extend({ approval: ApprovalSchema.describe('The key works once a second person approves this') });
export const SubscriptionViewSchema = SubscriptionSchema.omit({ secrets: true }).extend({
  secrets: z.array(z.object({ hint: z.string(), createdAt: z.string(), expiresAt: z.string().optional() })),
});
export const SubscriptionWithSecretSchema = z.object({ subscription: SubscriptionViewSchema, secret: z.string().describe('The new whsec_ secret, shown once') });
export const PendingSubscriptionSchema = SubscriptionWithSecretSchema.extend({
  approval: ApprovalSchema.describe('The subscription carries personal data: it stays disabled (`pendingApproval`) and delivers nothing until another person approves this'),
});
export const PendingSubscriptionChangeSchema = z.object({
  subscription: SubscriptionViewSchema.describe('As it is: unchanged until the approval is granted'),
  approval: ApprovalSchema.describe('The change widens what a subscription carrying personal data delivers'),
});
export const ReplayResultSchema = z.object({ subscriptionId: z.string(), eventIds: z.array(z.string()), queued: z.number().int() });
export const WriteBackReplayResultSchema = z.object({
  eventId: z.string(),
  customerId: z.string(),
  targets: z.array(z.string()).describe("CRM records the event is queued for again"),
  queued: z.number().int(),
});
export const AuditVerdictSchema = z.object({
  ok: z.boolean().describe('True when every chain verifies and agrees with the latest signed checkpoint'),
  checkpoint: CheckpointVerdictSchema.nullable().describe('The latest checkpoint (signature and link to its predecessor); null before the first'),
  chains: z.array(
    z.object({
      chain: z.string(),
      ok: z.boolean(),
      entries: z.number().int(),
      brokenAt: z.number().int().optional(),
      reason: z.string().optional().describe('Why the chain fails (edited, truncated, head missing, chain missing, unknown chain, checkpoint invalid)'),
      anchoredSeq: z.number().int().optional().describe('The head seq the latest checkpoint signs for (0: none)'),
      unanchored: z.number().int().optional().describe('Entries after the checkpointed head: intact, not yet signed for'),
    }),
  ),
});

/** Filters of `GET /v1/audit/entries` (time range: since inclusive, until exclusive). */
export const AuditEntriesQuerySchema = z.strictObject({
  actor: z.string().min(1).max(200).optional().describe('Who acted (principal id)'),
  action: z.string().regex(/^[a-z][a-z0-9_.]{0,99}$/, 'an action such as policy.approved').optional(),
  object: z.string().min(1).max(300).optional().describe('The entry\'s subject as recorded (`target`), e.g. customer:c-1'),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});
export const AuditEntriesPageSchema = z.object({
  entries: z.array(AuditEntrySchema).describe('In time order (then chain, seq)'),
  nextCursor: z.string().nullable(),
  next: z.string().nullable().describe('Absolute URL of the next page; null on the last page'),
});
export { DeliveryRecordSchema, WriteBackRecordSchema };
