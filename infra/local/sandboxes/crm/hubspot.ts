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

/** Properties the sandbox portal has besides the seeded ones: onboarded rating properties (the hold properties come from the field setup). */
const ONBOARDED_PROPERTIES = ['riskbridge_grade', 'riskbridge_score', 'riskbridge_credit_limit', 'riskbridge_reasons'];

interface SandboxProperty { name: string; label: string; type: string; fieldType: string; groupName: string; options?: unknown[] }

const seedProperties = (store: ReturnType<typeof seed>): Record<string, Map<string, SandboxProperty>> =>
  Object.fromEntries(
    Object.entries(store).map(([objectType, objects]) => {
      const properties = new Map<string, SandboxProperty>();
      const info = `${objectType.replace(/s$/, '')}information`;
      for (const object of objects.values()) for (const name of Object.keys(object.properties)) properties.set(name, { name, label: name, type: 'string', fieldType: 'text', groupName: info });
      if (objectType === 'companies') for (const name of ONBOARDED_PROPERTIES) properties.set(name, { name, label: name, type: 'string', fieldType: 'text', groupName: 'riskbridge' });
      return [objectType, properties];
    }),
  );

const doesNotExist = (name: string) => ({
  status: 400,
  body: {
    status: 'error',
    message: `Property values were not valid: [{"isValid":false,"message":"Property \\"${name}\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"${name}","localizedErrorMessage":"Property \\"${name}\\" does not exist"}]`,
    correlationId: '00000000-0000-4000-8000-000000000000',
    category: 'VALIDATION_ERROR',
    errors: [{ message: `Property "${name}" does not exist`, code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: [name] } }],
  },
});

/**
 * HubSpot sandbox: CRM v3 objects GET/PATCH with a private-app bearer token, CRM v3 properties
 * (list, create, property groups; a PATCH naming a property the portal lacks answers 400
 * PROPERTY_DOESNT_EXIST like HubSpot), and
 * `emit()` that POSTs a v3-signed webhook batch to the hub like HubSpot does.
 */
export const startHubSpotSandbox = async (options: { port?: number; accessToken?: string; clientSecret?: string } = {}) => {
  const accessToken = options.accessToken ?? 'pat-sandbox-token';
  const clientSecret = options.clientSecret ?? 'sandbox-client-secret';
  const store = seed();
  const properties = seedProperties(store);
  const groups = new Map<string, Set<string>>(Object.keys(store).map((t) => [t, new Set([`${t.replace(/s$/, '')}information`, 'riskbridge'])]));
  const writes: RecordedWrite[] = [];
  let eventSeq = 1000;

  const server = await startSandboxServer((req) => {
    if (req.headers.authorization !== `Bearer ${accessToken}`) return { status: 401, body: { status: 'error', message: 'Authentication credentials not found.', category: 'INVALID_AUTHENTICATION' } };
    const props = /^\/crm\/v3\/properties\/([a-z_]+)(\/groups)?$/.exec(req.path);
    if (props) {
      const known = properties[props[1] ?? ''];
      const knownGroups = groups.get(props[1] ?? '');
      if (!known || !knownGroups) return { status: 400, body: { status: 'error', message: 'Unable to infer object type', category: 'VALIDATION_ERROR' } };
      if (props[2] && req.method === 'POST') {
        const body = req.json() as { name?: string; label?: string };
        if (!body.name || !body.label) return { status: 400, body: { status: 'error', message: 'name and label are required', category: 'VALIDATION_ERROR' } };
        if (knownGroups.has(body.name)) return { status: 409, body: { status: 'error', message: `A property group named '${body.name}' already exists.`, category: 'OBJECT_ALREADY_EXISTS' } };
        knownGroups.add(body.name);
        return { status: 201, body: { name: body.name, label: body.label, displayOrder: -1, archived: false } };
      }
      if (!props[2] && req.method === 'GET') return { status: 200, body: { results: [...known.values()] } };
      if (!props[2] && req.method === 'POST') {
        const body = req.json() as Partial<SandboxProperty>;
        if (!body.name || !body.label || !body.type || !body.fieldType || !body.groupName) return { status: 400, body: { status: 'error', message: 'name, label, type, fieldType and groupName are required', category: 'VALIDATION_ERROR' } };
        if (!knownGroups.has(body.groupName)) return { status: 400, body: { status: 'error', message: `group ${body.groupName} does not exist`, category: 'VALIDATION_ERROR' } };
        if (body.type === 'bool' && body.fieldType !== 'booleancheckbox') return { status: 400, body: { status: 'error', message: 'bool properties use fieldType booleancheckbox', category: 'VALIDATION_ERROR' } };
        if (known.has(body.name)) return { status: 409, body: { status: 'error', message: `Property named '${body.name}' already exists`, category: 'OBJECT_ALREADY_EXISTS' } };
        const created: SandboxProperty = { name: body.name, label: body.label, type: body.type, fieldType: body.fieldType, groupName: body.groupName, ...(body.options ? { options: body.options } : {}) };
        known.set(body.name, created);
        return { status: 201, body: created };
      }
      return { status: 405, body: {} };
    }
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
      const unknown = Object.keys(body.properties).find((name) => !properties[match?.[1] ?? '']?.has(name));
      if (unknown) return doesNotExist(unknown);
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
    /** Property definitions per object type (what the properties API lists); delete a name to play a portal without it. */
    properties,
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
