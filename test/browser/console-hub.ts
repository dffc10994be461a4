import { DEFAULT_POLICY_INPUT } from '../../shared/domain/rating/default-policy.js';
import { DEMO_CUSTOMERS, demoCustomerId, seedDemoPortfolio } from '../../infra/local/demo-portfolio.js';
import { apiClient } from '../../infra/local/seed.js';
import { startLocalBureaus } from '../../infra/local/sandboxes/bureaus/local-bureaus.js';
import { waitForPull } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/** A consumer with an Experian report (the local bureau sandbox): the customer 360's bureau panel with a report to open. */
export const BUREAU_CUSTOMER = 'console-ada';
/** The partner agency that assessed the first demo customer. */
export const PARTNER = 'console-agency';

/** What the browser tests need besides the hub: the customers, and the person who signs in through the issuer. */
export interface ConsoleHub extends TestHub {
  customerIds: string[];
  /** Li Wei (analyst + approver), who signs in as a person (subject `li-wei` at the local OIDC issuer). */
  person: { personId: string; name: string };
}

/** How many demo customers the browser tests seed (enough for every tier, quick to ingest). */
export const BROWSER_CUSTOMERS = 10;

/** Li Wei, a person who signs in through the issuer (roles as `npm start` seeds them). */
const addLiWei = async (t: TestHub): Promise<void> => {
  const li = await t.api('POST', '/v1/people', { key: t.bootstrapKey, body: { personId: 'li-wei', displayName: 'Li Wei', email: 'li.wei@example.test', roles: ['analyst', 'approver'], subject: 'li-wei' } });
  if (li.status !== 201 || !li.json.person.roles.includes('approver')) throw new Error(`person: ${li.status} ${li.text}`);
};

/** A partner agency engaged on the customer, with one assessment submitted by its key. */
const partnerAssessment = async (t: TestHub, customerId: string): Promise<void> => {
  const engaged = await t.api('POST', `/v1/partners/${PARTNER}/engagements`, { body: { customerId, scope: 'assess' } });
  if (engaged.status >= 300) throw new Error(`engagement: ${engaged.status} ${engaged.text}`);
  const partnerKey = await t.api('POST', '/v1/admin/api-keys', { body: { name: 'console partner', role: 'partner', tenantRef: PARTNER } });
  if (partnerKey.status !== 201) throw new Error(`partner key: ${partnerKey.status} ${partnerKey.text}`);
  const assessed = await t.api('POST', '/v1/partner/assessments', { key: partnerKey.json.key, body: { customerId, grade: 'BBB', pd: 0.02, scale: 'AAA..D', rationale: 'Console test assessment', externalRef: 'console-0001' } });
  if (assessed.status >= 300) throw new Error(`assessment: ${assessed.status} ${assessed.text}`);
};

/** A consumer with consent and a completed Experian pull (the local sandbox). */
const bureauReport = async (t: TestHub): Promise<void> => {
  await t.api('PUT', `/v1/customers/${BUREAU_CUSTOMER}`, { body: { kind: 'consumer', fields: { legalName: 'Ada Reader', postalCode: '92626', country: 'US' } } });
  const consent = await t.api('POST', `/v1/customers/${BUREAU_CUSTOMER}/consents`, { body: { bureaus: ['experian'], purpose: 'credit_transaction', grantedBy: 'crm:console-app' } });
  if (consent.status !== 201) throw new Error(`consent: ${consent.status} ${consent.text}`);
  const requested = await t.api('POST', `/v1/customers/${BUREAU_CUSTOMER}/bureau-pulls`, { body: { bureau: 'experian' } });
  if (requested.status !== 202) throw new Error(`bureau pull: ${requested.status} ${requested.text}`);
  const pull = await waitForPull(t, BUREAU_CUSTOMER, requested.json.pull.pullId);
  if (pull.status !== 'completed') throw new Error(`bureau pull ${pull.status}: ${pull.detail ?? pull.reason}`);
};

/**
 * A local hub with what every screen shows: demo customers through the CRM path (rated, some
 * late → alerts, one frozen), a draft policy v2 by the admin (backtested, so Approve is the
 * next step — but not for its author), a webhook subscription with deliveries; a person who
 * signs in through the local OIDC issuer, a partner assessment and a bureau report (local sandboxes).
 */
export const startConsoleHub = async (): Promise<ConsoleHub> => {
  const bureaus = await startLocalBureaus();
  const t = await startTestHub({ env: { ...bureaus.env, LOCAL_SECRETS: JSON.stringify(bureaus.secrets) } });
  const stopHub = t.stop.bind(t);
  t.stop = async () => {
    await stopHub();
    await bureaus.stop();
  };
  const active = await t.api('GET', '/v1/policies/active');
  if (active.status !== 200) throw new Error(`no active policy: ${active.status}`);
  // Independent of the demo portfolio: set up while it is ingested and rated.
  const people = addLiWei(t);
  const report = bureauReport(t);
  // Awaited below; a failure before then must not surface as an unhandled rejection.
  for (const pending of [people, report]) pending.catch(() => undefined);
  const sub = await t.api('POST', '/v1/subscriptions', { body: { url: 'http://127.0.0.1:9/hooks/console', description: 'Console test subscriber', eventTypes: ['rating.changed', 'alert.raised'] } });
  if (sub.status !== 201) throw new Error(`subscription: ${sub.status} ${sub.text}`);
  await seedDemoPortfolio(apiClient(t.hub.url, t.adminKey), new Date(), { customers: BROWSER_CUSTOMERS });
  const customerIds = DEMO_CUSTOMERS.slice(0, BROWSER_CUSTOMERS).map((c) => demoCustomerId(c.id));
  // Ratings and alerts arrive through the queues: wait for them, not for a fixed time.
  for (const deadline = Date.now() + 120_000; ; ) {
    const rows = (await t.api('GET', '/v1/customers?limit=200')).json.customers as Array<{ customerId: string; ratedAt?: string }>;
    // GET /v1/alerts once answered 500 here under load (not reproduced since): a failed read counts as "not yet".
    const alerts = await t.api('GET', `/v1/alerts?since=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`).then((r) => r.json.alerts as unknown[], () => []);
    if (customerIds.every((id) => rows.some((r) => r.customerId === id && r.ratedAt)) && alerts.length >= 2) break;
    if (Date.now() > deadline) throw new Error('the demo customers were not rated in time');
    await new Promise((r) => setTimeout(r, 500));
  }
  const draft = await t.api('POST', '/v1/policies', { body: { ...DEFAULT_POLICY_INPUT, version: 2, status: 'draft', name: 'Draft with stricter limits' } });
  if (draft.status !== 201) throw new Error(`draft policy: ${draft.status} ${draft.text}`);
  const backtest = await t.api('POST', '/v1/policies/2/backtest');
  if (backtest.status !== 200) throw new Error(`backtest: ${backtest.status} ${backtest.text}`);
  await Promise.all([people, report, partnerAssessment(t, customerIds[0]!)]);
  return Object.assign(t, { customerIds, person: { personId: 'li-wei', name: 'Li Wei' } });
};
