import type { z } from 'zod';
import { experianSandboxReport } from '../../../infra/local/sandboxes/bureaus/experian.js';
import { BureauPullConfigSchema, type BureauPull, type PullMessage } from '../../../shared/domain/bureau-pulls/bureau-pull.js';
import { NORMALISERS } from '../../../shared/domain/bureau-pulls/normalisers.js';
import type { BureauStateStore, ConsentRepository, PayloadQuarantine, PullQueue, PullRepository, ReportArchive, StoredConsent } from '../../../shared/domain/bureau-pulls/ports.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { BureauConnector, BureauSubject, RawBureauReport } from '../../../shared/domain/credit/bureau-connector.js';
import { pullKey } from '../../../shared/domain/credit/pull/pull-key.js';
import type { ProfileChange, ProfileRepository } from '../../../shared/domain/customers/ports.js';
import { ConflictError, NotFoundError } from '../../../shared/domain/errors.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import { newProfile, type CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';

/**
 * In-memory ports of the bureau pull use cases, with the same contracts as the DynamoDB
 * adapters (optimistic profile version, collapse key, conditional replace), for fast branch tests.
 */
export const bureauWorld = (configOverrides: Record<string, unknown> = {}) => {
  const clock = fixedClock('2026-03-10T09:00:00Z');
  const config = BureauPullConfigSchema.parse(configOverrides);
  const profilesById = new Map<string, CustomerProfile>();
  const events: EventEnvelope[] = [];
  const extraItems: Array<Record<string, unknown>> = [];
  const pullsById = new Map<string, BureauPull>();
  const locks = new Map<string, { pullId: string; startedAtMs: number; done: boolean }>();
  const consentList: StoredConsent[] = [];
  const stateSlots = new Map<string, unknown>();
  const enqueued: Array<{ message: PullMessage; delaySeconds: number | undefined }> = [];
  const quarantined: Array<{ source: string; messageId: string; code: string; body: string }> = [];
  let conflictsToThrow = 0;

  const pulls: PullRepository = {
    get: async (_customerId, pullId) => pullsById.get(pullId),
    async start(pull, collapseWindowMs, now) {
      const key = pullKey(pull.customerId, pull.bureau);
      const lock = locks.get(key);
      if (lock && !lock.done && lock.startedAtMs >= now.getTime() - collapseWindowMs) return { started: false, existingPullId: lock.pullId };
      locks.set(key, { pullId: pull.pullId, startedAtMs: now.getTime(), done: false });
      pullsById.set(pull.pullId, pull);
      return { started: true };
    },
    save: async (pull) => void pullsById.set(pull.pullId, pull),
    itemFor: (pull) => ({ item: { entity: 'bureau_pull', pull } }),
    async release(pull) {
      const lock = locks.get(pullKey(pull.customerId, pull.bureau));
      if (lock?.pullId === pull.pullId) lock.done = true;
    },
    listQueuedBefore: async (before, limit) =>
      [...pullsById.values()].filter((p) => p.status === 'queued' && p.updatedAt < before).sort((a, b) => a.updatedAt.localeCompare(b.updatedAt)).slice(0, limit),
    async replaceIfUnchanged(next, expectedUpdatedAt) {
      const current = pullsById.get(next.pullId);
      if (current?.status !== 'queued' || current.updatedAt !== expectedUpdatedAt) return false;
      pullsById.set(next.pullId, next);
      return true;
    },
    listForCustomer: async (customerId, limit) => [...pullsById.values()].filter((p) => p.customerId === customerId).reverse().slice(0, limit),
  };

  const profiles: ProfileRepository = {
    get: async (id) => profilesById.get(id),
    async commit(change: ProfileChange) {
      if (conflictsToThrow > 0) {
        conflictsToThrow -= 1;
        const current = profilesById.get(change.profile.customerId)!;
        profilesById.set(current.customerId, { ...current, version: current.version + 1 });
        throw new ConflictError('profile changed');
      }
      if ((profilesById.get(change.profile.customerId)?.version ?? 0) !== change.expectedVersion) throw new ConflictError('profile changed');
      profilesById.set(change.profile.customerId, change.profile);
      events.push(...change.events);
      for (const { item } of change.extraPuts ?? []) {
        if (item['entity'] === 'bureau_pull') pullsById.set((item['pull'] as BureauPull).pullId, item['pull'] as BureauPull);
        else extraItems.push(item);
      }
    },
  };

  const consents: ConsentRepository = {
    add: async (c) => void consentList.push(c),
    list: async (customerId) => consentList.filter((c) => c.customerId === customerId),
    async revoke(customerId, consentId, at) {
      const found = consentList.find((c) => c.customerId === customerId && c.consentId === consentId);
      if (!found) throw new NotFoundError(`Consent ${consentId}`);
      found.revokedAt = at;
      return found;
    },
  };

  const state: BureauStateStore = {
    async update<S, R>(bureau: string, slot: string, _schema: z.ZodType<S>, change: (current: S | undefined) => { next: S | undefined; result: R }) {
      const { next, result } = change(stateSlots.get(`${bureau}/${slot}`) as S | undefined);
      if (next !== undefined) stateSlots.set(`${bureau}/${slot}`, next);
      return result;
    },
  };

  const archive: ReportArchive = {
    itemsFor: ({ report, archivedOnly, subjectMatch }) => [{ item: { entity: 'credit_report', reportId: report.reportId, archivedOnly, subjectMatch: subjectMatch.outcome } }],
    reviewItemFor: (input) => ({ item: { entity: 'subject_review', ...input } }),
    listPulledBefore: async () => [],
  };

  /** What the fake bureau does next: answer with a synthetic Experian file, or throw. */
  let behaviour: (subject: BureauSubject) => RawBureauReport = (subject) => {
    const [first = '', ...rest] = subject.name.split(' ');
    return { bureau: 'experian', product: 'credit-profile-v2', contentType: 'application/json', body: JSON.stringify(experianSandboxReport(subject.customerId, { first, last: rest.join(' ') })), receivedAt: clock.now().toISOString() };
  };
  let calls = 0;
  const connector: BureauConnector = {
    bureau: 'experian',
    product: 'credit-profile-v2',
    fetchReport: async (subject) => {
      calls += 1;
      return behaviour(subject);
    },
  };
  const queue: PullQueue = { enqueue: async (message, delaySeconds) => void enqueued.push({ message, delaySeconds }) };
  const quarantine: PayloadQuarantine = { put: async (entry) => void quarantined.push(entry) };

  const at = clock.now().toISOString();
  return {
    clock,
    config,
    deps: { profiles, consents, pulls, state, archive, connectors: { connector: async () => connector }, normalisers: NORMALISERS, quarantine, queue, clock, config },
    profilesById,
    pullsById,
    events,
    extraItems,
    enqueued,
    quarantined,
    get calls() {
      return calls;
    },
    /** The next bureau answers; `throw` to fail. */
    bureau(next: (subject: BureauSubject) => RawBureauReport) {
      behaviour = next;
    },
    conflictOnNextCommits(n: number) {
      conflictsToThrow = n;
    },
    customer(customerId: string, legalName: string, postalCode = '92626') {
      const profile = newProfile(customerId, 'consumer', clock.now());
      const prov = { source: 'test', observedAt: at };
      profilesById.set(customerId, { ...profile, version: 1, fields: { legalName: { ...prov, value: legalName }, postalCode: { ...prov, value: postalCode } } });
    },
    consent(customerId: string, extra: Partial<StoredConsent> = {}) {
      consentList.push({ consentId: `cns_${consentList.length}`, customerId, bureaus: '*', purpose: 'credit_transaction', grantedBy: 'test', grantedAt: '2026-01-01T00:00:00Z', ...extra });
    },
  };
};
