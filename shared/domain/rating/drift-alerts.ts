import { alertsForEvent, type Alert, type LastFired } from '../alerts/evaluate-alerts.js';
import type { LifecycleAlerts } from '../risk/recompute-rating.js';
import type { DriftPoint } from './drift.js';
import type { RiskPolicy } from './policy.js';

/** The `customerId` of alerts about the whole portfolio rather than one customer (e.g. score drift). */
export const PORTFOLIO_SUBJECT = 'portfolio';

const DRIFT_EVENT = 'rating.drift_detected';

/**
 * Id of the alert `ruleId` raises for the drift point of (policy version, day): a rerun of the day
 * raises the same id, which the lifecycle stores once.
 * @example driftAlertId({ policyVersion: 2, date: '2026-12-08' }, 'score-drift') // 'alt_drift_v2_2026-12-08_score-drift'
 */
export const driftAlertId = (point: Pick<DriftPoint, 'policyVersion' | 'date'>, ruleId: string): string => `alt_drift_v${point.policyVersion}_${point.date}_${ruleId}`;

/**
 * The alerts the policy's event rules raise for a drifted point: portfolio alerts (dedupe detail
 * `v<version>`, so a version's drift folds into one open case) with the point's PSI, threshold and
 * count as evidence. Pure.
 */
export const driftAlerts = (point: DriftPoint, policy: RiskPolicy, lastFired: LastFired = {}): Alert[] =>
  alertsForEvent(DRIFT_EVENT, PORTFOLIO_SUBJECT, policy, new Date(point.checkedAt), lastFired, `v${point.policyVersion}`).map((alert) => ({
    ...alert,
    message: `Score drift under policy v${point.policyVersion} on ${point.date}: PSI ${point.psi.toFixed(3)} above ${point.threshold}`,
    details: { ...alert.details, policyVersion: point.policyVersion, date: point.date, psi: point.psi, threshold: point.threshold, customers: point.customers },
  }));

export interface DriftAlertPorts {
  lifecycle: Pick<LifecycleAlerts, 'raise'>;
  /** Last firing per dedupe key (the alert store's), so a rule's cool-down holds; none when absent. */
  lastFired?(keys: readonly string[]): Promise<LastFired>;
}

/**
 * Raises the alerts of a drifted point in the alert lifecycle under {@link driftAlertId}, caused by
 * its `rating.drift_detected` event when known; answers the stored alerts' ids (an open case of the
 * same dedupe key answers its own id). Nothing for a point below its threshold.
 */
export const raiseDriftAlerts =
  ({ lifecycle, lastFired }: DriftAlertPorts) =>
  async (point: DriftPoint, policy: RiskPolicy, causedBy?: string): Promise<string[]> => {
    if (!point.drifted) return [];
    const keys = driftAlerts(point, policy).map((a) => a.dedupeKey!);
    const fired = keys.length > 0 && lastFired ? await lastFired(keys) : {};
    const ids: string[] = [];
    for (const alert of driftAlerts(point, policy, fired)) {
      const stored = await lifecycle.raise(PORTFOLIO_SUBJECT, alert, { alertId: driftAlertId(point, alert.type), policyVersion: point.policyVersion, ...(causedBy ? { causedBy } : {}) });
      ids.push(stored.alert.alertId);
    }
    return ids;
  };
