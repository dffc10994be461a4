import type { Clock } from '../clock.js';
import { fitPortfolio, scoreRfm, type RfmFit, type RfmFitStore } from '../rating/rfm.js';
import type { Portfolio, PolicyRepository, RecomputeQueue } from './ports.js';

/** What one scheduled refresh did. */
export type RfmRefreshOutcome =
  | { outcome: 'no_data'; customers: number }
  | { outcome: 'fitted'; version: number; customers: number; recomputeRequested: number; reason: string };

const BATCH = 100;

/**
 * The scheduled RFM refresh: fits quintile edges to the active portfolio as of now, stores the fit
 * as the next version and — when the active policy scores RFM on the fit (`rfm.edges: 'fitted'`) —
 * asks for a recompute of every customer whose segment under the policy's grid moved between the
 * previous fit and this one (every customer with orders when there was no previous fit: they were
 * rated on the policy edges). Under a policy with its own edges the fit changes no rating, so
 * nothing is recomputed. Fewer than 5 customers with orders: nothing stored (`no_data`), not an error.
 */
export const refreshRfmFitOnSchedule =
  (deps: { portfolio: Portfolio; fits: RfmFitStore; policies: Pick<PolicyRepository, 'active'>; recompute: RecomputeQueue; clock: Clock }) =>
  async (): Promise<RfmRefreshOutcome> => {
    const now = deps.clock.now();
    const previous = await deps.fits.get();
    const { fit, observations } = await fitPortfolio(deps.portfolio, now, now);
    if (!fit) return { outcome: 'no_data', customers: observations.length };
    const stored = await deps.fits.put(fit);
    const version = stored.version ?? 1;
    const { policy } = (await deps.policies.active()).record;
    if (policy.rfm.edges !== 'fitted') {
      return { outcome: 'fitted', version, customers: fit.customers, recomputeRequested: 0, reason: `active policy v${policy.version} scores RFM on its own edges` };
    }
    const grid = { segments: policy.rfm.segments };
    const segmentOn = (f: RfmFit, o: (typeof observations)[number]) => scoreRfm(o, { ...f, ...grid }).segment;
    const moved = observations.filter((o) => !previous || segmentOn(previous, o) !== segmentOn(stored, o));
    const causedBy = `rfm-fit:v${version}`;
    for (let i = 0; i < moved.length; i += BATCH) {
      await deps.recompute.enqueue(moved.slice(i, i + BATCH).map((o) => ({ customerId: o.key, causedBy })));
    }
    return {
      outcome: 'fitted',
      version,
      customers: fit.customers,
      recomputeRequested: moved.length,
      reason: previous ? `segment moved between fit v${previous.version ?? '?'} and v${version}` : 'first fit: every customer with orders was rated on the policy edges',
    };
  };
