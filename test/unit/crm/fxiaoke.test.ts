import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, PermanentError, TransientError } from '../../../shared/domain/errors.js';
import { mapRecord } from '../../../shared/domain/crm/field-mapping.js';
import { initialCursor } from '../../../shared/domain/crm/poll-cursor.js';
import { createFxiaokeClient, createFxiaokeWriteBack, fxiaokeError } from '../../../shared/adapters/crm/fxiaoke/client.js';
import { createRateLimiter } from '../../../shared/adapters/crm/http.js';
import { FXIAOKE_SANDBOX_INTEGRATION_USER, startFxiaokeSandbox, type FxiaokeSandbox } from '../../../infra/local/sandboxes/crm/fxiaoke.js';
import { connection, fixture, secretsFrom } from './support.js';
import { loopbackFetch } from '../../support/outbound.js';

const secrets = secretsFrom({ 'riskbridge/fxiaoke/test-fxiaoke/app-id': 'FSAID_TEST', 'riskbridge/fxiaoke/test-fxiaoke/app-secret': 's', 'riskbridge/fxiaoke/test-fxiaoke/permanent-code': 'p' });
/** Sandbox account ids: '65a0' + 20-digit sequence (24 chars like Fxiaoke's ObjectId-style _id). */
const accountId = (n: number) => `65a0${String(n).padStart(20, '0')}`;
const fast = () => createRateLimiter({ capacity: 1000, refillPerSecond: 1000 });

describe('fxiaokeError', () => {
  it('maps errorCode-in-200 to refresh, throttling, not-found and permanent refusals', () => {
    const expired = fixture('fxiaoke/error-token-expired.json') as { errorCode: number; errorMessage: string };
    expect(fxiaokeError(expired.errorCode, expired.errorMessage)).toMatchObject({ code: 'crm_token_expired' });
    expect(fxiaokeError(99999, '请求过于频繁')).toMatchObject({ code: 'crm_rate_limited', retryable: true });
    expect(fxiaokeError(320002, '数据不存在')).toBeInstanceOf(NotFoundError);
    expect(fxiaokeError(10001, '参数错误')).toBeInstanceOf(PermanentError);
  });
});

describe('Fxiaoke client against the sandbox', () => {
  let sandbox: FxiaokeSandbox;
  beforeAll(async () => {
    sandbox = await startFxiaokeSandbox({ extraAccounts: 19 });
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  const config = () => connection('fxiaoke', { apiBaseUrl: sandbox.url, actingUserId: 'FSUID_SANDBOX', integrationUsers: [FXIAOKE_SANDBOX_INTEGRATION_USER] });

  it('polls every account once across pages with tied timestamps, then only what changed', async () => {
    const client = createFxiaokeClient({ secrets, outbound: loopbackFetch, limiter: fast() });
    const first = await client.pollChanges(config(), 'AccountObj', initialCursor(), { limit: 4 });
    expect(first.complete).toBe(true);
    expect(new Set(first.records.map((r) => r._id)).size).toBe(25);
    expect(first.records).toHaveLength(25);
    const mapped = first.records.map((r) => mapRecord(config(), 'AccountObj', r));
    expect(mapped[0]).toMatchObject({ objectType: 'customer', custom: { credit_level__c: expect.any(String) } });
    sandbox.touch('AccountObj', accountId(3), { tel: '021 6000 0099' });
    const second = await client.pollChanges(config(), 'AccountObj', first.cursor, { limit: 4 });
    expect(second.records.map((r) => r._id)).toEqual([accountId(3)]);
  });

  it('refreshes an expired corpAccessToken once and retries', async () => {
    const client = createFxiaokeClient({ secrets, outbound: loopbackFetch, limiter: fast() });
    await client.fetchRecord(config(), 'AccountObj', accountId(1));
    sandbox.expireTokens();
    const record = await client.fetchRecord(config(), 'AccountObj', accountId(1));
    expect(record._id).toBe(accountId(1));
  });

  it('maps rate-limit errorCodes and HTTP 429 to TransientError', async () => {
    const client = createFxiaokeClient({ secrets, outbound: loopbackFetch, limiter: fast() });
    sandbox.failNext({ kind: 'fxiaoke', errorCode: 20005, errorMessage: '调用频率超限' }, '/cgi/crm');
    await expect(client.fetchRecord(config(), 'AccountObj', accountId(1))).rejects.toBeInstanceOf(TransientError);
    sandbox.failNext({ kind: 'http', status: 429, retryAfterSeconds: 3 }, '/cgi/crm');
    await expect(client.fetchRecord(config(), 'AccountObj', accountId(1))).rejects.toMatchObject({ code: 'crm_rate_limited', retryAfterMs: 3000 });
  });

  it('writes back __c fields with data/update and the sandbox records them', async () => {
    const writeBack = createFxiaokeWriteBack(createFxiaokeClient({ secrets, outbound: loopbackFetch, limiter: fast() }));
    const result = await writeBack.update(config(), accountId(2), { risk_grade__c: 'BB', credit_limit__c: 120000 });
    expect(result).toMatchObject({ status: 'updated', crm: 'fxiaoke', objectName: 'AccountObj', crmStatus: 'OK' });
    expect(sandbox.writes.at(-1)).toMatchObject({ objectName: 'AccountObj', id: accountId(2), fields: { risk_grade__c: 'BB', credit_limit__c: 120000 } });
    expect(sandbox.store.AccountObj?.get(accountId(2))?.last_modified_by).toEqual([FXIAOKE_SANDBOX_INTEGRATION_USER]);
  });

  it('refuses to call without an acting user (currentOpenUserId)', async () => {
    const client = createFxiaokeClient({ secrets, outbound: loopbackFetch, limiter: fast() });
    await expect(client.fetchRecord(connection('fxiaoke', { apiBaseUrl: sandbox.url }), 'AccountObj', 'x')).rejects.toMatchObject({ code: 'crm_credentials_missing' });
  });
});
