import { performance } from 'node:perf_hooks';
import { parseConnectionConfig, mapRecord } from '../shared/domain/crm/field-mapping.js';
import { defaultConnectionConfig } from '../shared/domain/crm/default-mappings.js';
import { fingerprintWriteBack, isEcho } from '../shared/domain/crm/loop-guard.js';
import { signHubSpotV3, verifyHubSpotSignatureV3 } from '../shared/adapters/crm/hubspot/webhook.js';

/** CRM connector hot paths: mapping, echo detection and webhook verification. Synthetic data. */
const run = (name: string, iterations: number, fn: (i: number) => void) => {
  for (let i = 0; i < Math.min(1000, iterations); i++) fn(i);
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn(i);
  const ms = performance.now() - start;
  return { name, iterations, opsPerSec: Math.round((iterations / ms) * 1000), usPerOp: Number(((ms * 1000) / iterations).toFixed(2)) };
};

const zoho = parseConnectionConfig(defaultConnectionConfig('zoho', 'bench'));
const fxiaoke = parseConnectionConfig(defaultConnectionConfig('fxiaoke', 'bench'));
const zohoAccount = (i: number) => ({ id: String(5725767000000500000 + i), Account_Name: ` 示例公司 ${i} `, Phone: '0571-8888 0001', Website: 'Example.cn', Billing_City: '杭州', Billing_Country: 'CN', Unified_Social_Credit_Code: '91330100MA2XXXXXX1', Modified_Time: '2025-01-15T18:00:00+08:00' });
const fxOrder = (i: number) => ({ _id: `65b0${i}`, account_id: '65a01', order_amount: '88000.50', order_time: 1736035200000 + i, life_status: 'normal', is_deleted: false, last_modified_time: 1736935200000 + i });
const prints = Array.from({ length: 50 }, (_, i) => fingerprintWriteBack('bench', String(i), { Risk_Grade: 'BBB', Credit_Limit: 50000 }, new Date('2025-01-15T10:00:00Z')));
const body = JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ eventId: i, subscriptionId: 1, portalId: 1, appId: 1, occurredAt: 1736935200000, subscriptionType: 'company.propertyChange', attemptNumber: 0, objectId: i, propertyName: 'name', propertyValue: 'x' })));
const ts = String(Date.now());
const headers = { 'x-hubspot-signature-v3': signHubSpotV3('s', 'POST', 'https://hub.example/h', body, ts), 'x-hubspot-request-timestamp': ts };

const results = [
  run('mapRecord zoho Accounts', 20_000, (i) => mapRecord(zoho, 'Accounts', zohoAccount(i))),
  run('mapRecord fxiaoke SalesOrderObj', 20_000, (i) => mapRecord(fxiaoke, 'SalesOrderObj', fxOrder(i))),
  run('isEcho (50 recent write-backs)', 50_000, (i) => isEcho({ crm: 'zoho', connectionId: 'bench', objectName: 'Accounts', externalIds: [String(i % 50)], operation: 'update', changedFields: ['Risk_Grade'], values: { Risk_Grade: 'BBB' }, occurredAt: '2025-01-15T10:01:00Z' }, prints, { integrationUsers: ['u'] })),
  run('HubSpot v3 verify (100-event batch)', 10_000, () => verifyHubSpotSignatureV3({ method: 'POST', uri: 'https://hub.example/h', rawBody: body, headers, clientSecret: 's', now: new Date() })),
];
console.table(results);
console.log(`BENCH_JSON ${JSON.stringify({ area: 'crm', results })}`);
