import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, seedOfficers } from '../../infra/local/seed.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/**
 * The README's two-officer walk-through ("Four eyes with two officers"), step by step as curl runs it
 * on `npm start`: the officers `npm start` seeds sign in through the local OIDC issuer (what
 * `npm run -s rb -- login --as <person>` prints) and call the same routes with the same bodies.
 */
describe('README: four eyes with two officers', () => {
  let t: TestHub;
  let li = '';
  let anna = '';
  /** `npm run -s rb -- login --as <person>`: the issuer's password grant (local only). */
  const login = async (person: string): Promise<string> => {
    const response = await request(t.hub.oidc.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'password', username: person }).toString() });
    expect(response.statusCode).toBe(200);
    return ((await response.body.json()) as { access_token: string }).access_token;
  };

  beforeAll(async () => {
    t = await startTestHub();
    await seedOfficers(apiClient(t.hub.url, t.bootstrapKey));
    [li, anna] = [await login('li-wei'), await login('anna-schmidt')];
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('Li Wei drafts and proposes, Anna Schmidt approves and activates; neither can do both halves alone', async () => {
    const me = await t.api('GET', '/v1/me', { key: li });
    expect(me.status, me.text).toBe(200);
    expect(me.json.principal).toMatchObject({ personId: 'li-wei' });

    // Li drafts version 2 from the active policy and backtests it.
    const active = await t.api('GET', '/v1/policies/active', { key: li });
    expect(active.status, active.text).toBe(200);
    const drafted = await t.api('POST', '/v1/policies', { key: li, body: { ...active.json.policy.policy, status: 'draft', version: 2, name: 'v2' } });
    expect(drafted.status, drafted.text).toBe(201);
    expect((await t.api('POST', '/v1/policies/2/backtest', { key: li })).status).toBe(200);

    // Li cannot approve her own draft; Anna can.
    const self = await t.api('POST', '/v1/policies/2/approve', { key: li });
    expect(self.status).toBe(403);
    expect(self.json.code).toBe('self_approval');
    const approved = await t.api('POST', '/v1/policies/2/approve', { key: anna });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json.policy).toMatchObject({ status: 'approved', approvals: [{ by: 'person:anna-schmidt' }] });

    // Li proposes the activation (202, an approval); calling again herself is refused; Anna's call activates.
    const proposed = await t.api('POST', '/v1/policies/2/activate', { key: li });
    expect(proposed.status, proposed.text).toBe(202);
    expect(proposed.json.approval).toMatchObject({ action: 'policy.activate', maker: 'person:li-wei', status: 'pending' });
    expect((await t.api('POST', '/v1/policies/2/activate', { key: li })).status).toBe(403);
    const activated = await t.api('POST', '/v1/policies/2/activate', { key: anna });
    expect(activated.status, activated.text).toBe(200);
    expect(activated.json.policy).toMatchObject({ version: 2, status: 'active' });
    expect((await t.api('GET', '/v1/policies/active', { key: anna })).json.policy.policy.version).toBe(2);
  });
});
