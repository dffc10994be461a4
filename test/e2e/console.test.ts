import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorClients } from '../support/aws-clients.js';
import { commitIngestedCustomer, E2E_WAIT_MS, overdueAggregates } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const DAY = 86_400_000;

/** GET with the path sent byte for byte (fetch would normalise `..` segments away). */
const rawGet = (base: string, path: string): Promise<{ status: number; type: string | undefined }> =>
  new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end();
  });

/** The local OIDC issuer is not the hub (no typed client): the test calls its endpoints as a browser would. */
// eslint-disable-next-line no-restricted-globals
const issuerFetch: typeof fetch = (input, init) => fetch(input, init);

describe('risk console: static app and the list endpoints it reads', () => {
  let t: TestHub;
  const clients = emulatorClients();

  beforeAll(async () => {
    t = await startTestHub();
  });

  afterAll(async () => {
    await t?.stop();
    clients.destroy();
  });

  it('serves the console without a key, with a strict CSP, and refuses traversal', async () => {
    const page = await t.api('GET', '/console', { key: null });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const entry = /src="(\/console\/assets\/index-[\w-]+\.js)"/.exec(page.text)?.[1];
    expect(entry).toBeDefined();

    const script = await t.api('GET', entry!, { key: null });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    const tooLong = await t.api('GET', `/console/${'a'.repeat(301)}.js`, { key: null });
    expect(tooLong.status).toBe(422);
    expect(tooLong.json.errors).toEqual([expect.objectContaining({ path: 'proxy', in: 'path' })]);

    for (const path of ['/console/..%2f..%2fpackage.json', '/console/%2e%2e/%2e%2e/package.json', '/console/../package.json', '/console/nope.js']) {
      const res = await rawGet(t.hub.url, path);
      expect(res.status, path).toBe(404);
      expect(res.type, path).toBe('application/problem+json');
    }
  });

  it('revalidates the console, its files and the API documents by ETag: 304 while unchanged', async () => {
    const page = await t.api('GET', '/console', { key: null });
    const built = [...page.text.matchAll(/(?:src|href)="(\/console\/assets\/[\w.-]+)"/g)].map((m) => m[1]!);
    expect(built.length).toBe(2);
    for (const path of ['/console', ...built, '/console/favicon.svg', '/openapi.json', '/docs']) {
      const first = await t.api('GET', path, { key: null });
      expect(first.status, path).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(first.headers.get('cache-control'), path).toBe('no-cache');
      const again = await t.api('GET', path, { key: null, headers: { 'if-none-match': etag! } });
      expect(again.status, path).toBe(304);
      expect(again.text, path).toBe('');
      expect((await t.api('GET', path, { key: null, headers: { 'if-none-match': '"stale"' } })).status, path).toBe(200);
    }
    const document = await t.api('GET', '/openapi.json', { key: null });
    expect(document.json).toMatchObject({ openapi: '3.1.0', info: { title: 'RiskBridge API' } });
  });

  it('offers sign-in as a person: the issuer\'s endpoints, its token origin in connect-src, a one-time PKCE code for a seeded person', async () => {
    // Prepare: Li Wei is a person whose identity-provider subject is li-wei.
    expect((await t.api('POST', '/v1/people', { body: { personId: 'li-wei', displayName: 'Li Wei', email: 'li.wei@example.test', roles: ['analyst'], subject: 'li-wei' } })).status).toBe(201);
    // Act
    const options = await t.api('GET', '/console/sign-in.json', { key: null });
    // Assess
    expect(options.status).toBe(200);
    expect(options.headers.get('cache-control')).toBe('no-store');
    expect(options.json.person).toEqual({ authorizationEndpoint: t.hub.oidc.authorizeUrl, tokenEndpoint: t.hub.oidc.tokenUrl, clientId: 'riskbridge-console' });
    const csp = (await t.api('GET', '/console', { key: null })).headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ${new URL(t.hub.oidc.tokenUrl).origin};`);
    expect(csp).toContain("script-src 'self';");

    // The round trip a browser makes: the issuer's page lists the people, a choice answers a code on the console's URL.
    const verifier = randomBytes(32).toString('base64url');
    const redirect = `${t.hub.url}/console`;
    const authorize = new URL(options.json.person.authorizationEndpoint);
    for (const [k, v] of Object.entries({ response_type: 'code', client_id: 'riskbridge-console', redirect_uri: redirect, state: 'state-1234', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' })) authorize.searchParams.set(k, v);
    const page = await issuerFetch(authorize);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Li Wei');
    authorize.searchParams.set('login_hint', 'li-wei');
    const chosen = await issuerFetch(authorize, { redirect: 'manual' });
    expect(chosen.status).toBe(302);
    const back = new URL(chosen.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(redirect);
    expect(back.searchParams.get('state')).toBe('state-1234');
    const exchange = (code: string, codeVerifier: string) =>
      issuerFetch(t.hub.oidc.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.hub.url }, body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: codeVerifier, redirect_uri: redirect, client_id: 'riskbridge-console' }) });
    const wrongVerifier = await exchange(back.searchParams.get('code')!, 'x'.repeat(43));
    expect(wrongVerifier.status).toBe(400);
    // A code is spent by any attempt: the right verifier after a wrong one is refused too.
    expect((await exchange(back.searchParams.get('code')!, verifier)).status).toBe(400);
    const again = new URL((await issuerFetch(authorize, { redirect: 'manual' })).headers.get('location')!);
    const token = await exchange(again.searchParams.get('code')!, verifier);
    expect(token.status).toBe(200);
    expect(token.headers.get('access-control-allow-origin')).toBe('*');
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const me = await t.api('GET', '/v1/me', { key: accessToken });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ principal: { personId: 'li-wei' }, person: { displayName: 'Li Wei' } });
    // A redirect anywhere but a loopback address is refused before anyone is asked.
    authorize.searchParams.set('redirect_uri', 'https://attacker.example/console');
    expect((await issuerFetch(authorize, { redirect: 'manual' })).status).toBe(400);
  });

  it('lists the portfolio page by page with an opaque cursor, admin only', async () => {
    const ids = ['pf-1', 'pf-2', 'pf-3', 'pf-4', 'pf-5'];
    for (const id of ids) {
      const put = await t.api('PUT', `/v1/customers/${id}`, { body: { fields: { legalName: `Portfolio ${id} GmbH`, country: 'DE' } } });
      expect(put.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.api('GET', `/v1/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.json.customers.length).toBeLessThanOrEqual(2);
      seen.push(...res.json.customers.map((c: { customerId: string }) => c.customerId));
      cursor = res.json.nextCursor;
      expect(res.json.next).toBe(cursor ? `${t.hub.url}/v1/customers?limit=2&cursor=${cursor}` : null);
      pages++;
    } while (cursor && pages < 20);
    expect(cursor).toBeNull();
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids));
    const all = await t.api('GET', '/v1/customers?limit=200');
    expect(all.json.customers.find((c: { customerId: string }) => c.customerId === 'pf-3')).toMatchObject({ name: 'Portfolio pf-3 GmbH', country: 'DE', kind: 'business', frozen: false });

    expect((await t.api('GET', '/v1/customers', { key: null })).status).toBe(401);
    const bad = await t.api('GET', '/v1/customers?limit=0&colour=red');
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['limit', 'colour']));
    const badCursor = await t.api('GET', '/v1/customers?cursor=bm90LWEtY3Vyc29y');
    expect(badCursor.status).toBe(422);
    expect(badCursor.json.errors[0].path).toBe('cursor');
  });

  it('shows raised alerts and filters the portfolio by grade', async () => {
    // A customer with an invoice 120 days past due, written as the ingest worker would; the relay and the rating worker do the rest.
    const now = new Date();
    await commitIngestedCustomer({ client: clients.doc, tableName: t.hub.resources.tableName }, 'pf-late', { fields: { legalName: 'Late Payer AG', country: 'DE' }, aggregates: overdueAggregates(now) }, now);

    const since = new Date(now.getTime() - 60_000).toISOString();
    let alerts: Array<Record<string, unknown>> = [];
    for (const deadline = Date.now() + E2E_WAIT_MS; Date.now() < deadline && !alerts.some((a) => a['customerId'] === 'pf-late' && a['rule'] === 'default'); ) {
      await new Promise((r) => setTimeout(r, 250));
      alerts = (await t.api('GET', `/v1/alerts?since=${encodeURIComponent(since)}`)).json.alerts;
    }
    expect(alerts.find((a) => a['customerId'] === 'pf-late' && a['rule'] === 'default')).toMatchObject({ rule: 'default', severity: 'critical', measures: ['freeze_limit'], eventId: expect.stringMatching(/^evt_/) });
    const times = alerts.map((a) => String(a['occurredAt']));
    expect([...times].sort().reverse()).toEqual(times);

    let row: Record<string, unknown> | undefined;
    for (const deadline = Date.now() + E2E_WAIT_MS; Date.now() < deadline && !(row?.['grade'] && row['frozen']); ) {
      await new Promise((r) => setTimeout(r, 250));
      row = (await t.api('GET', '/v1/customers?limit=200')).json.customers.find((c: { customerId: string }) => c.customerId === 'pf-late');
    }
    expect(row).toMatchObject({ frozen: true, ratingStatus: 'rated', limit: { amountMinor: 0, currency: 'EUR' }, policyVersion: 1 });
    const byGrade = await t.api('GET', `/v1/customers?grade=${encodeURIComponent(String(row!['grade']))}&limit=200`);
    expect(byGrade.status).toBe(200);
    expect(byGrade.json.customers.map((c: { customerId: string }) => c.customerId)).toContain('pf-late');
    expect(byGrade.json.customers.every((c: { grade?: string }) => c.grade === row!['grade'])).toBe(true);

    const wide = await t.api('GET', `/v1/alerts?since=${encodeURIComponent(new Date(now.getTime() - 10 * DAY).toISOString())}`);
    expect(wide.status).toBe(422);
    expect((await t.api('GET', '/v1/alerts?since=yesterday')).status).toBe(422);
  });
});
