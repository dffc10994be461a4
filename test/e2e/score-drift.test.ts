import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, demoCustomerId, seedDemoPortfolio } from '../../infra/local/demo-portfolio.js';
import { apiClient } from '../../infra/local/seed.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { EventEnvelopeSchema, type EventEnvelope } from '../../shared/domain/events/envelope.js';
import { DEFAULT_POLICY } from '../../shared/domain/rating/default-policy.js';
import { addPerson, subscribeReceiver } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const CUSTOMERS = 6;
const WAIT_MS = 90_000;

/**
 * Version 2: the default scorecard with a stored development distribution whose scores lay far
 * below anything the demo portfolio scores (three bins: < 100, 100–200, ≥ 200), so today's
 * scores have drifted (PSI ≈ 1.4 > 0.25).
 */
const v2 = {
  ...structuredClone(DEFAULT_POLICY),
  version: 2,
  name: 'Default scorecard with its development distribution',
  status: 'draft',
  training: {
    dataset: 'development.csv', rows: 1000, target: 'bad', folds: 5, auc: 0.8, ks: 0.45, gini: 0.6, trainedAt: '2026-06-01T00:00:00.000Z',
    scoreDistribution: { edges: [100, 200], shares: [0.1, 0.1, 0.8], rows: 1000 },
  },
};

/** The local-only clock route (not part of the API contract). */
const advance = async (t: TestHub, seconds: number): Promise<Array<{ functionId: string }>> => {
  const response = await t.api('POST', '/__local/clock/advance', { body: { seconds }, key: null });
  expect(response.status, response.text).toBe(200);
  return response.json.ran;
};

const until = async (condition: () => Promise<boolean>, what: string): Promise<void> => {
  for (const deadline = Date.now() + WAIT_MS; !(await condition()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

describe('score drift job in the hub', () => {
  let t: TestHub;
  let receiver: WebhookReceiver;
  const customerIds = DEMO_CUSTOMERS.slice(0, CUSTOMERS).map((c) => demoCustomerId(c.id));

  beforeAll(async () => {
    t = await startTestHub();
    receiver = await startWebhookReceiver();
    await subscribeReceiver(t, receiver, '/hooks/drift', ['rating.drift_detected']);
  });
  afterAll(async () => {
    await receiver?.stop();
    await t?.stop();
  });

  it('writes one PSI point per day for the active version when the clock passes the daily schedule, emits rating.drift_detected, raises one portfolio alert, and pages the series', async () => {
    // Prepare: rated customers, then version 2 (with a stored distribution) active and rating them.
    await seedDemoPortfolio(apiClient(t.hub.url, t.adminKey), t.hub.clock.now(), { customers: CUSTOMERS });
    expect((await t.api('POST', '/v1/policies', { body: v2 })).status).toBe(201);
    expect((await t.api('POST', '/v1/policies/2/backtest')).status).toBe(200);
    const second = await addPerson(t, 'drift-officer', ['approver']);
    expect((await t.api('POST', '/v1/policies/2/approve', { key: second.key })).status).toBe(200);
    expect((await t.api('POST', '/v1/policies/2/activate', { key: second.key })).status).toBe(202);
    expect((await t.api('POST', '/v1/policies/2/activate')).status).toBe(200);
    const scores = async (): Promise<number[]> => {
      const rows = (await t.api('GET', '/v1/customers?limit=200')).json.customers as Array<{ customerId: string }>;
      const profiles = await Promise.all(rows.filter((r) => customerIds.includes(r.customerId)).map(async (r) => (await t.api('GET', `/v1/customers/${encodeURIComponent(r.customerId)}`)).json.profile));
      return profiles.filter((p) => p.rating?.policyVersion === 2 && p.rating.status === 'rated').map((p) => p.rating.score as number);
    };
    await until(async () => (await scores()).length === CUSTOMERS, 'ratings under version 2');
    const live = await scores();
    expect(Math.min(...live)).toBeGreaterThanOrEqual(200);
    expect((await t.api('GET', '/v1/policies/2/drift')).json).toMatchObject({ points: [], nextCursor: null });

    // Act: the clock passes the daily schedule, then a second passes and the job reruns the same day, then another day.
    const day1 = await advance(t, 25 * 3600);
    const same = await advance(t, 1);
    const rerun = (await t.hub.runSchedule('checkScoreDrift')) as { outcome: string; date: string };
    const driftCases = async (): Promise<Array<Record<string, unknown>>> => {
      const response = await t.api('GET', '/v1/alert-cases?rule=score-drift');
      expect(response.status, response.text).toBe(200);
      return response.json.alerts;
    };
    const sameDay = await driftCases();
    const day2 = await advance(t, 24 * 3600);

    // Assess: one run per day, one point per day, the event of each drifted day delivered.
    expect(day1.map((r) => r.functionId)).toContain('checkScoreDrift');
    expect(same.map((r) => r.functionId)).not.toContain('checkScoreDrift');
    expect(day2.map((r) => r.functionId)).toContain('checkScoreDrift');
    const all = await t.api('GET', '/v1/policies/2/drift');
    expect(all.status, all.text).toBe(200);
    const points = all.json.points as Array<{ date: string; psi: number; customers: number; drifted: boolean; shares: number[]; expected: number[] }>;
    expect(points).toHaveLength(2);
    expect(points[0]!.date < points[1]!.date).toBe(true);
    // Every score is ≥ 200: live shares [0, 0, 1] against [0.1, 0.1, 0.8], empty bins floored at 1e-4.
    const expectedPsi = 2 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1) + 0.2 * Math.log(1 / 0.8);
    for (const p of points) expect(p).toMatchObject({ customers: CUSTOMERS, drifted: true, shares: [0, 0, 1], expected: [0.1, 0.1, 0.8], psi: expect.closeTo(expectedPsi, 9) });

    const drifts = (): EventEnvelope[] => receiver.effective().map((d) => EventEnvelopeSchema.parse(JSON.parse(d.body))).filter((e) => e.type === 'rating.drift_detected');
    await receiver.waitFor(() => drifts().length >= 2, WAIT_MS);
    expect(drifts().map((e) => e.data['policyVersion'])).toEqual([2, 2]);
    expect(drifts()[0]!.data).toMatchObject({ customers: CUSTOMERS, threshold: 0.25, baselineSource: 'training' });

    // The default policy's event rule raised one portfolio alert for the day, whatever the rerun did;
    // the next day's drift folds into the open case.
    expect(rerun).toMatchObject({ outcome: 'already_recorded', date: points[0]!.date });
    expect(sameDay).toHaveLength(1);
    expect(sameDay[0]).toMatchObject({
      alertId: `alt_drift_v2_${points[0]!.date}_score-drift`,
      customerId: 'portfolio',
      rule: 'score-drift',
      kind: 'event',
      severity: 'warning',
      status: 'open',
      policyVersion: 2,
      dedupeKey: 'score-drift:portfolio:v2',
      causedBy: drifts()[0]!.id,
      details: { eventType: 'rating.drift_detected', policyVersion: 2, date: points[0]!.date, customers: CUSTOMERS, threshold: 0.25, psi: expect.closeTo(expectedPsi, 9) },
    });
    expect((await driftCases()).map((a) => a['alertId'])).toEqual([sameDay[0]!['alertId']]);

    // Paged by cursor, oldest first.
    const first = await t.api('GET', '/v1/policies/2/drift?limit=1');
    expect(first.json.points.map((p: { date: string }) => p.date)).toEqual([points[0]!.date]);
    const next = await t.api('GET', `/v1/policies/2/drift?limit=1&cursor=${encodeURIComponent(first.json.nextCursor)}`);
    expect(next.json.points.map((p: { date: string }) => p.date)).toEqual([points[1]!.date]);
    expect(next.json.nextCursor).toBeNull();
    // Version 1 (no stored distribution) has no series; an unknown version is 404; bad input 422.
    expect((await t.api('GET', '/v1/policies/1/drift')).json.points).toEqual([]);
    const missing = await t.api('GET', '/v1/policies/99/drift');
    expect(missing.status).toBe(404);
    const bad = await t.api('GET', '/v1/policies/x/drift?limit=0');
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'version']);
  }, 240_000);
});
