import { DEFAULT_POLICY_INPUT } from '../../shared/domain/rating/default-policy.js';
import { DEMO_CUSTOMERS, demoCustomerId, seedDemoPortfolio } from '../../infra/local/demo-portfolio.js';
import { apiClient } from '../../infra/local/seed.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/** How many demo customers the browser tests seed (enough for every tier, quick to ingest). */
export const BROWSER_CUSTOMERS = 10;

/**
 * A local hub with what every screen shows: demo customers through the CRM path (rated, some
 * late → alerts, one frozen), a draft policy v2 by the admin (backtested, so Approve is the
 * next step — but not for its author), a webhook subscription with deliveries.
 */
export const startConsoleHub = async (): Promise<TestHub & { customerIds: string[] }> => {
  const t = await startTestHub();
  const active = await t.api('GET', '/v1/policies/active');
  if (active.status !== 200) throw new Error(`no active policy: ${active.status}`);
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
  return Object.assign(t, { customerIds });
};
