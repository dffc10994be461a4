import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRiskBridgeClient } from '@riskbridge/client';
import { dynamoClientHooks } from '../../shared/adapters/dynamodb/client.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { PORTFOLIO_COLUMNS } from '../../shared/domain/jobs/portfolio-export.js';
import { neutraliseFormula } from '../../shared/domain/jobs/tabular.js';
import { HUB_SIGNING_SECRET } from '../../shared/lambda/signing-key.js';
import { signDownloadLink } from '../../shared/lambda/download-link.js';
import { emulatorClients } from '../support/aws-clients.js';
import { createApiKey, createCrmKey } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';
import { TRICKY_NAMES, portfolioProfile } from '../support/portfolio-fixtures.js';

const CUSTOMERS = 60;
const GRADE = 'AA';
const signingKey = randomBytes(32);

type Json = Record<string, any>;

/** Polls a job (every 50 ms, 30 s at most) until `done` holds; returns the last answer. */
const waitForJob = async (t: TestHub, jobId: string, done: (job: Json) => boolean, key?: string) => {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await t.api('GET', `/v1/jobs/${jobId}`, key ? { key } : {});
    expect(res.status, res.text).toBe(200);
    if (done(res.json.job)) return res;
    if (Date.now() > deadline) throw new Error(`job ${jobId} stayed ${res.json.job.status} (${JSON.stringify(res.json.job.progress)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * Holds the hub's scans of customer profiles (the export's count and pages) while `held` is set, so a
 * test can act on a job it knows is running and has read nothing yet, whatever the machine's speed.
 * Registered before the hub starts: hooks apply to the DynamoDB clients the hub's functions create.
 */
let held: Promise<void> | undefined;
function holdProfileScans(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { FilterExpression?: string };
      if (held && (context as { commandName?: string }).commandName === 'ScanCommand' && input.FilterExpression?.includes(':customer')) await held;
      return next(args);
    },
    { step: 'initialize', name: 'holdProfileScans' },
  );
}

/** Follows an absolute download URL the hub issued, as `key` (through the hub fixture, so the contract test sees it). */
const fetchLink = async (t: TestHub, url: string, key: string) => {
  const { origin, pathname } = new URL(url);
  expect(origin).toBe(t.hub.url);
  expect(pathname).toMatch(/^\/v1\/downloads\/[^/]+$/);
  return t.api('GET', pathname, { key });
};

/** The raw bytes behind a download URL (the typed client keeps a byte-order mark that text decoding drops). */
const fileBytes = async (url: string, key: string): Promise<Buffer> => {
  const { origin, pathname } = new URL(url);
  const { data } = await createRiskBridgeClient({ baseUrl: origin, key }).GET('/v1/downloads/{token}', { params: { path: { token: pathname.split('/').at(-1) ?? '' } }, parseAs: 'arrayBuffer' });
  return Buffer.from(data ?? new ArrayBuffer(0));
};

/** Every page of `GET /v1/customers` (following `next`). */
const portfolioRows = async (t: TestHub, query = ''): Promise<Json[]> => {
  const rows: Json[] = [];
  let path: string | undefined = `/v1/customers?limit=200${query}`;
  while (path) {
    const res = await t.api('GET', path);
    expect(res.status, res.text).toBe(200);
    rows.push(...res.json.customers);
    path = res.json.next ? new URL(res.json.next).pathname + new URL(res.json.next).search : undefined;
  }
  return rows;
};

/** A portfolio row as the CSV writes it: every column a string, formula starts neutralised. */
const asCsvRecord = (row: Json): Record<string, string> =>
  Object.fromEntries(
    PORTFOLIO_COLUMNS.map((column) => {
      const value = column.split('.').reduce<any>((v, part) => v?.[part], row);
      return [column, value === undefined ? '' : typeof value === 'string' ? neutraliseFormula(value) : String(value)];
    }),
  );

const byId = (a: { customerId?: string }, b: { customerId?: string }) => String(a.customerId).localeCompare(String(b.customerId));

describe('jobs: exports, polling, hub-signed downloads and cancellation on the local hub', () => {
  let t: TestHub;
  const clients = emulatorClients();

  beforeAll(async () => {
    dynamoClientHooks.push(holdProfileScans);
    t = await startTestHub({ env: { LOCAL_SECRETS: JSON.stringify({ [HUB_SIGNING_SECRET]: signingKey.toString('base64') }), EXPORT_PAGE_SIZE: '1' } });
    const profiles = profileStore({ client: clients.doc, tableName: t.hub.resources.tableName });
    const now = new Date();
    const all = Array.from({ length: CUSTOMERS }, (_, i) =>
      portfolioProfile(
        `pf-${String(i).padStart(4, '0')}`,
        i < TRICKY_NAMES.length
          ? { name: TRICKY_NAMES[i] ?? '', country: 'DE', grade: GRADE, frozen: i === 0 }
          : { name: `Customer ${i}`, country: i % 2 ? 'FR' : 'CN', ...(i % 3 ? { grade: 'BB', pd: 0.04 } : {}) },
        now,
      ),
    );
    for (let i = 0; i < all.length; i += 100) await profiles.commitMany(all.slice(i, i + 100).map((profile) => ({ profile, expectedVersion: 0, events: [] })));
  });

  afterAll(async () => {
    await t?.stop();
    clients.destroy();
    dynamoClientHooks.splice(dynamoClientHooks.indexOf(holdProfileScans), 1);
  });

  it('exports one grade as CSV: 202 + Location, polls to succeeded, downloads rows equal to the portfolio', async () => {
    // Act
    const started = await t.api('POST', '/v1/exports/portfolio', { body: { format: 'csv', grade: GRADE } });
    // Assess
    expect(started.status, started.text).toBe(202);
    const jobId: string = started.json.job.jobId;
    expect(started.headers.get('location')).toBe(`/v1/jobs/${jobId}`);
    expect(Number(started.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(started.json.job).toMatchObject({ kind: 'portfolio.export', status: 'queued', input: { format: 'csv', grade: GRADE } });

    const polled = await t.api('GET', `/v1/jobs/${jobId}`);
    if (polled.json.job.status === 'queued' || polled.json.job.status === 'running') expect(Number(polled.headers.get('retry-after'))).toBeGreaterThan(0);
    const done = await waitForJob(t, jobId, (job) => job.status !== 'queued' && job.status !== 'running');
    const job = done.json.job;
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(done.headers.get('retry-after')).toBeNull();
    expect(job.result).toMatchObject({ mediaType: 'text/csv; charset=utf-8', rows: TRICKY_NAMES.length, fileName: expect.stringMatching(/^portfolio-AA-\d{8}T\d{6}Z\.csv$/) });
    expect(job.progress).toEqual({ done: TRICKY_NAMES.length, total: TRICKY_NAMES.length });
    expect(job.links).toEqual({ self: `/v1/jobs/${jobId}` });
    expect(job.result.download.url).toMatch(new RegExp(`^${t.hub.url}/v1/downloads/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    expect(Date.parse(job.result.download.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);

    const file = await fetchLink(t, job.result.download.url, t.adminKey);
    expect(file.status, file.text).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${job.result.fileName}"`);
    const bytes = await fileBytes(job.result.download.url, t.adminKey);
    expect(bytes.byteLength).toBe(job.result.bytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(file.text);
    const records: Record<string, string>[] = parse(file.text, { bom: true, columns: true });
    expect(Object.keys(records[0] ?? {})).toEqual(PORTFOLIO_COLUMNS);
    const expected = (await portfolioRows(t, `&grade=${GRADE}`)).map(asCsvRecord);
    expect(expected).toHaveLength(TRICKY_NAMES.length);
    expect([...records].sort(byId)).toEqual(expected.sort(byId));
  });

  it('exports the whole portfolio as NDJSON, one line per customer, equal to the portfolio list', async () => {
    // Act
    const started = await t.api('POST', '/v1/exports/portfolio', { body: { format: 'ndjson' } });
    const done = await waitForJob(t, started.json.job.jobId, (job) => job.status === 'succeeded' || job.status === 'failed');
    const file = await fetchLink(t, done.json.job.result.download.url, t.adminKey);
    // Assess
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = file.text.trimEnd().split('\n').map((line) => JSON.parse(line) as Json);
    expect(lines).toHaveLength(CUSTOMERS);
    expect(lines.sort(byId)).toEqual((await portfolioRows(t)).sort(byId));
  });

  it('serves a link only to the caller it was issued to; another admin gets its own link from the job', async () => {
    // Prepare
    const started = await t.api('POST', '/v1/exports/portfolio', { body: { format: 'csv', grade: GRADE } });
    const done = await waitForJob(t, started.json.job.jobId, (job) => job.status === 'succeeded');
    const other = await createApiKey(t, { name: 'second risk officer', role: 'admin' });
    // Act
    const refused = await fetchLink(t, done.json.job.result.download.url, other.key);
    const ownView = await t.api('GET', `/v1/jobs/${started.json.job.jobId}`, { key: other.key });
    const ownLink = await fetchLink(t, ownView.json.job.result.download.url, other.key);
    // Assess
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: 'link_invalid', status: 403 });
    expect(ownLink.status).toBe(200);
    expect(ownLink.text.length).toBeGreaterThan(0);
  });

  it('refuses expired, altered and malformed links', async () => {
    // Prepare
    const started = await t.api('POST', '/v1/exports/portfolio', { body: { format: 'csv', grade: GRADE } });
    const jobId: string = started.json.job.jobId;
    const done = await waitForJob(t, jobId, (job) => job.status === 'succeeded');
    const me = await t.api('GET', '/v1/jobs?limit=1');
    const principalId: string = me.json.jobs[0].owner;
    const grant = { objectKey: `exports/${jobId}.csv`, principalId, fileName: 'x.csv', mediaType: 'text/csv' };
    const expired = signDownloadLink(signingKey, { ...grant, expiresAt: new Date(Date.now() - 1000) });
    const valid = signDownloadLink(signingKey, { ...grant, expiresAt: new Date(Date.now() + 60_000) });
    const [payload, signature] = done.json.job.result.download.url.split('/').at(-1).split('.');
    const altered = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), k: 'exports/other.csv' })).toString('base64url')}.${signature}`;
    // Act
    const expiredAnswer = await t.api('GET', `/v1/downloads/${expired}`);
    const validAnswer = await t.api('GET', `/v1/downloads/${valid}`);
    const alteredAnswer = await t.api('GET', `/v1/downloads/${altered}`);
    const malformed = await t.api('GET', '/v1/downloads/not-a-token');
    // Assess
    expect(expiredAnswer.status).toBe(403);
    expect(expiredAnswer.json).toMatchObject({ code: 'link_expired' });
    expect(validAnswer.status).toBe(200);
    expect(alteredAnswer.status).toBe(403);
    expect(alteredAnswer.json).toMatchObject({ code: 'link_invalid' });
    expect(malformed.status).toBe(422);
    expect(malformed.json.errors[0]).toMatchObject({ path: 'token', in: 'path' });
  });

  it('answers 404 for a valid link whose file is gone (expired by the bucket lifecycle)', async () => {
    // Prepare
    const started = await t.api('POST', '/v1/exports/portfolio', { body: { format: 'ndjson', grade: GRADE } });
    const jobId: string = started.json.job.jobId;
    const done = await waitForJob(t, jobId, (job) => job.status === 'succeeded');
    await clients.s3.send(new DeleteObjectCommand({ Bucket: t.hub.resources.bucketNames.objects, Key: `exports/${jobId}.ndjson` }));
    // Act
    const gone = await fetchLink(t, done.json.job.result.download.url, t.adminKey);
    // Assess
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ code: 'not_found' });
  });

  it('cancels a running export: the job ends cancelled, part-way, and leaves no object', async () => {
    // Prepare: the job runs but cannot read the portfolio until the cancel has landed.
    let release = (): void => undefined;
    held = new Promise((resolve) => (release = resolve));
    const started = await t.api('POST', '/v1/exports/portfolio', { body: { format: 'csv' } });
    const jobId: string = started.json.job.jobId;
    await waitForJob(t, jobId, (job) => job.status === 'running');
    // Act
    const cancel = await t.api('POST', `/v1/jobs/${jobId}/cancel`);
    held = undefined;
    release();
    const done = await waitForJob(t, jobId, (job) => job.status !== 'running');
    const again = await t.api('POST', `/v1/jobs/${jobId}/cancel`);
    // Assess
    expect(cancel.status, cancel.text).toBe(202);
    expect(cancel.json.job).toMatchObject({ status: 'running', cancelRequested: true });
    expect(done.json.job.status).toBe('cancelled');
    // The first progress report after the hold reads the cancel: no row was exported.
    expect(done.json.job.progress).toMatchObject({ done: 0, total: CUSTOMERS });
    expect(done.json.job.result).toBeUndefined();
    expect(done.json.job.links.cancel).toBeUndefined();
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'job_final' });
    const head = clients.s3.send(new HeadObjectCommand({ Bucket: t.hub.resources.bucketNames.objects, Key: `exports/${jobId}.csv` }));
    await expect(head).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it('hides jobs from other principals (404) and lists only the caller\'s own; admins list everybody\'s', async () => {
    // Prepare
    const started = await t.api('POST', '/v1/exports/portfolio', { body: { format: 'ndjson', grade: GRADE } });
    const jobId: string = started.json.job.jobId;
    await waitForJob(t, jobId, (job) => job.status === 'succeeded');
    const crm = await createCrmKey(t, 'crm connector');
    // Act
    const unknown = await t.api('GET', '/v1/jobs/job_01ARZ3NDEKTSV4RRFFQ69G5FAV');
    const foreign = await t.api('GET', `/v1/jobs/${jobId}`, { key: crm.key });
    const foreignCancel = await t.api('POST', `/v1/jobs/${jobId}/cancel`, { key: crm.key });
    const crmList = await t.api('GET', '/v1/jobs', { key: crm.key });
    const adminList = await t.api('GET', '/v1/jobs?status=succeeded&kind=portfolio.export&limit=2');
    const nextPage = await t.api('GET', new URL(adminList.json.next).pathname + new URL(adminList.json.next).search);
    const badFilter = await t.api('GET', '/v1/jobs?status=done');
    // Assess
    expect(unknown.status).toBe(404);
    expect(foreign.status).toBe(404);
    expect(foreignCancel.status).toBe(404);
    expect(crmList.status).toBe(200);
    expect(crmList.json.jobs).toEqual([]);
    expect(adminList.json.jobs).toHaveLength(2);
    expect(adminList.json.jobs[0].jobId).toBe(jobId);
    expect(adminList.json.jobs.every((job: Json) => job.status === 'succeeded')).toBe(true);
    expect(nextPage.status).toBe(200);
    expect(nextPage.json.jobs.length).toBeGreaterThan(0);
    expect(nextPage.json.jobs.map((job: Json) => job.jobId)).not.toContain(jobId);
    expect(badFilter.status).toBe(422);
  });

  it('refuses bad export requests before starting anything', async () => {
    // Prepare
    const crm = await createCrmKey(t, 'crm exporter');
    // Act
    const unknownFormat = await t.api('POST', '/v1/exports/portfolio', { body: { format: 'xlsx' } });
    const unknownKey = await t.api('POST', '/v1/exports/portfolio', { body: { format: 'csv', columns: ['name'] } });
    const notAdmin = await t.api('POST', '/v1/exports/portfolio', { body: { format: 'csv' }, key: crm.key });
    // Assess
    expect(unknownFormat.status).toBe(422);
    expect(unknownFormat.json.errors[0]).toMatchObject({ path: 'format', in: 'body' });
    expect(unknownKey.status).toBe(422);
    expect(unknownKey.json.errors[0]).toMatchObject({ path: 'columns', code: 'unrecognized_keys' });
    expect(notAdmin.status).toBe(403);
  });
});
