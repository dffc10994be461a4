import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalBureaus, type LocalBureaus } from '../../infra/local/sandboxes/bureaus/local-bureaus.js';
import { createApiKey, waitForPull } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const METRO2_SAMPLE = readFileSync(new URL('../fixtures/bureaus/metro2/furnisher-sample.txt', import.meta.url), 'utf8');
const unzip = (base64: string): string => gunzipSync(Buffer.from(base64, 'base64')).toString('utf8');
const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

describe('bureau reports reachable: normalised report with lineage, raw payload of any pull, consent purposes, accepted reviews', () => {
  let t: TestHub;
  let bureaus: LocalBureaus;
  let crmKey: string;

  beforeAll(async () => {
    bureaus = await startLocalBureaus();
    t = await startTestHub({ env: { ...bureaus.env, LOCAL_SECRETS: JSON.stringify(bureaus.secrets) } });
    // Bound to a connection (crm keys name one); e2e-li below is linked to it, so the key may record its consents.
    crmKey = (await createApiKey(t, { name: 'crm reports', role: 'crm', tenantRef: 'reports-crm' })).key;
  });
  afterAll(async () => {
    await t?.stop();
    await bureaus?.stop();
  });

  const pullFor = async (customerId: string, bureau: string): Promise<any> => {
    const requested = await t.api('POST', `/v1/customers/${customerId}/bureau-pulls`, { body: { bureau } });
    expect(requested.status, requested.text).toBe(202);
    return waitForPull(t, customerId, requested.json.pull.pullId);
  };

  it('refuses a consent whose purpose a listed bureau never accepts (422 at purpose), nothing stored', async () => {
    expect((await t.api('PUT', '/v1/customers/e2e-li', { body: { kind: 'consumer', fields: { legalName: 'Li Wei', country: 'CN' }, identifiers: [{ scheme: 'crm_record', value: 'hubspot:reports-crm:li-1' }] } })).status).toBe(201);
    const pboc = await t.api('POST', '/v1/customers/e2e-li/consents', { body: { bureaus: ['pboc'], purpose: 'credit_transaction', grantedBy: 'crm:app-1' }, key: crmKey });
    expect(pboc.status, pboc.text).toBe(422);
    expect(pboc.headers.get('content-type')).toContain('application/problem+json');
    expect(pboc.json.errors).toEqual([expect.objectContaining({ path: 'purpose', in: 'body', message: expect.stringContaining('pboc') })]);
    const mixed = await t.api('POST', '/v1/customers/e2e-li/consents', { body: { bureaus: ['experian', 'pboc'], purpose: 'pboc_authorization', grantedBy: 'crm:app-1' } });
    expect(mixed.status).toBe(422);
    expect(mixed.json.errors[0]).toMatchObject({ path: 'purpose', message: expect.stringContaining('experian') });
    expect((await t.api('GET', '/v1/customers/e2e-li/consents')).json.consents).toEqual([]);

    expect((await t.api('POST', '/v1/customers/e2e-li/consents', { body: { bureaus: ['pboc'], purpose: 'pboc_authorization', grantedBy: 'crm:app-1' } })).status).toBe(201);
    expect((await t.api('POST', '/v1/customers/e2e-li/consents', { body: { bureaus: '*', purpose: 'credit_transaction', grantedBy: 'crm:app-1' } })).status).toBe(201);
  });

  it('an admin reads a pulled report with its lineage and the raw payload; both reads are audited without content', async () => {
    await t.api('PUT', '/v1/customers/e2e-ada', { body: { kind: 'consumer', fields: { legalName: 'Ada Reader', postalCode: '92626', country: 'US' } } });
    await t.api('POST', '/v1/customers/e2e-ada/consents', { body: { bureaus: ['experian'], purpose: 'credit_transaction', grantedBy: 'crm:app-2' } });
    const pull = await pullFor('e2e-ada', 'experian');
    expect(pull.status).toBe('completed');

    const read = await t.api('GET', `/v1/bureau/reports/${pull.reportId}`);
    expect(read.status, read.text).toBe(200);
    expect(read.headers.get('cache-control')).toBe('no-store');
    const { report, lineage } = read.json;
    expect(report).toMatchObject({ reportId: pull.reportId, bureau: 'experian' });
    expect(report.tradelines.length).toBeGreaterThan(0);
    expect(report.tradelines[0]).toMatchObject({ source: expect.stringMatching(/^\//), status: { raw: expect.any(String), scheme: 'experian' } });
    expect(lineage).toMatchObject({ customerId: 'e2e-ada', bureau: 'experian', pullId: pull.pullId, subjectMatch: 'match', merged: true, contentType: expect.stringContaining('json') });

    const raw = await t.api('GET', `/v1/bureau/pulls/${pull.pullId}/raw`);
    expect(raw.status, raw.text).toBe(200);
    expect(raw.headers.get('cache-control')).toBe('no-store');
    expect(raw.json).toMatchObject({ pullId: pull.pullId, customerId: 'e2e-ada', bureau: 'experian', status: 'completed', origin: 'archive', encoding: 'gzip+base64' });
    const body = unzip(raw.json.payload);
    expect(JSON.parse(body)).toHaveProperty('creditProfile');
    expect(sha256(body)).toBe(lineage.rawSha256);
    expect(raw.json.sha256).toBe(lineage.rawSha256);

    const entries = (await t.api('GET', '/v1/audit/entries?object=customer:e2e-ada')).json.entries as Array<{ action: string; details: Record<string, unknown> }>;
    expect(entries).toContainEqual(expect.objectContaining({ action: 'bureau_report.read', details: expect.objectContaining({ reportId: pull.reportId, pullId: pull.pullId }) }));
    expect(entries).toContainEqual(expect.objectContaining({ action: 'bureau_pull.raw_read', details: expect.objectContaining({ pullId: pull.pullId, sha256: lineage.rawSha256 }) }));
    expect(JSON.stringify(entries)).not.toContain('creditProfile');
  });

  it('returns the raw answer of a failed (malformed) pull from the quarantine; 403 for non-admins, 404 for unknown ids or no payload', async () => {
    await t.api('PUT', '/v1/customers/e2e-mal', { body: { kind: 'consumer', fields: { legalName: 'Mal Malformed', postalCode: '92626' } } });
    await t.api('POST', '/v1/customers/e2e-mal/consents', { body: { bureaus: '*', purpose: 'credit_transaction', grantedBy: 'crm:app-3' } });
    const pull = await pullFor('e2e-mal', 'experian');
    expect(pull).toMatchObject({ status: 'failed', reason: 'malformed_report' });
    const raw = await t.api('GET', `/v1/bureau/pulls/${pull.pullId}/raw`);
    expect(raw.status, raw.text).toBe(200);
    expect(raw.json).toMatchObject({ status: 'failed', origin: 'quarantine' });
    expect(unzip(raw.json.payload)).toBe('{"creditProfile":[{"tradeline":[{"status":"1');

    await t.api('PUT', '/v1/customers/e2e-none', { body: { kind: 'consumer', fields: { legalName: 'Nobody Notfound', postalCode: '92626' } } });
    await t.api('POST', '/v1/customers/e2e-none/consents', { body: { bureaus: '*', purpose: 'credit_transaction', grantedBy: 'crm:app-3' } });
    const notFound = await pullFor('e2e-none', 'experian');
    expect(notFound.status).toBe('failed');
    const none = await t.api('GET', `/v1/bureau/pulls/${notFound.pullId}/raw`);
    expect(none.status).toBe(404);
    expect(none.json.detail).toContain('raw payload');

    expect((await t.api('GET', `/v1/bureau/pulls/${pull.pullId}/raw`, { key: crmKey })).status).toBe(403);
    expect((await t.api('GET', `/v1/bureau/reports/rpt_01J00000000000000000000000`, { key: crmKey })).status).toBe(403);
    const unknownPull = await t.api('GET', '/v1/bureau/pulls/pull_01J00000000000000000000000/raw');
    expect(unknownPull.status).toBe(404);
    expect(unknownPull.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.api('GET', '/v1/bureau/reports/rpt_01J00000000000000000000000')).status).toBe(404);
    expect((await t.api('GET', '/v1/bureau/reports/not-a-report')).status).toBe(422);
    expect((await t.api('GET', '/v1/bureau/pulls/not-a-pull/raw')).status).toBe(422);
    expect((await t.api('GET', `/v1/bureau/pulls/${pull.pullId}/raw`, { key: null })).status).toBe(401);
    expect((await t.api('GET', '/v1/bureau/reports/rpt_01J00000000000000000000000', { key: null })).status).toBe(401);
  });

  it('accepting a Creditsafe subject review updates the archived report: no longer mismatch, merged, decision kept', async () => {
    await t.api('PUT', '/v1/customers/e2e-cs', { body: { kind: 'business', fields: { legalName: 'Mismatch Trading Ltd', country: 'GB' } } });
    await t.api('POST', '/v1/customers/e2e-cs/consents', { body: { bureaus: ['creditsafe'], purpose: 'legitimate_business_need', grantedBy: 'crm:app-4' } });
    const pull = await pullFor('e2e-cs', 'creditsafe');
    expect(pull).toMatchObject({ status: 'review', subjectMatch: 'mismatch' });
    const before = await t.api('GET', `/v1/bureau/reports/${pull.reportId}`);
    expect(before.json.lineage).toMatchObject({ subjectMatch: 'mismatch', merged: false });

    expect((await t.api('POST', `/v1/bureau-reviews/${pull.reportId}/accept`)).status).toBe(200);
    const after = await t.api('GET', `/v1/bureau/reports/${pull.reportId}`);
    expect(after.status).toBe(200);
    expect(after.json.lineage).toMatchObject({ subjectMatch: 'match', merged: true, review: { decision: 'accepted', by: expect.stringMatching(/^key:/) } });
    expect((await t.api('GET', '/v1/customers/e2e-cs')).json.profile.credit.creditsafe).toMatchObject({ reportId: pull.reportId, subjectMatch: 'match' });
  });

  it('imports a Metro 2 file: the matched consumer gets the report on the profile, the unmatched one is held with a reason', async () => {
    expect((await t.api('PUT', '/v1/customers/e2e-avery', { body: { kind: 'consumer', fields: { legalName: 'Avery Sample', postalCode: '92626', country: 'US' } } })).status).toBe(201);
    const imported = await t.api('POST', '/v1/bureau/metro2/imports?bureau=experian', { rawBody: METRO2_SAMPLE, headers: { 'content-type': 'text/plain' } });
    expect(imported.status, imported.text).toBe(201);
    const record = imported.json.import;
    expect(imported.headers.get('location')).toBe(`/v1/bureau/metro2/imports/${record.importId}`);
    expect(record).toMatchObject({ status: 'imported', bureau: 'experian', merged: 1, review: 1, sha256: sha256(METRO2_SAMPLE), reporter: 'SANDBOX FURNISHER INC' });
    const merged = record.subjects.find((s: { outcome: string }) => s.outcome === 'merged');
    expect(merged).toMatchObject({ customerId: 'e2e-avery', accounts: 3 });
    expect(record.subjects).toContainEqual(expect.objectContaining({ outcome: 'review', reason: 'no_matching_customer', accounts: 1 }));
    expect(imported.text).not.toContain('AVERY');

    const profile = (await t.api('GET', '/v1/customers/e2e-avery')).json.profile;
    expect(profile.credit.experian).toMatchObject({ reportId: merged.reportId, subjectMatch: 'match' });
    const events = (await t.api('GET', '/v1/customers/e2e-avery/events')).json.events as Array<{ type: string; data: { reportId?: string } }>;
    expect(events.filter((e) => e.type === 'credit_report.received').map((e) => e.data.reportId)).toEqual([merged.reportId]);
    const report = await t.api('GET', `/v1/bureau/reports/${merged.reportId}`);
    expect(report.status).toBe(200);
    expect(report.json.lineage).toMatchObject({ importId: record.importId, customerId: 'e2e-avery', merged: true, contentType: 'text/plain' });
    expect(report.json.report.tradelines[0]).toMatchObject({ source: expect.stringMatching(/^\/record\/\d+$/), status: { scheme: 'metro2' } });

    const again = await t.api('GET', `/v1/bureau/metro2/imports/${record.importId}`);
    expect(again.status).toBe(200);
    expect(again.json.import).toEqual(record);
    expect((await t.api('GET', '/v1/bureau/metro2/imports/m2i_01J00000000000000000000000')).status).toBe(404);
    expect((await t.api('GET', '/v1/bureau/metro2/imports/not-an-import')).status).toBe(422);
    expect((await t.api('GET', `/v1/bureau/metro2/imports/${record.importId}`, { key: null })).status).toBe(401);
  });

  it('quarantines a Metro 2 file with a broken segment (reason and bytes kept, nothing merged); refuses wrong media types, bureaus and roles', async () => {
    const lines = METRO2_SAMPLE.trim().split('\n');
    const broken = [lines[0], lines[1]!.slice(0, 300), ...lines.slice(2)].join('\n');
    const imported = await t.api('POST', '/v1/bureau/metro2/imports?bureau=equifax', { rawBody: broken, headers: { 'content-type': 'application/octet-stream' } });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.json.import).toMatchObject({ status: 'quarantined', merged: 0, review: 0, quarantine: { code: 'malformed_report', reason: expect.stringContaining('expected 426') } });
    const payload = await t.api('GET', `/v1/quarantine/metro2/${imported.json.import.importId}/payload`);
    expect(payload.status).toBe(200);
    expect(unzip(payload.json.payload)).toBe(broken);

    expect((await t.api('POST', '/v1/bureau/metro2/imports?bureau=experian', { body: { file: 'x' } })).status).toBe(415);
    const badBureau = await t.api('POST', '/v1/bureau/metro2/imports?bureau=dnb', { rawBody: METRO2_SAMPLE, headers: { 'content-type': 'text/plain' } });
    expect(badBureau.status).toBe(422);
    expect(badBureau.json.errors[0]).toMatchObject({ path: 'bureau', in: 'query' });
    expect((await t.api('POST', '/v1/bureau/metro2/imports?bureau=experian', { rawBody: METRO2_SAMPLE, headers: { 'content-type': 'text/plain' }, key: crmKey })).status).toBe(403);
    expect((await t.api('POST', '/v1/bureau/metro2/imports?bureau=experian', { rawBody: 'x'.repeat(1_048_577), headers: { 'content-type': 'text/plain' } })).status).toBe(413);
    expect((await t.api('POST', '/v1/bureau/metro2/imports?bureau=experian', { rawBody: '{', headers: { 'content-type': 'text/plain' } })).json.import).toMatchObject({ status: 'quarantined' });
    const empty = await t.api('POST', '/v1/bureau/metro2/imports?bureau=experian', { rawBody: '', headers: { 'content-type': 'text/plain' } });
    expect(empty.status, empty.text).toBe(400);
    expect((await t.api('POST', '/v1/bureau/metro2/imports?bureau=experian', { rawBody: METRO2_SAMPLE, headers: { 'content-type': 'text/plain' }, key: null })).status).toBe(401);
  });
});
