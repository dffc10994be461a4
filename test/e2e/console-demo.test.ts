import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, demoCustomerId, seedDemoPortfolio } from '../../infra/local/demo-portfolio.js';
import { apiClient } from '../../infra/local/seed.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

interface Row { customerId: string; name?: string; grade?: string; limit?: { amountMinor: number }; ratedAt?: string; exposure?: unknown }
const CJK = /[\u4e00-\u9fff]/;

describe('demo portfolio (what npm start seeds, through CRM records → ingest → rating)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('looks like a real portfolio: ≥ 6 grades, ≥ 70 % with a limit, ≥ 3 open alerts, ≥ 30 % Chinese names', { timeout: 280_000 }, async () => {
    // Act
    const since = new Date(Date.now() - 60_000).toISOString();
    await seedDemoPortfolio(apiClient(t.hub.url, t.adminKey));
    const ids = new Set(DEMO_CUSTOMERS.map((c) => demoCustomerId(c.id)));
    // Wait until every demo customer has its payments applied (each tier pays two invoices) and its ratings stop changing.
    let rows: Row[] = [];
    let previous = '';
    for (const deadline = Date.now() + 230_000; Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 3000));
      rows = ((await t.api('GET', '/v1/customers?limit=200')).json.customers as Row[]).filter((r) => ids.has(r.customerId));
      if (rows.length < ids.size || !rows.every((r) => r.ratedAt)) continue;
      const reads = await Promise.all(rows.map((r) => t.api("GET", `/v1/customers/${encodeURIComponent(r.customerId)}`)));
      expect(reads.filter((read) => read.status !== 200).map((read) => read.text)).toEqual([]);
      const profiles = reads.map((read) => read.json.profile as { aggregates: { payments: { count: number } } });
      if (!profiles.every((p) => p.aggregates.payments.count >= 2)) continue;
      const snapshot = JSON.stringify(rows.map((r) => [r.customerId, r.ratedAt]));
      if (snapshot === previous) break;
      previous = snapshot;
    }
    const alerts = (await t.api('GET', `/v1/alerts?since=${encodeURIComponent(since)}`)).json.alerts as Array<{ customerId?: string }>;
    // Assess
    const grades = new Set(rows.map((r) => r.grade).filter(Boolean));
    expect(rows).toHaveLength(ids.size);
    expect(grades.size).toBeGreaterThanOrEqual(6);
    expect(rows.filter((r) => (r.limit?.amountMinor ?? 0) > 0).length / rows.length).toBeGreaterThanOrEqual(0.7);
    expect(new Set(alerts.filter((a) => a.customerId && ids.has(a.customerId)).map((a) => a.customerId)).size).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => CJK.test(r.name ?? '')).length / rows.length).toBeGreaterThanOrEqual(0.3);
  });
});
