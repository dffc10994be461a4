import type { Clock } from '../clock.js';
import { ConsentRequiredError, checkConsent } from '../credit/pull/consent.js';
import { isStale, maxAgeDays } from '../credit/pull/staleness.js';
import { BureauIdSchema } from '../credit/credit-summary.js';
import type { ProfileRepository } from '../customers/ports.js';
import type { BureauPullConfig } from './bureau-pull.js';
import type { ConsentRepository, ReportArchive } from './ports.js';
import type { RequestPullCommand, RequestPullResult } from './request-pull.js';

const DAY_MS = 86_400_000;

/**
 * Scheduled refresh: finds latest reports older than the strictest age any grade allows,
 * keeps those `isStale` for the customer's current grade and bureau, and requests a pull for
 * each (consent-checked and collapsed like any pull; refusals are counted, not errors).
 */
export const refreshStaleReports =
  ({ archive, profiles, request, clock, config }: { archive: ReportArchive; profiles: ProfileRepository; request: (c: RequestPullCommand) => Promise<RequestPullResult>; clock: Clock; config: BureauPullConfig }) =>
  async (limit = 500): Promise<{ examined: number; requested: number; refused: number }> => {
    const now = clock.now();
    const strictest = Math.min(
      ...BureauIdSchema.options.map((b) => maxAgeDays(config.staleness, undefined, b)),
      ...Object.values(config.staleness.byGrade),
    );
    const candidates = await archive.listPulledBefore(new Date(now.getTime() - strictest * DAY_MS).toISOString(), limit);
    let requested = 0;
    let refused = 0;
    for (const candidate of candidates) {
      const profile = await profiles.get(candidate.customerId);
      if (!profile) continue;
      const current = profile.credit[candidate.bureau]?.pulledAt ?? candidate.pulledAt;
      if (!isStale(current, profile.rating?.grade, config.staleness, now, candidate.bureau)) continue;
      try {
        await request({ customerId: candidate.customerId, bureau: candidate.bureau, trigger: 'stale', requestedBy: 'schedule:refresh' });
        requested += 1;
      } catch (error) {
        if (!(error instanceof ConsentRequiredError)) throw error;
        refused += 1;
      }
    }
    return { examined: candidates.length, requested, refused };
  };

/**
 * First seen: a customer was just created. For each bureau configured for its kind that a
 * standing consent covers, request a pull; bureaus without consent are skipped silently.
 */
export const pullFirstSeen =
  ({ profiles, consents, request, clock, config }: { profiles: ProfileRepository; consents: ConsentRepository; request: (c: RequestPullCommand) => Promise<RequestPullResult>; clock: Clock; config: BureauPullConfig }) =>
  async (customerId: string): Promise<{ requested: string[] }> => {
    const profile = await profiles.get(customerId);
    if (!profile) return { requested: [] };
    const all = await consents.list(customerId);
    const requested: string[] = [];
    for (const bureau of config.firstSeen[profile.kind]) {
      if (profile.credit[bureau] !== undefined) continue;
      if (!checkConsent(all, { customerId, bureau, at: clock.now() }).ok) continue;
      const result = await request({ customerId, bureau, trigger: 'first_seen', requestedBy: 'rule:first_seen' });
      requested.push(result.pull.pullId);
    }
    return { requested };
  };
