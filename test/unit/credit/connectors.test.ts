import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BureauConnector, BureauSubject, Normaliser } from '../../../shared/domain/credit/bureau-connector.js';
import { CreditReportSchema } from '../../../shared/domain/credit/credit-report.js';
import { PermanentError, TransientError } from '../../../shared/domain/errors.js';
import { createEquifaxConnector } from '../../../shared/adapters/bureaus/equifax/client.js';
import { createExperianConnector } from '../../../shared/adapters/bureaus/experian/client.js';
import { createTransUnionConnector } from '../../../shared/adapters/bureaus/transunion/client.js';
import type { BureauConnectorConfig } from '../../../shared/adapters/bureaus/common/connector-kit.js';
import { retryAfterMs } from '../../../shared/adapters/bureaus/common/bureau-http.js';
import { normaliseEquifax } from '../../../shared/domain/credit/normalisers/equifax.js';
import { normaliseExperian } from '../../../shared/domain/credit/normalisers/experian.js';
import { normaliseTransUnion } from '../../../shared/domain/credit/normalisers/transunion.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type BureauSandbox } from '../../../infra/local/sandboxes/bureaus/sandbox-kit.js';
import { startEquifaxSandbox } from '../../../infra/local/sandboxes/bureaus/equifax.js';
import { startExperianSandbox } from '../../../infra/local/sandboxes/bureaus/experian.js';
import { startTransUnionSandbox } from '../../../infra/local/sandboxes/bureaus/transunion.js';
import { summariseReport } from '../../../shared/domain/credit/summarise.js';
import { loopbackFetch } from '../../support/outbound.js';

const subject = (customerId: string, name = 'Avery J Sample'): BureauSubject => ({
  customerId,
  kind: 'consumer',
  name,
  identifiers: [{ scheme: 'ssn', value: '666001234' }],
  address: { lines: ['12 Test Ave'], city: 'Costa Mesa', region: 'CA', postalCode: '92626', country: 'US' },
  dateOfBirth: '1975-06-15',
});

const ctx = { requestId: 'req-test' };

const caught = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);

type Case = [string, () => Promise<BureauSandbox>, (config: BureauConnectorConfig) => BureauConnector, Normaliser];
const cases: Case[] = [
  ['experian', startExperianSandbox, createExperianConnector, normaliseExperian],
  ['equifax', startEquifaxSandbox, createEquifaxConnector, normaliseEquifax],
  ['transunion', startTransUnionSandbox, createTransUnionConnector, normaliseTransUnion],
];

describe.each(cases)('%s connector against its sandbox', (bureau, start, create, normalise) => {
  let sandbox: BureauSandbox;
  let connector: BureauConnector;

  beforeAll(async () => {
    sandbox = await start();
    connector = create({ baseUrl: sandbox.url, clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, timeoutMs: 300, outbound: loopbackFetch });
  });
  afterEach(() => sandbox.setFailure(null));
  afterAll(async () => {
    await sandbox.stop();
  });

  it('fetches a raw report the normaliser turns into a valid canonical report', async () => {
    // Act
    const raw = await connector.fetchReport(subject('cust-delinquent-7'), ctx);
    const report = normalise(raw, { reportId: 'r1', pulledAt: '2026-01-20T00:00:00.000Z', requestId: ctx.requestId });
    // Assess
    expect(raw.bureau).toBe(bureau);
    expect(raw.contentType).toContain('application/json');
    expect(CreditReportSchema.safeParse(report).success).toBe(true);
    expect(report.tradelines.length).toBeGreaterThanOrEqual(2);
    expect(summariseReport(report, 'match').tradelines.delinquentCount).toBeGreaterThanOrEqual(1);
  });

  it('answers the same subject with the same synthetic data, clean subjects without delinquency', async () => {
    const first = await connector.fetchReport(subject('cust-clean-1'), ctx);
    const second = await connector.fetchReport(subject('cust-clean-1'), ctx);
    expect(second.body).toBe(first.body);
    const report = normalise(first, { reportId: 'r2', pulledAt: '2026-01-20T00:00:00.000Z', requestId: 'x' });
    expect(summariseReport(report, 'match').tradelines.delinquentCount).toBe(0);
  });

  it('caches the OAuth2 token across requests', async () => {
    const before = sandbox.tokensIssued;
    await connector.fetchReport(subject('cust-a'), ctx);
    await connector.fetchReport(subject('cust-b'), ctx);
    expect(before).toBe(1);
    expect(sandbox.tokensIssued).toBe(1);
  });

  it('maps 5xx to a retryable TransientError', async () => {
    sandbox.setFailure({ mode: 'server_error', times: 1 });
    const error = await caught(connector.fetchReport(subject('cust-x'), ctx));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('bureau_unavailable');
    expect((error as TransientError).retryable).toBe(true);
  });

  it('maps 429 to a TransientError carrying Retry-After in ms', async () => {
    sandbox.setFailure({ mode: 'rate_limited', times: 1, retryAfterSeconds: 7 });
    const error = await caught(connector.fetchReport(subject('cust-x'), ctx));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('bureau_rate_limited');
    expect((error as TransientError).retryAfterMs).toBe(7000);
  });

  it('maps a slow bureau to a timeout TransientError', async () => {
    sandbox.setFailure({ mode: 'slow', times: 1, delayMs: 2000 });
    const startedAt = Date.now();
    const error = await caught(connector.fetchReport(subject('cust-x'), ctx));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('bureau_timeout');
    expect(Date.now() - startedAt).toBeLessThan(1500);
  });

  it('maps a malformed body to PermanentError malformed_report (injected and per-subject trigger)', async () => {
    sandbox.setFailure({ mode: 'malformed', times: 1 });
    const injected = await caught(connector.fetchReport(subject('cust-x'), ctx));
    const triggered = await caught(connector.fetchReport(subject('cust-malformed-1'), ctx));
    for (const error of [injected, triggered]) {
      expect(error).toBeInstanceOf(PermanentError);
      expect((error as PermanentError).code).toBe('malformed_report');
      expect((error as PermanentError).retryable).toBe(false);
    }
  });

  it('maps not found to PermanentError subject_not_found (per-subject trigger and HTTP-injected)', async () => {
    const triggered = await caught(connector.fetchReport(subject('cust-notfound-1'), ctx));
    const response = await fetch(`${sandbox.url}/__sandbox/failure`, { method: 'POST', body: JSON.stringify({ mode: 'not_found', times: 1 }) });
    const injected = await caught(connector.fetchReport(subject('cust-y'), ctx));
    expect(response.status).toBe(204);
    for (const error of [triggered, injected]) {
      expect(error).toBeInstanceOf(PermanentError);
      expect((error as PermanentError).code).toBe('subject_not_found');
    }
  });

  it('counts data requests served and recovers after a limited failure', async () => {
    const before = sandbox.requests;
    sandbox.setFailure({ mode: 'server_error', times: 1 });
    await caught(connector.fetchReport(subject('cust-x'), ctx));
    const raw = await connector.fetchReport(subject('cust-x'), ctx);
    expect(raw.body.length).toBeGreaterThan(100);
    expect(sandbox.requests - before).toBe(2);
  });

  it('reports wrong credentials as a permanent auth failure', async () => {
    const wrong = create({ baseUrl: sandbox.url, clientId: 'nope', clientSecret: 'nope', timeoutMs: 300, outbound: loopbackFetch });
    const error = await caught(wrong.fetchReport(subject('cust-x'), ctx));
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).code).toBe('bureau_auth_failed');
  });
});

describe('retryAfterMs', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000 + 5000).toUTCString(), 10_000)).toBe(5000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
