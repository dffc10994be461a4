import { randomUUID } from 'node:crypto';
import { postToHub, SEED_EPOCH_MS, seedOf, startSandboxServer, syntheticUscc, SYNTHETIC_COMPANIES, type RecordedWrite, type SandboxReply } from './common.js';

/** Id of the sandbox's integration user: write-backs are stamped with it in Modified_By. */
export const ZOHO_SANDBOX_INTEGRATION_USER = '5725767000000411001';

const zohoTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

const seed = () => {
  const store: Record<string, Map<string, Record<string, unknown>>> = { Accounts: new Map(), Sales_Orders: new Map(), Invoices: new Map() };
  SYNTHETIC_COMPANIES.forEach((company, i) => {
    const id = String(5725767000000500000n + BigInt(i + 1));
    const s = seedOf(id);
    store.Accounts?.set(id, {
      id,
      Account_Name: company.name,
      Phone: company.phone,
      Website: company.website,
      Industry: company.industry,
      Billing_City: company.city,
      Billing_Country: company.country,
      Unified_Social_Credit_Code: company.country === 'CN' ? syntheticUscc(s) : null,
      Modified_Time: zohoTime(SEED_EPOCH_MS + i * 60_000),
      Modified_By: { name: 'Sandbox User', id: '5725767000000411002', email: 'user@sandbox.example' },
    });
    const orderId = String(5725767000000600000n + BigInt(i + 1));
    store.Sales_Orders?.set(orderId, {
      id: orderId,
      Subject: `SO-${i + 1}`,
      Account_Name: { name: company.name, id },
      Grand_Total: (s % 100_000) / 100 + 1000,
      Currency: company.country === 'CN' ? 'CNY' : 'USD',
      Status: 'Created',
      Created_Time: zohoTime(SEED_EPOCH_MS + i * 3_600_000),
      Modified_Time: zohoTime(SEED_EPOCH_MS + i * 3_600_000),
    });
    const invoiceId = String(5725767000000700000n + BigInt(i + 1));
    store.Invoices?.set(invoiceId, {
      id: invoiceId,
      Subject: `INV-${i + 1}`,
      Account_Name: { name: company.name, id },
      Invoice_Date: '2025-01-15',
      Due_Date: '2025-02-14',
      Grand_Total: (s % 50_000) / 100 + 500,
      Currency: company.country === 'CN' ? 'CNY' : 'USD',
      Status: i % 3 === 0 ? 'Paid' : 'Created',
      Modified_Time: zohoTime(SEED_EPOCH_MS + i * 7_200_000),
    });
  });
  return store;
};

/** Custom fields the sandbox org has from its onboarding (the rating fields); the credit-hold fields come from the field setup. */
const ONBOARDED_FIELDS = ['Risk_Grade', 'Risk_Score', 'Credit_Limit', 'Risk_Reasons', 'Risk_Rated_At'];

interface SandboxField { api_name: string; field_label: string; data_type: string; custom_field: boolean; id: string }

const seedFields = (store: ReturnType<typeof seed>): Record<string, Map<string, SandboxField>> => {
  let n = 0;
  const field = (api_name: string, custom: boolean): SandboxField => ({ api_name, field_label: api_name.replaceAll('_', ' '), data_type: 'text', custom_field: custom, id: String(5725767000000800000n + BigInt(++n)) });
  return Object.fromEntries(
    Object.entries(store).map(([module, records]) => {
      const fields = new Map<string, SandboxField>();
      for (const record of records.values()) for (const name of Object.keys(record)) fields.set(name, field(name, false));
      if (module === 'Accounts') for (const name of ONBOARDED_FIELDS) fields.set(name, field(name, true));
      return [module, fields];
    }),
  );
};

/**
 * Zoho CRM sandbox: accounts-server token endpoint, `/crm/v8/{module}/{id}`, `settings/fields`
 * (list and create; a PUT naming a field the module lacks answers INVALID_DATA like Zoho),
 * `PUT /crm/v8/{module}`, `/crm/v8/actions/watch`; emits notifications to armed channels.
 * Synthetic data only, seeded deterministically.
 */
export const startZohoSandbox = async (options: { port?: number } = {}) => {
  const store = seed();
  const fields = seedFields(store);
  const writes: RecordedWrite[] = [];
  const channels = new Map<string, { channel_id: string; events: string[]; token: string; notify_url: string; channel_expiry: string }>();
  const issued = new Set<string>();
  const watchBodies: unknown[] = [];
  const invalidToken: SandboxReply = { status: 401, body: { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' } };

  const server = await startSandboxServer((req) => {
    if (req.method === 'POST' && req.path === '/oauth/v2/token') {
      const form = new URLSearchParams(req.rawBody);
      if (form.get('grant_type') !== 'refresh_token' || !form.get('refresh_token')) return { status: 200, body: { error: 'invalid_code' } };
      const token = `1000.${randomUUID().replaceAll('-', '')}`;
      issued.add(token);
      return { status: 200, body: { access_token: token, api_domain: 'https://www.zohoapis.com', token_type: 'Bearer', expires_in: 3600 } };
    }
    const auth = /^Zoho-oauthtoken (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!auth || !issued.has(auth)) return invalidToken;
    const parts = req.path.split('/').filter(Boolean); // crm, v8, ...
    if (parts[0] !== 'crm' || parts[1] !== 'v8') return { status: 404, body: { code: 'INVALID_URL_PATTERN', status: 'error' } };
    if (parts[2] === 'actions' && parts[3] === 'watch') {
      const body = req.json() as { watch: { channel_id: string | number; events: string[]; token: string; notify_url: string; channel_expiry: string }[] };
      watchBodies.push(body);
      for (const w of body.watch) channels.set(String(w.channel_id), { ...w, channel_id: String(w.channel_id) });
      return {
        status: req.method === 'POST' ? 201 : 200,
        body: { watch: body.watch.map((w) => ({ code: 'SUCCESS', details: { events: w.events.map((e) => ({ channel_expiry: w.channel_expiry, resource_uri: '', resource_id: '', resource_name: e.split('.')[0], channel_id: String(w.channel_id) })) }, message: 'Successfully subscribed for actions-watch of the given module', status: 'success' })) },
      };
    }
    if (parts[2] === 'settings' && parts[3] === 'fields' && !parts[4]) {
      const known = fields[req.query.get('module') ?? ''];
      if (!known) return { status: 400, body: { code: 'INVALID_MODULE', details: {}, message: 'the module name given seems to be invalid', status: 'error' } };
      if (req.method === 'GET') return { status: 200, body: { fields: [...known.values()] } };
      if (req.method === 'POST') {
        const body = req.json() as { fields: { field_label?: string; data_type?: string; api_name?: string }[] };
        return {
          status: 200,
          body: {
            fields: body.fields.map((f) => {
              if (!f.field_label || !f.data_type) return { code: 'MANDATORY_NOT_FOUND', details: { api_name: f.field_label ? 'data_type' : 'field_label' }, message: 'required field not found', status: 'error' };
              const apiName = f.api_name ?? f.field_label.trim().replace(/\s+/g, '_');
              if (known.has(apiName)) return { code: 'DUPLICATE_DATA', details: { api_name: apiName }, message: 'duplicate data', status: 'error' };
              const created: SandboxField = { api_name: apiName, field_label: f.field_label, data_type: f.data_type, custom_field: true, id: String(5725767000000900000n + BigInt(known.size)) };
              known.set(apiName, created);
              return { code: 'SUCCESS', details: { id: created.id }, message: 'field created', status: 'success' };
            }),
          },
        };
      }
      return { status: 405, body: { code: 'METHOD_NOT_ALLOWED' } };
    }
    const module = parts[2] ?? '';
    const records = store[module];
    if (!records) return { status: 400, body: { code: 'INVALID_MODULE', status: 'error' } };
    if (req.method === 'GET' && parts[3]) {
      const record = records.get(parts[3]);
      return record ? { status: 200, body: { data: [record] } } : { status: 204 };
    }
    if (req.method === 'PUT' && !parts[3]) {
      const body = req.json() as { data: Record<string, unknown>[]; trigger?: string[] };
      const now = Date.now();
      return {
        status: 200,
        body: {
          data: body.data.map((row) => {
            const id = String(row.id);
            const record = records.get(id);
            if (!record) return { code: 'INVALID_DATA', details: { api_name: 'id' }, message: 'the id given seems to be invalid', status: 'error' };
            const { id: _id, ...values } = row;
            const unknown = Object.keys(values).find((name) => !fields[module]?.has(name));
            if (unknown) return { code: 'INVALID_DATA', details: { api_name: unknown, json_path: `$.data[0].${unknown}` }, message: 'the field is not available in the module', status: 'error' };
            writes.push({ objectName: module, id, fields: values, at: new Date(now).toISOString() });
            Object.assign(record, values, { Modified_Time: zohoTime(now), Modified_By: { name: 'RiskBridge', id: ZOHO_SANDBOX_INTEGRATION_USER } });
            return { code: 'SUCCESS', details: { Modified_Time: zohoTime(now), id }, message: 'record updated', status: 'success' };
          }),
        },
      };
    }
    return { status: 405, body: { code: 'METHOD_NOT_ALLOWED' } };
  }, options);

  return {
    ...server,
    store,
    writes,
    /** Field metadata per module (what `settings/fields` lists); delete a name to play an org without it. */
    fields,
    channels,
    watchBodies,
    /**
     * Sends the notification Zoho would send for `operation` on `ids` of `module` to every
     * armed channel subscribed to it (or to `hubUrl` with `token` when given). Returns hub statuses.
     */
    async emit(input: { module: string; ids: string[]; operation: 'insert' | 'update' | 'delete'; affectedFields?: string[]; hubUrl?: string; token?: string; channelId?: string }): Promise<number[]> {
      const targets = input.hubUrl
        ? [{ notify_url: input.hubUrl, token: input.token ?? '', channel_id: input.channelId ?? '1000000068001' }]
        : [...channels.values()].filter((c) => c.events.some((e) => e === `${input.module}.all` || e === `${input.module}.${input.operation === 'insert' ? 'create' : input.operation === 'update' ? 'edit' : 'delete'}`));
      const statuses: number[] = [];
      for (const target of targets) {
        const body = {
          server_time: Date.now(),
          query_params: {},
          module: input.module,
          resource_uri: `https://www.zohoapis.com/crm/v8/${input.module}`,
          ids: input.ids,
          ...(input.affectedFields ? { affected_fields: input.ids.map((id) => ({ [id]: input.affectedFields ?? [] })) } : {}),
          operation: input.operation,
          channel_id: target.channel_id,
          token: target.token,
        };
        statuses.push(await postToHub(target.notify_url, JSON.stringify(body)));
      }
      return statuses;
    },
  };
};
export type ZohoSandbox = Awaited<ReturnType<typeof startZohoSandbox>>;
