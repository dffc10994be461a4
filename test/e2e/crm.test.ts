import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../infra/local/sandboxes/crm/hubspot.js';
import { localCrmConnections } from '../../infra/local/sandboxes/crm/local-connections.js';
import { startZohoSandbox, type ZohoSandbox } from '../../infra/local/sandboxes/crm/zoho.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const ZOHO_ACCOUNT = '5725767000000500001';
const ZOHO_ORDER = '5725767000000600001';
const customerPath = (id: string) => `/v1/customers/${encodeURIComponent(id)}`;

describe('CRM ingest: connectors → entity resolution → golden profile', () => {
  let t: TestHub;
  let zoho: ZohoSandbox;
  let hubspot: HubSpotSandbox;
  let sqs: SQSClient;

  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> => {
    const deadline = Date.now() + ms;
    let value = await read();
    while (!ok(value) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 150));
      value = await read();
    }
    return value;
  };
  /** The ingest queue has nothing waiting or in flight (twice in a row). */
  const ingestIdle = async () => {
    const depth = async () => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: t.hub.resources.queueUrls.crmIngest, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
    };
    for (let idle = 0; idle < 2; ) {
      idle = (await depth()) === 0 ? idle + 1 : 0;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const getProfile = (id: string) => t.api('GET', customerPath(id));

  beforeAll(async () => {
    [zoho, hubspot] = await Promise.all([startZohoSandbox(), startHubSpotSandbox()]);
    const crm = localCrmConnections({ zoho: zoho.url, hubspot: hubspot.url });
    t = await startTestHub({ env: { LOCAL_SECRETS: JSON.stringify(crm.secrets) } });
    sqs = new SQSClient({ endpoint: inject('sqsEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    for (const connection of crm.connections) {
      const put = await t.api('PUT', `/v1/crm/connections/${connection.connectionId}`, { body: connection });
      expect(put.status).toBe(201);
    }
    const armed = await t.api('POST', '/v1/crm/connections/local-zoho/channel', { body: { events: ['Accounts.all', 'Sales_Orders.all', 'Leads.all'] } });
    expect(armed.status).toBe(200);
    expect(zoho.channels.size).toBe(1);
  });

  afterAll(async () => {
    sqs?.destroy();
    await t?.stop();
    await Promise.all([zoho?.stop(), hubspot?.stop()]);
  });

  it('lands a Zoho account notification in a golden profile with provenance, then its order in the aggregates', async () => {
    expect(await zoho.emit({ module: 'Accounts', ids: [ZOHO_ACCOUNT], operation: 'update' })).toEqual([202]);
    const id = `c:crm:zoho:local-zoho:${ZOHO_ACCOUNT}`;
    const read = await until(() => getProfile(id), (r) => r.status === 200);
    expect(read.status).toBe(200);
    const profile = read.json.profile;
    expect(profile.fields.legalName).toMatchObject({ value: '杭州示例数据科技有限公司', source: 'crm:zoho:local-zoho', recordId: ZOHO_ACCOUNT });
    expect(profile.fields.phone.value).toBe('+8657188880001');
    expect(profile.identifiers.map((i: { scheme: string }) => i.scheme).sort()).toEqual(['cn_uscc', 'crm_record']);

    expect(await zoho.emit({ module: 'Sales_Orders', ids: [ZOHO_ORDER], operation: 'insert' })).toEqual([202]);
    const withOrder = await until(() => getProfile(id), (r) => r.json?.profile?.aggregates?.orders?.count === 1);
    expect(withOrder.json.profile.aggregates.orders).toMatchObject({ count: 1, cancelledCount: 0 });
    expect(withOrder.json.profile.aggregates.currency).toBe('CNY');
  });

  it('treats a replayed notification as a no-op (no field, aggregate or event change)', async () => {
    const id = `c:crm:zoho:local-zoho:${ZOHO_ACCOUNT}`;
    await ingestIdle();
    const before = (await getProfile(id)).json.profile;
    await zoho.emit({ module: 'Accounts', ids: [ZOHO_ACCOUNT], operation: 'update' });
    await zoho.emit({ module: 'Sales_Orders', ids: [ZOHO_ORDER], operation: 'update' });
    await ingestIdle();
    const after = (await getProfile(id)).json.profile;
    // Values only: the hub's own rating write-back may have bumped Zoho's Modified_Time (a newer observation, same values).
    const values = (fields: Record<string, { value: unknown }>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.value]));
    expect(values(after.fields)).toEqual(values(before.fields));
    expect(after.aggregates).toEqual(before.aggregates);
    const events = await t.api('GET', `${customerPath(id)}/events`);
    // Rating events may follow (the recompute reacts to the first two); the replays added none of ours.
    const ours = events.json.events.filter((e: { type: string }) => e.type.startsWith('customer.'));
    expect(ours.map((e: { type: string }) => e.type)).toEqual(['customer.updated', 'customer.activity']);
  });

  it('quarantines a notification for an object the connection does not map', async () => {
    expect(await zoho.emit({ module: 'Leads', ids: ['5725767000000999001'], operation: 'insert' })).toEqual([202]);
    const quarantine = quarantineStore({ client: createDocumentClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), tableName: t.hub.resources.tableName });
    const entries = await until(() => quarantine.list('crmIngest'), (l) => l.length > 0);
    expect(entries[0]).toMatchObject({ code: 'unknown_object_type' });
    expect(entries[0]?.reason).toContain('Leads');
  });

  it('refuses a HubSpot webhook with a bad signature (401) and writes nothing', async () => {
    const url = `${t.hub.url}/v1/inbound/hubspot/local-hubspot`;
    expect(await hubspot.emit(url, [{ subscriptionType: 'company.propertyChange', objectId: '9100000001', propertyName: 'name', propertyValue: 'X' }], { tamper: true })).toBe(401);
    expect(await hubspot.emit(url, [{ subscriptionType: 'company.creation', objectId: '9100000002' }])).toBe(202);
    await until(() => getProfile('c:crm:hubspot:local-hubspot:9100000002'), (r) => r.status === 200);
    await ingestIdle();
    expect((await getProfile('c:crm:hubspot:local-hubspot:9100000001')).status).toBe(404);
    expect((await getProfile('c:crm:hubspot:local-hubspot:9100000002')).json.profile.fields.legalName.source).toBe('crm:hubspot:local-hubspot');
  });

  it('imports a CSV: good rows land, the bad row is reported with its line and reason', async () => {
    const csv = [
      'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country',
      '489434,85048,"LED LIGHT, SET",12,2009-12-01 07:45:00,6.95,13085,United Kingdom',
      '489434,79323P,PINK CHERRY LIGHTS,12,2009-12-01 07:45:00,6.75,13085,United Kingdom',
      '489435,22350,CAT BOWL,12,not-a-date,2.55,13085,United Kingdom',
      '489436,48173C,DOOR MAT,10,2009-12-01 09:06:00,5.95,13078,United Kingdom',
    ].join('\n');
    const created = await t.api('POST', '/v1/imports?mapping=online-retail-ii&connectionId=e2e-retail', { rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(created.status).toBe(202);
    const jobId = created.json.import.jobId;
    const job = await until(() => t.api('GET', `/v1/imports/${jobId}`), (r) => r.json?.import?.done === true);
    expect(job.json.import).toMatchObject({ rowsRead: 4, rowErrors: 1, recordsQueued: 4, recordsApplied: 4, status: 'complete' });
    expect(job.json.import.errors).toEqual([{ line: 4, reason: 'invalid InvoiceDate' }]);
    const customer = (await getProfile('c:crm:generic:e2e-retail:13085')).json.profile;
    expect(customer.aggregates.orders).toMatchObject({ count: 1, grossMinor: 16440 });
    expect(customer.fields.country.value).toBe('United Kingdom');
  });

  it('merges two customers and unmerges them back to their prior state (audited)', async () => {
    await t.api('PUT', '/v1/customers/merge-a', { body: { fields: { legalName: 'Alpha Trading GmbH', city: 'Berlin' }, identifiers: [{ scheme: 'vat', value: 'DE136695976' }] } });
    expect((await t.api('PUT', '/v1/crm/connections/e2e-generic', { body: { crm: 'generic', objects: {} } })).status).toBe(201);
    const record = { crm: 'generic', connectionId: 'e2e-generic', externalId: 'B1', modifiedAt: '2026-01-01T00:00:00Z', objectType: 'customer', fields: { legalName: 'Alpha Trading', email: 'ap@alpha.example' }, identifiers: [{ scheme: 'email', value: 'ap@alpha.example' }] };
    expect((await t.api('POST', '/v1/crm/e2e-generic/records', { body: { records: [record] } })).status).toBe(202);
    const absorbedId = 'c:crm:generic:e2e-generic:B1';
    expect((await until(() => getProfile(absorbedId), (r) => r.status === 200)).status).toBe(200);
    const before = (await getProfile('merge-a')).json.profile;
    const merged = await t.api('POST', '/v1/customers/merge', { body: { survivorId: 'merge-a', absorbedId } });
    expect(merged.status).toBe(200);
    expect(merged.json.survivor.fields.email.value).toBe('ap@alpha.example');
    expect((await getProfile(absorbedId)).json.profile).toMatchObject({ status: 'merged', mergedInto: 'merge-a' });

    const undone = await t.api('POST', '/v1/customers/unmerge', { body: { survivorId: 'merge-a', absorbedId } });
    expect(undone.status).toBe(200);
    const a = (await getProfile('merge-a')).json.profile;
    const b = (await getProfile(absorbedId)).json.profile;
    expect(a.fields).toEqual(before.fields);
    expect(a.identifiers).toEqual(before.identifiers);
    expect(b.status).toBe('active');
    expect(b.fields.email.value).toBe('ap@alpha.example');
    expect((await t.api('POST', '/v1/customers/unmerge', { body: { survivorId: 'merge-a', absorbedId } })).status).toBe(404);
    expect((await t.api('GET', '/v1/audit/verify')).json.ok).toBe(true);
  });

  it('refuses unknown keys and parameters on the CRM routes with 422 naming each, and writes nothing', async () => {
    const paths = (r: { json: { errors?: Array<{ path: string }> } }) => (r.json.errors ?? []).map((e) => e.path).sort();
    const put = await t.api('PUT', '/v1/crm/connections/e2e-strict', {
      body: { template: 'zoho', displayName: 'Acme', credentials: { clientsecret: 'riskbridge/zoho/x/client-secret' }, objects: { Accounts: { objectType: 'customer', idPath: 'id', modifiedAtPath: 'm', colour: 'red' } } },
    });
    expect(put.status, put.text).toBe(422);
    expect(paths(put)).toEqual(['credentials.clientsecret', 'displayName', 'objects.Accounts.colour']);
    expect((await t.api('GET', '/v1/crm/connections/e2e-strict')).status).toBe(404);

    const unknownParam = await t.api('POST', '/v1/imports?mapping=online-retail-ii&conectionId=typo', { rawBody: 'Invoice\n1', headers: { 'content-type': 'text/csv' } });
    expect(unknownParam.status).toBe(422);
    expect(unknownParam.json.errors).toEqual([expect.objectContaining({ path: 'conectionId', in: 'query' })]);
    const noMapping = await t.api('POST', '/v1/imports', { rawBody: 'Invoice\n1', headers: { 'content-type': 'text/csv' } });
    expect(noMapping.status).toBe(422);
    expect(paths(noMapping)).toEqual(['mapping']);
    const json = await t.api('POST', '/v1/imports', { body: { mapping: 'online-retail-ii', data: '', format: 'csv', complete: true, dryRun: true } });
    expect(json.status).toBe(422);
    expect(paths(json)).toEqual(['dryRun']);
    expect((await t.api('POST', '/v1/imports', { rawBody: '<a/>', headers: { 'content-type': 'application/xml' } })).status).toBe(415);

    const record = { crm: 'generic', connectionId: 'e2e-generic', externalId: 'S1', modifiedAt: '2026-01-01T00:00:00Z', objectType: 'customer', fields: { legalName: 'Strict Ltd' }, note: 'x' };
    const records = await t.api('POST', '/v1/crm/e2e-generic/records', { body: { records: [record] } });
    expect(records.status).toBe(422);
    expect(paths(records)).toEqual(['records[0].note']);
  });

  it('checks a signed push on its raw bytes before reading it: junk with no signature is 401, not 400', async () => {
    const push = await fetch(`${t.hub.url}/v1/inbound/hubspot/local-hubspot?portalId=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"not json' });
    expect(push.status).toBe(401);
    expect(push.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers an identifier with a bad checksum with 422 and the field path', async () => {
    const bad = await t.api('PUT', '/v1/customers/bad-uscc', { body: { fields: { legalName: 'X' }, identifiers: [{ scheme: 'cn_uscc', value: '91310000MA1FL4T44X' }] } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe('identifiers[0].value');
    expect((await getProfile('bad-uscc')).status).toBe(404);
  });
});
