import { describe, expect, it } from 'vitest';
import { failDeadLetteredPulls } from '../../../shared/domain/bureau-pulls/fail-dead-lettered.js';
import { requestBureauPull } from '../../../shared/domain/bureau-pulls/request-pull.js';
import { ConsentRequiredError } from '../../../shared/domain/credit/pull/consent.js';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { bureauWorld } from './fakes.js';

const command = { customerId: 'c-1', bureau: 'experian' as const, trigger: 'on_demand' as const, requestedBy: 'key:k1' };

describe('requestBureauPull', () => {
  it('refuses an unknown customer with NotFoundError', async () => {
    const w = bureauWorld();
    await expect(requestBureauPull(w.deps)(command)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses without consent (no_consent) and when only a consent of another purpose exists', async () => {
    const w = bureauWorld();
    w.customer('c-1', 'Jane Doe');
    await expect(requestBureauPull(w.deps)(command)).rejects.toMatchObject({ code: 'consent_required', reason: 'no_consent' });
    w.consent('c-1', { purpose: 'account_review' });
    await expect(requestBureauPull(w.deps)({ ...command, purpose: 'credit_transaction' })).rejects.toBeInstanceOf(ConsentRequiredError);
    expect(w.enqueued).toEqual([]);
  });

  it('starts a queued pull with the consent purpose and enqueues attempt 0, failures 0', async () => {
    const w = bureauWorld();
    w.customer('c-1', 'Jane Doe');
    w.consent('c-1');
    const { pull, collapsed } = await requestBureauPull(w.deps)(command);
    expect(collapsed).toBe(false);
    expect(pull).toMatchObject({ status: 'queued', purpose: 'credit_transaction', trigger: 'on_demand', requestedBy: 'key:k1', charged: false, attempts: 0 });
    expect(w.enqueued).toEqual([{ message: { pullId: pull.pullId, customerId: 'c-1', bureau: 'experian', attempt: 0, failures: 0 }, delaySeconds: undefined }]);
  });

  it('collapses a second request inside the window into the pull in flight (one message)', async () => {
    const w = bureauWorld();
    w.customer('c-1', 'Jane Doe');
    w.consent('c-1');
    const request = requestBureauPull(w.deps);
    const first = await request(command);
    w.clock.advance(60_000);
    const second = await request(command);
    expect(second).toMatchObject({ collapsed: true, pull: { pullId: first.pull.pullId } });
    expect(w.enqueued).toHaveLength(1);
  });

  it('starts a new pull once the window has passed or the previous pull finished', async () => {
    const w = bureauWorld({ collapseWindowMs: 60_000 });
    w.customer('c-1', 'Jane Doe');
    w.consent('c-1');
    const request = requestBureauPull(w.deps);
    const first = await request(command);
    w.clock.advance(61_000);
    const second = await request(command);
    expect(second.collapsed).toBe(false);
    expect(second.pull.pullId).not.toBe(first.pull.pullId);
    await w.deps.pulls.release({ ...second.pull, status: 'completed' });
    w.clock.advance(1000);
    expect((await request(command)).collapsed).toBe(false);
  });
});

describe('failDeadLetteredPulls', () => {
  it('fails only pulls queued longer than deadLetterAfterMs, frees their key, and is idempotent', async () => {
    const w = bureauWorld({ deadLetterAfterMs: 3_600_000 });
    w.customer('c-1', 'Jane Doe');
    w.consent('c-1');
    const request = requestBureauPull(w.deps);
    const old = await request(command);
    w.clock.advance(50 * 60_000);
    const young = await request({ ...command, bureau: 'equifax' });
    w.clock.advance(20 * 60_000);
    const sweep = failDeadLetteredPulls(w.deps);
    expect(await sweep()).toEqual({ examined: 1, failed: [old.pull.pullId] });
    expect(w.pullsById.get(old.pull.pullId)).toMatchObject({ status: 'failed', reason: 'dead_lettered', updatedAt: w.clock.now().toISOString() });
    expect(w.pullsById.get(young.pull.pullId)?.status).toBe('queued');
    expect(await sweep()).toEqual({ examined: 0, failed: [] });
    expect((await request(command)).collapsed).toBe(false);
  });

  it('leaves a pull that a worker changed after the sweep listed it', async () => {
    const w = bureauWorld({ deadLetterAfterMs: 1000 });
    w.customer('c-1', 'Jane Doe');
    w.consent('c-1');
    const { pull } = await requestBureauPull(w.deps)(command);
    w.clock.advance(5000);
    const pulls = { ...w.deps.pulls, listQueuedBefore: async () => [pull] };
    w.pullsById.set(pull.pullId, { ...pull, status: 'completed', updatedAt: w.clock.now().toISOString() });
    expect(await failDeadLetteredPulls({ ...w.deps, pulls })()).toEqual({ examined: 1, failed: [] });
    expect(w.pullsById.get(pull.pullId)?.status).toBe('completed');
  });
});
