import type { Principal } from '../domain/auth/principal.js';
import type { Clock } from '../domain/clock.js';
import { retryAfterSeconds, type Job } from '../domain/jobs/job.js';
import { toJobView, type JobView } from '../domain/jobs/job-view.js';
import type { DownloadLinks } from './download-link.js';
import type { HttpRequestInfo } from './http-route.js';
import { publicOrigin } from './public-url.js';

/**
 * Job views for one caller: a succeeded job's result carries a download link signed for that
 * caller (absolute, on the origin the caller used), valid for the links' lifetime.
 * @example const view = jobViews({ links, clock }); body: { job: await view(job, principal, request) }
 */
export const jobViews =
  ({ links, clock }: { links: DownloadLinks; clock: Clock }) =>
  async (job: Job, caller: Pick<Principal, 'principalId'>, request: Pick<HttpRequestInfo, 'headers'>): Promise<JobView> => {
    const download = job.status === 'succeeded' && job.result ? await links.issue(job.result, caller.principalId, publicOrigin(request)) : undefined;
    return toJobView(job, clock.now(), download);
  };

/** `Retry-After` while the job is queued or running; nothing once it is final. */
export const jobPollHeaders = (job: Job, now: Date): Record<string, string> => {
  const seconds = retryAfterSeconds(job, now);
  return seconds === undefined ? {} : { 'retry-after': String(seconds) };
};
