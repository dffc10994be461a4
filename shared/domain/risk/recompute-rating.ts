import { ulid } from 'ulid';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { ProfileRepository } from '../customers/ports.js';
import { ConflictError } from '../errors.js';
import type { EventEnvelope } from '../events/envelope.js';
import { newEvent } from '../events/new-event.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { alertsForEvent, evaluateAlerts, evaluateRules, type Alert } from '../alerts/evaluate-alerts.js';
import { detectAssessmentConflict } from '../partners/assessment-conflict.js';
import type { RiskPolicy } from '../rating/policy.js';
import { compareRatings, rateProfile, sameRatingInputs, type RatingContext } from '../rating/rate-profile.js';
import type { RfmFitStore } from '../rating/rfm.js';
import type { RatingResult } from '../rating/rating-result.js';
import type { PolicyRepository, RatingHistory } from './ports.js';
import type { MeasureRepository } from '../measures/manage-measures.js';
import { measureEvents, profileWithMeasures, restrictRating } from '../measures/measure-change.js';
import type { MeasureRecord } from '../measures/measures.js';

/** Body of a message on the `recompute` FIFO queue (group = customer). */
export const RecomputeMessageSchema = z.object({
  customerId: z.string().min(1),
  /** The event id (or `schedule:…`, `policy:…`) that asked for the recompute; for tracing only. */
  causedBy: z.string().min(1),
});
export type RecomputeMessage = z.infer<typeof RecomputeMessageSchema>;

export type RecomputeOutcome =
  | { outcome: 'skipped'; reason: 'not_found' | 'merged' | 'pending' }
  | { outcome: 'unchanged'; policyVersion: number }
  /** Inputs changed (e.g. a partner assessment on a thin profile) but nothing a receiver sees: stored silently. */
  | { outcome: 'refreshed'; policyVersion: number }
  | { outcome: 'updated'; policyVersion: number; events: string[]; frozen: boolean };

const PUBLISHED_CHANGES = new Set(['status', 'score', 'grade', 'pd', 'policyVersion']);
const MAX_ATTEMPTS = 8;

const snapshot = (r: RatingResult) => ({
  status: r.status,
  policyVersion: r.policyVersion,
  ...(r.score !== undefined ? { score: r.score } : {}),
  ...(r.grade !== undefined ? { grade: r.grade } : {}),
  ...(r.pd !== undefined ? { pd: r.pd } : {}),
  reasons: r.reasons,
  ratedAt: r.ratedAt,
});

const limitSnapshot = (r: RatingResult) => (r.limit ? { recommended: r.limit.recommended, factors: r.limit.factors, policyVersion: r.policyVersion } : undefined);

export interface RatingDecision {
  /** The profile to store (rating set; frozen when the policy's emergency measure applied). */
  profile: CustomerProfile;
  rating: RatingResult;
  alerts: Alert[];
  freeze: boolean;
  /** Measures to write with the profile (the default definition's `freeze_all_credit`). */
  measures: MeasureRecord[];
  ratingChanged: boolean;
  limitChanged: boolean;
  events: EventEnvelope[];
}

/**
 * Decides what a new rating of `profile` under `policy` at `now` changes, without writing:
 * the new rating, alerts, the emergency freeze on default, and the events in sequence order
 * (`rating.changed`, `limit.changed`, `alert.raised`…, `customer.frozen`). `undefined` when
 * nothing a receiver could see changed (the stored rating is kept, so replays write nothing).
 * The limit is the rated one under the profile's emergency-measure restrictions (`restrictedLimit`);
 * the default definition's freeze is a `freeze_all_credit` measure (origin `default`) combined with
 * `activeMeasures`, the customer's measures in force. Shared by the recompute worker and the default drill.
 */
export const decideRating = (profile: CustomerProfile, policy: RiskPolicy, now: Date, activeMeasures: readonly MeasureRecord[] = [], context: RatingContext = {}): RatingDecision | undefined => {
  const previous = profile.rating;
  let rating = restrictRating(rateProfile(profile, policy, now, context), profile.restrictions);
  // A new partner assessment that disagrees beyond the policy's threshold flags the profile; event rules turn it into an alert.
  const conflict = detectAssessmentConflict(profile, policy, now);
  const alerts = [
    ...evaluateAlerts(previous, rating, profile, policy),
    ...evaluateRules(previous, rating, profile, policy),
    ...(conflict ? alertsForEvent('assessment.conflict_detected', profile.customerId, policy, now, {}, conflict.assessmentId) : []),
  ];
  const freezeAlert = alerts.find((a) => a.measure === 'freeze_limit');
  let next: CustomerProfile = conflict
    ? {
        ...profile,
        partnerConflict: {
          assessmentId: conflict.assessmentId,
          partnerId: conflict.partnerId,
          against: conflict.against,
          ...(conflict.otherPartnerId !== undefined ? { otherPartnerId: conflict.otherPartnerId } : {}),
          logitDistance: conflict.logitDistance,
          notches: conflict.notches,
          detectedAt: conflict.detectedAt,
        },
      }
    : profile;
  const alertIds = alerts.map(() => `alt_${ulid(now.getTime())}`);
  const measures: MeasureRecord[] = [];
  if (freezeAlert) {
    measures.push({
      measureId: `msr_${ulid(now.getTime())}`,
      customerId: profile.customerId,
      type: 'freeze_all_credit',
      params: {},
      reason: `Default definition met under policy version ${policy.version}: ${freezeAlert.message}`.slice(0, 500),
      origin: 'default',
      alertId: alertIds[alerts.indexOf(freezeAlert)]!,
      takenBy: `policy:v${policy.version}`,
      takenAt: now.toISOString(),
      status: 'active',
      version: 1,
    });
    next = profileWithMeasures(next, [...activeMeasures, ...measures], now);
    rating = restrictRating(rateProfile(next, policy, now, context), next.restrictions);
  }
  const cmp = compareRatings(previous, rating, policy);
  if (!cmp.ratingChanged && !cmp.limitChanged && alerts.length === 0 && !conflict) {
    // Nothing to publish. Keep the stored rating's inputs current (features, hash) when they moved,
    // so the profile never shows features that no longer hold; identical inputs write nothing.
    if (sameRatingInputs(previous?.inputsHash, rating)) return undefined;
    return {
      profile: { ...next, rating, version: profile.version + 1, updatedAt: now.toISOString() },
      rating,
      alerts: [],
      freeze: false,
      measures: [],
      ratingChanged: false,
      limitChanged: false,
      events: [],
    };
  }

  let sequence = profile.sequence;
  const meta = () => ({ customerId: profile.customerId, sequence: (sequence += 1), at: now });
  const events: EventEnvelope[] = [];
  if (cmp.ratingChanged) {
    events.push(
      newEvent(
        'rating.changed',
        {
          ...(previous ? { previous: snapshot(previous) } : {}),
          current: snapshot(rating),
          changed: cmp.changedFields.filter((f): f is 'status' | 'score' | 'grade' | 'pd' | 'policyVersion' => PUBLISHED_CHANGES.has(f)),
        },
        meta(),
      ),
    );
  }
  if (conflict) events.push(newEvent('assessment.conflict_detected', conflict, meta()));
  const currentLimit = limitSnapshot(rating);
  if (cmp.limitChanged && currentLimit) {
    const previousLimit = previous ? limitSnapshot(previous) : undefined;
    events.push(newEvent('limit.changed', { ...(previousLimit ? { previous: previousLimit } : {}), current: currentLimit, reasons: rating.reasons }, meta()));
  }
  alerts.forEach((alert, i) => {
    events.push(
      newEvent(
        'alert.raised',
        {
          alertId: alertIds[i]!,
          rule: alert.type,
          severity: alert.severity,
          message: alert.message,
          measures: alert.measure ? [alert.measure] : [],
          policyVersion: policy.version,
          raisedAt: now.toISOString(),
        },
        meta(),
      ),
    );
  });
  for (const measure of measures) events.push(...measureEvents(profile, next, measure, meta));
  return {
    profile: { ...next, rating, version: profile.version + 1, sequence, updatedAt: now.toISOString() },
    rating,
    alerts,
    freeze: freezeAlert !== undefined,
    measures,
    ratingChanged: cmp.ratingChanged,
    limitChanged: cmp.limitChanged,
    events,
  };
};

/**
 * The recompute worker's use case: loads the profile and the active policy, rates, and when
 * something changed writes the profile (rating, freeze), a rating history item and the events
 * in ONE transaction conditioned on the profile version (retried on a lost race). Idempotent:
 * a replayed message that changes nothing writes nothing. Merged profiles and pending stubs are skipped.
 * With `alerts`, the raised alerts then enter the alert lifecycle (stored, folded by dedupe key).
 */
/** Where raised alerts become lifecycle alerts (`manageAlerts().raise`): idempotent on `alertId`, folding an open dedupe key. */
export interface LifecycleAlerts {
  raise(customerId: string, alert: Alert, meta: { policyVersion?: number; causedBy?: string; alertId?: string }): Promise<{ alert: { alertId: string } }>;
  /** Records on the alert the measures it led to (idempotent). */
  linkMeasures?(alertId: string, measureIds: readonly string[]): Promise<unknown>;
}

/** The measure side of the recompute worker: the store's reads and transaction items, and the policy's `measures.onAlert`. */
export interface RecomputeMeasures extends Pick<MeasureRepository, 'getMany' | 'entry'> {
  /** Takes the measures the policy names for a raised lifecycle alert, idempotently; answers their ids. */
  takeOnAlert?(customerId: string, alert: { alertId: string; rule: string; message: string }, policy: RiskPolicy): Promise<string[]>;
}

/**
 * Stores the alerts of a committed decision in the alert lifecycle, each under the `alertId` of its
 * `alert.raised` event (caused by that event): raising the same event again writes nothing. With
 * `measures`, each stored alert then takes the policy's `measures.onAlert` (ids derived from the alert
 * id, so a redelivery takes nothing twice) and records them, and the decision's measures, on the alert.
 */
export const storeRaisedAlerts = async (
  lifecycle: LifecycleAlerts,
  customerId: string,
  decision: Pick<RatingDecision, 'alerts' | 'events'> & Partial<Pick<RatingDecision, 'measures'>>,
  policyVersion: number,
  onAlert?: { measures: RecomputeMeasures; policy: RiskPolicy },
): Promise<void> => {
  const raised = decision.events.filter((e) => e.type === 'alert.raised');
  for (const [i, event] of raised.entries()) {
    const alert = decision.alerts[i];
    const alertId = (event.data as { alertId?: unknown }).alertId;
    if (!alert || typeof alertId !== 'string') continue;
    const stored = await lifecycle.raise(customerId, alert, { alertId, policyVersion, causedBy: event.id });
    const linked = (decision.measures ?? []).filter((m) => m.alertId === alertId).map((m) => m.measureId);
    const taken = onAlert?.measures.takeOnAlert ? await onAlert.measures.takeOnAlert(customerId, { alertId: stored.alert.alertId, rule: alert.type, message: alert.message }, onAlert.policy) : [];
    if (linked.length + taken.length > 0) await lifecycle.linkMeasures?.(stored.alert.alertId, [...linked, ...taken]);
  }
};

export const recomputeRating =
  ({ profiles, policies, history, clock, alerts, measures, rfmFits }: { profiles: ProfileRepository; policies: Pick<PolicyRepository, 'active'>; history: Pick<RatingHistory, 'entry'>; clock: Clock; alerts?: LifecycleAlerts; measures?: RecomputeMeasures; rfmFits?: Pick<RfmFitStore, 'get'> }) =>
  async (message: RecomputeMessage): Promise<RecomputeOutcome> => {
    for (let attempt = 1; ; attempt++) {
      const profile = await profiles.get(message.customerId);
      if (!profile) return { outcome: 'skipped', reason: 'not_found' };
      if (profile.status === 'merged') return { outcome: 'skipped', reason: 'merged' };
      // A pending stub (activity before its account) is not a customer yet: never rated.
      if (profile.status === 'pending') return { outcome: 'skipped', reason: 'pending' };
      const { record } = await policies.active();
      const activeIds = profile.restrictions?.measureIds ?? [];
      const active = measures && activeIds.length > 0 ? (await measures.getMany(activeIds)).filter((m) => m.status === 'active') : [];
      // The stored RFM fit is read only when the active policy scores on it (`rfm.edges: 'fitted'`).
      const rfmFit = record.policy.rfm.edges === 'fitted' ? await rfmFits?.get() : undefined;
      const decision = decideRating(profile, record.policy, clock.now(), active, { rfmFit });
      if (!decision) return { outcome: 'unchanged', policyVersion: record.policy.version };
      if (decision.measures.length > 0 && !measures) throw new Error('This composition root has no measure store: it cannot take the default definition\'s measure');
      try {
        const silent = decision.events.length === 0;
        await profiles.commit({
          profile: decision.profile,
          expectedVersion: profile.version,
          events: decision.events,
          extraPuts: silent ? [] : [history.entry(profile.customerId, decision.profile.sequence, decision.rating), ...decision.measures.map((m) => measures!.entry(m))],
        });
        if (silent) return { outcome: 'refreshed', policyVersion: record.policy.version };
        if (alerts) await storeRaisedAlerts(alerts, profile.customerId, decision, record.policy.version, measures ? { measures, policy: record.policy } : undefined);
        return { outcome: 'updated', policyVersion: record.policy.version, events: decision.events.map((e) => e.type), frozen: decision.freeze };
      } catch (error) {
        if (error instanceof ConflictError && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
    }
  };
