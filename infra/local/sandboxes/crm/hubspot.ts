import { signHubSpotV3 } from '../../../../shared/adapters/crm/hubspot/webhook.js';
import { postToHub, SEED_EPOCH_MS, seedOf, startSandboxServer, SYNTHETIC_COMPANIES, type RecordedWrite } from './common.js';

export const HUBSPOT_SANDBOX_APP_ID = '1160452';
export const HUBSPOT_SANDBOX_PORTAL_ID = '62515';

const seed = () => {
  const store: Record<string, Map<string, { id: string; properties: Record<string, string | null>; createdAt: string; updatedAt: string; archived: boolean; associations?: unknown }>> = {
    companies: new Map(),
    deals: new Map(),
  };
  SYNTHETIC_COMPANIES.forEach((company, i) => {
    const id = String(9_100_000_000 + i + 1);
    const at = new Date(SEED_EPOCH_MS + i * 60_000).toISOString();
    store.companies?.set(id, {
      id,
      properties: { name: company.name, domain: company.website, phone: company.phone, city: company.city, country: company.country, industry: company.industry.toUpperCase().replace(/\W+/g, '_'), createdate: at, hs_lastmodifieddate: at, hs_object_id: id },
      createdAt: at,
      updatedAt: at,
      archived: false,
    });
    const dealId = String(18_000_000_000 + i + 1);
    store.deals?.set(dealId, {
      id: dealId,
      properties: { dealname: `Deal ${i + 1}`, amount: String((seedOf(dealId) % 1_000_000) / 100), deal_currency_code: company.country === 'CN' ? 'CNY' : 'USD', closedate: at, dealstage: i === 1 ? 'closedlost' : 'closedwon', hs_lastmodifieddate: at, hs_object_id: dealId },
      createdAt: at,
      updatedAt: at,
      archived: false,
      associations: { companies: { results: [{ id, type: 'deal_to_company' }] } },
    });
  });
  return store;
};

/**
 * HubSpot sandbox: CRM v3 objects GET/PATCH with a private-app bearer token, and
 * `emit()` that POSTs a v3-signed webhook batch to the hub like HubSpot does.
 */
export const startHubSpotSandbox = async (options: { port?: number; accessToken?: string; clientSecret?: string } = {}) => {
  const accessToken = options.accessToken ?? 'pat-sandbox-token';
  const clientSecret = options.clientSecret ?? 'sandbox-client-secret';
  const store = seed();
  const writes: RecordedWrite[] = [];
  let eventSeq = 1000;

  const server = await startSandboxServer((req) => {
    if (req.headers.authorization !== `Bearer ${accessToken}`) return { status: 401, body: { status: 'error', message: 'Authentication credentials not found.', category: 'INVALID_AUTHENTICATION' } };
    const match = /^\/crm\/v3\/objects\/([a-z_]+)\/([^/]+)$/.exec(req.path);
    const objects = match ? store[match[1] ?? ''] : undefined;
    const object = match ? objects?.get(decodeURIComponent(match[2] ?? '')) : undefined;
    if (!object) return { status: 404, body: { status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' } };
    if (req.method === 'GET') {
      const wanted = req.query.get('properties')?.split(',');
      const properties = wanted ? Object.fromEntries(wanted.map((p) => [p, object.properties[p] ?? null])) : object.properties;
      const withAssoc = req.query.get('associations') ? { associations: object.associations } : {};
      return { status: 200, body: { id: object.id, properties, createdAt: object.createdAt, updatedAt: object.updatedAt, archived: object.archived, ...withAssoc } };
    }
    if (req.method === 'PATCH') {
      const body = req.json() as { properties: Record<string, string> };
      const now = new Date().toISOString();
      writes.push({ objectName: match?.[1] ?? '', id: object.id, fields: body.properties, at: now });
      Object.assign(object.properties, body.properties, { hs_lastmodifieddate: now });
      object.updatedAt = now;
      return { status: 200, body: { id: object.id, properties: object.properties, createdAt: object.createdAt, updatedAt: now, archived: false } };
    }
    return { status: 405, body: {} };
  }, options);

  return {
    ...server,
    store,
    writes,
    clientSecret,
    /**
     * POSTs a signed batch (X-HubSpot-Signature-v3 over method + URL + body + timestamp).
     * `tamper` corrupts the signature; `timestampMs` backdates the request.
     */
    async emit(hubUrl: string, events: { subscriptionType: string; objectId: string; propertyName?: string; propertyValue?: string; changeSource?: string; sourceId?: string }[], opts: { timestampMs?: number; tamper?: boolean } = {}): Promise<number> {
      const now = Date.now();
      const batch = events.map((e) => ({
        eventId: ++eventSeq,
        subscriptionId: 4_000_001,
        portalId: Number(HUBSPOT_SANDBOX_PORTAL_ID),
        appId: Number(HUBSPOT_SANDBOX_APP_ID),
        occurredAt: now,
        attemptNumber: 0,
        changeFlag: e.subscriptionType.endsWith('creation') ? 'CREATED' : 'PROPERTY_CHANGE',
        ...e,
        objectId: Number(e.objectId),
      }));
      const rawBody = JSON.stringify(batch);
      const timestamp = String(opts.timestampMs ?? now);
      const signature = signHubSpotV3(clientSecret, 'POST', hubUrl, rawBody, timestamp);
      return postToHub(hubUrl, rawBody, { 'x-hubspot-signature-v3': opts.tamper ? signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) : signature, 'x-hubspot-request-timestamp': timestamp });
    },
  };
};
export type HubSpotSandbox = Awaited<ReturnType<typeof startHubSpotSandbox>>;
