import { describe, expect, it } from 'vitest';
import type { PullMessage } from '../../../shared/domain/bureau-pulls/bureau-pull.js';
import { processBureauPull } from '../../../shared/domain/bureau-pulls/process-pull.js';
import { requestBureauPull } from '../../../shared/domain/bureau-pulls/request-pull.js';
import { MalformedReportError, SubjectNotFoundError } from '../../../shared/domain/credit/bureau-connector.js';
import { TransientError } from '../../../shared/domain/errors.js';
import { experianSandboxReport } from '../../../infra/local/sandboxes/bureaus/experian.js';
import { bureauWorld } from './fakes.js';

/** A world with one consenting customer and one requested pull; `process` runs the worker. */
const setup = async (config: Record<string, unknown> = {}, random = () => 0.5) => {
  const w = bureauWorld(config);
  w.customer('c-1', 'Jane Doe');
  w.consent('c-1');
  const { pull } = await requestBureauPull(w.deps)({ customerId: 'c-1', bureau: 'experian', trigger: 'on_demand', requestedBy: 'test' });
  w.enqueued.length = 0;
  const message: PullMessage = { pullId: pull.pullId, customerId: 'c-1', bureau: 'experian', attempt: 0, failures: 0 };
  return { w, pull, message, process: processBureauPull({ ...w.deps, random }) };
};
const fail = (error: Error) => () => {
  throw error;
};

describe('processBureauPull', () => {
  it('merges a matching report: completed, profile.credit, credit_report.received, archived, key released', async () => {
    const { w, message, process } = await setup();
    const result = await process(message);
    expect(result).toMatchObject({ outcome: 'completed', pull: { status: 'completed', subjectMatch: 'match', charged: true, attempts: 1 } });
    const profile = w.profilesById.get('c-1')!;
    expect(profile.credit.experian?.reportId).toBe(w.pullsById.get(message.pullId)?.reportId);
    expect(w.events.map((e) => e.type)).toEqual(['credit_report.received']);
    expect(w.events[0]?.sequence).toBe(profile.sequence);
    expect(w.extraItems).toContainEqual(expect.objectContaining({ entity: 'credit_report', archivedOnly: false }));
    expect((await requestBureauPull(w.deps)({ customerId: 'c-1', bureau: 'experian', trigger: 'on_demand', requestedBy: 'test' })).collapsed).toBe(false);
  });

  it('archives but never merges a report about another subject: review item + alert.raised, status review', async () => {
    const { w, message, process } = await setup();
    w.bureau(() => ({ bureau: 'experian', product: 'p', contentType: 'application/json', body: JSON.stringify(experianSandboxReport('x', { first: 'Quentin', last: 'Zabrowski' })), receivedAt: w.clock.now().toISOString() }));
    const result = await process(message);
    expect(result).toMatchObject({ outcome: 'review', pull: { status: 'review', subjectMatch: 'mismatch' } });
    expect(w.profilesById.get('c-1')?.credit).toEqual({});
    expect(w.events.map((e) => e.type)).toEqual(['alert.raised']);
    expect(w.events[0]?.data).toMatchObject({ rule: 'bureau_subject_mismatch' });
    expect(w.extraItems).toContainEqual(expect.objectContaining({ entity: 'credit_report', archivedOnly: true }));
    expect(w.extraItems).toContainEqual(expect.objectContaining({ entity: 'subject_review', pullId: message.pullId }));
  });

  it('re-reads the profile and retries the transaction on a version conflict', async () => {
    const { w, message, process } = await setup();
    w.conflictOnNextCommits(2);
    expect((await process(message)).outcome).toBe('completed');
    expect(w.events).toHaveLength(1);
  });

  it('skips a finished pull (idempotent redelivery) without calling the bureau', async () => {
    const { w, message, process } = await setup();
    await process(message);
    const calls = w.calls;
    expect((await process(message)).outcome).toBe('skipped');
    expect(w.calls).toBe(calls);
  });

  it('throws a permanent pull_not_found for a message without a pull record (quarantined by the consumer)', async () => {
    const { message, process } = await setup();
    await expect(process({ ...message, pullId: 'pull_01J00000000000000000000000' })).rejects.toMatchObject({ code: 'pull_not_found', retryable: false });
  });

  it('fails customer_not_found and consent_required (revoked after the request) before charging', async () => {
    const { w, message, process } = await setup();
    const [consent] = await w.deps.consents.list('c-1');
    await w.deps.consents.revoke('c-1', consent!.consentId, '2026-03-10T08:59:00Z');
    expect(await process(message)).toMatchObject({ outcome: 'failed', pull: { reason: 'consent_required', charged: false } });
    const other = await setup();
    other.w.profilesById.delete('c-1');
    expect(await other.process(other.message)).toMatchObject({ outcome: 'failed', pull: { reason: 'customer_not_found' } });
  });

  it('fails budget_exceeded without calling the bureau', async () => {
    const { w, message, process } = await setup({ bureaus: { experian: { costMinor: 500, monthlyBudgetMinor: 100 } } });
    expect(await process(message)).toMatchObject({ outcome: 'failed', pull: { reason: 'budget_exceeded' } });
    expect(w.calls).toBe(0);
  });

  it('defers on an empty token bucket and charges the budget only once across deferrals', async () => {
    const { w, message, process } = await setup({ bureaus: { experian: { ratePerSecond: 0.001, burst: 1, costMinor: 100, monthlyBudgetMinor: 150 } } });
    w.bureau(fail(new TransientError('bureau_rate_limited', '429', { retryAfterMs: 2000 })));
    expect(await process(message)).toMatchObject({ outcome: 'deferred', reason: 'bureau_rate_limited', delaySeconds: 2 });
    const next = w.enqueued[0]!.message;
    expect(next).toEqual({ ...message, attempt: 1, failures: 0 });
    expect(await process(next)).toMatchObject({ outcome: 'deferred', reason: 'rate_limited' });
    expect(w.pullsById.get(message.pullId)).toMatchObject({ status: 'queued', charged: true });
  });

  it('defers without calling the bureau while the circuit is open', async () => {
    const { w, message, process } = await setup({ circuit: { failureThreshold: 1, windowMs: 60_000, coolDownMs: 30_000 } });
    w.bureau(fail(new TransientError('bureau_unavailable', '503')));
    expect(await process(message)).toMatchObject({ outcome: 'deferred', reason: 'bureau_unavailable' });
    const calls = w.calls;
    expect(await process(w.enqueued[0]!.message)).toMatchObject({ outcome: 'deferred', reason: 'circuit_open' });
    expect(w.calls).toBe(calls);
  });

  it('backs off 5xx/timeouts exponentially with jitter (failures+1) and fails retries_exhausted at retry.maxAttempts', async () => {
    const { w, message, process } = await setup({ retry: { maxAttempts: 3, baseMs: 10_000, capMs: 1_000_000 }, circuit: { failureThreshold: 100 } }, () => 0.5);
    w.bureau(fail(new TransientError('bureau_timeout', 'slow')));
    expect(await process(message)).toEqual({ outcome: 'deferred', reason: 'bureau_timeout', delaySeconds: 5 });
    expect(await process(w.enqueued[0]!.message)).toEqual({ outcome: 'deferred', reason: 'bureau_timeout', delaySeconds: 10 });
    expect(w.enqueued.map((e) => e.message.failures)).toEqual([1, 2]);
    const last = await process(w.enqueued[1]!.message);
    expect(last).toMatchObject({ outcome: 'failed', pull: { status: 'failed', reason: 'retries_exhausted' } });
    expect(w.enqueued).toHaveLength(2);
  });

  it('caps a backoff delay at the SQS maximum of 15 minutes', async () => {
    const { w, message, process } = await setup({ retry: { baseMs: 10_000_000, capMs: 100_000_000 } }, () => 0.99);
    w.bureau(fail(new TransientError('bureau_unavailable', '503')));
    expect(await process(message)).toMatchObject({ outcome: 'deferred', delaySeconds: 900 });
  });

  it('fails retries_exhausted once maxDeferrals explicit re-enqueues are used up', async () => {
    const { w, message, process } = await setup({ maxDeferrals: 2 });
    w.bureau(fail(new TransientError('bureau_rate_limited', '429', { retryAfterMs: 1000 })));
    expect(await process({ ...message, attempt: 2 })).toMatchObject({ outcome: 'failed', pull: { reason: 'retries_exhausted' } });
  });

  it('fails subject_not_found on a no-hit', async () => {
    const { w, message, process } = await setup();
    w.bureau(fail(new SubjectNotFoundError('experian')));
    expect(await process(message)).toMatchObject({ outcome: 'failed', pull: { reason: 'subject_not_found' } });
  });

  it('quarantines a body the connector or the normaliser cannot read, with the exact bytes, and writes no report', async () => {
    const { w, message, process } = await setup();
    w.bureau(fail(new MalformedReportError('truncated', { rawBody: '{"creditProfile":[' })));
    expect(await process(message)).toMatchObject({ outcome: 'failed', pull: { reason: 'malformed_report' } });
    expect(w.quarantined).toEqual([expect.objectContaining({ source: 'bureau:experian', messageId: message.pullId, body: '{"creditProfile":[' })]);

    const second = await setup();
    second.w.bureau(() => ({ bureau: 'experian', product: 'p', contentType: 'application/json', body: '{"nothing":true}', receivedAt: second.w.clock.now().toISOString() }));
    expect(await second.process(second.message)).toMatchObject({ outcome: 'failed', pull: { reason: 'malformed_report' } });
    expect(second.w.quarantined[0]?.body).toBe('{"nothing":true}');
    expect(second.w.extraItems).toEqual([]);
  });
});
