import type { Clock } from '../clock.js';
import type { BureauPull, BureauPullConfig } from './bureau-pull.js';
import type { PullRepository } from './ports.js';

/**
 * Dead-letter sweep: a pull still `queued` `deadLetterAfterMs` after its last change has lost
 * its message (moved to the bureauPulls DLQ after maxReceiveCount receives, or never sent).
 * Each such pull is marked `failed` with reason `dead_lettered` — conditionally, so a worker
 * that finished it in the meantime wins — and its collapse key is released so a new request
 * can start a fresh pull. Runs from `schedule-refresh`; idempotent.
 */
export const failDeadLetteredPulls =
  ({ pulls, clock, config }: { pulls: PullRepository; clock: Clock; config: Pick<BureauPullConfig, 'deadLetterAfterMs'> }) =>
  async (limit = 200): Promise<{ examined: number; failed: string[] }> => {
    const now = clock.now();
    const stuck = await pulls.listQueuedBefore(new Date(now.getTime() - config.deadLetterAfterMs).toISOString(), limit);
    const failed: string[] = [];
    for (const pull of stuck) {
      const next: BureauPull = {
        ...pull,
        status: 'failed',
        reason: 'dead_lettered',
        detail: `still queued ${Math.round((now.getTime() - Date.parse(pull.updatedAt)) / 60_000)} min after its last change${pull.reason ? ` (last: ${pull.reason})` : ''}; its message was dead-lettered or lost`,
        updatedAt: now.toISOString(),
      };
      if (!(await pulls.replaceIfUnchanged(next, pull.updatedAt))) continue;
      await pulls.release(next);
      failed.push(pull.pullId);
    }
    return { examined: stuck.length, failed };
  };
