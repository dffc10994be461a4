import { randomUUID } from 'node:crypto';
import { SEED_EPOCH_MS, seedOf, startSandboxServer, syntheticUscc, SYNTHETIC_COMPANIES, type RecordedWrite } from './common.js';

/** Internal user id the sandbox stamps into `last_modified_by` for API writes. */
export const FXIAOKE_SANDBOX_INTEGRATION_USER = '1000';
const CORP_ID = 'FSCID_SANDBOX';

interface QueryBody {
  corpAccessToken: string;
  corpId: string;
  currentOpenUserId: string;
  data: {
    dataObjectApiName: string;
    objectDataId?: string;
    object_data?: Record<string, unknown> & { dataObjectApiName: string; _id: string };
    search_query_info?: {
      limit: number;
      offset: number;
      filters?: { field_name: string; field_values: unknown[]; operator: string }[];
      orders?: { fieldName: string; isAsc: boolean }[];
    };
  };
}

const seed = (extraAccounts: number) => {
  const store: Record<string, Map<string, Record<string, unknown>>> = { AccountObj: new Map(), SalesOrderObj: new Map(), PaymentObj: new Map() };
  const companies = [...SYNTHETIC_COMPANIES];
  for (let i = 0; i < SYNTHETIC_COMPANIES.length + extraAccounts; i++) {
    const company = companies[i % companies.length] ?? SYNTHETIC_COMPANIES[0];
    const id = `65a0${String(i + 1).padStart(20, '0')}`;
    const s = seedOf(id);
    // Every third account shares its timestamp with the previous one: ties are the point.
    const modified = SEED_EPOCH_MS + Math.floor(i / 3) * 60_000;
    store.AccountObj?.set(id, {
      _id: id,
      name: i < companies.length ? company.name : `${company.name} ${i}`,
      tel: company.phone,
      url: company.website,
      city: company.city,
      country: company.country,
      uniform_social_credit_code: syntheticUscc(s),
      credit_level__c: ['A', 'B', 'C'][s % 3],
      owner: ['1001'],
      life_status: 'normal',
      is_deleted: false,
      create_time: modified,
      last_modified_time: modified,
      last_modified_by: ['1001'],
    });
    if (i < companies.length) {
      const orderId = `65b0${String(i + 1).padStart(20, '0')}`;
      store.SalesOrderObj?.set(orderId, {
        _id: orderId,
        name: `SO${20250101 + i}`,
        account_id: id,
        order_amount: String((s % 1_000_000) / 100 + 10_000),
        order_time: SEED_EPOCH_MS + i * 86_400_000,
        life_status: i === 2 ? 'invalid' : 'normal',
        is_deleted: false,
        last_modified_time: SEED_EPOCH_MS + i * 86_400_000,
        last_modified_by: ['1001'],
      });
      const paymentId = `65c0${String(i + 1).padStart(20, '0')}`;
      store.PaymentObj?.set(paymentId, {
        _id: paymentId,
        account_id: id,
        payment_amount: String((s % 500_000) / 100 + 1_000),
        payment_time: SEED_EPOCH_MS + (i + 10) * 86_400_000,
        is_deleted: false,
        last_modified_time: SEED_EPOCH_MS + (i + 10) * 86_400_000,
        last_modified_by: ['1001'],
      });
    }
  }
  return store;
};

/**
 * Custom fields of AccountObj the sandbox tenant has: the rating fields from onboarding and the
 * credit-hold fields an admin created in 对象管理 (Fxiaoke's OpenAPI creates no fields; it names
 * custom fields `field_xxx__c`).
 */
const TENANT_CUSTOM_FIELDS = ['risk_grade__c', 'risk_score__c', 'credit_limit__c', 'risk_reasons__c', 'field_credit_hold__c', 'field_hold_reason__c'];

const seedFields = (store: ReturnType<typeof seed>): Record<string, Map<string, { api_name: string; type: string; define_type: 'package' | 'custom' }>> =>
  Object.fromEntries(
    Object.entries(store).map(([objectName, records]) => {
      const fields = new Map<string, { api_name: string; type: string; define_type: 'package' | 'custom' }>();
      for (const record of records.values()) for (const name of Object.keys(record)) fields.set(name, { api_name: name, type: 'text', define_type: name.endsWith('__c') ? 'custom' : 'package' });
      if (objectName === 'AccountObj') for (const name of TENANT_CUSTOM_FIELDS) fields.set(name, { api_name: name, type: name.includes('hold__c') ? 'true_or_false' : 'text', define_type: 'custom' });
      return [objectName, fields];
    }),
  );

const compare = (a: unknown, b: unknown): number => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)));

/**
 * Fxiaoke OpenAPI sandbox: `/cgi/corpAccessToken/get/V2`, `/cgi/crm/v2/data/{query,get,update}`,
 * `/cgi/crm/v2/object/describe` (an update naming a field the object lacks answers 字段[x]不存在).
 * Errors come as HTTP 200 + errorCode like the real API; `expireTokens()` makes the next
 * call fail with the token-expired code. `extraAccounts` adds accounts for paging tests.
 */
export const startFxiaokeSandbox = async (options: { port?: number; extraAccounts?: number } = {}) => {
  const store = seed(options.extraAccounts ?? 0);
  const metadata = seedFields(store);
  const writes: RecordedWrite[] = [];
  const tokens = new Set<string>();
  const err = (errorCode: number, errorMessage: string) => ({ status: 200, body: { errorCode, errorMessage } });

  const server = await startSandboxServer((req) => {
    if (req.method !== 'POST') return { status: 405, body: {} };
    if (req.path === '/cgi/corpAccessToken/get/V2') {
      const body = req.json() as { appId?: string; appSecret?: string; permanentCode?: string };
      if (!body.appId || !body.appSecret || !body.permanentCode) return err(20001, 'appId/appSecret/permanentCode 不能为空');
      const token = randomUUID().replaceAll('-', '').toUpperCase();
      tokens.add(token);
      return { status: 200, body: { errorCode: 0, errorMessage: 'success', corpAccessToken: token, corpId: CORP_ID, expiresIn: 7200 } };
    }
    const match = /^\/cgi\/crm\/(?:custom\/)?v2\/data\/(query|get|update)$/.exec(req.path);
    const describe = req.path === '/cgi/crm/v2/object/describe';
    if (!match && !describe) return err(10002, 'url not found');
    const body = req.json() as QueryBody & { data: { apiName?: string } };
    if (!tokens.has(body.corpAccessToken) || body.corpId !== CORP_ID) return err(20016, 'corpAccessToken 已过期或无效');
    if (!body.currentOpenUserId) return err(10001, 'currentOpenUserId 不能为空');
    if (describe) {
      const known = metadata[body.data.apiName ?? ''];
      if (!known) return err(320001, '对象不存在');
      return { status: 200, body: { errorCode: 0, errorMessage: 'OK', data: { describe: { api_name: body.data.apiName, fields: Object.fromEntries(known) } } } };
    }
    if (!match) return err(10002, 'url not found');
    const objectName = body.data.object_data?.dataObjectApiName ?? body.data.dataObjectApiName;
    const records = store[objectName];
    if (!records) return err(320001, '对象不存在');
    if (match[1] === 'get') {
      const record = records.get(body.data.objectDataId ?? '');
      return record ? { status: 200, body: { errorCode: 0, errorMessage: 'OK', data: record } } : err(320002, '数据不存在');
    }
    if (match[1] === 'update') {
      const { dataObjectApiName: _name, _id, ...fields } = body.data.object_data ?? { dataObjectApiName: '', _id: '' };
      const record = records.get(_id);
      if (!record) return err(320002, '数据不存在');
      const unknown = Object.keys(fields).find((name) => !metadata[objectName]?.has(name));
      if (unknown) return err(320003, `字段[${unknown}]不存在`);
      const now = Date.now();
      writes.push({ objectName, id: _id, fields, at: new Date(now).toISOString() });
      Object.assign(record, fields, { last_modified_time: now, last_modified_by: [FXIAOKE_SANDBOX_INTEGRATION_USER] });
      return { status: 200, body: { errorCode: 0, errorMessage: 'OK', dataId: _id } };
    }
    const info = body.data.search_query_info ?? { limit: 20, offset: 0 };
    let rows = [...records.values()];
    for (const filter of info.filters ?? []) {
      const value = filter.field_values[0];
      rows = rows.filter((row) => {
        const c = compare(row[filter.field_name], value);
        return filter.operator === 'GT' ? c > 0 : filter.operator === 'GTE' ? c >= 0 : filter.operator === 'LT' ? c < 0 : filter.operator === 'EQ' ? c === 0 : true;
      });
    }
    const orders = info.orders ?? [];
    rows.sort((a, b) => {
      for (const order of orders) {
        const c = compare(a[order.fieldName], b[order.fieldName]);
        if (c !== 0) return order.isAsc ? c : -c;
      }
      return 0;
    });
    return { status: 200, body: { errorCode: 0, errorMessage: 'OK', data: { total: rows.length, dataList: rows.slice(info.offset, info.offset + Math.min(info.limit, 1000)) } } };
  }, { ...options, fxiaokeStyle: true });

  return {
    ...server,
    store,
    writes,
    /** Field metadata per object (what describe answers); delete a name to play a tenant without it. */
    fields: metadata,
    corpId: CORP_ID,
    /** Invalidates every issued token (the next call answers errorCode 20016). */
    expireTokens: () => tokens.clear(),
    /** Simulates a user edit in Fxiaoke: sets fields and bumps last_modified_time. */
    touch(objectName: string, id: string, fields: Record<string, unknown>, atMs = Date.now(), by = '1001'): void {
      const record = store[objectName]?.get(id);
      if (record) Object.assign(record, fields, { last_modified_time: atMs, last_modified_by: [by] });
    },
  };
};
export type FxiaokeSandbox = Awaited<ReturnType<typeof startFxiaokeSandbox>>;
