import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { until } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const CONNECTION = 'e2e-ws-crm';
const customerPath = (id: string) => `/v1/customers/${encodeURIComponent(id)}`;
const crmCustomerId = (externalId: string) => `c:crm:generic:${CONNECTION}:${externalId}`;
const customer = (externalId: string, extra: Record<string, unknown> = {}) => ({
  crm: 'generic', connectionId: CONNECTION, externalId, modifiedAt: '2026-01-01T00:00:00Z', objectType: 'customer', fields: { legalName: 'Typed Trading Ltd' }, ...extra,
});

/** Write semantics of the CRM paths: refused at the door with paths, quarantined at once in the worker, no pinned fields. */
describe('CRM write semantics', () => {
  let t: TestHub;
  let sqs: SQSClient;
  let quarantine: ReturnType<typeof quarantineStore>;

  const depth = async (url: string) => {
    const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
  };
  const post = (rawBody: string) => t.api('POST', `/v1/crm/${CONNECTION}/records`, { rawBody });

  beforeAll(async () => {
    t = await startTestHub();
    sqs = new SQSClient({ endpoint: inject('sqsEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const table = { client: createDocumentClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), tableName: t.hub.resources.tableName };
    quarantine = quarantineStore(table);
    expect((await t.api('PUT', `/v1/crm/connections/${CONNECTION}`, { body: { crm: 'generic', objects: {} } })).status).toBe(201);
  });

  afterAll(async () => {
    sqs?.destroy();
    await t?.stop();
  });

  it('refuses numbers beyond ±2^53, numbers in text fields and unstorable custom values with 422 and paths, queuing nothing', async () => {
    const order = { crm: 'generic', connectionId: CONNECTION, externalId: 'O-1', modifiedAt: '2026-01-01T00:00:00Z', objectType: 'order', customerExternalId: 'BIG', orderedAt: '2026-01-01T00:00:00Z', status: 'placed' };
    const cases: Array<[string, string[]]> = [
      [JSON.stringify({ records: [customer('BIG', { fields: { legalName: 1 } })] }).replace('"legalName":1', '"legalName":1e308'), ['records[0].fields.legalName']],
      [JSON.stringify({ records: [customer('BIG', { fields: { legalName: 'Big Ltd', city: 1 } })] }).replace('"city":1', '"city":9007199254740993'), ['records[0].fields.city']],
      [JSON.stringify({ records: [customer('BIG', { fields: { email: 42, country: 'XX' } })] }), ['records[0].fields.country', 'records[0].fields.email']],
      [JSON.stringify({ records: [customer('BIG', { custom: { Revenue__c: 1 } })] }).replace('"Revenue__c":1', '"Revenue__c":1e308'), ['records[0].custom.Revenue__c']],
      [JSON.stringify({ records: [{ ...order, amount: { amountMinor: 1, currency: 'EUR' } }] }).replace('"amountMinor":1', '"amountMinor":1e308'), ['records[0].amount.amountMinor']],
      [JSON.stringify({ records: [{ ...order, amount: { amountMinor: 1, currency: 'EUR' } }] }).replace('"amountMinor":1', '"amountMinor":9007199254740993'), ['records[0].amount.amountMinor']],
    ];
    const ingestQueue = t.hub.resources.queueUrls.crmIngest;
    for (const [rawBody, paths] of cases) {
      const r = await post(rawBody);
      expect(r.status, rawBody).toBe(422);
      expect([...new Set(r.json.errors.map((e: { path: string }) => e.path))].sort(), rawBody).toEqual(paths);
    }
    expect(await depth(ingestQueue)).toBe(0);
    expect((await t.api('GET', customerPath(crmCustomerId('BIG')))).status).toBe(404);
  });

  it('clamps a CRM modifiedAt in the future to the receive time, keeps the sent time in provenance, and lets later corrections win', async () => {
    const path = customerPath(crmCustomerId('PIN'));
    const sentAt = '2999-01-01T00:00:00Z';
    const before = Date.now();
    expect((await post(JSON.stringify({ records: [customer('PIN', { modifiedAt: sentAt, fields: { legalName: 'Pinned Ltd' } })] }))).status).toBe(202);
    const pinned = await until(() => t.api('GET', path), (r) => r.status === 200);
    const field = pinned.json.profile.fields.legalName;
    expect(field).toMatchObject({ value: 'Pinned Ltd', sentAt });
    expect(Date.parse(field.observedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(field.observedAt)).toBeLessThanOrEqual(Date.now());

    const corrected = new Date().toISOString();
    expect((await post(JSON.stringify({ records: [customer('PIN', { modifiedAt: corrected, fields: { legalName: 'Corrected Ltd' } })] }))).status).toBe(202);
    const after = await until(() => t.api('GET', path), (r) => r.json?.profile?.fields?.legalName?.value === 'Corrected Ltd');
    expect(after.json.profile.fields.legalName).toEqual(expect.not.objectContaining({ sentAt: expect.anything() }));
    expect(after.json.profile.fields.legalName.value).toBe('Corrected Ltd');

    // An old time is accepted and loses to the newer value; the queue drains, nothing is pinned or quarantined.
    expect((await post(JSON.stringify({ records: [customer('PIN', { modifiedAt: '2020-01-01T00:00:00Z', fields: { legalName: 'Old Ltd' } })] }))).status).toBe(202);
    for (let idle = 0; idle < 2; ) {
      idle = (await depth(t.hub.resources.queueUrls.crmIngest)) === 0 ? idle + 1 : 0;
      await new Promise((r) => setTimeout(r, 150));
    }
    expect((await t.api('GET', path)).json.profile.fields.legalName.value).toBe('Corrected Ltd');
  });

  it('quarantines a record the worker can never store at once, with the reason, instead of retrying it into the DLQ', async () => {
    const body = JSON.stringify({ kind: 'record', record: customer('Q-1', { fields: { legalName: 1 } }) }).replace('"legalName":1', '"legalName":1e308');
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: t.hub.resources.queueUrls.crmIngest, MessageBody: body }));
    const entries = await until(() => quarantine.list('crmIngest'), (l) => l.some((e) => e.messageId === MessageId));
    const entry = entries.find((e) => e.messageId === MessageId);
    expect(entry).toMatchObject({ code: 'invalid_message', receiveCount: 1 });
    expect(entry?.reason).toContain('record.fields.legalName');
    expect(await depth(t.hub.resources.dlqUrls.crmIngest)).toBe(0);
  });
});
