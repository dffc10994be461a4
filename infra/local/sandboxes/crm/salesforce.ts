import { randomUUID } from 'node:crypto';
import { postToHub, SEED_EPOCH_MS, seedOf, startSandboxServer, SYNTHETIC_COMPANIES, type RecordedWrite } from './common.js';

export const SALESFORCE_SANDBOX_INTEGRATION_USER = '005000000000INTGAA';
export const SALESFORCE_SANDBOX_CLIENT_ID = '3MVG9sandboxclientid';
const ORG_ID = '00D000000000SBXEAA';

/** What `changeEvent`/`emit` need to build a CDC event. */
export interface SalesforceChangeInput { entityName: string; recordIds: string[]; changeType: string; fields?: Record<string, unknown>; commitUser?: string; changeOrigin?: string; envelope?: 'direct' | 'eventbridge' }

const sfId = (prefix: string, n: number): string => `${prefix}${String(n).padStart(12, '0')}AAA`;

const seed = () => {
  const store: Record<string, Map<string, Record<string, unknown>>> = { Account: new Map(), Order: new Map() };
  SYNTHETIC_COMPANIES.forEach((company, i) => {
    const id = sfId('001', i + 1);
    const at = new Date(SEED_EPOCH_MS + i * 60_000).toISOString().replace('Z', '+0000');
    store.Account?.set(id, {
      attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${id}` },
      Id: id, Name: company.name, Phone: company.phone, Website: company.website, Industry: company.industry,
      BillingCity: company.city, BillingCountry: company.country, DunsNumber: String(100_000_000 + (seedOf(id) % 899_999_999)),
      IsDeleted: false, LastModifiedDate: at, LastModifiedById: '005000000000USR1AA',
    });
    const orderId = sfId('801', i + 1);
    store.Order?.set(orderId, {
      attributes: { type: 'Order', url: `/services/data/v62.0/sobjects/Order/${orderId}` },
      Id: orderId, AccountId: id, EffectiveDate: '2025-01-10', Status: 'Activated', StatusCode: 'Activated',
      TotalAmount: (seedOf(orderId) % 1_000_000) / 100, CurrencyIsoCode: company.country === 'CN' ? 'CNY' : 'USD',
      IsDeleted: false, LastModifiedDate: at,
    });
  });
  return store;
};

/** Custom fields the sandbox org has from its onboarding (the rating fields); the credit-hold fields come from the field setup. */
const ONBOARDED_CUSTOM_FIELDS = ['Risk_Grade__c', 'Risk_Score__c', 'Credit_Limit__c', 'Risk_Reasons__c'];

/** Field metadata per sObject: the seeded records' fields plus the onboarded custom fields. */
const seedFields = (store: ReturnType<typeof seed>): Record<string, Map<string, { type: string; custom: boolean; label: string }>> =>
  Object.fromEntries(
    Object.entries(store).map(([sObject, records]) => {
      const fields = new Map<string, { type: string; custom: boolean; label: string }>();
      for (const record of records.values()) for (const name of Object.keys(record)) if (name !== 'attributes') fields.set(name, { type: 'string', custom: false, label: name });
      if (sObject === 'Account') for (const name of ONBOARDED_CUSTOM_FIELDS) fields.set(name, { type: 'string', custom: true, label: name });
      return [sObject, fields];
    }),
  );

/**
 * Salesforce sandbox: client-credentials token, sObject GET/PATCH at v62.0, `sobjects/{sObject}/describe`
 * and Tooling API `CustomField` creation (a PATCH naming a field the org lacks answers 400
 * INVALID_FIELD like Salesforce), and `emit()`
 * of Change Data Capture events either direct or wrapped in an EventBridge envelope.
 */
export const startSalesforceSandbox = async (options: { port?: number; clientId?: string; clientSecret?: string } = {}) => {
  const clientId = options.clientId ?? SALESFORCE_SANDBOX_CLIENT_ID;
  const clientSecret = options.clientSecret ?? 'sandbox-secret';
  const store = seed();
  const fields = seedFields(store);
  const writes: RecordedWrite[] = [];
  const tokens = new Set<string>();
  let sequence = 0;
  let url = '';

  const server = await startSandboxServer((req) => {
    if (req.method === 'POST' && req.path === '/services/oauth2/token') {
      const form = new URLSearchParams(req.rawBody);
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
        return { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } };
      }
      const token = `${ORG_ID}!${randomUUID()}`;
      tokens.add(token);
      return { status: 200, body: { access_token: token, instance_url: url, id: `${url}/id/${ORG_ID}/${SALESFORCE_SANDBOX_INTEGRATION_USER}`, token_type: 'Bearer', issued_at: String(Date.now()), signature: 'c2FuZGJveA==' } };
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !tokens.has(token)) return { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] };
    const describe = /^\/services\/data\/v62\.0\/sobjects\/([A-Za-z_]+)\/describe$/.exec(req.path);
    if (describe && req.method === 'GET') {
      const known = fields[describe[1] ?? ''];
      if (!known) return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
      return { status: 200, body: { name: describe[1], custom: false, fields: [...known].map(([name, f]) => ({ name, label: f.label, type: f.type, custom: f.custom })) } };
    }
    if (req.method === 'POST' && req.path === '/services/data/v62.0/tooling/sobjects/CustomField') {
      const body = req.json() as { FullName?: string; Metadata?: { type?: string; label?: string } };
      const [sObject, name] = (body.FullName ?? '').split('.');
      const known = fields[sObject ?? ''];
      if (!known || !name?.endsWith('__c') || !body.Metadata?.type || !body.Metadata.label) return { status: 400, body: [{ errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'FullName must be <sObject>.<Name>__c with Metadata.type and label', fields: [] }] };
      if (known.has(name)) return { status: 400, body: [{ errorCode: 'DUPLICATE_DEVELOPER_NAME', message: `There is already a field named ${name} on ${sObject}.`, fields: [] }] };
      known.set(name, { type: body.Metadata.type, custom: true, label: body.Metadata.label });
      return { status: 201, body: { id: `00N${String(known.size).padStart(12, '0')}`, success: true, errors: [], warnings: [], infos: [] } };
    }
    const match = /^\/services\/data\/v62\.0\/sobjects\/([A-Za-z_]+)\/([A-Za-z0-9]{15,18})$/.exec(req.path);
    const record = match ? store[match[1] ?? '']?.get(match[2] ?? '') : undefined;
    if (!record) return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
    if (req.method === 'GET') return { status: 200, body: record };
    if (req.method === 'PATCH') {
      const patch = req.json() as Record<string, unknown>;
      const known = fields[match?.[1] ?? ''];
      const unknown = Object.keys(patch).find((name) => !known?.has(name));
      if (unknown) return { status: 400, body: [{ message: `No such column '${unknown}' on sobject of type ${match?.[1] ?? ''}`, errorCode: 'INVALID_FIELD', fields: [] }] };
      writes.push({ objectName: match?.[1] ?? '', id: String(record.Id), fields: patch, at: new Date().toISOString() });
      Object.assign(record, patch, { LastModifiedDate: new Date().toISOString().replace('Z', '+0000'), LastModifiedById: SALESFORCE_SANDBOX_INTEGRATION_USER });
      return { status: 204 };
    }
    return { status: 405, body: [] };
  }, options);
  url = server.url;

  return {
    ...server,
    store,
    writes,
    /** Field metadata per sObject (what describe answers); delete a name to play an org without it. */
    fields,
    clientId,
    clientSecret,
    /** The change event Salesforce would publish, optionally wrapped as Event Relay → EventBridge delivers it. */
    changeEvent(input: SalesforceChangeInput): unknown {
      const now = Date.now();
      const payload = {
        ChangeEventHeader: {
          entityName: input.entityName, recordIds: input.recordIds, changeType: input.changeType,
          changedFields: input.changeType === 'UPDATE' ? [...Object.keys(input.fields ?? {}), 'LastModifiedDate'] : [],
          changeOrigin: input.changeOrigin ?? 'com/salesforce/api/soap/62.0;client=SfdcInternalAPI/', transactionKey: randomUUID(), sequenceNumber: ++sequence,
          commitTimestamp: now, commitNumber: 10_000_000 + sequence, commitUser: input.commitUser ?? '005000000000USR1AA',
        },
        ...input.fields,
        ...(input.changeType === 'UPDATE' ? { LastModifiedDate: new Date(now).toISOString() } : {}),
      };
      if (input.envelope !== 'eventbridge') return payload;
      return {
        version: '0', id: randomUUID(), 'detail-type': `${input.entityName}ChangeEvent`,
        source: `aws.partner/salesforce.com/${ORG_ID}/0YLSBX000000001`, account: '000000000000', time: new Date(now).toISOString(), region: 'eu-west-1', resources: [],
        detail: { payload, schemaId: 'sandbox-schema-id', id: randomUUID() },
      };
    },
    /** POSTs a change event to the hub. */
    async emit(hubUrl: string, input: SalesforceChangeInput): Promise<number> {
      return postToHub(hubUrl, JSON.stringify(this.changeEvent(input)));
    },
  };
};
export type SalesforceSandbox = Awaited<ReturnType<typeof startSalesforceSandbox>>;
