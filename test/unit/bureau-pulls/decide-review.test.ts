import { describe, expect, it } from 'vitest';
import { experianSandboxReport } from '../../../infra/local/sandboxes/bureaus/experian.js';
import { decideBureauReview } from '../../../shared/domain/bureau-pulls/decide-review.js';
import { NORMALISERS } from '../../../shared/domain/bureau-pulls/normalisers.js';
import type { BureauReviewStore, ReviewDecision, StoredBureauReview } from '../../../shared/domain/bureau-pulls/ports.js';
import type { AuditInput } from '../../../shared/domain/audit/audit-chain.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { CreditReport } from '../../../shared/domain/credit/credit-report.js';
import type { ProfileChange } from '../../../shared/domain/customers/ports.js';
import { ConflictError, NotFoundError } from '../../../shared/domain/errors.js';
import { newProfile, type CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';

const REPORT_ID = 'rpt_01JAAAAAAAAAAAAAAAAAAAAAAA';
const clock = fixedClock('2026-03-10T09:00:00Z');
const reportOf = (reportId: string, pulledAt: string): CreditReport =>
  NORMALISERS.experian(
    { bureau: 'experian', product: 'credit-profile-v2', contentType: 'application/json', body: JSON.stringify(experianSandboxReport('c-1', { first: 'Other', last: 'Person' })), receivedAt: pulledAt },
    { reportId, pulledAt, requestId: 'pull_1' },
  );

/** One customer with one open review; the store closes it like the adapter (delete must still find it open). */
const world = () => {
  let profile: CustomerProfile = { ...newProfile('c-1', 'consumer', clock.now()), version: 3, sequence: 7 };
  const review: StoredBureauReview = { customerId: 'c-1', bureau: 'experian', reportId: REPORT_ID, pullId: 'pull_1', reasons: ['name'], at: '2026-03-09T09:00:00Z' };
  let decided: ReviewDecision | undefined;
  const commits: ProfileChange[] = [];
  const audits: AuditInput[] = [];
  let conflicts = 0;
  const reviews: BureauReviewStore = {
    findReview: async (id) => (id !== REPORT_ID ? undefined : decided ? { review, status: 'decided', decision: decided } : { review, status: 'open' }),
    decisionItems: (_r, decision) => ({ put: { item: { entity: 'decided', decision } }, remove: { key: { review: REPORT_ID } } }),
    async decideAlone(_r, decision) {
      if (decided) throw new ConflictError('decided');
      decided = decision;
    },
    getReport: async (_c, _b, reportId) => ({ report: reportOf(reportId, '2026-03-09T09:00:00Z') }),
    latestItemFor: (customerId, report) => ({ item: { entity: 'latest', customerId, reportId: report.reportId } }),
    acceptedReportItem: async (customerId, bureau, reportId) => ({ item: { entity: 'report', customerId, bureau, reportId, subjectMatch: 'match', archivedOnly: false } }),
  };
  const profiles = {
    get: async () => profile,
    async commit(change: ProfileChange) {
      if (conflicts > 0) {
        conflicts -= 1;
        profile = { ...profile, version: profile.version + 1 };
        throw new ConflictError('profile changed');
      }
      if (change.expectedVersion !== profile.version || decided) throw new ConflictError('profile changed');
      commits.push(change);
      profile = change.profile;
      decided = change.extraPuts?.find((p) => p.item['entity'] === 'decided')?.item['decision'] as ReviewDecision;
    },
  };
  const use = decideBureauReview({ profiles, reviews, audit: { append: async (a) => void audits.push(a) }, clock });
  return {
    use,
    commits,
    audits,
    get profile() {
      return profile;
    },
    setProfile(p: CustomerProfile) {
      profile = p;
    },
    conflictOnce() {
      conflicts = 1;
    },
  };
};

describe('decideBureauReview', () => {
  it('accept merges the archived summary with credit_report.received, the latest pointer and the closed review in one commit', async () => {
    const w = world();
    const result = await w.use.accept(REPORT_ID, 'key:admin');
    expect(result.decision).toEqual({ decision: 'accepted', at: '2026-03-10T09:00:00.000Z', by: 'key:admin' });
    expect(w.commits).toHaveLength(1);
    const [commit] = w.commits;
    expect(commit?.expectedVersion).toBe(3);
    expect(commit?.profile.credit.experian).toMatchObject({ reportId: REPORT_ID, subjectMatch: 'match' });
    expect(commit?.events.map((e) => [e.type, e.sequence])).toEqual([['credit_report.received', 8]]);
    expect(commit?.extraPuts?.map((p) => p.item['entity'])).toEqual(['latest', 'report', 'decided']);
    expect(commit?.extraPuts?.find((p) => p.item['entity'] === 'report')?.item).toMatchObject({ reportId: REPORT_ID, subjectMatch: 'match', archivedOnly: false });
    expect(commit?.extraDeletes).toEqual([{ key: { review: REPORT_ID } }]);
    expect(w.audits).toEqual([expect.objectContaining({ action: 'bureau_review.accept', target: 'customer:c-1', details: expect.objectContaining({ reviewId: REPORT_ID, bureau: 'experian' }) })]);
  });

  it('accept re-reads and retries after a concurrent profile change', async () => {
    const w = world();
    w.conflictOnce();
    await w.use.accept(REPORT_ID, 'key:admin');
    expect(w.commits[0]?.expectedVersion).toBe(4);
    expect(w.profile.sequence).toBe(8);
  });

  it('refuses to overwrite a newer merged report of the same bureau (409), and writes nothing', async () => {
    const w = world();
    const newer = reportOf('rpt_01JBBBBBBBBBBBBBBBBBBBBBBB', '2026-03-10T08:00:00Z');
    await w.use.accept(REPORT_ID, 'key:admin').catch(() => undefined);
    const fresh = world();
    fresh.setProfile({ ...fresh.profile, credit: { experian: { ...w.profile.credit.experian!, reportId: newer.reportId, pulledAt: newer.pulledAt } } });
    await expect(fresh.use.accept(REPORT_ID, 'key:admin')).rejects.toBeInstanceOf(ConflictError);
    expect(fresh.commits).toHaveLength(0);
    expect(fresh.audits).toHaveLength(0);
  });

  it('dismiss closes the review with the reason, merges nothing; a second decision is a conflict, an unknown review not found', async () => {
    const w = world();
    const result = await w.use.dismiss(REPORT_ID, { reason: 'namesake' }, 'key:admin');
    expect(result.decision).toMatchObject({ decision: 'dismissed', reason: 'namesake' });
    expect(w.commits).toHaveLength(0);
    expect(w.audits.map((a) => a.action)).toEqual(['bureau_review.dismiss']);
    await expect(w.use.dismiss(REPORT_ID, { reason: 'again' }, 'key:admin')).rejects.toBeInstanceOf(ConflictError);
    await expect(w.use.accept(REPORT_ID, 'key:admin')).rejects.toBeInstanceOf(ConflictError);
    await expect(w.use.accept('rpt_01JCCCCCCCCCCCCCCCCCCCCCCC', 'key:admin')).rejects.toBeInstanceOf(NotFoundError);
    expect(w.audits).toHaveLength(1);
  });
});
