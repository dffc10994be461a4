import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import type { EventEnvelope } from '../../shared/domain/events/envelope.js';
import { DEFAULT_POLICY_INPUT } from '../../shared/domain/rating/default-policy.js';
import { emulatorClients } from '../support/aws-clients.js';
import { addPerson, commitIngestedCustomer, createCrmKey, overdueAggregates, subscribeReceiver, waitForEnvelope } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/** Draft v2: the default policy plus a categorical `column` feature on the profile's country, rating with one feature. */
const draftV2 = {
  ...DEFAULT_POLICY_INPUT,
  version: 2,
  name: 'Country-aware scorecard',
  status: 'draft',
  features: [...DEFAULT_POLICY_INPUT.features, { id: 'country', label: 'Country of the customer', extractor: { type: 'column', column: 'country', kind: 'categorical' } }],
  scorecard: {
    ...DEFAULT_POLICY_INPUT.scorecard,
    characteristics: [
      ...DEFAULT_POLICY_INPUT.scorecard.characteristics,
      { type: 'categorical', feature: 'country', bins: [{ values: ['DE'], points: 60 }, { values: ['US'], points: 30 }], otherPoints: 0, missingPoints: 0, reasonCode: 'C01', reasonText: 'Country risk' },
    ],
  },
  minimumData: { minFeatures: 1 },
};

describe('rating engine in the hub: recompute worker, policy lifecycle, freezes', () => {
  let t: TestHub;
  let receiver: WebhookReceiver;
  const clients = emulatorClients();

  const waitForEvent = (type: string, customerId: string, predicate?: (e: EventEnvelope) => boolean): Promise<EventEnvelope> => waitForEnvelope(receiver, type, customerId, predicate);

  beforeAll(async () => {
    t = await startTestHub();
    receiver = await startWebhookReceiver();
    await subscribeReceiver(t, receiver, '/hooks/risk', ['rating.changed', 'limit.changed', 'alert.raised', 'customer.frozen', 'customer.unfrozen']);
  });

  afterAll(async () => {
    await receiver?.stop();
    await t?.stop();
    clients.destroy();
  });

  it('rates a customer when it changes, delivers rating.changed with reasons and policy version, and a replay writes nothing', async () => {
    expect((await t.api('PUT', '/v1/customers/r-de-1', { body: { fields: { legalName: 'Rheinkraft GmbH', country: 'DE' } } })).status).toBe(201);
    const event = await waitForEvent('rating.changed', 'r-de-1');
    expect(event.data).toMatchObject({ current: { status: 'insufficient_data', policyVersion: 1, reasons: [{ code: 'INSUFFICIENT_DATA' }] }, changed: expect.arrayContaining(['status', 'policyVersion']) });
    expect(event.data).not.toHaveProperty('previous');

    const before = await t.api('GET', '/v1/customers/r-de-1');
    expect(before.json.profile.rating).toMatchObject({ policyVersion: 1, status: 'insufficient_data' });
    const replay = await t.hub.invoke('recomputeRating', {
      Records: [{ messageId: 'm-replay', receiptHandle: 'r', body: JSON.stringify({ customerId: 'r-de-1', causedBy: 'test:replay' }), attributes: { ApproximateReceiveCount: '1', MessageGroupId: 'r-de-1' }, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:recompute.fifo', awsRegion: 'us-east-1' }],
    });
    expect(replay).toEqual({ batchItemFailures: [] });
    const after = await t.api('GET', '/v1/customers/r-de-1');
    expect(after.json.profile.version).toBe(before.json.profile.version);
    const history = await t.api('GET', '/v1/customers/r-de-1/ratings');
    expect(history.json.ratings).toHaveLength(1);
    const unknownFilter = await t.api('GET', '/v1/customers/r-de-1/ratings?since=2026-01-01');
    expect(unknownFilter.status).toBe(422);
    expect(unknownFilter.json.errors).toEqual([expect.objectContaining({ path: 'since', in: 'query', code: 'unrecognized_keys' })]);
  });

  it('runs the policy lifecycle over HTTP: 422 paths, backtest, four-eyes approval, activation re-rates, rollback', async () => {
    const invalid = await t.api('POST', '/v1/policies', { body: { ...draftV2, version: 0, currency: 'euro' } });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json');
    expect(invalid.json.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['version', 'currency']));
    expect((await t.api('POST', '/v1/policies', { rawBody: '{"version": 2,' })).status).toBe(400);
    // Settings no version implements yet are refused as not supported, typos as unknown keys, with their paths, never dropped; nothing is stored (v2 is created below).
    const partnerWeights = await t.api('POST', '/v1/policies', { body: { ...draftV2, partnerWeights: { 'partner-a': 0.5 } } });
    expect(partnerWeights.status).toBe(422);
    expect(partnerWeights.json.errors).toEqual([expect.objectContaining({ path: 'partners.weights.partner-a', code: 'unknown_partner' })]);
    const heavyWeight = await t.api('POST', '/v1/policies', { body: { ...draftV2, partnerWeights: { 'partner-a': 1.5 } } });
    expect(heavyWeight.json.errors).toEqual([expect.objectContaining({ path: 'partnerWeights.partner-a', in: 'body' })]);
    const cooldownHours = await t.api('POST', '/v1/policies', { body: { ...draftV2, alerts: { ...draftV2.alerts, cooldownHours: 24 } } });
    expect(cooldownHours.status).toBe(422);
    expect(cooldownHours.json.errors).toEqual([expect.objectContaining({ path: 'alerts.cooldownHours', code: 'not_supported', in: 'body' })]);
    const typo = await t.api('POST', '/v1/policies', { body: { ...draftV2, alerts: { ...draftV2.alerts, colour: 'red' } } });
    expect(typo.json.errors).toEqual([expect.objectContaining({ path: 'alerts.colour', code: 'unrecognized_keys', in: 'body' })]);

    const created = await t.api('POST', '/v1/policies', { body: draftV2 });
    expect(created.status, created.text).toBe(201);
    expect(created.json.policy).toMatchObject({ status: 'draft', author: 'person:test-admin' });
    expect((await t.api('POST', '/v1/policies', { body: draftV2 })).status).toBe(409);
    const early = await t.api('POST', '/v1/policies/2/approve');
    expect(early.status).toBe(409);
    expect(early.json.code).toBe('policy_transition_refused');

    // A backtest takes no settings yet: `asOf` is refused by name rather than ignored, and the draft stays a draft.
    const asOf = await t.api('POST', '/v1/policies/2/backtest', { body: { asOf: '2026-01-01T00:00:00Z' } });
    expect(asOf.status).toBe(422);
    expect(asOf.json.errors).toEqual([expect.objectContaining({ path: 'asOf', code: 'unrecognized_keys', in: 'body' })]);
    expect((await t.api('GET', '/v1/policies/2')).json.policy).toMatchObject({ status: 'draft' });
    expect((await t.api('GET', '/v1/policies/2')).json.policy).not.toHaveProperty('backtest');

    const tested = await t.api('POST', '/v1/policies/2/backtest');
    expect(tested.status, tested.text).toBe(200);
    const report = tested.json.report;
    expect(report).toMatchObject({ activeVersion: 1, draftVersion: 2 });
    expect(report.profiles).toBeGreaterThanOrEqual(1);
    expect(report.grades).toContain('insufficient_data');
    const fromInsufficient = report.migration['insufficient_data'] as Record<string, number>;
    expect(Object.keys(fromInsufficient).some((g) => g !== 'insufficient_data')).toBe(true);

    const self = await t.api('POST', '/v1/policies/2/approve');
    expect(self.status).toBe(403);
    expect(self.json.code).toBe('self_approval');

    // Four eyes compare people: a second person (not a second key of the author) approves.
    const second = await addPerson(t, 'risk-officer-2', ['approver']);
    const crm = await createCrmKey(t, 'crm');
    expect((await t.api('POST', '/v1/policies/2/approve', { key: crm.key })).status).toBe(403);
    const approved = await t.api('POST', '/v1/policies/2/approve', { key: second.key });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json.policy).toMatchObject({ status: 'approved', approvals: [{ by: 'person:risk-officer-2' }] });

    // Activation is four-eyes too: the second officer asks, the author confirms.
    const asked = await t.api('POST', '/v1/policies/2/activate', { key: second.key });
    expect(asked.status, asked.text).toBe(202);
    const activated = await t.api('POST', '/v1/policies/2/activate');
    expect(activated.status, activated.text).toBe(200);
    expect(activated.json).toMatchObject({ previousVersion: 1, policy: { version: 2, status: 'active' } });
    expect(activated.json.recomputeRequested).toBeGreaterThanOrEqual(1);

    const rerated = await waitForEvent('rating.changed', 'r-de-1', (e) => (e.data as { current: { policyVersion: number } }).current.policyVersion === 2);
    expect(rerated.data).toMatchObject({ previous: { policyVersion: 1 }, current: { status: 'rated', grade: expect.any(String), policyVersion: 2 } });
    expect((await t.api('GET', '/v1/customers/r-de-1')).json.profile.rating).toMatchObject({ policyVersion: 2, status: 'rated' });

    const listed = await t.api('GET', '/v1/policies');
    expect(listed.json.policies.map((p: { version: number; status: string }) => [p.version, p.status])).toEqual([[1, 'retired'], [2, 'active']]);
    expect((await t.api('POST', '/v1/policies/2/rollback')).status).toBe(409);
    // A retired version comes back by rollback only, and only drafts are backtested.
    const reactivate = await t.api('POST', '/v1/policies/1/activate', { key: second.key });
    expect(reactivate.status, reactivate.text).toBe(409);
    expect(reactivate.json.code).toBe('policy_transition_refused');
    const retest = await t.api('POST', '/v1/policies/2/backtest');
    expect(retest.status, retest.text).toBe(409);
    expect(retest.json.code).toBe('policy_transition_refused');
    expect((await t.api('GET', '/v1/policies/active')).json.policy.policy.version).toBe(2);
    expect((await t.api('POST', '/v1/policies/1/rollback')).status).toBe(202);
    const rolledBack = await t.api('POST', '/v1/policies/1/rollback', { key: second.key });
    expect(rolledBack.status, rolledBack.text).toBe(200);
    expect((await t.api('GET', '/v1/policies/active')).json.policy.policy.version).toBe(1);
    const audit = await t.api('GET', '/v1/audit/verify');
    expect(audit.json.ok).toBe(true);
  });

  it('drills the default path without writing, freezes and unfreezes by hand, and freezes on default', async () => {
    const before = (await t.api('GET', '/v1/customers/r-de-1')).json.profile;
    const drill = await t.api('POST', '/v1/drills/default', { body: { customerId: 'r-de-1' } });
    expect(drill.status, drill.text).toBe(200);
    expect(drill.json).toMatchObject({ wouldFreeze: true, measures: ['freeze_limit'], wouldBe: { limit: { amountMinor: 0 } } });
    expect(drill.json.events).toEqual(expect.arrayContaining(['alert.raised', 'customer.frozen']));
    expect((await t.api('GET', '/v1/customers/r-de-1')).json.profile.version).toBe(before.version);
    expect((await t.api('POST', '/v1/drills/default', { body: { customerId: 'nobody' } })).status).toBe(404);

    expect((await t.api('POST', '/v1/customers/r-de-1/freeze', { body: {} })).status).toBe(422);
    const frozen = await t.api('POST', '/v1/customers/r-de-1/freeze', { body: { reason: 'manual review' } });
    expect(frozen.json).toMatchObject({ changed: true, freeze: { reason: 'manual review' } });
    await waitForEvent('customer.frozen', 'r-de-1');
    const unfrozen = await t.api('POST', '/v1/customers/r-de-1/unfreeze', { body: { reason: 'review done' } });
    expect(unfrozen.json).toMatchObject({ changed: true, frozen: false });
    await waitForEvent('customer.unfrozen', 'r-de-1');

    // An invoice 120 days past due. CRM ingest is another capability: the test writes the aggregates as the
    // ingest worker would (profile + customer.updated in one transaction) and the relay/worker do the rest.
    const now = new Date();
    await commitIngestedCustomer({ client: clients.doc, tableName: t.hub.resources.tableName }, 'r-late-1', { fields: { country: 'DE' }, aggregates: overdueAggregates(now) }, now);

    const alert = await waitForEvent('alert.raised', 'r-late-1', (e) => (e.data as { rule: string }).rule === 'default');
    expect(alert.data).toMatchObject({ severity: 'critical', measures: ['freeze_limit'], policyVersion: 1 });
    const freeze = await waitForEvent('customer.frozen', 'r-late-1');
    expect(freeze.data).toMatchObject({ by: 'policy:v1', alertId: (alert.data as { alertId: string }).alertId });
    const rating = await waitForEvent('rating.changed', 'r-late-1');
    expect((rating.data as { current: { reasons: Array<{ code: string }> } }).current.reasons[0]!.code).toBe('DEFAULT');
    const stored = (await t.api('GET', '/v1/customers/r-late-1')).json.profile;
    expect(stored.freeze.by).toBe('policy:v1');
    expect(stored.rating).toMatchObject({ defaulted: true, limit: { recommended: { amountMinor: 0 } } });
  });
});
