import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, commitIngestedCustomer, overdueAggregates, until } from '../support/e2e-helpers.js';
import { emulatorClients } from '../support/aws-clients.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

type Entry = { at: string; source: 'event' | 'audit'; type: string; ref: string };

describe('post-incident reviews', () => {
  let t: TestHub;
  let analyst: { key: string };
  let approver: { key: string };
  const clients = emulatorClients();
  const table = () => ({ client: clients.doc, tableName: t.hub.resources.tableName });

  beforeAll(async () => {
    t = await startTestHub();
    analyst = await addPerson(t, 'ana-lyst', ['analyst']);
    approver = await addPerson(t, 'appro-ver', ['approver']);
  });
  afterAll(async () => {
    await t?.stop();
    clients.destroy();
  });

  it('opens a review from an alert with its timeline; closing takes a second person; exports Markdown', async () => {
    const now = t.hub.clock.now();
    await commitIngestedCustomer(table(), 'inc-late-1', { fields: { legalName: 'Late Payer AG', country: 'DE' }, aggregates: overdueAggregates(now) }, now);
    const listed = await until(() => t.api('GET', '/v1/alert-cases?rule=default'), (r) => r.status === 200 && r.json.alerts.length > 0);
    const alert = listed.json.alerts[0];
    expect((await t.api('POST', `/v1/alerts/${alert.alertId}/transitions`, { key: analyst.key, body: { to: 'acknowledged' } })).status).toBe(200);

    const opened = await t.api('POST', '/v1/incidents', { key: analyst.key, body: { title: 'Default missed by the overnight sweep', alertIds: [alert.alertId] } });
    expect(opened.status, opened.text).toBe(201);
    const incident = opened.json.incident;
    expect(incident).toMatchObject({ status: 'draft', alertIds: [alert.alertId], createdBy: 'person:ana-lyst', impact: { customers: ['inc-late-1'], exposure: [{ currency: 'EUR', openMinor: 100_000, overdueMinor: 100_000 }] } });
    // Timeline: the customer's events and the alert's audit entries, oldest first.
    const timeline = incident.timeline as Entry[];
    const kinds = timeline.map((e) => `${e.source}:${e.type}`);
    expect(kinds).toEqual(expect.arrayContaining(['event:customer.updated', 'event:rating.changed', 'event:alert.raised', 'audit:alert.acknowledge']));
    expect(kinds.indexOf('event:customer.updated')).toBeLessThan(kinds.indexOf('audit:alert.acknowledge'));
    expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort());
    expect((await t.api('GET', `/v1/alerts/${alert.alertId}`)).json.alert.incidentId).toBe(incident.incidentId);

    const path = `/v1/incidents/${incident.incidentId}`;
    const read = await t.api('GET', path, { key: analyst.key });
    expect(read.status, read.text).toBe(200);
    expect(read.json.incident.incidentId).toBe(incident.incidentId);
    const early = await t.api('POST', `${path}/transitions`, { key: analyst.key, body: { to: 'closed' } });
    expect(early.status, early.text).toBe(409);
    expect(early.json).toMatchObject({ code: 'incident_transition_refused', current: { status: 'draft', allowed: ['in_review'] } });

    const edited = await t.api('PATCH', path, {
      key: analyst.key,
      body: {
        rootCause: 'The sweep ran on a stale policy version',
        contributingFactors: ['No alert on sweep lag', 'Manual policy activation at night'],
        actions: [{ action: 'Alert on sweep lag above 15 minutes', owner: 'person:ana-lyst', due: '2027-01-15' }],
        lessons: 'Activate policies in working hours',
      },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json.incident.actions).toEqual([{ action: 'Alert on sweep lag above 15 minutes', owner: 'person:ana-lyst', due: '2027-01-15', status: 'open' }]);
    expect((await t.api('POST', `${path}/transitions`, { key: analyst.key, body: { to: 'in_review' } })).json.incident.status).toBe('in_review');

    const asked = await t.api('POST', `${path}/transitions`, { key: analyst.key, body: { to: 'closed' } });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.json.approval).toMatchObject({ action: 'incident.close', target: `incident:${incident.incidentId}`, status: 'pending' });
    const self = await t.api('POST', `${path}/transitions`, { key: analyst.key, body: { to: 'closed' } });
    expect(self.status, self.text).toBe(409);
    expect(self.json.code).toBe('second_person_required');
    const closed = await t.api('POST', `${path}/transitions`, { key: approver.key, body: { to: 'closed' } });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.json.incident).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect(closed.json.incident.history.at(-1)).toMatchObject({ from: 'in_review', to: 'closed', by: 'person:ana-lyst', approvedBy: 'person:appro-ver' });
    const frozen = await t.api('PATCH', path, { key: approver.key, body: { lessons: 'too late' } });
    expect(frozen.status, frozen.text).toBe(409);
    expect(frozen.json.code).toBe('incident_transition_refused');

    const md = await t.api('GET', `${path}/export.md`);
    expect(md.status, md.text).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(md.text).toContain(`# Post-incident review ${incident.incidentId}: Default missed by the overnight sweep`);
    expect(md.text).toContain('## Root cause\n\nThe sweep ran on a stale policy version');
    expect(md.text).toContain('| Alert on sweep lag above 15 minutes | person:ana-lyst | 2027-01-15 | open |');
    expect(md.text).toMatch(/\| event \| alert\.raised \|/);

    const list = await t.api('GET', '/v1/incidents?status=closed');
    expect(list.status, list.text).toBe(200);
    expect(list.json.incidents.map((i: { incidentId: string }) => i.incidentId)).toEqual([incident.incidentId]);
    expect((await t.api('GET', '/v1/incidents?status=draft')).json.incidents).toEqual([]);
  });

  it('refuses unknown alerts (422) and unknown reviews (404)', async () => {
    const unknown = await t.api('POST', '/v1/incidents', { key: analyst.key, body: { title: 'x', alertIds: ['alt_nope'] } });
    expect(unknown.status, unknown.text).toBe(422);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ path: 'alertIds[0]' })]);
    const empty = await t.api('POST', '/v1/incidents', { key: analyst.key, body: { title: 'x' } });
    expect(empty.status, empty.text).toBe(422);
    const missing = '/v1/incidents/inc_00000000000000000000000000';
    expect((await t.api('GET', missing)).status).toBe(404);
    expect((await t.api('GET', `${missing}/export.md`)).status).toBe(404);
    expect((await t.api('PATCH', missing, { body: { lessons: 'x' } })).status).toBe(404);
    expect((await t.api('POST', `${missing}/transitions`, { body: { to: 'in_review' } })).status).toBe(404);
  });
});
