import { describe, expect, it } from 'vitest';
import { backtest } from '../../../shared/domain/rating/backtest.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import {
  activatePolicy,
  activeRecord,
  approvePolicy,
  createDraft,
  PolicyTransitionError,
  recordBacktest,
  SelfApprovalError,
  type PolicyRecord,
} from '../../../shared/domain/rating/lifecycle.js';
import { NOW, syntheticPortfolio } from '../../fixtures/rating/profiles.js';

const v = (version: number) => ({ ...DEFAULT_POLICY, version, name: `v${version}` });

const approved = (version: number, author = 'alice', approver = 'bob'): PolicyRecord => {
  const draft = createDraft(v(version), author, NOW).record;
  const report = backtest(syntheticPortfolio(20), DEFAULT_POLICY, v(version), NOW);
  const tested = recordBacktest(draft, report, author, NOW).record;
  return approvePolicy(tested, approver, NOW).record;
};

describe('policy lifecycle', () => {
  it('walks draft → backtested → approved with an audit description at each step', () => {
    const created = createDraft({ ...v(2), status: 'active' }, 'alice', NOW);
    const report = backtest(syntheticPortfolio(10), DEFAULT_POLICY, v(2), NOW);
    const tested = recordBacktest(created.record, report, 'alice', NOW);
    const ok = approvePolicy(tested.record, 'bob', NOW);
    expect(created.record.status).toBe('draft');
    expect(created.record.policy.status).toBe('draft');
    expect(tested.record.status).toBe('backtested');
    expect(tested.audit.description).toContain('on 10 profiles');
    expect(ok.record).toMatchObject({ status: 'approved', approvals: [{ by: 'bob', at: NOW.toISOString() }], policy: { status: 'approved' } });
    expect(ok.audit).toEqual({ action: 'policy.approved', version: 2, by: 'bob', at: NOW.toISOString(), description: 'Policy version 2 approved by bob (author alice)', facts: { version: 2, author: 'alice' } });
    // The audit log gets the facts only: the policy's name (free text) stays out of it.
    expect(JSON.stringify(created.audit.facts)).not.toContain(v(2).name);
    expect(tested.audit.facts).toMatchObject({ version: 2, profiles: 10 });
  });

  it('refuses approval by the author', () => {
    const draft = createDraft(v(2), 'alice', NOW).record;
    const tested = recordBacktest(draft, backtest([], DEFAULT_POLICY, v(2), NOW), 'alice', NOW).record;
    expect(() => approvePolicy(tested, 'alice', NOW)).toThrow(SelfApprovalError);
  });

  it('refuses to approve a draft that was never backtested, or a backtest of another version', () => {
    const draft = createDraft(v(2), 'alice', NOW).record;
    expect(() => approvePolicy(draft, 'bob', NOW)).toThrow(PolicyTransitionError);
    expect(() => recordBacktest(draft, backtest([], DEFAULT_POLICY, v(3), NOW), 'alice', NOW)).toThrow(/report is for version 3/);
  });

  it('keeps one active policy: activating retires the previous one', () => {
    const { records } = activatePolicy([approved(1), approved(2)], 1, 'bob', NOW);
    const second = activatePolicy(records, 2, 'carol', NOW);
    expect(second.records.filter((r) => r.status === 'active').map((r) => r.policy.version)).toEqual([2]);
    expect(second.records.find((r) => r.policy.version === 1)?.status).toBe('retired');
    expect(second.audit.map((a) => a.action)).toEqual(['policy.activated', 'policy.retired']);
    expect(second.audit[0]?.description).toBe('Policy version 2 activated, replacing version 1');
  });

  it('rolls back by re-activating an earlier approved version', () => {
    let records = activatePolicy([approved(1), approved(2)], 1, 'bob', NOW).records;
    records = activatePolicy(records, 2, 'bob', NOW).records;
    const back = activatePolicy(records, 1, 'bob', NOW);
    expect(activeRecord(back.records)?.policy.version).toBe(1);
    expect(back.audit[0]).toMatchObject({ action: 'policy.rolled_back', description: 'Rolled back to policy version 1 (was 2)' });
  });

  it('refuses to activate a draft', () => {
    const draft = createDraft(v(5), 'alice', NOW).record;
    expect(() => activatePolicy([draft], 5, 'bob', NOW)).toThrow(PolicyTransitionError);
  });
});
