import { DEMO_CONNECTION_ID, seedDemoPortfolio } from './demo-portfolio.js';
import { LOCAL_OFFICERS } from './oidc-issuer.js';
import type { RunningSandboxes } from './sandboxes/index.js';

/** Calls the hub's own HTTP API, as a user would. */
export const apiClient = (baseUrl: string, key: string) => async (method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
};

export interface SeedResult {
  lines: string[];
}

/**
 * Seeds the demo through the public API only: a webhook subscription for the local receiver and
 * a few customers. Each area appends its own demo data here. Idempotent enough to run on every start
 * (customers are upserts; subscriptions are created once per fresh table). With the loopback
 * allowance off (`ALLOW_LOOPBACK_OUTBOUND=false`) the hub may not call the sandboxes, so what
 * needs them (subscription, bureau pulls, CRM connections) is left out.
 */
/**
 * The two risk officers of the local OIDC issuer as people (analyst + approver, `subject` = their `sub`):
 * what `npm start` seeds and the README's four-eyes walk-through (test/e2e/readme-four-eyes.test.ts) uses.
 */
export const seedOfficers = async (api: ReturnType<typeof apiClient>): Promise<void> => {
  for (const officer of LOCAL_OFFICERS) {
    const person = await api('POST', '/v1/people', { personId: officer.sub, displayName: officer.name, email: officer.email, roles: ['analyst', 'approver'], subject: officer.sub });
    if (person.status !== 201 && person.status !== 409) throw new Error(`seeding ${officer.sub} failed: ${person.status} ${JSON.stringify(person.json)}`);
  }
};

export const seedDemo = async (hubUrl: string, adminKey: string, sandboxes: RunningSandboxes, options: { loopbackOutbound?: boolean; tokenUrl?: string } = {}): Promise<SeedResult> => {
  const api = apiClient(hubUrl, adminKey);
  const lines: string[] = [];
  const reachable = options.loopbackOutbound ?? true;
  if (!reachable) lines.push('loopback outbound off: no subscription, bureau pulls or CRM connections seeded (the hub may not call the sandboxes)');
  // People (docs/people.md): two risk officers who sign in through the local OIDC issuer (`rb login --as li-wei`).
  // Seeded first: what carries personal data (the demo subscription, the CRM connections, the agreement)
  // waits for four eyes, and Li Wei approves it as the second person.
  await seedOfficers(api);
  const approveAsOfficer = async (approvalId: string, what: string): Promise<void> => {
    const tokenUrl = options.tokenUrl ?? `${process.env['OIDC_ISSUER'] ?? ''}/token`;
    const token = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'password', username: LOCAL_OFFICERS[0]!.sub }) });
    const { access_token: officer } = (await token.json()) as { access_token: string };
    const approved = await apiClient(hubUrl, officer)('POST', `/v1/approvals/${approvalId}/approve`);
    if (approved.status !== 200) throw new Error(`approving ${what} failed: ${approved.status} ${JSON.stringify(approved.json)}`);
  };

  const existing = await api('GET', '/v1/subscriptions');
  if (reachable && (existing.json?.subscriptions ?? []).length === 0) {
    const sub = await api('POST', '/v1/subscriptions', {
      url: `${sandboxes.receiver.url}/hooks/demo`,
      description: 'Demo subscriber (local webhook receiver)',
      eventTypes: ['customer.updated', 'rating.changed', 'limit.changed', 'alert.raised', 'customer.frozen', 'credit_report.received', 'endpoint.disabled'],
    });
    if (sub.status !== 201 && sub.status !== 202) throw new Error(`seeding the subscription failed: ${sub.status} ${JSON.stringify(sub.json)}`);
    sandboxes.receiver.setSecrets([sub.json.secret]);
    // customer.updated carries contact data: the subscription delivers once a second person approved it.
    if (sub.status === 202) await approveAsOfficer(String(sub.json.approval.approvalId), 'the demo subscription');
    lines.push(`subscription ${sub.json.subscription.id} → ${sandboxes.receiver.url}/hooks/demo${sub.status === 202 ? ' (personal data: approved by Li Wei, four eyes)' : ''}`);
  }

  const demoCustomers = [
    { id: 'demo-acme-de', body: { kind: 'business', fields: { legalName: 'Acme Maschinenbau GmbH', country: 'DE', city: 'Stuttgart', email: 'ap@acme-maschinenbau.example' }, identifiers: [{ scheme: 'vat', value: 'DE136695976' }] } },
    { id: 'demo-huaxin-cn', body: { kind: 'business', fields: { legalName: '上海华信贸易有限公司', country: 'CN', city: '上海' }, identifiers: [{ scheme: 'cn_uscc', value: '91310000MA1FL4T44P' }] } },
    { id: 'demo-northwind-us', body: { kind: 'business', fields: { legalName: 'Northwind Traders Inc', country: 'US', phone: '+14155550100' } } },
  ];
  for (const customer of demoCustomers) {
    const result = await api('PUT', `/v1/customers/${customer.id}`, customer.body);
    if (result.status >= 300) throw new Error(`seeding ${customer.id} failed: ${result.status} ${JSON.stringify(result.json)}`);
  }
  lines.push(`customers ${demoCustomers.map((c) => c.id).join(', ')}`);
  // The demo portfolio through the real path: CRM records → ingest → rating (infra/local/demo-portfolio.ts).
  const portfolio = await seedDemoPortfolio(api);
  lines.push(`demo portfolio: ${portfolio.customers} customers, ${portfolio.records} CRM records via connection ${DEMO_CONNECTION_ID} (rated as they arrive)`);

  // Rating: the active policy (the default one is seeded as version 1 on first read) and a default drill.
  const active = await api('GET', '/v1/policies/active');
  if (active.status !== 200) throw new Error(`reading the active policy failed: ${active.status} ${JSON.stringify(active.json)}`);
  const drill = await api('POST', '/v1/drills/default', { customerId: 'demo-acme-de' });
  lines.push(
    `risk policy v${active.json.policy.policy.version} active (docs/rating.md: draft → backtest → approve → activate); ` +
      `default drill on demo-acme-de: ${drill.json?.wouldFreeze ? 'would freeze' : 'would not freeze'} (${(drill.json?.events ?? []).join(', ')})`,
  );
  // Bureau pulls: a consent + an Experian pull for a consumer, a D&B pull for Acme (docs/bureau-pulls.md).
  const jane = await api('PUT', '/v1/customers/demo-jane-us', { kind: 'consumer', fields: { legalName: 'Jane Doe', country: 'US', postalCode: '92626' } });
  if (jane.status >= 300) throw new Error(`seeding demo-jane-us failed: ${jane.status} ${JSON.stringify(jane.json)}`);
  const pulls: string[] = [];
  for (const [customerId, bureau, purpose] of reachable ? ([['demo-jane-us', 'experian', 'credit_transaction'], ['demo-acme-de', 'dnb', 'legitimate_business_need']] as const) : []) {
    const existing = await api('GET', `/v1/customers/${customerId}/consents`);
    if ((existing.json?.consents ?? []).length === 0) {
      const consent = await api('POST', `/v1/customers/${customerId}/consents`, { bureaus: [bureau], purpose, grantedBy: 'demo:seed' });
      if (consent.status !== 201) throw new Error(`seeding the ${customerId} consent failed: ${consent.status} ${JSON.stringify(consent.json)}`);
    }
    const pull = await api('POST', `/v1/customers/${customerId}/bureau-pulls`, { bureau });
    if (pull.status !== 202) throw new Error(`seeding the ${customerId} ${bureau} pull failed: ${pull.status} ${JSON.stringify(pull.json)}`);
    pulls.push(`${customerId}/${bureau} ${pull.json.pull.pullId}`);
  }
  if (reachable) lines.push(`bureau pulls ${pulls.join(', ')} (GET /v1/customers/<id>/bureau-pulls/<pullId>)`);
  // CRM ingest (docs/crm-ingest.md): the sandbox connections through the API, a Zoho channel, one Zoho notification.
  const crm = reachable ? (sandboxes.handles['crm'] as { zoho: { emit(input: { module: string; ids: string[]; operation: 'update' }): Promise<number[]> }; connections: Array<{ connectionId: string; crm: string }> } | undefined) : undefined;
  if (crm) {
    for (const connection of crm.connections) {
      const body = connection.crm === 'salesforce' ? { ...connection, credentials: { ...(connection as { credentials?: Record<string, string> }).credentials, inboundSecret: `riskbridge/salesforce/${connection.connectionId}/inbound-secret` } } : connection;
      const put = await api('PUT', `/v1/crm/connections/${connection.connectionId}`, body);
      if (put.status >= 300) throw new Error(`seeding connection ${connection.connectionId} failed: ${put.status} ${JSON.stringify(put.json)}`);
      // Its mapping takes in contact data: stored once a second person approved it.
      if (put.status === 202) await approveAsOfficer(String(put.json.approval.approvalId), `connection ${connection.connectionId}`);
      // CRM field setup (docs/crm-connectors.md "CRM hold fields"): creates the credit-hold fields the sandboxes lack.
      const setup = await api('POST', `/v1/crm/connections/${connection.connectionId}/setup`);
      if (setup.status !== 200) throw new Error(`CRM field setup of ${connection.connectionId} failed: ${setup.status} ${JSON.stringify(setup.json)}`);
    }
    const armed = await api('POST', '/v1/crm/connections/local-zoho/channel', { events: ['Accounts.all', 'Sales_Orders.all', 'Invoices.all'] });
    if (armed.status !== 200) throw new Error(`arming the Zoho channel failed: ${armed.status} ${JSON.stringify(armed.json)}`);
    const statuses = await crm.zoho.emit({ module: 'Accounts', ids: ['5725767000000500001'], operation: 'update' });
    lines.push(`CRM connections ${crm.connections.map((c) => c.connectionId).join(', ')}; Zoho notification → ${statuses.join(',')} → GET /v1/customers/c:crm:zoho:local-zoho:5725767000000500001`);
  }
  lines.push(`risk officers ${LOCAL_OFFICERS.map((o) => `${o.name} (${o.sub})`).join(', ')}: analyst + approver → npm run -s rb -- login --as li-wei`);
  // Partners and consultants (docs/partners-and-consultants.md): a partner key engaged on Acme with one
  // assessment, a consultant key with an agreement on portfolio_ratings. Keys are printed only when created.
  const keys = (await api('GET', '/v1/admin/api-keys')).json?.keys ?? [];
  const demoKey = async (name: string, role: string, tenantRef: string): Promise<string | undefined> => {
    if (keys.some((k: { name: string; status: string }) => k.name === name && k.status === 'active')) return undefined;
    const created = await api('POST', '/v1/admin/api-keys', { name, role, tenantRef });
    if (created.status !== 201) throw new Error(`seeding the ${role} key failed: ${created.status} ${JSON.stringify(created.json)}`);
    return created.json.key;
  };
  const engaged = await api('POST', '/v1/partners/demo-agency/engagements', { customerId: 'demo-acme-de', scope: 'assess' });
  if (engaged.status >= 300) throw new Error(`seeding the engagement failed: ${engaged.status} ${JSON.stringify(engaged.json)}`);
  // Keys name an existing tenant: the partner's key comes after its first engagement.
  const partnerKey = await demoKey('Demo partner agency', 'partner', 'demo-agency');
  if (partnerKey) {
    const assessed = await apiClient(hubUrl, partnerKey)('POST', '/v1/partner/assessments', { customerId: 'demo-acme-de', grade: 'BBB', pd: 0.02, scale: 'AAA..D', rationale: 'Demo assessment', externalRef: 'demo-agency-0001' });
    if (assessed.status >= 300) throw new Error(`seeding the assessment failed: ${assessed.status} ${JSON.stringify(assessed.json)}`);
  }
  if ((await api('GET', '/v1/admin/agreements/demo-dsa-1')).status === 404) {
    const at = Date.now();
    const agreement = await api('POST', '/v1/admin/agreements', {
      agreementId: 'demo-dsa-1',
      consultantRef: 'demo-consultant',
      datasets: ['portfolio_ratings'],
      fields: { customerId: 'hash', 'fields.country': 'include', 'rating.grade': 'include', 'rating.pd': 'bucket', 'limit.recommendedMinor': 'bucket', 'limit.currency': 'include' },
      validFrom: new Date(at - 60_000).toISOString(),
      validUntil: new Date(at + 90 * 86_400_000).toISOString(),
      purpose: 'Demo: portfolio benchmark study',
    });
    if (agreement.status !== 202) throw new Error(`seeding the agreement failed: ${agreement.status} ${JSON.stringify(agreement.json)}`);
    // Four eyes (docs/people.md): a seeded risk officer, signed in through the local OIDC issuer, approves it.
    await approveAsOfficer(String(agreement.json.approval.approvalId), 'the seeded agreement');
  }
  // Keys name an existing tenant: the consultant's key comes after its agreement.
  const consultantKey = await demoKey('Demo consultant', 'consultant', 'demo-consultant');
  lines.push(
    `partner demo-agency engaged on demo-acme-de${partnerKey ? ` (key ${partnerKey}; one assessment submitted)` : ''} → GET /v1/partner/assessments; ` +
      `consultant demo-consultant under agreement demo-dsa-1${consultantKey ? ` (key ${consultantKey})` : ''} → GET /v1/datasets/portfolio_ratings`,
  );
  // Delivery out (docs/webhooks.md): the Zoho customer above is rated a moment after ingest and its rating is written
  // back into the Zoho sandbox record; its write-back log and replay are admin API calls.
  if (crm) {
    const customerId = 'c:crm:zoho:local-zoho:5725767000000500001';
    const log = await api('GET', `/v1/customers/${encodeURIComponent(customerId)}/write-backs`);
    lines.push(
      `CRM write-backs of ${customerId}: ${log.status === 200 ? `${log.json.writeBacks.length} so far` : 'after ingest'} → GET /v1/customers/${customerId}/write-backs; ` +
        'POST /v1/write-backs/replay {"eventId":"evt_…"}',
    );
  }
  return { lines };
};
