import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../infra/local/sandboxes/crm/hubspot.js';
import { localCrmConnections } from '../../infra/local/sandboxes/crm/local-connections.js';
import { startZohoSandbox, type ZohoSandbox } from '../../infra/local/sandboxes/crm/zoho.js';
import { signHubSpotV3 } from '../../shared/adapters/crm/hubspot/webhook.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';
import { E2E_WAIT_MS, putConnection } from '../support/e2e-helpers.js';

const ZOHO_ACCOUNT = '5725767000000500001';
const ZOHO_ORDER = '5725767000000600001';
const customerPath = (id: string) => `/v1/customers/${encodeURIComponent(id)}`;

describe('CRM ingest: connectors → entity resolution → golden profile', () => {
  let t: TestHub;
  let zoho: ZohoSandbox;
  let hubspot: HubSpotSandbox;
  let sqs: SQSClient;

  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = E2E_WAIT_MS): Promise<T> => {
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
      // Their mappings take in contact data: the second person approves each (four eyes).
      expect((await putConnection(t, connection.connectionId, connection)).status).toBe(202);
      const setup = await t.api('POST', `/v1/crm/connections/${connection.connectionId}/setup`);
      expect(setup.status, setup.text).toBe(200);
      expect(setup.json.ready).toBe(true);
    }
    expect((await t.api('POST', '/v1/crm/connections/nobody/setup')).status).toBe(404);
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
    expect(customer.fields.country.value).toBe('GB');
  });

  it('refuses a connection whose URLs break the outbound rules or whose credentials name another connection’s secrets (422 at the field, nothing stored)', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ apiBaseUrl: 'http://169.254.169.254/latest/meta-data' }, 'apiBaseUrl'],
      [{ authBaseUrl: 'file:///etc/passwd' }, 'authBaseUrl'],
      [{ apiBaseUrl: 'gopher://127.0.0.1:70/_x' }, 'apiBaseUrl'],
      [{ apiBaseUrl: 'https://10.0.0.1' }, 'apiBaseUrl'],
      [{ credentials: { clientSecret: 'riskbridge/zoho/local-zoho/client-secret' } }, 'credentials.clientSecret'],
    ];
    for (const [body, path] of cases) {
      const put = await t.api('PUT', '/v1/crm/connections/e2e-foreign', { body: { crm: 'zoho', objects: {}, ...body } });
      expect(put.status).toBe(422);
      expect(put.headers.get('content-type')).toBe('application/problem+json');
      expect(put.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await t.api('GET', '/v1/crm/connections/e2e-foreign')).status).toBe(404);
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
    const push = await t.api('POST', '/v1/inbound/hubspot/local-hubspot?portalId=1', { rawBody: '{"not json', key: null });
    expect(push.status, push.text).toBe(401);
    expect(push.headers.get('content-type')).toBe('application/problem+json');
  });

  it('reads and replaces connections, and answers 404 for unknown connections, imports and chunks', async () => {
    const listed = await t.api('GET', '/v1/crm/connections');
    expect(listed.status).toBe(200);
    expect(listed.json.connections.map((c: { connectionId: string }) => c.connectionId)).toEqual(expect.arrayContaining(['local-zoho', 'local-hubspot']));
    const read = await t.api('GET', '/v1/crm/connections/local-hubspot');
    expect(read.status).toBe(200);
    // What the API answers is a valid body for a replace (strict round trip), which answers 200.
    const replaced = await t.api('PUT', '/v1/crm/connections/local-hubspot', { body: read.json.connection });
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.json.connection).toEqual(read.json.connection);

    const record = { crm: 'generic', connectionId: 'nobody', externalId: 'N1', modifiedAt: '2026-01-01T00:00:00Z', objectType: 'customer', fields: { legalName: 'Nobody Ltd' } };
    expect((await t.api('POST', '/v1/crm/nobody/records', { body: { records: [record] } })).status).toBe(404);
    expect((await t.api('POST', '/v1/crm/connections/nobody/channel', { body: {} })).status).toBe(404);
    const unknownImport = '/v1/imports/imp_00000000000000000000000000';
    expect((await t.api('GET', unknownImport)).status).toBe(404);
    expect((await t.api('POST', `${unknownImport}/chunks`, { rawBody: 'Invoice\n1', headers: { 'content-type': 'text/csv' } })).status).toBe(404);
  });

  it('takes an import in chunks: JSON start, a CSV chunk with file line numbers, an empty closing chunk', async () => {
    const header = 'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country';
    const started = await t.api('POST', '/v1/imports', { body: { mapping: 'online-retail-ii', connectionId: 'e2e-chunks', data: `${header}\n500001,1,A,1,2010-01-04 10:00:00,1.00,20001,France`, complete: false } });
    expect(started.status, started.text).toBe(202);
    expect(started.json.import).toMatchObject({ status: 'receiving', chunks: 1, rowsRead: 1, done: false });
    expect(started.headers.get('location')).toBe(`/v1/imports/${started.json.import.jobId}`);
    const chunks = `/v1/imports/${started.json.import.jobId}/chunks`;
    const second = await t.api('POST', `${chunks}?lineOffset=1&complete=false`, { rawBody: `${header}\n500002,1,B,1,bad-date,1.00,20002,France`, headers: { 'content-type': 'text/csv' } });
    expect(second.status, second.text).toBe(202);
    expect(second.json.import.errors).toEqual([{ line: 3, reason: 'invalid InvoiceDate' }]);
    const closed = await t.api('POST', `${chunks}?complete=true`, { rawBody: '', headers: { 'content-type': 'text/csv' } });
    expect(closed.status).toBe(202);
    expect(closed.json.import).toMatchObject({ status: 'complete', chunks: 3, rowsRead: 2 });
    expect((await t.api('POST', `${chunks}?mapping=online-retail-ii`, { rawBody: '', headers: { 'content-type': 'text/csv' } })).status).toBe(422);
  });

  it('answers 409 to a merge of a customer that is already merged, changing nothing', async () => {
    for (const id of ['m409-a', 'm409-b']) expect((await t.api('PUT', `/v1/customers/${id}`, { body: { fields: { legalName: `Merge ${id} GmbH` } } })).status).toBe(201);
    // The recompute worker rates both new customers meanwhile; a merge that loses that race is a 409 to retry, as documented.
    const first = await until(() => t.api('POST', '/v1/customers/merge', { body: { survivorId: 'm409-a', absorbedId: 'm409-b' } }), (r) => r.status !== 409);
    expect(first.status, first.text).toBe(200);
    const merged = async () => {
      const { fields, identifiers } = (await getProfile('m409-a')).json.profile;
      const events = (await t.api('GET', '/v1/customers/m409-a/events')).json.events.filter((e: { type: string }) => e.type.startsWith('customer.'));
      return { fields, identifiers, events, absorbed: (await getProfile('m409-b')).json.profile.status };
    };
    const before = await merged();
    const again = await t.api('POST', '/v1/customers/merge', { body: { survivorId: 'm409-a', absorbedId: 'm409-b' } });
    expect(again.status).toBe(409);
    expect(again.json.detail).toBe('Only active profiles can be merged');
    // Nor can a merged customer be frozen or unfrozen.
    for (const action of ['freeze', 'unfreeze']) {
      const refused = await t.api('POST', `/v1/customers/m409-b/${action}`, { body: { reason: 'merged customer probe' } });
      expect(refused.status, `${action}: ${refused.text}`).toBe(409);
      expect(refused.json.detail).toBe('Customer m409-b was merged into m409-a');
    }
    expect((await getProfile('m409-b')).json.profile).not.toHaveProperty('freeze');
    expect(await merged()).toEqual(before);
    expect(before.absorbed).toBe('merged');
  });

  it('takes a HubSpot batch signed over the URL it called (202), and refuses a signed body that is not a batch (422)', async () => {
    const path = '/v1/inbound/hubspot/local-hubspot';
    const signedPush = (rawBody: string) => {
      const timestamp = String(Date.now());
      const signature = signHubSpotV3('sandbox-client-secret', 'POST', `${t.hub.url}${path}`, rawBody, timestamp);
      return t.api('POST', path, { rawBody, key: null, headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp } });
    };
    const batch = [{ eventId: 9001, subscriptionId: 4_000_001, portalId: 1, appId: 1, occurredAt: Date.now(), attemptNumber: 0, subscriptionType: 'company.creation', objectId: 9100000003, changeFlag: 'CREATED' }];
    const accepted = await signedPush(JSON.stringify(batch));
    expect(accepted.status, accepted.text).toBe(202);
    expect(accepted.json).toEqual({ accepted: 1 });
    const notABatch = await signedPush('{"objectId":1}');
    expect(notABatch.status).toBe(422);
    expect(notABatch.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers an identifier with a bad checksum with 422 and the field path', async () => {
    const bad = await t.api('PUT', '/v1/customers/bad-uscc', { body: { fields: { legalName: 'X' }, identifiers: [{ scheme: 'cn_uscc', value: '91310000MA1FL4T44X' }] } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe('identifiers[0].value');
    expect((await getProfile('bad-uscc')).status).toBe(404);
  });
});
