import { z } from 'zod';
import type { AuditInput } from '../audit/audit-chain.js';
import type { Clock } from '../clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { blockingKeys, subjectOfProfile } from '../identity/matching.js';
import { CustomerIdSchema, CustomerProfileSchema, type CustomerProfile } from '../profile/customer-profile.js';
import { mergeProfiles, unmerge } from '../profile/merge.js';
import { DEFAULT_SURVIVORSHIP, type SurvivorshipConfig } from '../profile/survivorship.js';
import type { MergeRecordStore, ReviewDecisions } from './crm-ports.js';
import { customerUpdatedEvent } from './customer-updated.js';
import { conflictBackoff } from './upsert-customer.js';
import type { ExtraDelete, ExtraPut, IdentityIndex, ProfileChange, ProfileRepository } from './ports.js';

export const MergeCommandSchema = z.object({ survivorId: CustomerIdSchema, absorbedId: CustomerIdSchema, reviewId: z.string().optional() }).strict();
export type MergeCommand = z.infer<typeof MergeCommandSchema>;

/** What a merge or an unmerge answers: both profiles as written. */
export const MergeResultSchema = z.object({ survivor: CustomerProfileSchema, absorbed: CustomerProfileSchema });
export type MergeResult = z.infer<typeof MergeResultSchema>;

export interface MergeDeps {
  profiles: ProfileRepository & { commitMany(changes: ProfileChange[]): Promise<void> };
  identities: IdentityIndex;
  merges: MergeRecordStore;
  audit: { append(input: AuditInput): Promise<unknown> };
  clock: Clock;
  survivorship?: SurvivorshipConfig;
  /** Needed to merge with a `reviewId`: the review is resolved in the merge's transaction. */
  reviews?: ReviewDecisions;
}

/** Pending stubs publish nothing: their side of a merge or unmerge has no event. */
const updated = (p: CustomerProfile, changedFields: string[], at: Date) => (p.status === 'pending' ? [] : [customerUpdatedEvent(p, changedFields, at)]);
/** Index keys of a profile: claims for its unique identifiers, items for the rest. */
const keysOf = (p: CustomerProfile): string[] => blockingKeys(subjectOfProfile(p));

const load = async (profiles: ProfileRepository, id: string): Promise<CustomerProfile> => {
  const p = await profiles.get(id);
  if (!p) throw new NotFoundError(`Customer ${id}`);
  return p;
};

/**
 * Merge and unmerge of two golden profiles (reviewer decisions). A merge writes both profiles
 * (version-conditioned), a merge record holding both pre-merge snapshots, identity-index items
 * pointing the absorbed customer's identifiers at the survivor, and `customer.updated` events,
 * in one transaction; an unmerge restores from the merge record (see profile/merge.ts `unmerge`),
 * replays the last record of each side's CRM origins and gives the restored customer its unique
 * identifiers back. A race with another writer re-reads and retries. Both are audited.
 */
export const mergeCustomers = (deps: MergeDeps) => ({
  merge: (command: MergeCommand, actor: string): Promise<MergeResult> => retryingRaces(() => mergeOnce(deps, command, actor)),
  unmerge: (command: MergeCommand, actor: string): Promise<MergeResult> => retryingRaces(() => unmergeOnce(deps, command, actor)),
});

/** Attempts when a concurrent writer (a rating, an ingest) changed one of the two profiles meanwhile. */
const MAX_ATTEMPTS = 8;

/**
 * Re-reads and retries a decision that lost an optimistic-locking race: the reviewer's decision
 * does not depend on the versions a rating or an ingest moved. Refusals (not retryable) pass.
 */
const retryingRaces = async <T>(run: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof ConflictError) || !error.retryable || attempt >= MAX_ATTEMPTS) throw error;
      await conflictBackoff(attempt);
    }
  }
};

const mergeOnce = async (deps: MergeDeps, command: MergeCommand, actor: string): Promise<MergeResult> => {
  const now = deps.clock.now();
  let review: { put: ExtraPut; remove: ExtraDelete } | undefined;
  if (command.reviewId !== undefined) {
    const item = deps.reviews ? await deps.reviews.findOpen(command.reviewId) : undefined;
    if (!item || !deps.reviews) throw new NotFoundError(`Open review ${command.reviewId}`);
    const pair = [item.customerId, item.candidateId];
    if (!pair.includes(command.survivorId) || !pair.includes(command.absorbedId) || command.survivorId === command.absorbedId) {
      throw new ValidationError('The review is about other customers', [{ path: 'reviewId', message: 'does not name survivorId and absorbedId' }]);
    }
    review = deps.reviews.resolve(item, { decision: 'merged', at: now.toISOString(), by: actor, survivorId: command.survivorId });
  }
  const survivor = await load(deps.profiles, command.survivorId);
  const absorbed = await load(deps.profiles, command.absorbedId);
  const result = mergeProfiles(survivor, absorbed, now, deps.survivorship ?? DEFAULT_SURVIVORSHIP);
  await deps.profiles.commitMany([
    {
      profile: result.survivor,
      expectedVersion: survivor.version,
      events: updated(result.survivor, ['merged'], now),
      // The absorbed customer's unique identifiers move to the survivor (claims conditioned on their holder).
      extraPuts: [deps.merges.entry(result.mergeRecord), ...deps.identities.entries(survivor.customerId, keysOf(absorbed), { takeFrom: [absorbed.customerId] }), ...(review ? [review.put] : [])],
      ...(review ? { extraDeletes: [review.remove] } : {}),
    },
    { profile: result.absorbed, expectedVersion: absorbed.version, events: updated(result.absorbed, ['status'], now) },
  ]);
  await deps.audit.append({ actor, action: 'customer.merge', target: `customer:${survivor.customerId}`, details: { absorbedId: absorbed.customerId, reviewId: command.reviewId ?? null } });
  return { survivor: result.survivor, absorbed: result.absorbed };
};

const unmergeOnce = async (deps: MergeDeps, command: MergeCommand, actor: string): Promise<MergeResult> => {
  const now = deps.clock.now();
  const record = await deps.merges.get(command.survivorId, command.absorbedId);
  if (!record) throw new NotFoundError(`Merge of ${command.absorbedId} into ${command.survivorId}`);
  const survivor = await load(deps.profiles, command.survivorId);
  const absorbedNow = await load(deps.profiles, command.absorbedId);
  // Replay the last record of each side's CRM origins: what they sent since the merge lands on its own side.
  const crmIds = (p: CustomerProfile) => p.identifiers.filter((i) => i.scheme === 'crm_record').map((i) => i.value);
  const survivorOrigins = new Set(crmIds(record.survivorBefore));
  const absorbedOrigins = crmIds(record.absorbedBefore).filter((id) => !survivorOrigins.has(id));
  const replayed = await deps.merges.originRecords([...survivorOrigins, ...absorbedOrigins]);
  const originOf = (r: { crm: string; connectionId: string; externalId: string }) => `${r.crm}:${r.connectionId}:${r.externalId}`;
  const result = unmerge(record, survivor, now, deps.survivorship ?? DEFAULT_SURVIVORSHIP, {
    survivor: replayed.filter((r) => survivorOrigins.has(originOf(r))),
    absorbed: replayed.filter((r) => absorbedOrigins.includes(originOf(r))),
  });
  await deps.profiles.commitMany([
    { profile: result.survivor, expectedVersion: survivor.version, events: updated(result.survivor, ['unmerged'], now), extraPuts: [deps.merges.undoneEntry(record, now.toISOString())] },
    {
      profile: result.absorbed,
      expectedVersion: absorbedNow.version,
      events: updated(result.absorbed, ['status'], now),
      // The restored customer takes its unique identifiers back from the survivor.
      extraPuts: deps.identities.entries(result.absorbed.customerId, keysOf(result.absorbed), { takeFrom: [survivor.customerId] }),
    },
  ]);
  await deps.audit.append({ actor, action: 'customer.unmerge', target: `customer:${survivor.customerId}`, details: { absorbedId: command.absorbedId } });
  return { survivor: result.survivor, absorbed: result.absorbed };
};
