import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../shared/domain/errors.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { activatePolicy, approvePolicy, createDraft, recordBacktest, type PolicyRecord } from '../../../shared/domain/rating/lifecycle.js';
import { backtest } from '../../../shared/domain/rating/backtest.js';
import type { StoredPolicy } from '../../../shared/domain/risk/ports.js';
import { policyStore } from '../../../shared/adapters/dynamodb/policy-store.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

const NOW = new Date('2026-03-01T00:00:00Z');

const approvedDraft = (version: number): PolicyRecord => {
  const draft = createDraft({ ...DEFAULT_POLICY, version, name: `v${version}` }, 'key:author', NOW).record;
  const tested = recordBacktest(draft, backtest([], DEFAULT_POLICY, draft.policy, NOW), 'key:author', NOW).record;
  return approvePolicy(tested, 'key:approver', NOW).record;
};

describe('policy store on DynamoDB Local', () => {
  const clients = emulatorClients();
  let table: { client: typeof clients.doc; tableName: string };
  beforeAll(async () => {
    table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
  });
  afterAll(() => clients.destroy());

  it('seeds the default policy as version 1, active, once, even when many readers race', async () => {
    const store = policyStore(table, { defaultPolicy: DEFAULT_POLICY });
    const actives = await Promise.all(Array.from({ length: 8 }, () => store.active()));
    expect(new Set(actives.map((a) => a.record.policy.version))).toEqual(new Set([1]));
    expect(actives[0]!.record.status).toBe('active');
    const all = await store.list();
    expect(all.map((s) => [s.record.policy.version, s.record.status])).toEqual([[1, 'active']]);
  });

  it('refuses a second draft with the same version and a write on a stale revision', async () => {
    const store = policyStore(table, { defaultPolicy: DEFAULT_POLICY });
    const created = await store.create(createDraft({ ...DEFAULT_POLICY, version: 7 }, 'key:a', NOW).record);
    await expect(store.create(createDraft({ ...DEFAULT_POLICY, version: 7 }, 'key:b', NOW).record)).rejects.toBeInstanceOf(ConflictError);
    const saved = await store.save(created);
    expect(saved.rev).toBe(2);
    await expect(store.save(created)).rejects.toBeInstanceOf(ConflictError);
  });

  it('lets exactly one of two concurrent activations win, leaving one active policy', async () => {
    const store = policyStore(table, { defaultPolicy: DEFAULT_POLICY });
    const a = await store.create(approvedDraft(2));
    const b = await store.create(approvedDraft(3));
    const all = await store.list();
    const activation = (target: StoredPolicy) => {
      const records = all.map((s) => s.record);
      const result = activatePolicy(records, target.record.policy.version, 'key:approver', NOW);
      const byVersion = new Map(result.records.map((r) => [r.policy.version, r]));
      const current = all.find((s) => s.record.status === 'active')!;
      return store.activate({
        target: { rev: target.rev, record: byVersion.get(target.record.policy.version)! },
        retired: { rev: current.rev, record: byVersion.get(current.record.policy.version)! },
      });
    };
    const outcomes = await Promise.allSettled([activation(a), activation(b)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);

    const after = await store.list();
    const active = after.filter((s) => s.record.status === 'active');
    expect(active).toHaveLength(1);
    expect((await store.active()).record.policy.version).toBe(active[0]!.record.policy.version);
    expect(after.find((s) => s.record.policy.version === 1)!.record.status).toBe('retired');
  });
});
