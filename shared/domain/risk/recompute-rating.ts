import { ulid } from 'ulid';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { ProfileRepository } from '../customers/ports.js';
import { ConflictError } from '../errors.js';
import type { EventEnvelope } from '../events/envelope.js';
import { newEvent } from '../events/new-event.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { evaluateAlerts, evaluateRules, type Alert } from '../alerts/evaluate-alerts.js';
import type { RiskPolicy } from '../rating/policy.js';
import { compareRatings, rateProfile, sameRatingInputs, type RatingContext } from '../rating/rate-profile.js';
import type { RfmFitStore } from '../rating/rfm.js';
import type { RatingResult } from '../rating/rating-result.js';
import type { PolicyRepository, RatingHistory } from './ports.js';

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
  ratingChanged: boolean;
  limitChanged: boolean;
  events: EventEnvelope[];
}

/**
 * Decides what a new rating of `profile` under `policy` at `now` changes, without writing:
 * the new rating, alerts, the emergency freeze on default, and the events in sequence order
 * (`rating.changed`, `limit.changed`, `alert.raised`…, `customer.frozen`). `undefined` when
 * nothing a receiver could see changed (the stored rating is kept, so replays write nothing).
 * Shared by the recompute worker and the default drill.
 */
export const decideRating = (profile: CustomerProfile, policy: RiskPolicy, now: Date, context: RatingContext = {}): RatingDecision | undefined => {
  const previous = profile.rating;
  let rating = rateProfile(profile, policy, now, context);
  const alerts = [...evaluateAlerts(previous, rating, profile, policy), ...evaluateRules(previous, rating, profile, policy)];
  const freezeAlert = alerts.find((a) => a.measure === 'freeze_limit');
  let next: CustomerProfile = profile;
  const alertIds = alerts.map(() => `alt_${ulid(now.getTime())}`);
  if (freezeAlert) {
    next = {
      ...profile,
      freeze: { reason: `Default definition met under policy version ${policy.version}: ${freezeAlert.message}`, frozenAt: now.toISOString(), by: `policy:v${policy.version}` },
    };
    rating = rateProfile(next, policy, now, context);
  }
  const cmp = compareRatings(previous, rating, policy);
  if (!cmp.ratingChanged && !cmp.limitChanged && alerts.length === 0) {
    // Nothing to publish. Keep the stored rating's inputs current (features, hash) when they moved,
    // so the profile never shows features that no longer hold; identical inputs write nothing.
    if (sameRatingInputs(previous?.inputsHash, rating)) return undefined;
    return {
      profile: { ...next, rating, version: profile.version + 1, updatedAt: now.toISOString() },
      rating,
      alerts: [],
      freeze: false,
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
  if (freezeAlert && next.freeze) {
    events.push(newEvent('customer.frozen', { ...next.freeze, alertId: alertIds[alerts.indexOf(freezeAlert)]! }, meta()));
  }
  return {
    profile: { ...next, rating, version: profile.version + 1, sequence, updatedAt: now.toISOString() },
    rating,
    alerts,
    freeze: freezeAlert !== undefined,
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
  raise(customerId: string, alert: Alert, meta: { policyVersion?: number; causedBy?: string; alertId?: string }): Promise<unknown>;
}

/**
 * Stores the alerts of a committed decision in the alert lifecycle, each under the `alertId` of its
 * `alert.raised` event (caused by that event): raising the same event again writes nothing.
 */
export const storeRaisedAlerts = async (lifecycle: LifecycleAlerts, customerId: string, decision: Pick<RatingDecision, 'alerts' | 'events'>, policyVersion: number): Promise<void> => {
  const raised = decision.events.filter((e) => e.type === 'alert.raised');
  for (const [i, event] of raised.entries()) {
    const alert = decision.alerts[i];
    const alertId = (event.data as { alertId?: unknown }).alertId;
    if (!alert || typeof alertId !== 'string') continue;
    await lifecycle.raise(customerId, alert, { alertId, policyVersion, causedBy: event.id });
  }
};

export const recomputeRating =
  ({ profiles, policies, history, clock, alerts, rfmFits }: { profiles: ProfileRepository; policies: Pick<PolicyRepository, 'active'>; history: Pick<RatingHistory, 'entry'>; clock: Clock; alerts?: LifecycleAlerts; rfmFits?: Pick<RfmFitStore, 'get'> }) =>
  async (message: RecomputeMessage): Promise<RecomputeOutcome> => {
    for (let attempt = 1; ; attempt++) {
      const profile = await profiles.get(message.customerId);
      if (!profile) return { outcome: 'skipped', reason: 'not_found' };
      if (profile.status === 'merged') return { outcome: 'skipped', reason: 'merged' };
      // A pending stub (activity before its account) is not a customer yet: never rated.
      if (profile.status === 'pending') return { outcome: 'skipped', reason: 'pending' };
      const { record } = await policies.active();
      // The stored RFM fit is read only when the active policy scores on it (`rfm.edges: 'fitted'`).
      const rfmFit = record.policy.rfm.edges === 'fitted' ? await rfmFits?.get() : undefined;
      const decision = decideRating(profile, record.policy, clock.now(), { rfmFit });
      if (!decision) return { outcome: 'unchanged', policyVersion: record.policy.version };
      try {
        const silent = decision.events.length === 0;
        await profiles.commit({
          profile: decision.profile,
          expectedVersion: profile.version,
          events: decision.events,
          extraPuts: silent ? [] : [history.entry(profile.customerId, decision.profile.sequence, decision.rating)],
        });
        if (silent) return { outcome: 'refreshed', policyVersion: record.policy.version };
        if (alerts) await storeRaisedAlerts(alerts, profile.customerId, decision, record.policy.version);
        return { outcome: 'updated', policyVersion: record.policy.version, events: decision.events.map((e) => e.type), frozen: decision.freeze };
      } catch (error) {
        if (error instanceof ConflictError && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
    }
  };
