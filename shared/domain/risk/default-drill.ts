import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { ProfileRepository } from '../customers/ports.js';
import { NotFoundError } from '../errors.js';
import { MoneySchema } from '../money.js';
import { CustomerIdSchema, type CustomerProfile } from '../profile/customer-profile.js';
import { AlertSchema } from '../rating/alerts.js';
import { RatingResultSchema, ReasonCodeSchema } from '../rating/rating-result.js';
import type { AuditPort, PolicyRepository } from './ports.js';
import { decideRating } from './recompute-rating.js';

/** Body of `POST /v1/drills/default`. */
export const DefaultDrillSchema = z.strictObject({ customerId: CustomerIdSchema });

/** What a default drill reports: the rating now, the rating it would get, and what would happen. */
export const DefaultDrillResultSchema = z.object({
  customerId: z.string(),
  policyVersion: z.number().int().positive(),
  simulated: z.object({ daysPastDue: z.number().int(), note: z.string() }),
  current: z.object({ status: RatingResultSchema.shape.status, grade: z.string().optional(), limit: MoneySchema.optional() }).optional(),
  wouldBe: z
    .object({ status: RatingResultSchema.shape.status, grade: z.string().optional(), pd: z.number().optional(), limit: MoneySchema.optional(), reasons: z.array(ReasonCodeSchema) })
    .optional()
    .describe('Absent when nothing a receiver could see would change'),
  alerts: z.array(AlertSchema),
  measures: z.array(z.enum(['freeze_limit'])),
  wouldFreeze: z.boolean(),
  alreadyFrozen: z.boolean(),
  events: z.array(z.string()).describe('Types of the events that would be emitted, in order'),
});
export type DefaultDrillResult = z.infer<typeof DefaultDrillResultSchema>;

const DAY_MS = 86_400_000;

/**
 * Default drill: what WOULD happen if this customer's oldest open invoice reached the active
 * policy's default definition now. Runs the worker's own decision (`decideRating`) on an
 * in-memory copy of the profile with one synthetic open invoice due `defaultDpd` days ago, and
 * reports the alerts, the emergency measures, the resulting grade and limit and the event types
 * that would be emitted. Writes nothing except an audit entry that the drill ran.
 */
export const defaultDrill =
  ({ profiles, policies, audit, clock }: { profiles: ProfileRepository; policies: Pick<PolicyRepository, 'active'>; audit: AuditPort; clock: Clock }) =>
  async (customerId: string, actor: string): Promise<DefaultDrillResult> => {
    const profile = await profiles.get(customerId);
    if (!profile) throw new NotFoundError(`Customer ${customerId}`);
    const { record } = await policies.active();
    const policy = record.policy;
    const now = clock.now();
    const dueAt = new Date(now.getTime() - policy.grades.defaultDpd * DAY_MS).toISOString();
    const exposure = profile.aggregates.exposure;
    const simulated: CustomerProfile = {
      ...profile,
      aggregates: {
        ...profile.aggregates,
        exposure: {
          ...exposure,
          openInvoiceCount: exposure.openInvoiceCount + 1,
          oldestOpenDueAt: exposure.oldestOpenDueAt && exposure.oldestOpenDueAt < dueAt ? exposure.oldestOpenDueAt : dueAt,
          maxDaysPastDue: Math.max(exposure.maxDaysPastDue, policy.grades.defaultDpd),
        },
      },
    };
    const decision = decideRating(simulated, policy, now);
    const result: DefaultDrillResult = {
      customerId,
      policyVersion: policy.version,
      simulated: { daysPastDue: policy.grades.defaultDpd, note: 'one synthetic open invoice due defaultDpd days ago; nothing was written' },
      current: profile.rating ? { status: profile.rating.status, grade: profile.rating.grade, limit: profile.rating.limit?.recommended } : undefined,
      wouldBe: decision
        ? { status: decision.rating.status, grade: decision.rating.grade, pd: decision.rating.pd, limit: decision.rating.limit?.recommended, reasons: decision.rating.reasons }
        : undefined,
      alerts: decision?.alerts ?? [],
      measures: (decision?.alerts ?? []).flatMap((a) => (a.measure ? [a.measure] : [])),
      wouldFreeze: decision?.freeze ?? false,
      alreadyFrozen: profile.freeze !== undefined,
      events: decision?.events.map((e) => e.type) ?? [],
    };
    await audit.append({ actor, action: 'drill.default', target: `customer:${customerId}`, details: { policyVersion: policy.version, wouldFreeze: result.wouldFreeze, events: result.events } });
    return result;
  };
