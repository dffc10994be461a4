import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { parseAuditExport, verifyAuditExport } from '../../shared/domain/audit/audit-export.js';
import { emulatorClients } from '../support/aws-clients.js';
import { createAgreement, secondPerson } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/**
 * The anchored audit trail through the hub's API: entries carry no personal data (so erasing a
 * consumer leaves the chains intact), checkpoints are written by the schedule and right after
 * agreement changes, entries are read by filter and time, and an export verifies offline.
 */
describe('audit trail in the hub', () => {
  let t: TestHub;
  const clients = emulatorClients();
  // After the fixture's own entries (its first admin person and key).
  let started = '';
  const NAME = 'Jane Q. Erasable';
  const EMAIL = 'jane.erasable@example.com';
  beforeAll(async () => {
    t = await startTestHub();
    // The second person of the four-eyes steps exists before the entries this file counts.
    await secondPerson(t);
    const before = (await t.api('GET', '/v1/audit/entries?limit=200')).json.entries as Array<{ at: string }>;
    started = new Date(Math.max(0, ...before.map((e) => Date.parse(e.at))) + 1).toISOString();
  });
  afterAll(async () => {
    clients.destroy();
    await t?.stop();
  });
  const table = () => t.hub.resources.tableName;

  it('erasing a consumer leaves verify ok: the entries about them hold ids and digests, never their name or e-mail', async () => {
    const put = await t.api('PUT', '/v1/customers/c-erase', { body: { kind: 'consumer', fields: { legalName: NAME, email: EMAIL } } });
    expect(put.status, put.text).toBe(201);
    const frozen = await t.api('POST', '/v1/customers/c-erase/freeze', { body: { reason: `${NAME} (${EMAIL}) asked for a payment plan` } });
    expect(frozen.status, frozen.text).toBe(200);
    const key = await t.api('POST', '/v1/admin/api-keys', { body: { name: `${NAME}'s laptop`, role: 'admin', scopes: ['audit:read'] } });
    expect(key.status, key.text).toBe(201);
    await t.hub.runSchedule('checkpointAudit');

    // Erasure: every item of the consumer's partition goes.
    const { Items = [] } = await clients.doc.send(new QueryCommand({ TableName: table(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'CUSTOMER#c-erase' } }));
    expect(Items.length).toBeGreaterThan(0);
    for (const item of Items) await clients.doc.send(new DeleteCommand({ TableName: table(), Key: { pk: item['pk'], sk: item['sk'] } }));
    expect((await t.api('GET', '/v1/customers/c-erase')).status).toBe(404);

    const verdict = await t.api('GET', '/v1/audit/verify');
    expect(verdict.json).toMatchObject({ ok: true, checkpoint: { seq: expect.any(Number), ok: true } });
    const about = await t.api('GET', '/v1/audit/entries?object=customer:c-erase');
    expect(about.status, about.text).toBe(200);
    expect(about.json.entries).toContainEqual(expect.objectContaining({ action: 'customer.frozen', target: 'customer:c-erase', details: expect.objectContaining({ reason: expect.stringMatching(/^hmac-sha256:[0-9a-f]{64}$/) }) }));
    const audit = await clients.doc.send(new ScanCommand({ TableName: table(), FilterExpression: 'entity = :a', ExpressionAttributeValues: { ':a': 'audit' } }));
    const stored = JSON.stringify(audit.Items);
    expect(audit.Items?.length).toBeGreaterThanOrEqual(2);
    expect(stored).not.toContain('Erasable');
    expect(stored).not.toContain(EMAIL);
  });

  it('checkpoints right after a data-sharing agreement change: nothing is left unanchored', async () => {
    const now = Date.now();
    await createAgreement(t, {
      agreementId: 'dsa-audit', consultantRef: 'consultant-audit', datasets: ['customer_profiles'], fields: { customerId: 'hash' },
      validFrom: new Date(now - 60_000).toISOString(), validUntil: new Date(now + 3_600_000).toISOString(), purpose: 'Study requested by Jane Q. Erasable',
    });
    const verdict = await t.api('GET', '/v1/audit/verify');
    expect(verdict.json.ok).toBe(true);
    expect(verdict.json.chains.reduce((n: number, c: { unanchored: number }) => n + c.unanchored, 0)).toBe(0);
    const entries = await t.api('GET', '/v1/audit/entries?action=agreement.created');
    expect(entries.json.entries).toEqual([expect.objectContaining({ target: 'agreement:dsa-audit', details: expect.objectContaining({ purpose: expect.stringMatching(/^hmac-sha256:/) }) })]);
  });

  it('reads entries by actor, action and time in pages, and refuses unknown filters', async () => {
    const all: Array<{ chain: string; seq: number; at: string; actor: string; action: string }> = [];
    let path: string | null = `/v1/audit/entries?since=${encodeURIComponent(started)}&limit=2`;
    while (path) {
      const page = await t.api('GET', path.replace(t.hub.url, ''));
      expect(page.status, page.text).toBe(200);
      expect(page.json.entries.length).toBeLessThanOrEqual(2);
      all.push(...page.json.entries);
      path = page.json.next;
    }
    expect(all.map((e) => e.action).sort()).toEqual(['agreement.created', 'api_key.created', 'approval.granted', 'approval.requested', 'customer.frozen']);
    expect(new Set(all.map((e) => `${e.chain}/${e.seq}`)).size).toBe(all.length);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort());

    const frozenBy = all.find((e) => e.action === 'customer.frozen')!.actor;
    const byActionAndActor = await t.api('GET', `/v1/audit/entries?action=customer.frozen&actor=${encodeURIComponent(frozenBy)}`);
    expect(byActionAndActor.json.entries.map((e: { action: string }) => e.action)).toEqual(['customer.frozen']);
    const later = await t.api('GET', `/v1/audit/entries?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(later.json).toMatchObject({ entries: [], nextCursor: null });
    const unknown = await t.api('GET', '/v1/audit/entries?customer=c-erase');
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors[0]).toMatchObject({ path: 'customer', in: 'query' });
  });

  it('exports a time range as a job: an NDJSON file with its checkpoints and key, which verifies offline; a bad range is 422', async () => {
    await t.hub.runSchedule('checkpointAudit');
    const until = new Date(Date.now() + 1000).toISOString();
    const started202 = await t.api('POST', '/v1/audit/exports', { body: { since: started, until } });
    expect(started202.status, started202.text).toBe(202);
    expect(started202.headers.get('location')).toBe(`/v1/jobs/${started202.json.job.jobId}`);
    let job: { status: string; result?: { download: { url: string }; rows: number; fileName: string } } = started202.json.job;
    const deadline = Date.now() + 30_000;
    while (job.status === 'queued' || job.status === 'running') {
      if (Date.now() > deadline) throw new Error(`audit export job stayed ${job.status}`);
      await new Promise((r) => setTimeout(r, 50));
      job = (await t.api('GET', `/v1/jobs/${started202.json.job.jobId}`)).json.job;
    }
    // The five entries so far (the agreement's with its approval's two) and the job's own `job.started`.
    expect(job).toMatchObject({ status: 'succeeded', result: { rows: 6, fileName: expect.stringMatching(/^audit-.*\.ndjson$/) } });
    const file = await t.api('GET', new URL(job.result!.download.url).pathname);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/x-ndjson');
    const doc = parseAuditExport(file.text);
    expect(doc.checkpoints.length).toBeGreaterThanOrEqual(1);
    expect(doc.chains.flatMap((c) => c.entries.map((e) => e.action)).sort()).toEqual(['agreement.created', 'api_key.created', 'approval.granted', 'approval.requested', 'customer.frozen', 'job.started']);
    const verdict = verifyAuditExport(doc);
    expect(verdict).toMatchObject({ ok: true, checkpoints: { ok: true } });
    // Only the job's own entry came after the last checkpoint.
    const startedChain = doc.chains.find((c) => c.entries.some((e) => e.action === 'job.started'))!.chain;
    expect(verdict.chains.filter((c) => c.unanchored > 0)).toEqual([expect.objectContaining({ chain: startedChain, unanchored: 1 })]);

    const tampered = structuredClone(doc);
    const chain = tampered.chains.find((c) => c.entries.length > 0)!;
    chain.entries[0]!.details = { ...chain.entries[0]!.details, forged: true };
    expect(verifyAuditExport(tampered).chains.find((c) => c.chain === chain.chain)).toMatchObject({ ok: false, reason: expect.stringMatching(/^content altered/) });

    const backwards = await t.api('POST', '/v1/audit/exports', { body: { since: until, until: started } });
    expect(backwards.status).toBe(422);
    expect(backwards.json.errors[0]).toMatchObject({ path: 'until' });
  });
});
