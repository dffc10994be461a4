import { z } from 'zod';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../errors.js';
import type { CustomAttribute } from '../profile/custom-attributes.js';
import { checkFeatureInputs } from '../rating/feature-paths.js';
import { backtestAsync, type BacktestReport } from '../rating/backtest.js';
import {
  PolicyRecordSchema,
  PolicyTransitionError,
  activatePolicy,
  approvePolicy,
  createDraft,
  recordBacktest,
  type PolicyAuditEntry,
  type PolicyRecord,
} from '../rating/lifecycle.js';
import type { RiskPolicy } from '../rating/policy.js';
import type { AuditPort, PolicyRepository, Portfolio, RecomputeQueue, StoredPolicy } from './ports.js';
import type { Approval } from '../approvals/approval.js';
import type { ManageApprovals } from '../approvals/manage-approvals.js';
import { actorRef, type Principal } from '../auth/principal.js';

/** What a policy listing shows: no scorecard, just the lifecycle. */
export const PolicySummarySchema = z.object({
  version: z.number().int().positive(),
  name: z.string(),
  status: PolicyRecordSchema.shape.status,
  author: PolicyRecordSchema.shape.author,
  approvals: PolicyRecordSchema.shape.approvals,
  backtested: z.boolean(),
  approvedAt: PolicyRecordSchema.shape.approvedAt,
  activatedAt: PolicyRecordSchema.shape.activatedAt,
  retiredAt: PolicyRecordSchema.shape.retiredAt,
});
export type PolicySummary = z.infer<typeof PolicySummarySchema>;

/** The outcome of an activation or rollback: the policy now active, the one it replaced, the recompute requested. */
export const PolicyActivationSchema = z.object({
  policy: PolicySummarySchema,
  previousVersion: z.number().int().positive().optional(),
  recomputeRequested: z.number().int().nonnegative().describe('Customers queued for a recompute under the new version'),
});
export type PolicyActivation = z.infer<typeof PolicyActivationSchema>;

/**
 * Body of `POST /v1/policies/{version}/backtest` (optional): no settings yet. Strict, so that a
 * setting of a later version (`asOf`, a replay of the portfolio as it was) is refused by name
 * instead of being ignored.
 */
export const BacktestCommandSchema = z.strictObject({});

/** The lifecycle summary of a stored policy. */
export const policySummary = ({ record }: StoredPolicy): PolicySummary => ({
  version: record.policy.version,
  name: record.policy.name,
  status: record.status,
  author: record.author,
  approvals: record.approvals,
  backtested: record.backtest !== undefined,
  ...(record.approvedAt ? { approvedAt: record.approvedAt } : {}),
  ...(record.activatedAt ? { activatedAt: record.activatedAt } : {}),
  ...(record.retiredAt ? { retiredAt: record.retiredAt } : {}),
});

/**
 * Asks for a recompute of every active customer (not merged, not a pending stub), streaming the portfolio and
 * sending in batches; returns how many were requested. Used by the daily re-evaluation and
 * by policy activation.
 */
export const requestPortfolioRecompute =
  ({ portfolio, recompute }: { portfolio: Portfolio; recompute: RecomputeQueue }) =>
  async (causedBy: string): Promise<number> => {
    let batch: Array<{ customerId: string; causedBy: string }> = [];
    let count = 0;
    for await (const p of portfolio.profiles()) {
      if (p.status !== 'active') continue;
      batch.push({ customerId: p.customerId, causedBy });
      count += 1;
      if (batch.length === 100) {
        await recompute.enqueue(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await recompute.enqueue(batch);
    return count;
  };

/** An activation or rollback: run (a second person approved it) or waiting for that approval. */
export type ActivationOutcome = { executed: true; activation: PolicyActivation } | { executed: false; approval: Approval };

/**
 * Policy lifecycle over the store: draft → backtest on the current portfolio → approval by a
 * different person → activation (or rollback to a once-approved version), itself four-eyes: the
 * first person asks, a second one confirms. Approvals go through the approval primitive and compare
 * people (`actorRef`), never keys. Each step is the pure transition from `rating/lifecycle.ts`, a
 * conditional write, and the transition's audit entries. Activation asks for a recompute of every
 * customer so the new version shows up.
 */
export const managePolicies = ({
  policies,
  portfolio,
  recompute,
  audit,
  clock,
  customAttributes,
  approvals,
  partners,
}: {
  policies: PolicyRepository;
  portfolio: Portfolio;
  recompute: RecomputeQueue;
  audit: AuditPort;
  clock: Clock;
  /** The declared custom attributes `custom.<name>` inputs must resolve to (none declared when omitted). */
  customAttributes?: { list(): Promise<CustomAttribute[]> };
  approvals: ManageApprovals;
  /** The partner registry `partners.weights` must name partners of (unchecked when omitted). */
  partners?: { knows(partnerId: string): Promise<boolean> };
}) => {
  const record = async (entries: PolicyAuditEntry[]): Promise<void> => {
    for (const e of entries) await audit.append({ actor: e.by, action: e.action, target: `policy:${e.version}`, details: e.facts });
  };
  const load = async (version: number): Promise<StoredPolicy> => {
    const stored = await policies.get(version);
    if (!stored) throw new NotFoundError(`Policy version ${version}`);
    return stored;
  };
  const enqueuePortfolio = requestPortfolioRecompute({ portfolio, recompute });
  const checkActivation = async (version: number, mode: 'activate' | 'rollback') => {
    await policies.ensureDefault();
    const all = await policies.list();
    const target = all.find((s) => s.record.policy.version === version);
    if (!target) throw new NotFoundError(`Policy version ${version}`);
    if (mode === 'rollback' && target.record.status !== 'retired') {
      throw new PolicyTransitionError(version, target.record.status, 'roll back to', 'only a retired, previously approved version can be rolled back to');
    }
    if (mode === 'activate' && target.record.status === 'retired') {
      throw new PolicyTransitionError(version, target.record.status, 'activate', 'use rollback to re-activate a retired version');
    }
    if (mode === 'activate' && target.record.status !== 'approved') {
      throw new PolicyTransitionError(version, target.record.status, 'activate', 'only an approved (or previously approved) policy can be activated');
    }
    return { all, target };
  };
  const activate = async (version: number, actor: string, mode: 'activate' | 'rollback'): Promise<PolicyActivation> => {
    const { all, target } = await checkActivation(version, mode);
    const result = activatePolicy(all.map((s) => s.record), version, actor, clock.now());
    const byVersion = new Map(result.records.map((r) => [r.policy.version, r]));
    const retired = all.find((s) => s.record.status === 'active');
    await policies.activate({
      target: { rev: target.rev, record: byVersion.get(version)! },
      ...(retired ? { retired: { rev: retired.rev, record: byVersion.get(retired.record.policy.version)! } } : {}),
    });
    await record(result.audit);
    const enqueued = await enqueuePortfolio(`policy:v${version}:${clock.now().toISOString()}`);
    const previousVersion = retired?.record.policy.version;
    return { policy: policySummary({ rev: target.rev + 1, record: byVersion.get(version)! }), ...(previousVersion !== undefined ? { previousVersion } : {}), recomputeRequested: enqueued };
  };

  return {
    /**
     * Stores a validated policy (see `parsePolicy`) as a draft; ConflictError (409) when the version
     * exists; ValidationError (422 at `scoring.features[i].path`) when an input does not resolve to a
     * canonical path or declared custom attribute of a type its feature can use.
     */
    async create(policy: RiskPolicy, actor: string): Promise<PolicyRecord> {
      const unresolved = checkFeatureInputs(policy, (await customAttributes?.list()) ?? []);
      if (unresolved.length > 0) throw new ValidationError('The policy reads inputs the hub cannot resolve', unresolved);
      const unknownPartners: FieldIssue[] = [];
      for (const partnerId of Object.keys(policy.partners.weights)) {
        if (partners && !(await partners.knows(partnerId))) unknownPartners.push({ path: `partners.weights.${partnerId}`, message: `partner "${partnerId}" is not known to the hub (engage it first)`, code: 'unknown_partner' });
      }
      if (unknownPartners.length > 0) throw new ValidationError('The policy weighs partners the hub does not know', unknownPartners);
      await policies.ensureDefault();
      const t = createDraft(policy, actor, clock.now());
      const stored = await policies.create(t.record);
      await record([t.audit]);
      return stored.record;
    },
    async list(): Promise<PolicySummary[]> {
      await policies.ensureDefault();
      return (await policies.list()).map(policySummary);
    },
    async get(version: number): Promise<PolicyRecord> {
      await policies.ensureDefault();
      return (await load(version)).record;
    },
    async active(): Promise<PolicyRecord> {
      return (await policies.active()).record;
    },
    /** Rates the whole portfolio (paginated scan) under the active policy and this draft; attaches the report. */
    async backtest(version: number, actor: string): Promise<BacktestReport> {
      const stored = await load(version);
      if (stored.record.status !== 'draft' && stored.record.status !== 'backtested') throw new PolicyTransitionError(version, stored.record.status, 'backtest');
      const active = await policies.active();
      const report = await backtestAsync(portfolio.profiles(), active.record.policy, stored.record.policy, clock.now());
      const t = recordBacktest(stored.record, report, actor, clock.now());
      await policies.save({ rev: stored.rev, record: t.record });
      await record([t.audit]);
      return report;
    },
    /**
     * Four eyes through the approval primitive (maker: the author): SelfApprovalError (403) for the
     * author's person (any of their keys), 403 for a key without a person, PolicyTransitionError (409)
     * unless backtested.
     */
    async approve(version: number, principal: Principal): Promise<PolicySummary> {
      const stored = await load(version);
      if (stored.record.status !== 'backtested') throw new PolicyTransitionError(version, stored.record.status, 'approve', 'only a backtested policy can be approved');
      await approvals.approveFor(
        { action: 'policy.approve', target: `policy:${version}`, summary: `Approve policy version ${version}`, payload: { version } },
        { ref: stored.record.author, principalId: stored.record.author },
        principal,
      );
      return policySummary(await load(version));
    },
    /** Executor of a granted `policy.approve`: backtested → approved, by the checker. */
    async executeApprove(approval: Approval): Promise<PolicySummary> {
      const stored = await load(Number(approval.payload['version']));
      const t = approvePolicy(stored.record, approval.checkers.at(-1)?.by ?? approval.maker, clock.now());
      const saved = await policies.save({ rev: stored.rev, record: t.record });
      await record([t.audit]);
      return policySummary(saved);
    },
    /** Four eyes: the first person asks (pending approval), a second person's call activates. */
    async activate(version: number, principal: Principal): Promise<ActivationOutcome> {
      await checkActivation(version, 'activate');
      const outcome = await approvals.requestOrApprove({ action: 'policy.activate', target: `policy:${version}`, summary: `Activate policy version ${version}`, payload: { version } }, principal);
      return outcome.executed ? { executed: true, activation: outcome.result as PolicyActivation } : { executed: false, approval: outcome.approval };
    },
    async rollback(version: number, principal: Principal): Promise<ActivationOutcome> {
      await checkActivation(version, 'rollback');
      const outcome = await approvals.requestOrApprove({ action: 'policy.rollback', target: `policy:${version}`, summary: `Roll back to policy version ${version}`, payload: { version } }, principal);
      return outcome.executed ? { executed: true, activation: outcome.result as PolicyActivation } : { executed: false, approval: outcome.approval };
    },
    /** Executors of granted `policy.activate` / `policy.rollback` approvals. */
    executeActivate: (approval: Approval) => activate(Number(approval.payload['version']), approval.checkers.at(-1)?.by ?? approval.maker, 'activate'),
    executeRollback: (approval: Approval) => activate(Number(approval.payload['version']), approval.checkers.at(-1)?.by ?? approval.maker, 'rollback'),
  };
};

/** The party a lifecycle step is recorded under: the person behind the key, else the key. */
export const policyActor = (principal: Principal): string => actorRef(principal);
