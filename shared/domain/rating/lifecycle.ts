import { z } from 'zod';
import { DomainError, type ErrorOptions } from '../errors.js';
import { BacktestReportSchema } from './backtest.js';
import { PolicyDocumentSchema, PolicyStatusSchema, RiskPolicySchema, type PolicyStatus, type RiskPolicy } from './policy.js';

/** The approver is the policy's author: four-eyes rule (HTTP 403). */
export class SelfApprovalError extends DomainError {
  constructor(version: number, options: ErrorOptions = {}) {
    super('self_approval', `Policy version ${version} cannot be approved by its author`, options);
  }
}

/** The requested lifecycle step is not allowed from the record's current status (HTTP 409). */
export class PolicyTransitionError extends DomainError {
  readonly from: PolicyStatus;
  readonly action: string;
  constructor(version: number, from: PolicyStatus, action: string, why?: string, options: ErrorOptions = {}) {
    super('policy_transition_refused', `Cannot ${action} policy version ${version} while it is ${from}${why ? `: ${why}` : ''}`, options);
    this.from = from;
    this.action = action;
  }
}

export const PolicyRecordSchema = z.object({
  policy: RiskPolicySchema,
  status: PolicyStatusSchema,
  author: z.string().min(1),
  approvals: z.array(z.object({ by: z.string().min(1), at: z.iso.datetime({ offset: true }) })),
  backtest: BacktestReportSchema.optional(),
  /** Set once approved: rollback may re-activate any record that was ever approved. */
  approvedAt: z.iso.datetime({ offset: true }).optional(),
  activatedAt: z.iso.datetime({ offset: true }).optional(),
  retiredAt: z.iso.datetime({ offset: true }).optional(),
});
export type PolicyRecord = z.infer<typeof PolicyRecordSchema>;

/** A record as stored: its policy may be in format version 1 (stored before format 2) and is read as format 2. */
export const StoredPolicyRecordSchema = PolicyRecordSchema.extend({ policy: PolicyDocumentSchema });

export interface PolicyAuditEntry {
  action: 'policy.created' | 'policy.backtested' | 'policy.approved' | 'policy.activated' | 'policy.retired' | 'policy.rolled_back';
  version: number;
  by: string;
  at: string;
  /** For people reading the policy history (may name the policy); never written to the audit log. */
  description: string;
  /** What the audit log records: ids, versions and counts only (no names, no free text). */
  facts: Record<string, string | number | null>;
}

export interface Transition {
  record: PolicyRecord;
  audit: PolicyAuditEntry;
}

const withStatus = (record: PolicyRecord, status: PolicyStatus, extra: Partial<PolicyRecord> = {}): PolicyRecord => ({
  ...record,
  ...extra,
  status,
  policy: { ...record.policy, status },
});

/** A new draft record for `policy` (its status is forced to `draft`). */
export const createDraft = (policy: RiskPolicy, author: string, now: Date): Transition => ({
  record: { policy: { ...policy, status: 'draft' }, status: 'draft', author, approvals: [] },
  audit: {
    action: 'policy.created',
    version: policy.version,
    by: author,
    at: now.toISOString(),
    description: `Draft policy version ${policy.version} "${policy.name}" created by ${author}`,
    facts: { version: policy.version },
  },
});

/**
 * draft → backtested: attaches a backtest report of this draft. A backtested (not yet approved)
 * policy may be backtested again, e.g. on a fresher portfolio.
 */
export const recordBacktest = (record: PolicyRecord, report: z.infer<typeof BacktestReportSchema>, by: string, now: Date): Transition => {
  const v = record.policy.version;
  if (record.status !== 'draft' && record.status !== 'backtested') throw new PolicyTransitionError(v, record.status, 'backtest');
  if (report.draftVersion !== v) throw new PolicyTransitionError(v, record.status, 'backtest', `the report is for version ${report.draftVersion}`);
  return {
    record: withStatus(record, 'backtested', { backtest: report }),
    audit: {
      action: 'policy.backtested',
      version: v,
      by,
      at: now.toISOString(),
      description: `Policy version ${v} backtested against version ${report.activeVersion} on ${report.profiles} profiles: ${report.upgrades} upgrades, ${report.downgrades} downgrades`,
      facts: { version: v, activeVersion: report.activeVersion, profiles: report.profiles, upgrades: report.upgrades, downgrades: report.downgrades },
    },
  };
};

/** backtested → approved, by an admin other than the author (SelfApprovalError otherwise). */
export const approvePolicy = (record: PolicyRecord, approver: string, now: Date): Transition => {
  const v = record.policy.version;
  if (record.status !== 'backtested') throw new PolicyTransitionError(v, record.status, 'approve', 'only a backtested policy can be approved');
  if (approver === record.author) throw new SelfApprovalError(v);
  const at = now.toISOString();
  return {
    record: withStatus(record, 'approved', { approvals: [...record.approvals, { by: approver, at }], approvedAt: at }),
    audit: { action: 'policy.approved', version: v, by: approver, at, description: `Policy version ${v} approved by ${approver} (author ${record.author})`, facts: { version: v, author: record.author } },
  };
};

/**
 * Activates `version`: it must be approved, or retired after having been approved (rollback).
 * The currently active record is retired in the same step, so at most one record is active.
 * Returns every record (changed ones replaced) and the audit entries to append.
 */
export const activatePolicy = (
  records: readonly PolicyRecord[],
  version: number,
  by: string,
  now: Date,
): { records: PolicyRecord[]; audit: PolicyAuditEntry[] } => {
  const target = records.find((r) => r.policy.version === version);
  if (!target) throw new PolicyTransitionError(version, 'draft', 'activate', 'no such version');
  const rollback = target.status === 'retired' && target.approvedAt !== undefined;
  if (target.status !== 'approved' && !rollback) {
    throw new PolicyTransitionError(version, target.status, 'activate', 'only an approved (or previously approved) policy can be activated');
  }
  const at = now.toISOString();
  const audit: PolicyAuditEntry[] = [];
  const next = records.map((r) => {
    if (r === target) return withStatus(r, 'active', { activatedAt: at });
    if (r.status !== 'active') return r;
    audit.push({ action: 'policy.retired', version: r.policy.version, by, at, description: `Policy version ${r.policy.version} retired, replaced by version ${version}`, facts: { version: r.policy.version, replacedBy: version } });
    return withStatus(r, 'retired', { retiredAt: at });
  });
  const previous = audit[0]?.version;
  audit.unshift({
    action: rollback ? 'policy.rolled_back' : 'policy.activated',
    version,
    by,
    at,
    description: rollback
      ? `Rolled back to policy version ${version}${previous === undefined ? '' : ` (was ${previous})`}`
      : `Policy version ${version} activated${previous === undefined ? '' : `, replacing version ${previous}`}`,
    facts: { version, previousVersion: previous ?? null },
  });
  return { records: next, audit };
};

/** The one active record, if any. */
export const activeRecord = (records: readonly PolicyRecord[]): PolicyRecord | undefined => records.find((r) => r.status === 'active');
