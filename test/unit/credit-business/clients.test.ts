import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, TransientError } from '../../../shared/domain/errors.js';
import { CreditReportSchema } from '../../../shared/domain/credit/credit-report.js';
import type { BureauConnector, BureauSubject, Normaliser } from '../../../shared/domain/credit/bureau-connector.js';
import { normaliseCreditsafe } from '../../../shared/domain/credit/normalisers/creditsafe.js';
import { normaliseDnb } from '../../../shared/domain/credit/normalisers/dnb.js';
import { normalisePboc } from '../../../shared/domain/credit/normalisers/pboc.js';
import { matchSubject } from '../../../shared/domain/credit/pull/subject-match.js';
import { createCreditsafeConnector } from '../../../shared/adapters/bureaus/creditsafe/client.js';
import { createDnbConnector } from '../../../shared/adapters/bureaus/dnb/client.js';
import { createPbocConnector } from '../../../shared/adapters/bureaus/pboc/client.js';
import { startCreditsafeSandbox } from '../../../infra/local/sandboxes/bureaus/creditsafe.js';
import { DNB_SANDBOX_MALFORMED_DUNS, DNB_SANDBOX_NOT_FOUND_DUNS, sandboxDunsFor, startDnbSandbox } from '../../../infra/local/sandboxes/bureaus/dnb.js';
import { startPbocSandbox } from '../../../infra/local/sandboxes/bureaus/pboc.js';
import type { BureauSandbox } from '../../../infra/local/sandboxes/bureaus/sandbox-kit.js';
import { loopbackFetch } from '../../support/outbound.js';

const ctx = { requestId: 'req-test-1' };
const meta = { reportId: 'rep-1', pulledAt: '2025-06-01T00:00:00.000Z', requestId: ctx.requestId };

const codeOf = async (promise: Promise<unknown>): Promise<{ code: string; retryable: boolean; retryAfterMs?: number }> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    return { code: e.code, retryable: e.retryable, retryAfterMs: e instanceof TransientError ? e.retryAfterMs : undefined };
  }
  throw new Error('expected the call to fail');
};

type Sb = BureauSandbox & Partial<Record<'clientId' | 'clientSecret' | 'username' | 'password' | 'apiKey', string>>;

interface Case {
  name: string;
  start(): Promise<Sb>;
  connector(sb: Sb, overrides?: Record<string, unknown>): BureauConnector;
  badCredentials: Record<string, unknown>;
  normalise: Normaliser;
  subject: BureauSubject;
  notFoundSubject: BureauSubject;
  malformedSubject: BureauSubject;
}

const business = (name: string, identifiers: BureauSubject['identifiers'] = []): BureauSubject => ({ customerId: 'cust-1', kind: 'business', name, identifiers, address: { lines: [], country: 'GB' } });
const person = (name: string, id: string): BureauSubject => ({ customerId: 'cust-2', kind: 'consumer', name, identifiers: [{ scheme: 'cn_resident_id', value: id }] });

const cases: Case[] = [
  {
    name: 'dnb',
    start: () => startDnbSandbox(),
    connector: (sb, o = {}) => createDnbConnector({ baseUrl: sb.url, clientId: sb.clientId!, clientSecret: sb.clientSecret!, timeoutMs: 300, ...o }, { outbound: loopbackFetch }),
    badCredentials: { clientSecret: 'wrong' },
    normalise: normaliseDnb,
    subject: business('Acme Clean Widgets Inc'),
    notFoundSubject: business('x', [{ scheme: 'duns', value: DNB_SANDBOX_NOT_FOUND_DUNS }]),
    malformedSubject: business('x', [{ scheme: 'duns', value: DNB_SANDBOX_MALFORMED_DUNS }]),
  },
  {
    name: 'creditsafe',
    start: () => startCreditsafeSandbox(),
    connector: (sb, o = {}) => createCreditsafeConnector({ baseUrl: sb.url, username: sb.username!, password: sb.password!, timeoutMs: 300, ...o }, { outbound: loopbackFetch }),
    badCredentials: { password: 'wrong' },
    normalise: normaliseCreditsafe,
    subject: business('Harbourline', [{ scheme: 'company_number', value: '07495895' }]),
    notFoundSubject: business('x', [{ scheme: 'creditsafe_id', value: 'GB-0-notfound' }]),
    malformedSubject: business('x', [{ scheme: 'creditsafe_id', value: 'GB-0-malformed' }]),
  },
  {
    name: 'pboc',
    start: () => startPbocSandbox(),
    connector: (sb, o = {}) => createPbocConnector({ baseUrl: sb.url, apiKey: sb.apiKey!, institutionCode: 'SYN0001', timeoutMs: 300, ...o }, { outbound: loopbackFetch }),
    badCredentials: { apiKey: 'wrong' },
    normalise: normalisePboc,
    subject: person('李四', '11010519491231002X'),
    notFoundSubject: person('notfound', '110105194912310011'),
    malformedSubject: person('malformed', '110105194912310011'),
  },
];

describe.each(cases)('$name connector against its sandbox', (c) => {
  let sb: Sb;
  beforeAll(async () => {
    sb = await c.start();
  });
  afterAll(async () => {
    await sb.stop();
  });

  it('fetches raw bytes that normalise to a schema-valid report, deterministically', async () => {
    // Prepare
    sb.setFailure(null);
    const connector = c.connector(sb);
    // Act
    const first = await connector.fetchReport(c.subject, ctx);
    const second = await connector.fetchReport(c.subject, ctx);
    const report = c.normalise(first, meta);
    // Assess
    expect(first.bureau).toBe(c.name);
    expect(CreditReportSchema.safeParse(report).success).toBe(true);
    expect(c.normalise(second, meta)).toEqual(report);
  });

  it('authenticates once and reuses the credential', async () => {
    const connector = c.connector(sb);
    const before = sb.tokensIssued;
    await connector.fetchReport(c.subject, ctx);
    await connector.fetchReport(c.subject, ctx);
    expect(sb.tokensIssued - before).toBe(c.name === 'pboc' ? 0 : 1);
  });

  it('maps refused credentials to bureau_auth_failed, not retryable', async () => {
    expect(await codeOf(c.connector(sb, c.badCredentials).fetchReport(c.subject, ctx))).toMatchObject({ code: 'bureau_auth_failed', retryable: false });
  });

  it('maps 5xx to a retryable bureau_unavailable', async () => {
    sb.setFailure({ mode: 'server_error', times: 1 });
    expect(await codeOf(c.connector(sb).fetchReport(c.subject, ctx))).toMatchObject({ code: 'bureau_unavailable', retryable: true });
  });

  it('maps 429 to bureau_rate_limited with Retry-After in ms', async () => {
    sb.setFailure({ mode: 'rate_limited', times: 1, retryAfterSeconds: 7 });
    expect(await codeOf(c.connector(sb).fetchReport(c.subject, ctx))).toEqual({ code: 'bureau_rate_limited', retryable: true, retryAfterMs: 7000 });
  });

  it('maps a slow answer to a retryable bureau_timeout', async () => {
    sb.setFailure({ mode: 'slow', times: 1, delayMs: 2000 });
    expect(await codeOf(c.connector(sb).fetchReport(c.subject, ctx))).toMatchObject({ code: 'bureau_timeout', retryable: true });
  });

  it('maps injected and subject-triggered malformed bodies to malformed_report', async () => {
    sb.setFailure({ mode: 'malformed', times: 1 });
    expect(await codeOf(c.connector(sb).fetchReport(c.subject, ctx))).toMatchObject({ code: 'malformed_report', retryable: false });
    expect(await codeOf(c.connector(sb).fetchReport(c.malformedSubject, ctx))).toMatchObject({ code: 'malformed_report' });
  });

  it('maps injected and subject-triggered no-hits to subject_not_found', async () => {
    sb.setFailure({ mode: 'not_found', times: 1 });
    expect(await codeOf(c.connector(sb).fetchReport(c.subject, ctx))).toMatchObject({ code: 'subject_not_found', retryable: false });
    expect(await codeOf(c.connector(sb).fetchReport(c.notFoundSubject, ctx))).toMatchObject({ code: 'subject_not_found' });
  });

  it('maps an unreachable bureau to a retryable bureau_unavailable', async () => {
    const connector = c.connector({ ...sb, url: 'http://127.0.0.1:1' } as Sb);
    expect(await codeOf(connector.fetchReport(c.subject, ctx))).toMatchObject({ code: 'bureau_unavailable', retryable: true });
  });
});

describe('dnb connector matching', () => {
  let sb: Awaited<ReturnType<typeof startDnbSandbox>>;
  beforeAll(async () => {
    sb = await startDnbSandbox();
  });
  afterAll(async () => {
    await sb.stop();
  });

  it('resolves the DUNS with cleanseMatch and returns a report whose subject matches the customer', async () => {
    const connector = createDnbConnector({ baseUrl: sb.url, clientId: sb.clientId, clientSecret: sb.clientSecret }, { outbound: loopbackFetch });
    const report = normaliseDnb(await connector.fetchReport(business('Gorman Clean Print Co'), ctx), meta);
    expect(report.subject.identifiers[0]).toEqual({ scheme: 'duns', value: sandboxDunsFor('Gorman Clean Print Co') });
    const match = matchSubject({ name: 'Gorman Clean Print Co', identifiers: [] }, { name: report.subject.names[0]?.full, identifiers: report.subject.identifiers });
    expect(match.outcome).toBe('review');
    expect(match.nameSimilarity).toBe(1);
  });

  it('refuses a match below the confidence threshold as subject_not_found', async () => {
    const connector = createDnbConnector({ baseUrl: sb.url, clientId: sb.clientId, clientSecret: sb.clientSecret }, { outbound: loopbackFetch });
    expect(await codeOf(connector.fetchReport(business('LowConfidence Holdings'), ctx))).toMatchObject({ code: 'subject_not_found' });
  });
});

describe('pboc connector', () => {
  it('refuses a subject without a resident id before calling the gateway', async () => {
    const sb = await startPbocSandbox();
    try {
      const connector = createPbocConnector({ baseUrl: sb.url, apiKey: sb.apiKey, institutionCode: 'SYN0001' }, { outbound: loopbackFetch });
      expect(await codeOf(connector.fetchReport(business('某公司'), ctx))).toMatchObject({ code: 'subject_incomplete', retryable: false });
      expect(sb.requests).toBe(0);
    } finally {
      await sb.stop();
    }
  });
});
