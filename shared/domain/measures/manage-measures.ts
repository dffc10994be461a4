import { ulid } from 'ulid';
import { z } from 'zod';
import type { Approval } from '../approvals/approval.js';
import type { ManageApprovals } from '../approvals/manage-approvals.js';
import type { AuditInput } from '../audit/audit-chain.js';
import { actorRef, type Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { ExtraPut, ProfileRepository } from '../customers/ports.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { RiskPolicy } from '../rating/policy.js';
import { legacyFreezeMeasure, measureEvents, profileWithMeasures } from './measure-change.js';
import { activeAt, liftMeasure, liftNeedsApproval, MeasureParamsSchema, MeasureTypeSchema, type MeasureRecord } from './measures.js';

/** Port of the measure store (shared/adapters/dynamodb/measure-store.ts). */
export interface MeasureRepository {
  /** One measure, read consistently. */
  get(measureId: string): Promise<MeasureRecord | undefined>;
  /** Several measures by id, read consistently; unknown ids are left out. */
  getMany(measureIds: readonly string[]): Promise<MeasureRecord[]>;
  /** A customer's measures (active, lifted, expired), newest first. */
  listForCustomer(customerId: string): Promise<MeasureRecord[]>;
  /** Active measures whose expiry is at or before `at`, soonest first. */
  expiring(at: Date): Promise<MeasureRecord[]>;
  /** The put of `measure` in a profile transaction: a new one (version 1) must not exist, a changed one must still be at `version - 1`. */
  entry(measure: MeasureRecord): ExtraPut;
}

export const MeasureIdSchema = z.string().regex(/^msr_[0-9A-Za-z_-]{1,100}$/, 'a measure id (msr_…)');

/** Body of `POST /v1/customers/{id}/measures`: a person takes a measure (origin `manual`). */
export const TakeMeasureRequestSchema = z.strictObject({
  type: MeasureTypeSchema,
  params: MeasureParamsSchema.describe('`reduce_limit` only: `keepPercent` (0–100) and/or `capMinor`'),
  reason: z.string().trim().min(3).max(500).describe('Free text for the risk team, told to the CRM as the hold reason: no personal data'),
  alertId: z.string().regex(/^alt_[0-9A-Za-z_-]{1,100}$/, 'an alert id (alt_…)').optional().describe('The alert that led to the measure'),
  expiresAt: z.iso.datetime({ offset: true }).optional().describe('When the measure lifts by itself (`measure.expired`); in the future'),
});
export type TakeMeasureRequest = z.infer<typeof TakeMeasureRequestSchema>;

/** Body of `POST /v1/measures/{measureId}/lift`. */
export const LiftMeasureRequestSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });

/** What taking a measure needs beyond the request: who imposed it and, for idempotent callers, its id. */
export interface TakeMeasure extends TakeMeasureRequest {
  origin: MeasureRecord['origin'];
  takenBy: string;
  /** A caller-chosen id makes taking idempotent: the same id again answers the stored measure. */
  measureId?: string;
}

export type LiftOutcome = { executed: true; measure: MeasureRecord } | { executed: false; approval: Approval };

const MAX_ATTEMPTS = 8;
const HOUR_MS = 3_600_000;

/** Refuses params a type does not take and a `reduce_limit` that reduces nothing, with their paths (422). */
const checkTake = (command: TakeMeasure, now: Date): void => {
  const issues: Array<{ path: string; message: string }> = [];
  const params = command.params;
  if (command.type === 'reduce_limit' && params.keepPercent === undefined && params.capMinor === undefined) issues.push({ path: 'params', message: 'reduce_limit needs keepPercent and/or capMinor' });
  if (command.type !== 'reduce_limit' && Object.keys(params).length > 0) issues.push({ path: 'params', message: `${command.type} takes no params` });
  if (command.expiresAt !== undefined && Date.parse(command.expiresAt) <= now.getTime()) issues.push({ path: 'expiresAt', message: 'must be in the future' });
  if (issues.length) throw new ValidationError('The measure cannot be taken as asked', issues);
};

/**
 * Emergency measures over the measure store and the profile: take, lift (a policy or default one
 * through the approval primitive: `measure.lift`), expire (the sweep) and read. Every change writes
 * the measure, the profile's combined `restrictions` (and the freeze derived from `freeze_all_credit`)
 * and its events (`measure.*`, `customer.frozen` / `.unfrozen` when the credit hold flips) in ONE
 * transaction conditioned on the profile version. Confirmed orders are never touched: a measure only
 * restricts new credit. Without `audit` (the recompute worker) the events are the record.
 */
export const manageMeasures = ({
  profiles,
  measures,
  clock,
  approvals,
  audit,
}: {
  profiles: ProfileRepository;
  measures: MeasureRepository;
  clock: Clock;
  approvals?: ManageApprovals;
  audit?: { append(input: AuditInput): Promise<unknown> };
}) => {
  /** The profile, its active measures (by the ids its restrictions list) and a legacy freeze to adopt. */
  const load = async (customerId: string) => {
    const profile = await profiles.get(customerId);
    if (!profile) throw new NotFoundError(`Customer ${customerId}`);
    if (profile.status === 'merged') throw new ConflictError(`Customer ${customerId} was merged into ${profile.mergedInto ?? 'another customer'}`, { retryable: false });
    const ids = profile.restrictions?.measureIds ?? [];
    const stored = ids.length ? await measures.getMany(ids) : [];
    const legacy = legacyFreezeMeasure(profile);
    return { profile, active: [...stored.filter((m) => m.status === 'active'), ...(legacy ? [legacy] : [])], legacy };
  };

  /** Commits one measure change with the profile, retrying a lost race; `change` re-derives from fresh state. */
  const commit = async (
    customerId: string,
    change: (state: Awaited<ReturnType<typeof load>>, now: Date) => { measure: MeasureRecord; active: MeasureRecord[] } | { done: MeasureRecord },
  ): Promise<{ measure: MeasureRecord; profile: CustomerProfile; changed: boolean }> => {
    for (let attempt = 1; ; attempt++) {
      const state = await load(customerId);
      const now = clock.now();
      const decided = change(state, now);
      if ('done' in decided) return { measure: decided.done, profile: state.profile, changed: false };
      const { profile } = state;
      let sequence = profile.sequence;
      const meta = () => ({ customerId, sequence: (sequence += 1), at: now });
      const shaped = profileWithMeasures(profile, decided.active, now);
      const events = measureEvents(profile, shaped, decided.measure, meta);
      const next: CustomerProfile = { ...shaped, version: profile.version + 1, sequence, updatedAt: now.toISOString() };
      const legacy = state.legacy && state.legacy.measureId !== decided.measure.measureId ? [{ ...state.legacy, version: 1 }] : [];
      try {
        await profiles.commit({ profile: next, expectedVersion: profile.version, events, extraPuts: [decided.measure, ...legacy].map((m) => measures.entry(m)) });
      } catch (error) {
        if (error instanceof ConflictError && error.retryable && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
      // One audit entry per change, named by its most visible effect: a credit hold starting or ending, else the measure event.
      const action = (events.find((e) => e.type === 'customer.frozen' || e.type === 'customer.unfrozen') ?? events[0]!).type;
      await audit?.append({ actor: decided.measure.status === 'active' ? decided.measure.takenBy : (decided.measure.liftedBy ?? 'system'), action, target: `customer:${customerId}`, details: { measureId: decided.measure.measureId, type: decided.measure.type, eventId: events[0]!.id }, personal: { reason: decided.measure.liftReason ?? decided.measure.reason } });
      return { measure: decided.measure, profile: next, changed: true };
    }
  };

  const take = async (customerId: string, command: TakeMeasure) => {
    checkTake(command, clock.now());
    const stored = command.measureId === undefined ? undefined : await measures.get(command.measureId);
    if (stored) return { measure: stored, profile: (await load(customerId)).profile, changed: false };
    return commit(customerId, (state, now) => {
      const existing = command.measureId === undefined ? undefined : state.active.find((m) => m.measureId === command.measureId);
      if (existing) return { done: existing };
      const measure: MeasureRecord = {
        measureId: command.measureId ?? `msr_${ulid(now.getTime())}`,
        customerId,
        type: command.type,
        params: command.params,
        reason: command.reason,
        origin: command.origin,
        ...(command.alertId ? { alertId: command.alertId } : {}),
        takenBy: command.takenBy,
        takenAt: now.toISOString(),
        ...(command.expiresAt ? { expiresAt: new Date(command.expiresAt).toISOString() } : {}),
        status: 'active',
        version: 1,
      };
      return { measure, active: [...state.active, measure] };
    });
  };

  /** Lifts (or expires) one active measure now; a measure that is not active is a MeasureStateError (409). */
  const applyLift = async (measureId: string, reason: string, by: string, expired = false, customerId?: string) => {
    // A legacy freeze is not stored until its first change: found through its customer.
    const measure = (await measures.get(measureId)) ?? (customerId ? (await load(customerId)).active.find((m) => m.measureId === measureId) : undefined);
    if (!measure) throw new NotFoundError(`Measure ${measureId}`);
    return commit(measure.customerId, (state, now) => {
      const current = state.active.find((m) => m.measureId === measureId) ?? measure;
      const lifted = liftMeasure(current, by, now, reason, expired);
      return { measure: lifted, active: state.active.filter((m) => m.measureId !== measureId) };
    });
  };

  const get = async (measureId: string): Promise<MeasureRecord> => {
    const measure = await measures.get(measureId);
    if (!measure) throw new NotFoundError(`Measure ${measureId}`);
    return measure;
  };

  return {
    /** Takes a measure (idempotent on `command.measureId`). 404 unknown customer, 409 merged, 422 params or a past expiry. */
    take,
    get,
    /** A customer's measures, newest first (404 for an unknown customer). */
    async list(customerId: string): Promise<MeasureRecord[]> {
      if (!(await profiles.get(customerId))) throw new NotFoundError(`Customer ${customerId}`);
      return measures.listForCustomer(customerId);
    },
    /** The customer's profile (404 unknown, 409 merged). */
    profile: async (customerId: string): Promise<CustomerProfile> => (await load(customerId)).profile,
    /** The customer's active measures as they stand now (a legacy freeze included). */
    active: async (customerId: string): Promise<MeasureRecord[]> => activeAt((await load(customerId)).active, clock.now()),
    /**
     * Lifts a measure. A manual one is lifted at once; one the policy or the default definition took
     * goes through the approval primitive: the first person asks (pending), a second person's call lifts it.
     */
    async lift(measureId: string, reason: string, principal: Principal): Promise<LiftOutcome> {
      const measure = await get(measureId);
      if (!liftNeedsApproval(measure) || measure.status !== 'active') return { executed: true, measure: (await applyLift(measureId, reason, actorRef(principal))).measure };
      if (!approvals) throw new Error('This composition root cannot ask for approvals');
      const outcome = await approvals.requestOrApprove(
        { action: 'measure.lift', target: `measure:${measureId}`, summary: `Lift ${measure.type} ${measureId} of customer ${measure.customerId} (${measure.origin})`, payload: { measureId, reason } },
        principal,
      );
      return outcome.executed ? { executed: true, measure: (outcome.result as { measure: MeasureRecord }).measure } : { executed: false, approval: outcome.approval };
    },
    /** Lifts at once, as `by` (the freeze route's manual lifts and the executors of granted approvals). */
    liftNow: applyLift,
    /** Executor of a granted `measure.lift`. */
    executeLift: (approval: Approval) => applyLift(String(approval.payload['measureId']), String(approval.payload['reason']), approval.checkers.at(-1)?.by ?? approval.maker),
    /** The expiry sweep (scheduled): each active measure past its `expiresAt` is lifted with `measure.expired`. */
    async sweep(): Promise<{ expired: string[] }> {
      const now = clock.now();
      const expired: string[] = [];
      for (const m of await measures.expiring(now)) {
        try {
          await applyLift(m.measureId, `Expired at ${m.expiresAt!}`, 'system:timer', true);
          expired.push(m.measureId);
        } catch (error) {
          // Lifted meanwhile (another sweep, a person): nothing left to do.
          if (!(error instanceof Error && 'code' in error && error.code === 'measure_transition_refused')) throw error;
        }
      }
      return { expired };
    },
    /**
     * Takes the measures the policy's `measures.onAlert` names for one raised alert (origin `policy`,
     * linked to the alert). Ids derive from the alert id, so a redelivery takes nothing twice.
     */
    async takeOnAlert(customerId: string, alert: { alertId: string; rule: string; message: string }, policy: RiskPolicy): Promise<string[]> {
      const takes = policy.measures.onAlert.filter((r) => r.rule === alert.rule).flatMap((r) => r.take);
      const ids: string[] = [];
      for (const [i, t] of takes.entries()) {
        const measureId = `msr_${alert.alertId.replace(/^alt_/, '')}_${i}`;
        if (!(await measures.get(measureId))) {
          const expiresAt = t.expiresAfterHours === undefined ? undefined : new Date(clock.now().getTime() + t.expiresAfterHours * HOUR_MS).toISOString();
          await take(customerId, {
            measureId,
            type: t.type,
            params: t.params,
            reason: `Alert ${alert.rule} under policy version ${policy.version}: ${alert.message}`.slice(0, 500),
            alertId: alert.alertId,
            origin: 'policy',
            takenBy: `policy:v${policy.version}`,
            ...(expiresAt ? { expiresAt } : {}),
          });
        }
        ids.push(measureId);
      }
      return ids;
    },
  };
};
export type ManageMeasures = ReturnType<typeof manageMeasures>;
