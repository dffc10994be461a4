import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_INPUT } from '../../shared/domain/rating/default-policy.js';
import { emulatorClients } from '../support/aws-clients.js';
import { ensureAdminKey } from '../../infra/local/bootstrap.js';
import { startWebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { addPerson, commitIngestedCustomer, createCrmKey, E2E_WAIT_MS, overdueAggregates, subscribeReceiver, until } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/** A valid draft: the default policy as version 2 (its content does not matter here). */
const draftV2 = { ...DEFAULT_POLICY_INPUT, version: 2, name: 'four-eyes evidence' };

describe('people, not keys: four eyes compare people', () => {
  let t: TestHub;
  let li: { key: string; keyId: string };
  const clients = emulatorClients();
  const waitFor = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    const value = await until(read, done);
    if (done(value)) return value;
    throw new Error(`condition not met in ${E2E_WAIT_MS / 1000} s`);
  };

  beforeAll(async () => {
    t = await startTestHub();
    li = await addPerson(t, 'li-wei', ['approver', 'analyst']);
  });
  afterAll(async () => {
    await t?.stop();
    clients.destroy();
  });

  it("refuses the author's second key, rotated key and a service-account key as approvers; a second person approves", async () => {
    expect((await t.api('POST', '/v1/policies', { body: draftV2 })).status).toBe(201);
    expect((await t.api('POST', '/v1/policies/2/backtest')).status).toBe(200);
    expect((await t.api('GET', '/v1/policies/2')).json.policy.author).toBe('person:test-admin');

    // The author mints a second admin key: it is the same person.
    const second = await t.api('POST', '/v1/admin/api-keys', { body: { name: 'my other laptop', role: 'admin' } });
    expect(second.status, second.text).toBe(201);
    expect(second.json.record).toMatchObject({ personId: 'test-admin', status: 'active' });
    const bySecond = await t.api('POST', '/v1/policies/2/approve', { key: second.json.key });
    expect(bySecond.status).toBe(403);
    expect(bySecond.json.code).toBe('self_approval');

    // ... and rotates it: still the same person.
    const rotated = await t.api('POST', `/v1/admin/api-keys/${second.json.record.keyId}/rotate`);
    expect(rotated.status, rotated.text).toBe(201);
    expect(rotated.json.record).toMatchObject({ personId: 'test-admin', rotatedFrom: second.json.record.keyId });
    const byRotated = await t.api('POST', '/v1/policies/2/approve', { key: rotated.json.key });
    expect(byRotated.status).toBe(403);
    expect(byRotated.json.code).toBe('self_approval');

    // A service account (a crm key the author issued) cannot approve at all.
    const crm = await createCrmKey(t, 'author-owned crm');
    expect(crm.record).toMatchObject({ serviceAccountId: expect.stringMatching(/^sa-/), ownerPersonId: 'test-admin', tenantRef: 'test-hubspot' });
    expect((await t.api('POST', '/v1/policies/2/approve', { key: crm.key })).status).toBe(403);
    // Nor can the bootstrap key, which belongs to no person.
    expect((await t.api('POST', '/v1/policies/2/approve', { key: t.bootstrapKey })).status).toBe(403);
    expect((await t.api('GET', '/v1/policies/2')).json.policy.status).toBe('backtested');

    const approved = await t.api('POST', '/v1/policies/2/approve', { key: li.key });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json.policy).toMatchObject({ status: 'approved', approvals: [{ by: 'person:li-wei' }] });
    const granted = await t.api('GET', '/v1/approvals?status=granted', { key: li.key });
    const record = granted.json.approvals.find((a: { target: string; action: string }) => a.action === 'policy.approve' && a.target === 'policy:2');
    expect(record).toMatchObject({ maker: 'person:test-admin', checkers: [{ by: 'person:li-wei' }], status: 'granted' });
    // The same person approving the granted approval again: 409 with its current state.
    const twice = await t.api('POST', `/v1/approvals/${record.approvalId}/approve`, { key: li.key });
    expect(twice.status).toBe(409);
    expect(twice.json).toMatchObject({ code: 'approval_transition_refused', current: { approvalId: record.approvalId, status: 'granted' } });
  });

  it('activates and rolls back only with a second person', async () => {
    const asked = await t.api('POST', '/v1/policies/2/activate');
    expect(asked.status, asked.text).toBe(202);
    expect(asked.json.approval).toMatchObject({ action: 'policy.activate', target: 'policy:2', status: 'pending', maker: 'person:test-admin' });
    expect((await t.api('POST', '/v1/policies/2/activate')).json.code).toBe('self_approval');
    expect((await t.api('GET', '/v1/policies/active')).json.policy.policy.version).toBe(1);
    const pending = await t.api('GET', `/v1/approvals/${asked.json.approval.approvalId}`, { key: li.key });
    expect(pending.json.approval.status).toBe('pending');

    const activated = await t.api('POST', '/v1/policies/2/activate', { key: li.key });
    expect(activated.status, activated.text).toBe(200);
    expect(activated.json).toMatchObject({ previousVersion: 1, policy: { version: 2, status: 'active' } });

    const rollback = await t.api('POST', '/v1/policies/1/rollback', { key: li.key });
    expect(rollback.status).toBe(202);
    // The maker withdraws; a new request is then confirmed by the other person through the approvals route.
    const withdrawn = await t.api('POST', `/v1/approvals/${rollback.json.approval.approvalId}/reject`, { key: li.key, body: { reason: 'wrong version' } });
    expect(withdrawn.json.approval).toMatchObject({ status: 'rejected', rejection: { by: 'person:li-wei' } });
    const again = await t.api('POST', '/v1/policies/1/rollback', { key: li.key });
    expect(again.status).toBe(202);
    const confirmed = await t.api('POST', `/v1/approvals/${again.json.approval.approvalId}/approve`);
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.json).toMatchObject({ executed: true, approval: { status: 'granted', checkers: [{ by: 'person:test-admin' }] } });
    expect((await t.api('GET', '/v1/policies/active')).json.policy.policy.version).toBe(1);
  });

  it('lifts a policy-imposed default freeze only with a second person; a manual freeze at once', async () => {
    const now = new Date();
    await commitIngestedCustomer({ client: clients.doc, tableName: t.hub.resources.tableName }, 'p-late-1', { fields: { country: 'DE' }, aggregates: overdueAggregates(now) }, now);
    const frozen = await waitFor(() => t.api('GET', '/v1/customers/p-late-1'), (r) => r.json?.profile?.freeze !== undefined);
    expect(frozen.json.profile.freeze.by).toMatch(/^policy:v/);

    const alone = await t.api('POST', '/v1/customers/p-late-1/unfreeze', { body: { reason: 'paid in full' } });
    expect(alone.status, alone.text).toBe(202);
    expect(alone.json.approval).toMatchObject({ action: 'freeze.lift', target: 'customer:p-late-1', status: 'pending' });
    expect((await t.api('POST', '/v1/customers/p-late-1/unfreeze', { body: { reason: 'paid in full' } })).status).toBe(403);
    expect((await t.api('GET', '/v1/customers/p-late-1')).json.profile.freeze).toBeDefined();

    const lifted = await t.api('POST', `/v1/approvals/${alone.json.approval.approvalId}/approve`, { key: li.key });
    expect(lifted.status, lifted.text).toBe(200);
    expect(lifted.json.executed).toBe(true);
    expect((await t.api('GET', '/v1/customers/p-late-1')).json.profile.freeze).toBeUndefined();

    // A freeze a person set is lifted by one person.
    await commitIngestedCustomer({ client: clients.doc, tableName: t.hub.resources.tableName }, 'p-manual-1', { fields: { country: 'DE' }, aggregates: {} }, now);
    expect((await t.api('POST', '/v1/customers/p-manual-1/freeze', { body: { reason: 'manual review' } })).status).toBe(200);
    const unfrozen = await t.api('POST', '/v1/customers/p-manual-1/unfreeze', { body: { reason: 'review done' } });
    expect(unfrozen.status).toBe(200);
    expect(unfrozen.json).toMatchObject({ changed: true, frozen: false });
  });

  it('issues keys only with a future expiry, machine keys only for an existing tenant, and keys for others only with approval', async () => {
    const past = await t.api('POST', '/v1/admin/api-keys', { body: { name: 'late', role: 'admin', expiresAt: '2020-01-01T00:00:00Z' } });
    expect(past.status).toBe(422);
    expect(past.json.errors).toEqual([expect.objectContaining({ path: 'expiresAt' })]);
    for (const role of ['partner', 'consultant', 'crm']) {
      const untenanted = await t.api('POST', '/v1/admin/api-keys', { body: { name: `no tenant ${role}`, role } });
      expect(untenanted.status).toBe(422);
      expect(untenanted.json.errors).toEqual([expect.objectContaining({ path: 'tenantRef', code: 'required' })]);
      const unknown = await t.api('POST', '/v1/admin/api-keys', { body: { name: `ghost ${role}`, role, tenantRef: 'nobody-here' } });
      expect(unknown.status).toBe(422);
      expect(unknown.json.errors).toEqual([expect.objectContaining({ path: 'tenantRef', code: 'unknown_tenant' })]);
    }
    const keys = (await t.api('GET', '/v1/admin/api-keys')).json.keys as Array<{ name: string }>;
    expect(keys.some((k) => k.name.startsWith('no tenant') || k.name.startsWith('ghost') || k.name === 'late')).toBe(false);

    // A key for someone else waits for a second person; until then it does not work.
    const forLi = await t.api('POST', '/v1/admin/api-keys', { body: { name: 'for li', role: 'admin', personId: 'li-wei' } });
    expect(forLi.status, forLi.text).toBe(202);
    expect(forLi.json.record.status).toBe('pending');
    expect((await t.api('GET', '/v1/me', { key: forLi.json.key })).status).toBe(401);
    expect((await t.api('POST', `/v1/approvals/${forLi.json.approval.approvalId}/approve`)).json.code).toBe('self_approval');
    expect((await t.api('POST', `/v1/approvals/${forLi.json.approval.approvalId}/approve`, { key: li.key })).json.executed).toBe(true);
    const me = await t.api('GET', '/v1/me', { key: forLi.json.key });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ principal: { personId: 'li-wei' }, person: { displayName: 'li wei' } });
    // Its scopes are Li's roles (approver, analyst), not an admin's.
    expect((await t.api('GET', '/v1/admin/api-keys', { key: forLi.json.key })).status).toBe(403);
  });

  it('grants privileged roles with four eyes; a role claim in a token grants nothing', async () => {
    const created = await t.api('POST', '/v1/people', { body: { personId: 'sam-lee', displayName: 'Sam Lee', email: 'sam@example.test', roles: ['auditor', 'approver'], subject: 'sam-sub' } });
    expect(created.status, created.text).toBe(201);
    expect(created.json.person.roles).toEqual(['auditor']);
    expect(created.json.approvals).toEqual([expect.objectContaining({ action: 'role.grant', target: 'person:sam-lee', status: 'pending' })]);
    const pending = await t.api('GET', '/v1/approvals', { key: li.key });
    expect(pending.json.approvals.map((a: { approvalId: string }) => a.approvalId)).toContain(created.json.approvals[0].approvalId);

    // Sam signs in with a token claiming admin: only the hub's roles count (auditor so far).
    const token = await t.hub.oidc.sign('sam-sub', { roles: ['admin'], 'cognito:groups': ['admin'], scope: 'keys:manage' });
    const whoami = await t.api('GET', '/v1/me', { key: token });
    expect(whoami.status, whoami.text).toBe(200);
    expect(whoami.json.principal).toMatchObject({ personId: 'sam-lee', scopes: ['audit:read', 'alerts:read'] });
    expect((await t.api('GET', '/v1/admin/api-keys', { key: token })).status).toBe(403);
    expect((await t.api('GET', '/v1/people', { key: token })).status).toBe(403);
    // A token for a subject with no person record: no principal at all.
    expect((await t.api('GET', '/v1/me', { key: await t.hub.oidc.sign('stranger', { roles: ['admin'] }) })).status).toBe(401);

    const grant = await t.api('POST', `/v1/approvals/${created.json.approvals[0].approvalId}/approve`, { key: li.key });
    expect(grant.json).toMatchObject({ executed: true, approval: { status: 'granted' } });
    expect((await t.api('GET', '/v1/people/sam-lee')).json.person.roles).toEqual(['auditor', 'approver']);
    const after = await t.api('GET', '/v1/me', { key: token });
    expect(after.json.principal.scopes).toEqual(expect.arrayContaining(['audit:read', 'policies:approve', 'approvals:decide']));

    const revoked = await t.api('DELETE', '/v1/people/sam-lee/roles/approver');
    expect(revoked.json.person.roles).toEqual(['auditor']);
    // Granting a privileged role to an existing person waits for a second person too (202), and grants nothing yet.
    const asked = await t.api('POST', '/v1/people/sam-lee/roles', { body: { role: 'approver' } });
    expect(asked.status, asked.text).toBe(202);
    expect((await t.api('GET', '/v1/people/sam-lee')).json.person.roles).toEqual(['auditor']);
  });

  it('answers 404 for unknown people and approvals, 409 for a taken person id or a decided approval, 422 for an unknown state', async () => {
    const taken = await t.api('POST', '/v1/people', { body: { personId: 'li-wei', displayName: 'Another Li', email: 'other@example.test' } });
    expect(taken.status).toBe(409);
    expect((await t.api('GET', '/v1/people/nobody')).status).toBe(404);
    expect((await t.api('POST', '/v1/people/nobody/roles', { body: { role: 'auditor' } })).status).toBe(404);
    expect((await t.api('DELETE', '/v1/people/nobody/roles/auditor')).status).toBe(404);
    const auditor = await t.api('POST', '/v1/people/li-wei/roles', { body: { role: 'auditor' } });
    expect(auditor.status).toBe(200);
    expect(auditor.json.person.roles).toContain('auditor');
    const unknown = 'apr_00000000000000000000000000';
    expect((await t.api('GET', `/v1/approvals/${unknown}`)).status).toBe(404);
    expect((await t.api('POST', `/v1/approvals/${unknown}/approve`)).status).toBe(404);
    expect((await t.api('POST', `/v1/approvals/${unknown}/reject`)).status).toBe(404);
    const decided = (await t.api('GET', '/v1/approvals?status=granted')).json.approvals[0];
    const late = await t.api('POST', `/v1/approvals/${decided.approvalId}/reject`, { body: { reason: 'too late' } });
    expect(late.status).toBe(409);
    expect(late.json.current).toMatchObject({ approvalId: decided.approvalId, status: 'granted' });
    const bogus = await t.api('GET', '/v1/approvals?status=maybe');
    expect(bogus.status).toBe(422);
    expect(bogus.json.errors).toEqual([expect.objectContaining({ path: 'status', in: 'query' })]);
  });

  it('expires the bootstrap key once two admins exist', async () => {
    expect((await t.api('GET', '/v1/people', { key: t.bootstrapKey })).status).toBe(200);
    const admin = await t.api('POST', '/v1/people', { key: t.bootstrapKey, body: { personId: 'second-admin', displayName: 'Second Admin', email: 'second@example.test', roles: ['admin'] } });
    expect(admin.status, admin.text).toBe(201);
    expect(admin.json.person.roles).toEqual(['admin']);
    expect((await t.api('GET', '/v1/people', { key: t.bootstrapKey })).status).toBe(401);
    const bootstrapKeyId = /^rbk_([0-9a-z]{20})\./.exec(t.bootstrapKey)![1];
    expect((await t.api('GET', '/v1/admin/api-keys')).json.keys.find((k: { keyId: string }) => k.keyId === bootstrapKeyId).status).toBe('revoked');
  });

  it('audits a break-glass key and emits security.break_glass_used to subscribers (the alert path)', async () => {
    const receiver = await startWebhookReceiver();
    try {
      await subscribeReceiver(t, receiver, '/hooks/security', ['security.break_glass_used']);
      const key = await ensureAdminKey({ tableName: t.hub.resources.tableName, breakGlass: 'INC-2026-042' });
      // The key works (bootstrap rights while fewer than two admins are active; here it can still read its own principal).
      expect((await t.api('GET', '/v1/me', { key })).status).toBe(200);
      const [delivery] = await receiver.waitFor((r) => r.some((d) => d.body.includes('security.break_glass_used')), 50_000);
      const event = JSON.parse(delivery!.body);
      expect(event).toMatchObject({ type: 'security.break_glass_used', data: { incident: 'INC-2026-042', keyId: expect.any(String), expiresAt: expect.any(String) } });
      expect(Date.parse(event.data.expiresAt) - Date.parse(event.data.usedAt)).toBe(3_600_000);
      const entries = await t.api('GET', '/v1/audit/entries?action=security.break_glass_used');
      expect(entries.json.entries).toEqual([expect.objectContaining({ actor: 'break-glass', target: `api_key:${event.data.keyId}`, details: expect.objectContaining({ incident: 'INC-2026-042' }) })]);
      expect((await t.api('GET', '/v1/audit/verify')).json.ok).toBe(true);
    } finally {
      await receiver.stop();
    }
  });
});
