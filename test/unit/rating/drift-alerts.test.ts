import { describe, expect, it } from 'vitest';
import type { Alert, LastFired } from '../../../shared/domain/alerts/evaluate-alerts.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { driftAlertId, PORTFOLIO_SUBJECT, raiseDriftAlerts } from '../../../shared/domain/rating/drift-alerts.js';
import { runDriftJob, scoreDistribution, type DriftPoint, type DriftSeries } from '../../../shared/domain/rating/drift.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import type { CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';
import { parsePolicy, type RiskPolicy } from '../../../shared/domain/rating/policy.js';
import { tradingProfile } from '../../fixtures/rating/profiles.js';

/** In-memory series with the store's contract: one point per (version, day), the event only with a new point. */
const memorySeries = (): DriftSeries & { points: DriftPoint[]; events: EventEnvelope[] } => {
  const points: DriftPoint[] = [];
  const events: EventEnvelope[] = [];
  return {
    points,
    events,
    async record(point, event) {
      if (points.some((p) => p.policyVersion === point.policyVersion && p.date === point.date)) return false;
      points.push(point);
      if (event) events.push(event);
      return true;
    },
    async list(policyVersion, { limit, after }) {
      const mine = points.filter((p) => p.policyVersion === policyVersion && (after === undefined || p.date > after)).sort((a, b) => a.date.localeCompare(b.date));
      return { points: mine.slice(0, limit) };
    },
  };
};

/** In-memory lifecycle with the contract of `manageAlerts().raise`: idempotent on `alertId`; `fail` makes the next raise throw. */
const memoryLifecycle = () => {
  const stored = new Map<string, { customerId: string; alert: Alert; meta: { policyVersion?: number; causedBy?: string; alertId?: string } }>();
  const state = { fail: false, calls: 0 };
  return {
    stored,
    state,
    async raise(customerId: string, alert: Alert, meta: { policyVersion?: number; causedBy?: string; alertId?: string }) {
      state.calls += 1;
      if (state.fail) throw new Error('alert store unavailable');
      const alertId = meta.alertId!;
      if (!stored.has(alertId)) stored.set(alertId, { customerId, alert, meta });
      return { alert: { alertId } };
    },
  };
};

const rated = (id: string, score: number, policyVersion: number): CustomerProfile => ({
  ...tradingProfile({}, id),
  rating: { status: 'rated', policyVersion, score, grade: 'BB', pd: 0.03, reasons: [], inputsHash: 'h', ratedAt: '2026-12-01T00:00:00.000Z' },
});

async function* profilesOf(list: readonly CustomerProfile[]): AsyncIterable<CustomerProfile> {
  yield* list;
}

/** Version `version` with a development distribution whose scores lay between 100 and 200 (live scores of 600 drift). */
const policyWith = (version: number, rules: RiskPolicy['alerts']['rules'] = DEFAULT_POLICY.alerts.rules): RiskPolicy =>
  parsePolicy({
    ...structuredClone(DEFAULT_POLICY),
    version,
    alerts: { ...structuredClone(DEFAULT_POLICY.alerts), rules },
    training: { dataset: 'dev.csv', rows: 100, target: 'bad', folds: 3, auc: 0.8, ks: 0.4, gini: 0.6, trainedAt: '2026-01-01T00:00:00.000Z', scoreDistribution: scoreDistribution(Array.from({ length: 100 }, (_, i) => 100 + i)) },
  });

const clockAt = (iso: string) => {
  let now = new Date(iso);
  return { now: () => now, set: (next: string) => void (now = new Date(next)) };
};

describe('the drift job raises the event rules of rating.drift_detected', () => {
  const live = [rated('c-1', 600, 4), rated('c-2', 610, 4)];

  it('the default policy carries a warning rule for rating.drift_detected', () => {
    expect(DEFAULT_POLICY.alerts.rules).toContainEqual(expect.objectContaining({ id: 'score-drift', kind: 'event', eventType: 'rating.drift_detected', severity: 'warning' }));
  });

  it('raises each rule as a portfolio alert with a deterministic id, caused by the event, once per day however often the job reruns', async () => {
    // Prepare
    const series = memorySeries();
    const lifecycle = memoryLifecycle();
    const clock = clockAt('2026-12-07T00:05:00.000Z');
    const job = runDriftJob({ activePolicy: async () => policyWith(4), portfolio: { profiles: () => profilesOf(live) }, series, clock, alerts: raiseDriftAlerts({ lifecycle }) });

    // Act: the same day twice.
    const first = await job();
    clock.set('2026-12-07T09:00:00.000Z');
    const rerun = await job();

    // Assess: one alert, about the portfolio, with the evidence of the point.
    const id = driftAlertId({ policyVersion: 4, date: '2026-12-07' }, 'score-drift');
    expect(id).toBe('alt_drift_v4_2026-12-07_score-drift');
    expect(first).toMatchObject({ outcome: 'recorded', point: { drifted: true }, alertIds: [id] });
    expect(rerun).toEqual({ outcome: 'already_recorded', policyVersion: 4, date: '2026-12-07', alertIds: [id] });
    expect([...lifecycle.stored.keys()]).toEqual([id]);
    const raised = lifecycle.stored.get(id)!;
    expect(raised.customerId).toBe(PORTFOLIO_SUBJECT);
    expect(raised.meta).toEqual({ alertId: id, policyVersion: 4, causedBy: series.events[0]!.id });
    expect(raised.alert).toMatchObject({
      type: 'score-drift',
      severity: 'warning',
      dedupeKey: 'score-drift:portfolio:v4',
      details: { kind: 'event', eventType: 'rating.drift_detected', policyVersion: 4, date: '2026-12-07', customers: 2, threshold: 0.25, psi: series.points[0]!.psi },
    });
    expect(raised.alert.message).toContain('v4');
  });

  it('raises the alert of a recorded point on the rerun when the first run failed after recording it', async () => {
    const series = memorySeries();
    const lifecycle = memoryLifecycle();
    const clock = clockAt('2026-12-07T00:05:00.000Z');
    const job = runDriftJob({ activePolicy: async () => policyWith(4), portfolio: { profiles: () => profilesOf(live) }, series, clock, alerts: raiseDriftAlerts({ lifecycle }) });

    lifecycle.state.fail = true;
    await expect(job()).rejects.toThrow('alert store unavailable');
    lifecycle.state.fail = false;
    clock.set('2026-12-07T00:10:00.000Z');
    const retried = await job();

    expect(series.points).toHaveLength(1);
    expect(retried).toMatchObject({ outcome: 'already_recorded', alertIds: ['alt_drift_v4_2026-12-07_score-drift'] });
    expect(lifecycle.stored.get('alt_drift_v4_2026-12-07_score-drift')!.meta).toEqual({ alertId: 'alt_drift_v4_2026-12-07_score-drift', policyVersion: 4 });
  });

  it('raises nothing below the threshold, nothing without an event rule for it, and nothing while the rule cools down', async () => {
    const quiet = memoryLifecycle();
    const steady = await runDriftJob({ activePolicy: async () => policyWith(5), portfolio: { profiles: () => profilesOf(Array.from({ length: 100 }, (_, i) => rated(`c-${i}`, 100 + i, 5))) }, series: memorySeries(), clock: clockAt('2026-12-07T00:05:00.000Z'), alerts: raiseDriftAlerts({ lifecycle: quiet }) })();
    expect(steady).toMatchObject({ outcome: 'recorded', point: { drifted: false }, alertIds: [] });

    const other = await runDriftJob({ activePolicy: async () => policyWith(6, []), portfolio: { profiles: () => profilesOf([rated('c-1', 600, 6)]) }, series: memorySeries(), clock: clockAt('2026-12-07T00:05:00.000Z'), alerts: raiseDriftAlerts({ lifecycle: quiet }) })();
    expect(other).toMatchObject({ outcome: 'recorded', point: { drifted: true }, alertIds: [] });
    expect(quiet.state.calls).toBe(0);

    // The rule's cool-down (12 h in the default policy): fired 11 hours ago on the same key is quiet, 13 hours ago is not.
    const asked: string[][] = [];
    const lastFired = (at: string) => async (keys: readonly string[]): Promise<LastFired> => {
      asked.push([...keys]);
      return { 'score-drift:portfolio:v7': at };
    };
    const cooling = await runDriftJob({ activePolicy: async () => policyWith(7), portfolio: { profiles: () => profilesOf([rated('c-1', 600, 7)]) }, series: memorySeries(), clock: clockAt('2026-12-07T12:00:00.000Z'), alerts: raiseDriftAlerts({ lifecycle: quiet, lastFired: lastFired('2026-12-07T01:00:00.000Z') }) })();
    expect(cooling).toMatchObject({ outcome: 'recorded', alertIds: [] });
    expect(asked).toEqual([['score-drift:portfolio:v7']]);
    const cooled = await runDriftJob({ activePolicy: async () => policyWith(7), portfolio: { profiles: () => profilesOf([rated('c-1', 600, 7)]) }, series: memorySeries(), clock: clockAt('2026-12-07T14:00:00.000Z'), alerts: raiseDriftAlerts({ lifecycle: quiet, lastFired: lastFired('2026-12-07T01:00:00.000Z') }) })();
    expect(cooled).toMatchObject({ outcome: 'recorded', alertIds: ['alt_drift_v7_2026-12-07_score-drift'] });
  });
});
