import type { BureauId } from '../credit-summary.js';

/**
 * The key that identifies "a pull of this bureau for this customer": concurrent requests with
 * the same key collapse into one in-flight pull. Stable text, safe as a DynamoDB sort key or an
 * SQS deduplication id.
 * @example pullKey('cust-42', 'dnb') // 'pull#dnb#cust-42'
 */
export const pullKey = (customerId: string, bureau: BureauId): string => `pull#${bureau}#${customerId}`;

/** A pull that was started and has not finished yet. */
export interface InFlightPull {
  pullId: string;
  startedAt: string;
}

export type CollapseDecision = { action: 'collapse'; intoPullId: string } | { action: 'start'; supersedes?: string };

/**
 * Whether a new request joins an in-flight pull or starts its own. An in-flight pull younger
 * than `collapseWindowMs` absorbs the request (no second bureau charge); an older one is
 * presumed lost (crashed worker) and a new pull supersedes it.
 */
export const decideCollapse = (
  inFlight: InFlightPull | undefined,
  now: Date,
  policy: { collapseWindowMs: number },
): CollapseDecision => {
  if (inFlight === undefined) return { action: 'start' };
  const ageMs = now.getTime() - Date.parse(inFlight.startedAt);
  return ageMs < policy.collapseWindowMs && !Number.isNaN(ageMs)
    ? { action: 'collapse', intoPullId: inFlight.pullId }
    : { action: 'start', supersedes: inFlight.pullId };
};
