import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { provisionLocal } from '../../../infra/local/provision.js';
import { startLocalBureaus, type LocalBureaus } from '../../../infra/local/sandboxes/bureaus/local-bureaus.js';
import { bureauConnectorRegistry } from '../../../shared/adapters/bureaus/registry.js';
import { bureauPullStore } from '../../../shared/adapters/dynamodb/bureau-pull-store.js';
import { bureauStateStore } from '../../../shared/adapters/dynamodb/bureau-state-store.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client.js';
import { consentStore } from '../../../shared/adapters/dynamodb/consent-store.js';
import { creditReportStore } from '../../../shared/adapters/dynamodb/credit-report-store.js';
import { eventStore } from '../../../shared/adapters/dynamodb/event-store.js';
import { profileStore } from '../../../shared/adapters/dynamodb/profile-store.js';
import { quarantineStore } from '../../../shared/adapters/dynamodb/quarantine-store.js';
import { mapSecretSource } from '../../../shared/adapters/secrets/secret-source.js';
import { BureauPullConfigSchema, type BureauPullConfig, type PullMessage } from '../../../shared/domain/bureau-pulls/bureau-pull.js';
import { NORMALISERS } from '../../../shared/domain/bureau-pulls/normalisers.js';
import { failDeadLetteredPulls } from '../../../shared/domain/bureau-pulls/fail-dead-lettered.js';
import { processBureauPull } from '../../../shared/domain/bureau-pulls/process-pull.js';
import { requestBureauPull } from '../../../shared/domain/bureau-pulls/request-pull.js';
import { systemClock } from '../../../shared/domain/clock.js';
import type { BureauId } from '../../../shared/domain/credit/credit-summary.js';
import { ConsentRequiredError } from '../../../shared/domain/credit/pull/consent.js';
import { upsertCustomer } from '../../../shared/domain/customers/upsert-customer.js';
import { loopbackFetch } from '../../support/outbound.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('bureau pull pipeline against the sandboxes', () => {
  let bureaus: LocalBureaus;
  let table: { client: ReturnType<typeof createDocumentClient>; tableName: string };
  const enqueued: Array<{ message: PullMessage; delaySeconds?: number | undefined }> = [];
  const queue = { enqueue: async (message: PullMessage, delaySeconds?: number) => void enqueued.push({ message, delaySeconds }) };

  const pipeline = (overrides: Record<string, unknown> = {}, random: () => number = () => 0.5) => {
    const config: BureauPullConfig = BureauPullConfigSchema.parse(overrides);
    const deps = {
      profiles: profileStore(table),
      consents: consentStore(table),
      pulls: bureauPullStore(table),
      queue,
      clock: systemClock,
      config,
    };
    return {
      request: requestBureauPull(deps),
      process: processBureauPull({
        ...deps,
        state: bureauStateStore(table),
        archive: creditReportStore(table),
        connectors: bureauConnectorRegistry({ baseUrls: Object.fromEntries(Object.entries(bureaus.sandboxes).map(([b, s]) => [b, s.url])), secrets: mapSecretSource(bureaus.secrets), outbound: loopbackFetch, timeoutMs: 400 }),
        normalisers: NORMALISERS,
        quarantine: quarantineStore(table),
        random,
      }),
    };
  };

  const customer = async (id: string, kind: 'consumer' | 'business', fields: Record<string, string>, identifiers: Array<{ scheme: 'duns' | 'cn_resident_id'; value: string }> = []) => {
    await upsertCustomer({ profiles: profileStore(table), clock: systemClock })({ customerId: id, input: { kind, fields, identifiers }, source: 'test' });
  };
  const consent = async (customerId: string, bureaus: BureauId[] | '*' = '*', purpose: 'credit_transaction' | 'pboc_authorization' = 'credit_transaction') => {
    await consentStore(table).add({ consentId: `cns_${randomBytes(8).toString('hex')}`, customerId, bureaus, purpose, grantedBy: 'test', grantedAt: new Date(Date.now() - 1000).toISOString() });
  };
  /** Request a pull and hand the resulting message to the worker. */
  const requestAndMessage = async (p: ReturnType<typeof pipeline>, customerId: string, bureau: BureauId): Promise<PullMessage> => {
    const { pull } = await p.request({ customerId, bureau, trigger: 'on_demand', requestedBy: 'test' });
    return { pullId: pull.pullId, customerId, bureau, attempt: 0, failures: 0 };
  };

  beforeAll(async () => {
    const dynamo = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials });
    const sqs = new SQSClient({ endpoint: inject('sqsEndpoint'), region: 'us-east-1', credentials, useQueueUrlAsEndpoint: false });
    const resources = await provisionLocal({ dynamo, sqs, prefix: `bp${randomBytes(4).toString('hex')}`, visibilityScale: 1 / 60 });
    table = { client: createDocumentClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials }), tableName: resources.tableName };
    bureaus = await startLocalBureaus();
  });
  afterAll(async () => {
    await bureaus?.stop();
  });

  it('lands a normalised report in the profile, archives the gzip raw payload and emits credit_report.received', async () => {
    await customer('c-ok', 'consumer', { legalName: 'Jane Doe', postalCode: '92626' });
    await consent('c-ok');
    const p = pipeline();
    const result = await p.process(await requestAndMessage(p, 'c-ok', 'experian'));
    expect(result.outcome).toBe('completed');
    const profile = await profileStore(table).get('c-ok');
    expect(profile?.credit.experian?.reportId).toBe(result.outcome === 'completed' ? result.pull?.reportId : 'x');
    expect(profile?.credit.experian?.subjectMatch).toBe('match');
    const archived = await creditReportStore(table).getReport('c-ok', 'experian', profile!.credit.experian!.reportId);
    expect(archived?.raw).toContain('creditProfile');
    expect(archived?.report.bureau).toBe('experian');
    const events = await eventStore(table).listForCustomer('c-ok');
    const received = events.find((e) => e.type === 'credit_report.received');
    expect(received).toMatchObject({ customerId: 'c-ok', sequence: profile?.sequence, data: { bureau: 'experian', reportId: profile?.credit.experian?.reportId } });
    expect(JSON.stringify(received)).not.toContain('creditProfile');
  });

  it('re-enqueues a 5xx with jittered exponential backoff (attempt+1, failures+1) and succeeds on the next delivery', async () => {
    await customer('c-5xx', 'consumer', { legalName: 'Jim Five', postalCode: '92626' });
    await consent('c-5xx');
    const p = pipeline({ retry: { baseMs: 4000, capMs: 60_000 } }, () => 0.75);
    const message = await requestAndMessage(p, 'c-5xx', 'equifax');
    enqueued.length = 0;
    bureaus.sandboxes.equifax.setFailure({ mode: 'server_error', times: 1 });
    const deferred = await p.process(message);
    // failures 0 → ceiling 4000 ms × draw 0.75 = 3 s
    expect(deferred).toEqual({ outcome: 'deferred', delaySeconds: 3, reason: 'bureau_unavailable' });
    expect(enqueued).toEqual([{ message: { ...message, attempt: 1, failures: 1 }, delaySeconds: 3 }]);
    expect(await bureauPullStore(table).get('c-5xx', message.pullId)).toMatchObject({ status: 'queued', reason: 'bureau_unavailable' });
    const retried = await p.process(enqueued[0]!.message);
    expect(retried.outcome).toBe('completed');
    expect(retried.outcome !== 'deferred' && retried.pull?.charged).toBe(true);
  });

  it('fails the pull with retries_exhausted on the retry.maxAttempts-th transient failure and frees the pull key', async () => {
    await customer('c-5xx-max', 'consumer', { legalName: 'Max Attempts', postalCode: '92626' });
    await consent('c-5xx-max');
    const p = pipeline({ retry: { maxAttempts: 2 } });
    const message = await requestAndMessage(p, 'c-5xx-max', 'transunion');
    enqueued.length = 0;
    bureaus.sandboxes.transunion.setFailure({ mode: 'server_error', times: 2 });
    expect(await p.process(message)).toMatchObject({ outcome: 'deferred', reason: 'bureau_unavailable' });
    const last = await p.process(enqueued[0]!.message);
    expect(last.outcome !== 'deferred' && last.pull).toMatchObject({ status: 'failed', reason: 'retries_exhausted' });
    expect(enqueued).toHaveLength(1);
    const again = await p.request({ customerId: 'c-5xx-max', bureau: 'transunion', trigger: 'on_demand', requestedBy: 'test' });
    expect(again.collapsed).toBe(false);
  });

  it('re-enqueues a 429 with the Retry-After delay', async () => {
    await customer('c-429', 'consumer', { legalName: 'Ann Limit' });
    await consent('c-429');
    const p = pipeline();
    const message = await requestAndMessage(p, 'c-429', 'transunion');
    enqueued.length = 0;
    bureaus.sandboxes.transunion.setFailure({ mode: 'rate_limited', times: 1, retryAfterSeconds: 7 });
    const result = await p.process(message);
    expect(result).toMatchObject({ outcome: 'deferred', delaySeconds: 7, reason: 'bureau_rate_limited' });
    expect(enqueued).toEqual([{ message: { ...message, attempt: 1 }, delaySeconds: 7 }]);
    expect((await p.process({ ...message, attempt: 1 })).outcome).toBe('completed');
  });

  it('turns a slow bureau into a timeout retried with backoff', async () => {
    await customer('c-slow', 'consumer', { legalName: 'Sam Slow' });
    await consent('c-slow');
    const p = pipeline();
    const message = await requestAndMessage(p, 'c-slow', 'experian');
    bureaus.sandboxes.experian.setFailure({ mode: 'slow', times: 1, delayMs: 3000 });
    expect(await p.process(message)).toMatchObject({ outcome: 'deferred', reason: 'bureau_timeout' });
    expect(await bureauPullStore(table).get('c-slow', message.pullId)).toMatchObject({ status: 'queued', reason: 'bureau_timeout' });
  });

  it('quarantines a malformed answer with its raw bytes and writes no report', async () => {
    await customer('c-bad', 'consumer', { legalName: 'Max Malformed' });
    await consent('c-bad');
    const p = pipeline();
    const message = await requestAndMessage(p, 'c-bad', 'experian');
    const result = await p.process(message);
    expect(result.outcome === 'failed' && result.pull?.reason).toBe('malformed_report');
    const { Items = [] } = await table.client.send(new QueryCommand({ TableName: table.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'QUARANTINE#bureau:experian' } }));
    const entry = Items.find((i) => i['messageId'] === message.pullId);
    expect(gunzipSync(Buffer.from(entry?.['body'] as Uint8Array)).toString('utf8')).toBe('{"creditProfile":[{"tradeline":[{"status":"1');
    expect((await profileStore(table).get('c-bad'))?.credit).toEqual({});
    const reports = await table.client.send(new QueryCommand({ TableName: table.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': 'CUSTOMER#c-bad', ':sk': 'REPORT#' } }));
    expect(reports.Items).toEqual([]);
  });

  it('fails a no-hit with subject_not_found', async () => {
    await customer('c-nohit', 'consumer', { legalName: 'Nora Notfound' });
    await consent('c-nohit');
    const p = pipeline();
    const result = await p.process(await requestAndMessage(p, 'c-nohit', 'equifax'));
    expect(result.outcome === 'failed' && result.pull?.reason).toBe('subject_not_found');
  });

  it('refuses a pull without consent, and fails one whose consent was revoked before the worker ran', async () => {
    await customer('c-noconsent', 'consumer', { legalName: 'Ned None' });
    const p = pipeline();
    await expect(p.request({ customerId: 'c-noconsent', bureau: 'experian', trigger: 'on_demand', requestedBy: 'test' })).rejects.toMatchObject({ code: 'consent_required', reason: 'no_consent' });
    await consent('c-noconsent', ['experian']);
    const message = await requestAndMessage(p, 'c-noconsent', 'experian');
    const [stored] = await consentStore(table).list('c-noconsent');
    await consentStore(table).revoke('c-noconsent', stored!.consentId, new Date(Date.now() - 10).toISOString());
    const result = await p.process(message);
    expect(result.outcome === 'failed' && result.pull?.reason).toBe('consent_required');
    await expect(p.request({ customerId: 'c-noconsent', bureau: 'experian', trigger: 'on_demand', requestedBy: 'test' })).rejects.toBeInstanceOf(ConsentRequiredError);
  });

  it('refuses a pull over the monthly budget with budget_exceeded and never calls the bureau', async () => {
    await customer('c-budget', 'business', { legalName: 'Budget Works GmbH', country: 'DE' });
    await consent('c-budget');
    const p = pipeline({ bureaus: { creditsafe: { costMinor: 500, monthlyBudgetMinor: 100 } } });
    const before = bureaus.sandboxes.creditsafe.requests;
    const result = await p.process(await requestAndMessage(p, 'c-budget', 'creditsafe'));
    expect(result.outcome === 'failed' && result.pull?.reason).toBe('budget_exceeded');
    expect(bureaus.sandboxes.creditsafe.requests).toBe(before);
  });

  it('collapses concurrent pulls for the same customer and bureau into one', async () => {
    await customer('c-many', 'consumer', { legalName: 'Mo Many' });
    await consent('c-many');
    const p = pipeline();
    enqueued.length = 0;
    const results = await Promise.all(Array.from({ length: 6 }, () => p.request({ customerId: 'c-many', bureau: 'experian', trigger: 'on_demand', requestedBy: 'test' })));
    expect(new Set(results.map((r) => r.pull.pullId)).size).toBe(1);
    expect(results.filter((r) => !r.collapsed)).toHaveLength(1);
    expect(enqueued).toHaveLength(1);
  });

  it('flags a D&B match on another company (name and DUNS differ) as a mismatch (before the circuit test opens the D&B circuit)', async () => {
    await customer('c-mismatch-biz', 'business', { legalName: 'Mismatch Metals Inc', country: 'US' });
    await consent('c-mismatch-biz');
    const p = pipeline();
    const result = await p.process(await requestAndMessage(p, 'c-mismatch-biz', 'dnb'));
    expect(result.outcome !== 'deferred' && result.pull).toMatchObject({ status: 'review', subjectMatch: 'mismatch' });
    expect((await profileStore(table).get('c-mismatch-biz'))?.credit).toEqual({});
  });

  it('opens the circuit after repeated failures and then defers without calling the bureau', async () => {
    await customer('c-circuit', 'business', { legalName: 'Circuit Holdings', country: 'US' }, [{ scheme: 'duns', value: '150483782' }]);
    await consent('c-circuit');
    const p = pipeline({ circuit: { failureThreshold: 2, windowMs: 60_000, coolDownMs: 60_000 } });
    bureaus.sandboxes.dnb.setFailure({ mode: 'server_error' });
    try {
      const message = await requestAndMessage(p, 'c-circuit', 'dnb');
      expect(await p.process(message)).toMatchObject({ outcome: 'deferred', reason: 'bureau_unavailable' });
      expect(await p.process(message)).toMatchObject({ outcome: 'deferred', reason: 'bureau_unavailable' });
      const calls = bureaus.sandboxes.dnb.requests;
      const deferred = await p.process(message);
      expect(deferred).toMatchObject({ outcome: 'deferred', reason: 'circuit_open' });
      expect(bureaus.sandboxes.dnb.requests).toBe(calls);
    } finally {
      bureaus.sandboxes.dnb.setFailure(null);
    }
  });

  it('skips a message whose pull already finished (idempotent redelivery)', async () => {
    await customer('c-twice', 'consumer', { legalName: 'Tess Twice', postalCode: '92626' });
    await consent('c-twice');
    const p = pipeline();
    const message = await requestAndMessage(p, 'c-twice', 'experian');
    expect((await p.process(message)).outcome).toBe('completed');
    const calls = bureaus.sandboxes.experian.requests;
    expect((await p.process(message)).outcome).toBe('skipped');
    expect(bureaus.sandboxes.experian.requests).toBe(calls);
  });

  it('archives a report about another subject without merging it, and flags it (review item + alert.raised)', async () => {
    await customer('c-mismatch', 'consumer', { legalName: 'Mona Mismatch', postalCode: '92626' });
    await consent('c-mismatch');
    const p = pipeline();
    const message = await requestAndMessage(p, 'c-mismatch', 'experian');
    const result = await p.process(message);
    expect(result.outcome).toBe('review');
    const pull = await bureauPullStore(table).get('c-mismatch', message.pullId);
    expect(pull).toMatchObject({ status: 'review', subjectMatch: 'mismatch' });
    const profile = await profileStore(table).get('c-mismatch');
    expect(profile?.credit).toEqual({});
    const archived = await creditReportStore(table).getReport('c-mismatch', 'experian', pull!.reportId!);
    expect(archived?.raw).toContain('creditProfile');
    expect(archived?.raw).not.toContain('MISMATCH');
    const reviews = await creditReportStore(table).listOpenReviews(50);
    expect(reviews.find((r) => r.customerId === 'c-mismatch')).toMatchObject({ bureau: 'experian', reportId: pull!.reportId, pullId: message.pullId });
    expect(reviews.find((r) => r.customerId === 'c-mismatch')?.reasons).toContain('name_different');
    const events = await eventStore(table).listForCustomer('c-mismatch');
    expect(events.filter((e) => e.type === 'credit_report.received')).toEqual([]);
    expect(events.find((e) => e.type === 'alert.raised')).toMatchObject({ sequence: profile?.sequence, data: { rule: 'bureau_subject_mismatch', severity: 'warning' } });
  });

  it('sweeps pulls left queued past deadLetterAfterMs to failed/dead_lettered and frees the pull key', async () => {
    await customer('c-dlq', 'consumer', { legalName: 'Dee Lettered', postalCode: '92626' });
    await consent('c-dlq');
    const p = pipeline();
    const lost = await requestAndMessage(p, 'c-dlq', 'experian');
    const done = await requestAndMessage(p, 'c-dlq', 'equifax');
    expect((await p.process(done)).outcome).toBe('completed');
    const pulls = bureauPullStore(table);
    const sweepAt = (ms: number) => failDeadLetteredPulls({ pulls, clock: { now: () => new Date(Date.now() + ms) }, config: { deadLetterAfterMs: 3_600_000 } });

    expect((await sweepAt(0)()).failed).not.toContain(lost.pullId);
    const swept = await sweepAt(2 * 3_600_000)();
    expect(swept.failed).toContain(lost.pullId);
    expect(swept.failed).not.toContain(done.pullId);
    expect(await pulls.get('c-dlq', lost.pullId)).toMatchObject({ status: 'failed', reason: 'dead_lettered' });
    expect(await pulls.get('c-dlq', done.pullId)).toMatchObject({ status: 'completed' });
    expect((await sweepAt(2 * 3_600_000)()).failed).not.toContain(lost.pullId);
    expect((await p.process(lost)).outcome).toBe('skipped');
    const fresh = await p.request({ customerId: 'c-dlq', bureau: 'experian', trigger: 'on_demand', requestedBy: 'test' });
    expect(fresh.collapsed).toBe(false);
    expect(fresh.pull.pullId).not.toBe(lost.pullId);
  });

  it('never overwrites a pull a worker moved on since the sweep read it', async () => {
    await customer('c-race', 'consumer', { legalName: 'Rae Race', postalCode: '92626' });
    await consent('c-race');
    const p = pipeline();
    const message = await requestAndMessage(p, 'c-race', 'experian');
    const pulls = bureauPullStore(table);
    const seen = (await pulls.get('c-race', message.pullId))!;
    expect((await p.process(message)).outcome).toBe('completed');
    expect(await pulls.replaceIfUnchanged({ ...seen, status: 'failed', reason: 'dead_lettered' }, seen.updatedAt)).toBe(false);
    expect(await pulls.get('c-race', message.pullId)).toMatchObject({ status: 'completed' });
  });
});
