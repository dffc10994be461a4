import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFxiaokeSandbox, type FxiaokeSandbox } from '../../infra/local/sandboxes/crm/fxiaoke.js';
import { localCrmConnections } from '../../infra/local/sandboxes/crm/local-connections.js';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../infra/local/sandboxes/crm/salesforce.js';
import { startZohoSandbox, type ZohoSandbox } from '../../infra/local/sandboxes/crm/zoho.js';
import { fingerprintWriteBack } from '../../shared/domain/crm/loop-guard.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { crmStateStore, sourceRecordStore } from '../../shared/adapters/dynamodb/crm-store.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { writeBackFingerprintStore } from '../../shared/adapters/dynamodb/writeback-fingerprint-store.js';
import type { QueueId } from '../../infra/topology.js';
import { putConnection, until } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const FX_ACCOUNT = `65a0${'1'.padStart(20, '0')}`;
const SF_ACCOUNT = '001000000000004AAA';
const SF_ACCOUNT_2 = '001000000000005AAA';
const ZOHO_ACCOUNT = '5725767000000500002';
const SF_SECRET = 'e2e-salesforce-inbound-secret';
const ZOHO_SECRETS = 'riskbridge/zoho/local-zoho';
const ZOHO_DOWN_SECRETS = 'riskbridge/zoho/e2e-zoho-down';
const customerPath = (id: string) => `/v1/customers/${encodeURIComponent(id)}`;

/**
 * The CRM channels end to end: the Fxiaoke poller and its cursor, the Zoho channel re-arm
 * schedule, the loop guard dropping write-back echoes, and the signed routes refusing bad input.
 */
describe('CRM ingest: poller, channel re-arm, loop guard, signed routes', () => {
  let t: TestHub;
  let zoho: ZohoSandbox;
  let fxiaoke: FxiaokeSandbox;
  let salesforce: SalesforceSandbox;
  let sqs: SQSClient;
  let state: ReturnType<typeof crmStateStore>;
  let fingerprints: ReturnType<typeof writeBackFingerprintStore>;
  let quarantine: ReturnType<typeof quarantineStore>;
  let sources: ReturnType<typeof sourceRecordStore>;

  /** The queues have nothing waiting or in flight (twice in a row). */
  const idle = async (queues: QueueId[]) => {
    const depth = async () => {
      let total = 0;
      for (const queue of queues) {
        const { Attributes = {} } = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: t.hub.resources.queueUrls[queue], AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
        );
        total += Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
      }
      return total;
    };
    for (let idle = 0; idle < 2; ) {
      idle = (await depth()) === 0 ? idle + 1 : 0;
      await new Promise((r) => setTimeout(r, 150));
    }
  };
  const ingestIdle = () => idle(['crmIngest']);
  const profile = (id: string) => t.api('GET', customerPath(id));
  /** The customer a Salesforce account landed on (entity resolution may put it on a customer another CRM created). */
  const landedOn = (externalId: string) => sources.customerOf({ crm: 'salesforce', connectionId: 'local-salesforce', objectType: 'customer', externalId });
  const customerEvents = async (id: string) =>
    ((await t.api('GET', `${customerPath(id)}/events`)).json?.events ?? []).filter((e: { type: string }) => e.type.startsWith('customer.')) as Array<{ type: string; sequence: number }>;
  const signed = (body: string) => ({ 'content-type': 'application/json', 'x-riskbridge-signature': `sha256=${createHmac('sha256', SF_SECRET).update(body, 'utf8').digest('hex')}` });
  /** A push as the CRM sends it: no API key, the raw body and the CRM's headers. */
  const push = (path: string, rawBody: string, headers: Record<string, string> = {}) => t.api('POST', path, { rawBody, headers, key: null });
  const postSalesforce = async (body: string, headers: Record<string, string>) => (await push('/v1/inbound/salesforce/local-salesforce', body, headers)).status;

  beforeAll(async () => {
    [zoho, fxiaoke, salesforce] = await Promise.all([startZohoSandbox(), startFxiaokeSandbox(), startSalesforceSandbox()]);
    const crm = localCrmConnections({ zoho: zoho.url, fxiaoke: fxiaoke.url, salesforce: salesforce.url });
    // e2e-zoho-down: local-zoho's secrets bound to a second connection (see the 503 case).
    const downSecrets = Object.entries(crm.secrets).flatMap(([name, value]) => (name.startsWith(`${ZOHO_SECRETS}/`) ? [[name.replace(ZOHO_SECRETS, ZOHO_DOWN_SECRETS), value]] : []));
    const secrets = { ...crm.secrets, ...Object.fromEntries(downSecrets), 'riskbridge/salesforce/local-salesforce/inbound-secret': SF_SECRET };
    t = await startTestHub({ env: { LOCAL_SECRETS: JSON.stringify(secrets), PUBLIC_API_URL: 'https://hub.example.test' } });
    sqs = new SQSClient({ endpoint: inject('sqsEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const table = { client: createDocumentClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), tableName: t.hub.resources.tableName };
    state = crmStateStore(table);
    fingerprints = writeBackFingerprintStore(table);
    quarantine = quarantineStore(table);
    sources = sourceRecordStore(table);
    for (const connection of crm.connections) {
      const body = connection.crm === 'salesforce' ? { ...connection, credentials: { ...connection.credentials, inboundSecret: 'riskbridge/salesforce/local-salesforce/inbound-secret' } } : connection;
      // Their mappings take in contact data: the second person approves each (four eyes).
      expect((await putConnection(t, connection.connectionId, body)).status).toBe(202);
      expect((await t.api('POST', `/v1/crm/connections/${connection.connectionId}/setup`)).status).toBe(200);
    }
  });

  afterAll(async () => {
    sqs?.destroy();
    await t?.stop();
    await Promise.all([zoho?.stop(), fxiaoke?.stop(), salesforce?.stop()]);
  });

  it('polls Fxiaoke: rows land in profiles, the cursor advances, a re-poll duplicates nothing, a user edit is picked up', async () => {
    const id = `c:crm:fxiaoke:local-fxiaoke:${FX_ACCOUNT}`;
    const first = (await t.hub.runSchedule('pollFxiaoke')) as { polled: number };
    expect(first.polled).toBeGreaterThanOrEqual(6);
    const landed = await until(() => profile(id), (r) => r.json?.profile?.fields?.legalName !== undefined);
    expect(landed.json.profile.fields.legalName).toMatchObject({ value: '杭州示例数据科技有限公司', source: 'crm:fxiaoke:local-fxiaoke', recordId: FX_ACCOUNT });
    const cursor = await state.getCursor('local-fxiaoke', 'AccountObj');
    expect(cursor?.lastId).toBeTruthy();
    await ingestIdle();
    const eventsBefore = await customerEvents(id);
    const customerUpdates = eventsBefore.filter((e) => e.type === 'customer.updated').length;

    await t.hub.runSchedule('pollFxiaoke');
    await ingestIdle();
    // Rows the hub's own write-back touched may come back (dropped as echoes or no-ops): no new customer.updated.
    expect((await customerEvents(id)).filter((e) => e.type === 'customer.updated').length).toBe(customerUpdates);
    const cursorAfter = await state.getCursor('local-fxiaoke', 'AccountObj');
    expect(cursorAfter?.modifiedAtMs ?? 0).toBeGreaterThanOrEqual(cursor?.modifiedAtMs ?? 0);

    // Let the ratings and their write-backs settle first: a poll sees one row state, and a row our
    // write-back touched after the user's edit reads as ours (see docs/crm-ingest.md, limits).
    await idle(['crmIngest', 'recompute', 'writebacks']);
    fxiaoke.touch('AccountObj', FX_ACCOUNT, { tel: '0571-8888 0099' });
    const third = (await t.hub.runSchedule('pollFxiaoke')) as { polled: number };
    expect(third.polled).toBeGreaterThanOrEqual(1);
    const updated = await until(() => profile(id), (r) => r.json?.profile?.fields?.phone?.value === '+8657188880099');
    expect(updated.json.profile.fields.phone.value).toBe('+8657188880099');
    expect((await state.getCursor('local-fxiaoke', 'AccountObj'))?.modifiedAtMs ?? 0).toBeGreaterThan(cursor?.modifiedAtMs ?? 0);
    await ingestIdle();
    expect((await customerEvents(id)).filter((e) => e.type === 'customer.updated').length).toBe(customerUpdates + 1);
  });

  it('re-arms a Zoho channel near expiry with a fresh token at the sandbox; the old token is refused', async () => {
    expect((await t.api('POST', '/v1/crm/connections/local-zoho/channel', { body: { events: ['Accounts.all', 'Leads.all'] } })).status).toBe(200);
    const armed = await state.getChannel('local-zoho');
    if (!armed) throw new Error('channel not stored');
    await state.putChannel({ ...armed.channel, expiresAt: new Date(Date.now() + 60 * 60_000).toISOString() }, armed.token);
    const watchesBefore = zoho.watchBodies.length;

    expect(await t.hub.runSchedule('rearmZohoChannels')).toEqual({ rearmed: 1, failed: 0 });
    expect(zoho.watchBodies.length).toBe(watchesBefore + 1);
    const atSandbox = zoho.channels.get(armed.channel.channelId);
    const rearmed = await state.getChannel('local-zoho');
    expect(rearmed?.token).not.toBe(armed.token);
    expect(atSandbox?.token).toBe(rearmed?.token);
    expect(atSandbox?.notify_url).toBe('https://hub.example.test/v1/inbound/zoho/local-zoho');
    expect(Date.parse(rearmed?.channel.expiresAt ?? '')).toBeGreaterThan(Date.now() + 24 * 3_600_000);
    // A channel far from expiry is left alone.
    expect(await t.hub.runSchedule('rearmZohoChannels')).toEqual({ rearmed: 0, failed: 0 });

    const hubUrl = `${t.hub.url}/v1/inbound/zoho/local-zoho`;
    const notice = { module: 'Accounts', ids: [ZOHO_ACCOUNT], operation: 'update' as const, hubUrl, channelId: armed.channel.channelId };
    expect(await zoho.emit({ ...notice, token: armed.token })).toEqual([401]);
    expect(await zoho.emit({ ...notice, token: 'not-the-token' })).toEqual([401]);
    await ingestIdle();
    expect((await profile(`c:crm:zoho:local-zoho:${ZOHO_ACCOUNT}`)).status).toBe(404);
    expect(await zoho.emit({ ...notice, token: rearmed?.token ?? '' })).toEqual([202]);
    expect((await until(() => profile(`c:crm:zoho:local-zoho:${ZOHO_ACCOUNT}`), (r) => r.status === 200)).status).toBe(200);
  });

  it('answers 503 when Zoho cannot be reached to arm a channel, and stores no channel', async () => {
    const zohoConnection = (await t.api('GET', '/v1/crm/connections/local-zoho')).json.connection;
    // The same configuration with its own secrets, pointed at a port nothing listens on.
    const credentials = Object.fromEntries(Object.entries(zohoConnection.credentials as Record<string, string>).map(([role, name]) => [role, name.replace(ZOHO_SECRETS, ZOHO_DOWN_SECRETS)]));
    const down = { ...zohoConnection, connectionId: 'e2e-zoho-down', credentials, apiBaseUrl: 'http://127.0.0.1:9', authBaseUrl: 'http://127.0.0.1:9' };
    expect((await putConnection(t, 'e2e-zoho-down', down)).status).toBe(202);
    const armed = await t.api('POST', '/v1/crm/connections/e2e-zoho-down/channel', { body: { events: ['Accounts.all'] } });
    expect(armed.status, armed.text).toBe(503);
    expect(armed.headers.get('content-type')).toBe('application/problem+json');
    expect(armed.json.code).toMatch(/^crm_/);
    expect(await state.getChannel('e2e-zoho-down')).toBeUndefined();
  });

  it('drops and counts the CRM echo of a write-back; a change with another value is ingested', async () => {
    await fingerprints.put(fingerprintWriteBack('local-salesforce', SF_ACCOUNT, { Risk_Grade__c: 'BBB', Credit_Limit__c: 50000 }, new Date()));
    const echo = JSON.stringify(salesforce.changeEvent({ entityName: 'Account', recordIds: [SF_ACCOUNT], changeType: 'UPDATE', fields: { Risk_Grade__c: 'BBB', Credit_Limit__c: '50000.00' } }));
    expect(await postSalesforce(echo, signed(echo))).toBe(202);
    expect(await until(() => state.echoCount('local-salesforce'), (n) => n === 1)).toBe(1);
    await ingestIdle();
    expect(await landedOn(SF_ACCOUNT)).toBeUndefined();

    const change = JSON.stringify(salesforce.changeEvent({ entityName: 'Account', recordIds: [SF_ACCOUNT], changeType: 'UPDATE', fields: { Risk_Grade__c: 'CCC' } }));
    expect(await postSalesforce(change, signed(change))).toBe(202);
    const customerId = await until(() => landedOn(SF_ACCOUNT), (c) => c !== undefined);
    // The same company arrived from Fxiaoke in the poll above: the account lands on that customer (name, city, phone, website).
    const landed = (await profile(customerId ?? '')).json.profile;
    expect(landed.fields.legalName.value).toBe('Example Widgets GmbH');
    expect(landed.identifiers).toContainEqual(expect.objectContaining({ scheme: 'crm_record', value: `salesforce:local-salesforce:${SF_ACCOUNT}`, source: 'crm:salesforce:local-salesforce' }));
    await ingestIdle();
    expect(await state.echoCount('local-salesforce')).toBe(1);
  });

  it('answers 401 to a bad Salesforce signature or token and writes nothing; a replayed event is a no-op', async () => {
    const body = JSON.stringify(salesforce.changeEvent({ entityName: 'Account', recordIds: [SF_ACCOUNT_2], changeType: 'CREATE' }));
    expect(await postSalesforce(body, { 'content-type': 'application/json', 'x-riskbridge-signature': `sha256=${'0'.repeat(64)}` })).toBe(401);
    expect(await postSalesforce(body, { 'content-type': 'application/json', 'x-riskbridge-token': 'wrong' })).toBe(401);
    expect(await postSalesforce(body, { 'content-type': 'application/json' })).toBe(401);
    const tampered = body.replace('CREATE', 'UPDATE');
    expect(await postSalesforce(tampered, signed(body))).toBe(401);
    expect((await push('/v1/inbound/salesforce/no-such-connection', body, signed(body))).status).toBe(401);
    await ingestIdle();
    expect(await landedOn(SF_ACCOUNT_2)).toBeUndefined();

    expect(await postSalesforce(body, { 'content-type': 'application/json', 'x-riskbridge-token': SF_SECRET })).toBe(202);
    const id = (await until(() => landedOn(SF_ACCOUNT_2), (c) => c !== undefined)) ?? '';
    await ingestIdle();
    const before = await profile(id);
    const eventsBefore = await customerEvents(id);
    expect(await postSalesforce(body, signed(body))).toBe(202);
    await ingestIdle();
    const after = await profile(id);
    // Values only: the hub's own rating write-back may have bumped LastModifiedDate (a newer observation, same values).
    const values = (fields: Record<string, { value: unknown }>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.value]));
    expect(values(after.json.profile.fields)).toEqual(values(before.json.profile.fields));
    expect(after.json.profile.sequence).toBe(before.json.profile.sequence);
    expect(await customerEvents(id)).toEqual(eventsBefore);
  });

  it('answers problems on the signed routes: the router refuses unreadable requests, the verifiers bad signatures and bad bodies', async () => {
    const problem = (r: { status: number; headers: Headers; json: { status?: number; code?: string } }) => [r.status, r.headers.get('content-type'), r.json.code];
    for (const crm of ['zoho', 'hubspot', 'salesforce']) {
      const path = `/v1/inbound/${crm}/local-${crm}`;
      expect(problem(await push(path, '')), path).toEqual([400, 'application/problem+json', 'malformed_input']);
      expect(problem(await push(path, 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })), path).toEqual([415, 'application/problem+json', 'unsupported_media_type']);
      expect(problem(await push(path, JSON.stringify({ pad: 'x'.repeat(1_000_001) }))), path).toEqual([413, 'application/problem+json', 'payload_too_large']);
    }
    // Zoho signs nothing: the body is read first, then its channel id and token are checked.
    const armed = await state.getChannel('local-zoho');
    if (!armed) throw new Error('channel not armed');
    const notice = (token: string) => JSON.stringify({ server_time: Date.now(), query_params: {}, module: 'Accounts', resource_uri: 'https://www.zohoapis.com/crm/v8/Accounts', ids: [ZOHO_ACCOUNT], operation: 'update', channel_id: armed.channel.channelId, token });
    expect((await push('/v1/inbound/zoho/local-zoho', notice(armed.token))).json).toEqual({ accepted: 1 });
    expect(problem(await push('/v1/inbound/zoho/local-zoho', notice('not-the-token')))).toEqual([401, 'application/problem+json', 'unauthorized']);
    expect(problem(await push('/v1/inbound/zoho/local-zoho', '{"ids":'))).toEqual([400, 'application/problem+json', 'malformed_input']);
    expect(problem(await push('/v1/inbound/zoho/local-zoho', '{"module":"Accounts"}'))).toEqual([422, 'application/problem+json', 'validation_failed']);
    // Salesforce: the HMAC over the raw bytes first, then the body.
    expect(problem(await push('/v1/inbound/salesforce/local-salesforce', 'not json', signed('not json')))).toEqual([400, 'application/problem+json', 'malformed_input']);
    expect(problem(await push('/v1/inbound/salesforce/local-salesforce', '{"event":1}', signed('{"event":1}')))).toEqual([422, 'application/problem+json', 'validation_failed']);
  });

  it('quarantines a change to an object the connection does not map, with the reason', async () => {
    const body = JSON.stringify(salesforce.changeEvent({ entityName: 'Contact', recordIds: ['003000000000001AAA'], changeType: 'CREATE' }));
    expect(await postSalesforce(body, signed(body))).toBe(202);
    const entries = await until(() => quarantine.list('crmIngest'), (l) => l.some((e) => e.reason.includes('Contact')));
    const entry = entries.find((e) => e.reason.includes('Contact'));
    expect(entry).toMatchObject({ code: 'unknown_object_type' });
    expect(entry?.reason).toContain('local-salesforce');
  });
});
