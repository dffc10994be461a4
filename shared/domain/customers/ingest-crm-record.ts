import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { CrmCustomerRecord, CrmRecord } from '../crm/crm-record.js';
import { ConflictError, PermanentError } from '../errors.js';
import { newEvent } from '../events/new-event.js';
import type { EventEnvelope } from '../events/envelope.js';
import { normaliseIdentifier } from '../identity/identifiers/normalise-identifier.js';
import {
  blockingKeys,
  conflictingSchemes,
  decide,
  DEFAULT_THRESHOLDS,
  identityKeys,
  isUniqueKey,
  scoreCandidate,
  selfConflictingSchemes,
  subjectOfProfile,
  vetoBucket,
  type MatchEvidence,
  type MatchThresholds,
} from '../identity/matching.js';
import { applyInvoice, applyOrder, applyPayment, supersedes } from '../profile/aggregate-updates.js';
import { newProfile, type CustomerProfile } from '../profile/customer-profile.js';
import type { Identifier } from '../profile/identifiers.js';
import { applyCustomerRecord, mergeProfiles, observationFromCrmRecord } from '../profile/merge.js';
import { DEFAULT_SURVIVORSHIP, type SurvivorshipConfig } from '../profile/survivorship.js';
import type { MergeRecordStore, ReviewItem, ReviewLookup, ReviewQueue, SourceRecordStore } from './crm-ports.js';
import { customerUpdatedEvent } from './customer-updated.js';
import { validateCustomValues, type CustomAttribute } from '../profile/custom-attributes.js';
import type { ExtraPut, IdentityIndex, ProfileChange, ProfileRepository } from './ports.js';

/** A customer record with custom attribute values its declarations refuse: quarantined with the attribute names (never the values). */
export class InvalidCustomAttributesError extends PermanentError {
  constructor(paths: string[]) {
    super('invalid_custom_attributes', `Custom attributes refused by their declarations: ${paths.join(', ')}`, { details: { paths } });
  }
}

/** The record with its custom attribute values checked and canonical (numeric text → number); InvalidCustomAttributesError otherwise. */
const withDeclaredAttributes = async (record: CrmCustomerRecord, attributes: IngestDeps['customAttributes']): Promise<CrmCustomerRecord> => {
  if (record.attributes === undefined || Object.keys(record.attributes).length === 0) return record;
  const { values, issues } = validateCustomValues(record.attributes, (await attributes?.list()) ?? []);
  if (issues.length > 0) throw new InvalidCustomAttributesError(issues.map((i) => i.path));
  return { ...record, attributes: values };
};

export interface IngestDeps {
  profiles: ProfileRepository & { commitMany(changes: ProfileChange[]): Promise<void> };
  identities: IdentityIndex;
  sources: SourceRecordStore;
  /** With `find`, a review already raised for the same pair (open or decided) is not raised again. */
  reviews: ReviewQueue & Partial<Pick<ReviewLookup, 'find'>>;
  /** Where the absorption of a pending stub records what an unmerge would restore. */
  merges: Pick<MergeRecordStore, 'entry'>;
  clock: Clock;
  survivorship?: SurvivorshipConfig;
  thresholds?: MatchThresholds;
  /** Attempts on a lost optimistic-locking race (each re-reads); default 12. */
  maxAttempts?: number;
  /** Pause between attempts (jittered by the caller's choice); default 5–40 ms random. */
  backoff?: (attempt: number) => Promise<void>;
  /** Declared custom attributes; a record carrying an undeclared one, or a value outside its declaration, is quarantined. */
  customAttributes?: { list(): Promise<CustomAttribute[]> };
}

export type IngestOutcome =
  | { status: 'applied'; customerId: string; decision?: 'matched' | 'auto_merge' | 'review' | 'new'; events: string[]; pending?: boolean }
  | { status: 'no_op'; customerId: string; reason: 'replay' | 'stale' | 'unchanged' };

/** A record that contradicts itself or its customer: quarantined with the schemes (never the values). */
export class ConflictingIdentifiersError extends PermanentError {
  constructor(message: string, readonly schemes: string[]) {
    super('conflicting_identifiers', message, { details: { schemes } });
  }
}

/** JSON with object keys sorted: items read back from DynamoDB do not keep key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));

/** Orders, invoices and payments written in one transaction (with the profile, an event and an identity claim: under DynamoDB's 100 items). */
export const MAX_ACTIVITIES_PER_WRITE = 90;

type ActivityRecord = Exclude<CrmRecord, CrmCustomerRecord>;
const sourceKeyOf = (r: { crm: string; connectionId: string; objectType: string; externalId: string }): string => `${r.crm}\u0000${r.connectionId}\u0000${r.objectType}\u0000${r.externalId}`;

const defaultBackoff = (attempt: number) => new Promise<void>((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 5))));

/**
 * A CRM's clock may run ahead: a `modifiedAt` (or order, invoice, payment time) later than the
 * time the hub received the record is clamped to that time, so no value can be pinned against
 * later corrections; the `modifiedAt` the CRM sent is kept (`sentModifiedAt`, and `sentAt` in the
 * fields' provenance). Times in the past stay as sent: survivorship keeps the newest.
 * @example clampToReceipt({ ...record, modifiedAt: '2999-01-01T00:00:00Z' }, now).modifiedAt // now
 */
export const clampToReceipt = <R extends CrmRecord>(record: R, receivedAt: Date): R => {
  const limit = receivedAt.getTime();
  const clamp = (iso: string): string => (Date.parse(iso) > limit ? receivedAt.toISOString() : iso);
  const out: CrmRecord = { ...record, modifiedAt: clamp(record.modifiedAt) };
  if (out.modifiedAt !== record.modifiedAt) out.sentModifiedAt = record.sentModifiedAt ?? record.modifiedAt;
  if (out.objectType === 'order') out.orderedAt = clamp(out.orderedAt);
  if (out.objectType === 'invoice') out.issuedAt = clamp(out.issuedAt);
  if (out.objectType === 'payment') out.paidAt = clamp(out.paidAt);
  return out as R;
};

/** `c:crm:<crm>:<connectionId>:<externalId>`: the id a customer first seen in a CRM gets (deterministic, so replays converge). */
export const customerIdForCrmRecord = (crm: string, connectionId: string, externalId: string): string =>
  `c:crm:${crm}:${connectionId}:${externalId}`.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 128);

/** One review per pair of customers, whoever raises it and however often: `rev_<32 hex>`. */
export const reviewIdFor = (a: string, b: string): string =>
  `rev_${createHash('sha256').update([a, b].sort().join('\u0000')).digest('hex').slice(0, 32)}`;

/**
 * A source that sends a different USCC (LEI, DUNS…, VAT of one country) than it sent before corrects
 * itself: when the record is at least as new, the value it sent before leaves the profile
 * (`superseded`, its claim is released); an older record's different value is ignored (`stale`).
 */
const corrections = (profile: CustomerProfile, record: CrmCustomerRecord): { superseded: Identifier[]; stale: Set<string> } => {
  const obs = observationFromCrmRecord(record);
  const incoming = new Map<string, Set<string>>();
  for (const id of obs.identifiers) {
    const n = normaliseIdentifier(id.scheme, id.value);
    const bucket = n.ok ? vetoBucket(id.scheme, n.value) : undefined;
    if (n.ok && bucket) incoming.set(bucket, (incoming.get(bucket) ?? new Set()).add(n.value));
  }
  const superseded: Identifier[] = [];
  const stale = new Set<string>();
  for (const [bucket, values] of incoming) {
    const before = profile.identifiers.filter(
      (i) => i.source === obs.source && (i.recordId ?? '') === (obs.recordId ?? '') && vetoBucket(i.scheme, i.value) === bucket && !values.has(i.value),
    );
    if (before.length === 0) continue;
    if (before.every((i) => Date.parse(i.observedAt) <= Date.parse(obs.observedAt))) superseded.push(...before);
    else stale.add(bucket);
  }
  return { superseded, stale };
};

const keySet = (profile: CustomerProfile | undefined): Set<string> => new Set(profile ? blockingKeys(subjectOfProfile(profile)) : []);

type Evidence = Array<Record<string, unknown>>;
/** The candidates entity resolution scored, with the identity keys each held when scored. */
type Scored = ReadonlyMap<string, ReadonlySet<string>>;
interface PendingReview {
  candidateId: string;
  score: number;
  evidence: Evidence;
  reason: NonNullable<ReviewItem['reason']>;
}

/**
 * Merges one canonical CRM record into the golden profiles. Invariants: at most one active or
 * pending profile holds each unique identifier (claims in the identity index, written in the
 * same transaction), and only customer records create active profiles.
 * - Customer records land on the profile that holds their own `crm_record` id when it is active.
 *   Otherwise entity resolution runs (identity and blocking keys scored by `scoreCandidate`):
 *   `auto_merge` applies the record to the existing customer, `review` creates a customer plus
 *   a review item, `new` creates one. A pending stub holding the record's id is absorbed by the
 *   auto-merge target (aggregates added, provenance kept, merge record written) or becomes the
 *   new active customer. Fields by survivorship.
 * - A unique identifier another active customer holds is held back (not written) with an
 *   `identifier_held` review of the pair. A source that sends a new USCC (LEI, DUNS…) in place of
 *   the one it sent before corrects it (the old value and its claim go; an older record's value is
 *   ignored). A record with two values of one veto scheme, or one that contradicts its customer's
 *   identifier from another source, is refused
 *   (ConflictingIdentifiersError: quarantined with its reason, nothing written).
 * - Orders, invoices, payments: exact delta on the customer's aggregates against the stored
 *   previous version of the same record (a replay or stale version is a no-op). When their
 *   account is unknown they create a pending stub: not rated, not listed, no events.
 * Profiles, events (`customer.updated` / `customer.activity`), identity claims, the source record,
 * merge and review items are written in one transaction; a lost race re-reads and retries.
 */
export const ingestCrmRecord = (deps: IngestDeps) => {
  const survivorship = deps.survivorship ?? DEFAULT_SURVIVORSHIP;
  const thresholds = deps.thresholds ?? DEFAULT_THRESHOLDS;
  const maxAttempts = deps.maxAttempts ?? 12;
  const backoff = deps.backoff ?? defaultBackoff;

  /** Follows `mergedInto` to the profile now in charge (active or pending); undefined if none. */
  const current = async (customerId: string): Promise<CustomerProfile | undefined> => {
    let profile = await deps.profiles.get(customerId);
    for (let hops = 0; profile?.status === 'merged' && profile.mergedInto && hops < 5; hops++) profile = await deps.profiles.get(profile.mergedInto);
    return profile && profile.status !== 'merged' ? profile : undefined;
  };

  /**
   * The active or pending customer holding a unique key. `likelyId` (the deterministic id a
   * record's own customer gets) is read first: a live profile listing the key holds its claim,
   * so the common case costs one read.
   */
  const holder = async (key: string, likelyId?: string): Promise<CustomerProfile | undefined> => {
    if (likelyId) {
      const likely = await deps.profiles.get(likelyId);
      if (likely && likely.status !== 'merged' && identityKeys(likely).includes(key)) return likely;
    }
    const id = await deps.identities.holderOf(key);
    if (id) {
      const profile = await current(id);
      if (profile) return profile;
    }
    // Items written before claims existed: one per customer, confirmed on the profile.
    for (const candidate of await deps.identities.find([key], 10)) {
      const profile = await current(candidate);
      if (profile && identityKeys(profile).includes(key)) return profile;
    }
    return undefined;
  };

  /** Index items for what `next` holds beyond `before` (claims for unique keys, items for the rest). */
  const indexEntries = (before: CustomerProfile | undefined, next: CustomerProfile, takeFrom: string[] = []): ExtraPut[] => {
    const had = keySet(before);
    return deps.identities.entries(next.customerId, [...keySet(next)].filter((k) => !had.has(k)), { takeFrom });
  };

  const reviewEntries = async (customerId: string, reviews: PendingReview[], source: string, at: Date): Promise<ExtraPut[]> => {
    const out: ExtraPut[] = [];
    const seen = new Set<string>();
    for (const review of reviews) {
      const reviewId = reviewIdFor(customerId, review.candidateId);
      if (seen.has(reviewId) || (deps.reviews.find && (await deps.reviews.find(reviewId)))) continue;
      seen.add(reviewId);
      out.push(
        deps.reviews.entry({ reviewId, status: 'open', createdAt: at.toISOString(), customerId, candidateId: review.candidateId, score: review.score, reason: review.reason, evidence: review.evidence, source }),
      );
    }
    return out;
  };

  /**
   * Which of the record's unique identifiers `target` may take: those another active customer
   * holds are held back (with a review of the pair), those contradicting an identifier `target`
   * has from another source refuse the record.
   */
  const screenIdentifiers = async (record: CrmCustomerRecord, target: CustomerProfile | undefined, exclude: readonly string[], scored?: Scored) => {
    const obs = observationFromCrmRecord(record);
    const normalised = obs.identifiers.flatMap((id) => {
      const n = normaliseIdentifier(id.scheme, id.value);
      return n.ok ? [{ scheme: id.scheme, value: n.value, raw: id }] : [];
    });
    if (target) {
      const origin = `${obs.source}\u0000${obs.recordId ?? ''}`;
      const others = target.identifiers.filter((id) => `${id.source}\u0000${id.recordId ?? ''}` !== origin);
      const conflicts = conflictingSchemes(normalised, others);
      if (conflicts.length > 0) {
        throw new ConflictingIdentifiersError(`The record's ${conflicts.join(', ')} contradicts customer ${target.customerId}'s from another source`, conflicts);
      }
    }
    const held: PendingReview[] = [];
    const heldKeys = new Set<string>();
    const targetKeys = new Set(target ? identityKeys(target) : []);
    for (const id of normalised) {
      const key = `${id.scheme}#${id.value}`;
      if (!isUniqueKey(key) || targetKeys.has(key) || id.scheme === 'crm_record') continue;
      const owner = await holder(key);
      if (!owner || owner.customerId === target?.customerId || exclude.includes(owner.customerId)) continue;
      // The holder claimed the key after entity resolution scored it (or was not scored): the score is stale, resolve again.
      if (scored && !scored.get(owner.customerId)?.has(key)) throw new ConflictError(`${id.scheme} was claimed while the record was being resolved`);
      heldKeys.add(key);
      held.push({ candidateId: owner.customerId, score: 1, reason: 'identifier_held', evidence: [{ type: 'identifier_held', scheme: id.scheme }] });
    }
    const kept: CrmCustomerRecord = { ...record, identifiers: record.identifiers.filter((id) => {
      const n = normaliseIdentifier(id.scheme, id.value);
      return !n.ok || !heldKeys.has(`${id.scheme}#${n.value}`);
    }) };
    return { kept, held };
  };

  /**
   * Applies `record` to the active `target`, first absorbing `absorbed` (a pending stub, or an active
   * customer the record's unique identifier proves to be `target`): aggregates added, provenance and a
   * merge record kept, claims moved, `released` claims dropped; target and absorbed in one transaction.
   */
  const applyToTarget = async (
    target: CustomerProfile,
    absorbed: CustomerProfile | undefined,
    record: CrmCustomerRecord,
    options: { scored?: Scored; released?: Identifier[] } = {},
  ): Promise<IngestOutcome> => {
    const now = deps.clock.now();
    const source = `crm:${record.crm}:${record.connectionId}`;
    const { kept, held } = await screenIdentifiers(record, target, absorbed ? [absorbed.customerId] : [], options.scored);
    const merged = absorbed ? mergeProfiles(target, absorbed, now, survivorship) : undefined;
    const applied = applyCustomerRecord(merged?.survivor ?? target, kept, survivorship, now);
    if (!merged && !applied.changed) return { status: 'no_op', customerId: target.customerId, reason: 'unchanged' };
    // One write of the target: one version and one sequence step, one event.
    const next: CustomerProfile = { ...applied.profile, version: target.version + 1, sequence: target.sequence + 1, updatedAt: now.toISOString() };
    const changed = [
      ...(merged ? ['merged'] : []),
      ...applied.changedFields.map((f) => `fields.${f}`),
      ...applied.addedIdentifiers.map((i) => `identifiers.${i.scheme}`),
      ...(applied.changedCustom ?? []).map((n) => `custom.${n}`),
    ];
    const events = changed.length > 0 ? [customerUpdatedEvent(next, changed, now)] : [];
    const extraPuts = [
      ...indexEntries(target, next, absorbed ? [absorbed.customerId] : []),
      deps.sources.entry(record, target.customerId),
      ...(merged ? [deps.merges.entry(merged.mergeRecord)] : []),
      ...(await reviewEntries(target.customerId, held, source, now)),
    ];
    const targetChange: ProfileChange = { profile: next, expectedVersion: target.version, events, extraPuts };
    if (merged && absorbed) {
      const releases = deps.identities.releases(absorbed.customerId, identityKeys({ identifiers: options.released ?? [] }));
      await deps.profiles.commitMany([
        targetChange,
        {
          profile: merged.absorbed,
          expectedVersion: absorbed.version,
          // A stub never published; an active customer announces that it was merged.
          events: absorbed.status === 'active' ? [customerUpdatedEvent(merged.absorbed, ['status'], now)] : [],
          ...(releases.length ? { extraDeletes: releases } : {}),
        },
      ]);
    } else await deps.profiles.commit(targetChange);
    return { status: 'applied', customerId: target.customerId, decision: 'auto_merge', events: events.map((e) => e.type) };
  };

  /**
   * The active customer (other than `home`) holding one of the record's unique identifiers, when
   * nothing the two carry contradicts: the record proves `home` and it are one company. `seen`
   * collects the holders found, with their keys, for the screening that follows.
   */
  const provenSame = async (record: CrmCustomerRecord, home: CustomerProfile, seen: Map<string, Set<string>>): Promise<CustomerProfile | undefined> => {
    const ids = observationFromCrmRecord(record).identifiers.flatMap((id) => {
      const n = normaliseIdentifier(id.scheme, id.value);
      return n.ok ? [{ scheme: id.scheme, value: n.value }] : [];
    });
    const homeKeys = new Set(identityKeys(home));
    for (const id of ids) {
      const key = `${id.scheme}#${id.value}`;
      if (!isUniqueKey(key) || id.scheme === 'crm_record' || homeKeys.has(key)) continue;
      const owner = await holder(key);
      if (owner) seen.set(owner.customerId, (seen.get(owner.customerId) ?? new Set()).add(key));
      if (!owner || owner.status !== 'active' || owner.customerId === home.customerId) continue;
      if (conflictingSchemes([...ids, ...home.identifiers], owner.identifiers).length === 0) return owner;
    }
    return undefined;
  };

  const ingestCustomer = async (record: CrmCustomerRecord): Promise<IngestOutcome> => {
    const now = deps.clock.now();
    const self = selfConflictingSchemes(record);
    if (self.length > 0) throw new ConflictingIdentifiersError(`The record carries more than one ${self.join(', ')}`, self);
    const source = `crm:${record.crm}:${record.connectionId}`;
    const ownKey = `crm_record#${record.crm}:${record.connectionId}:${record.externalId}`;
    const ownId = customerIdForCrmRecord(record.crm, record.connectionId, record.externalId);
    const home = await holder(ownKey, ownId);
    // An older version of a record already applied says nothing new (its USCC may be one the source has corrected since).
    const previous = home ? await deps.sources.get(record) : undefined;
    if (previous && Date.parse(record.modifiedAt) < Date.parse(previous.modifiedAt)) return { status: 'no_op', customerId: home?.customerId ?? ownId, reason: 'stale' };

    if (home?.status === 'active') {
      const { superseded, stale } = corrections(home, record);
      const corrected: CustomerProfile = superseded.length ? { ...home, identifiers: home.identifiers.filter((i) => !superseded.includes(i)) } : home;
      const fresh: CrmCustomerRecord = stale.size
        ? { ...record, identifiers: record.identifiers.filter((id) => { const n = normaliseIdentifier(id.scheme, id.value); return !n.ok || !stale.has(vetoBucket(id.scheme, n.value) ?? ''); }) }
        : record;
      // The record's USCC (LEI…) is held by another active customer and nothing contradicts: one company, one profile.
      const seen = new Map<string, Set<string>>();
      const same = await provenSame(fresh, corrected, seen);
      if (same) return applyToTarget(same, corrected, fresh, { released: superseded });
      // A holder provenSame did not see claimed a key meanwhile: resolve again (it may prove one company).
      const { kept, held } = await screenIdentifiers(fresh, corrected, [], seen);
      const applied = applyCustomerRecord(corrected, kept, survivorship, now);
      const changed = [
        ...new Set([...applied.changedFields.map((f) => `fields.${f}`), ...[...applied.addedIdentifiers, ...superseded].map((i) => `identifiers.${i.scheme}`), ...(applied.changedCustom ?? []).map((n) => `custom.${n}`)]),
      ];
      if (!applied.changed && changed.length === 0) return { status: 'no_op', customerId: home.customerId, reason: 'unchanged' };
      const next: CustomerProfile = { ...applied.profile, version: home.version + 1, sequence: home.sequence + (changed.length > 0 ? 1 : 0), updatedAt: now.toISOString() };
      const events = changed.length > 0 ? [customerUpdatedEvent(next, changed, now)] : [];
      const releases = deps.identities.releases(home.customerId, identityKeys({ identifiers: superseded }));
      await deps.profiles.commit({
        profile: next,
        expectedVersion: home.version,
        events,
        extraPuts: [...indexEntries(home, next), deps.sources.entry(record, home.customerId), ...(await reviewEntries(home.customerId, held, source, now))],
        ...(releases.length ? { extraDeletes: releases } : {}),
      });
      return { status: 'applied', customerId: home.customerId, decision: 'matched', events: events.map((e) => e.type) };
    }

    // No active customer holds the record's id (none, or a pending stub): entity resolution.
    const stub = home;
    // A deleted account that was never active creates nothing (a stub stays pending with its activity).
    if (record.deleted) return { status: 'no_op', customerId: stub?.customerId ?? ownId, reason: 'unchanged' };
    const subject = { kind: record.kind, fields: record.fields, identifiers: record.identifiers };
    let best: { profile: CustomerProfile; score: number; evidence: MatchEvidence[] } | undefined;
    const scored = new Map<string, Set<string>>();
    for (const id of await deps.identities.find(blockingKeys(subject), 10)) {
      const profile = await current(id);
      if (!profile || profile.status !== 'active' || profile.customerId === stub?.customerId || scored.has(profile.customerId)) continue;
      scored.set(profile.customerId, new Set(identityKeys(profile)));
      const { score, evidence } = scoreCandidate(subject, profile);
      if (!best || score > best.score) best = { profile, score, evidence };
    }
    const decision = best ? decide(best.score, thresholds) : 'new';

    if (decision === 'auto_merge' && best) return applyToTarget(best.profile, stub, record, { scored });

    // A new golden customer: the pending stub becomes it, or one is created under the record's id.
    const { kept, held } = await screenIdentifiers(record, stub, [], scored);
    const reviews: PendingReview[] = [...held];
    if (decision === 'review' && best) {
      reviews.unshift({ candidateId: best.profile.customerId, score: best.score, reason: 'candidate_match', evidence: best.evidence as unknown as Evidence });
    }
    const base: CustomerProfile = stub ? { ...stub, status: 'active' } : newProfile(ownId, record.kind, now);
    const applied = applyCustomerRecord(base, kept, survivorship, now);
    const next: CustomerProfile = { ...applied.profile, kind: stub ? record.kind : applied.profile.kind, version: (stub?.version ?? 0) + 1, sequence: (stub?.sequence ?? 0) + 1, updatedAt: now.toISOString() };
    const changed = ['created', ...applied.changedFields.map((f) => `fields.${f}`), ...applied.addedIdentifiers.map((i) => `identifiers.${i.scheme}`), ...(applied.changedCustom ?? []).map((n) => `custom.${n}`)];
    const events = [customerUpdatedEvent(next, changed, now)];
    await deps.profiles.commit({
      profile: next,
      expectedVersion: stub?.version ?? 0,
      events,
      extraPuts: [...indexEntries(stub, next), deps.sources.entry(record, next.customerId), ...(await reviewEntries(next.customerId, reviews, source, now))],
    });
    return { status: 'applied', customerId: next.customerId, decision: decision === 'review' ? 'review' : 'new', events: events.map((e) => e.type) };
  };

  const ingestActivity = async (record: Exclude<CrmRecord, CrmCustomerRecord>): Promise<IngestOutcome> => {
    const now = deps.clock.now();
    const customerKey = `crm_record#${record.crm}:${record.connectionId}:${record.customerExternalId}`;
    const customerId = customerIdForCrmRecord(record.crm, record.connectionId, record.customerExternalId);
    let profile = await holder(customerKey, customerId);
    let created = false;
    if (!profile) {
      // The account has not arrived: a pending stub holding its CRM record id, which the account resolves later.
      created = true;
      const stub = applyCustomerRecord(
        { ...newProfile(customerId, 'business', now), status: 'pending' },
        {
          source: `crm:${record.crm}:${record.connectionId}`,
          observedAt: record.modifiedAt,
          recordId: record.customerExternalId,
          fields: {},
          identifiers: [{ scheme: 'crm_record', value: `${record.crm}:${record.connectionId}:${record.customerExternalId}` }],
        },
        survivorship,
        now,
      ).profile;
      profile = { ...stub, version: 0, sequence: 0 };
    }
    // Read the previous version only after the profile: the profile's version condition then covers it.
    const previous = await deps.sources.get(record);
    if (previous && !supersedes(previous as typeof record, record)) return { status: 'no_op', customerId: profile.customerId, reason: 'stale' };
    if (previous && canonical(previous) === canonical(record)) return { status: 'no_op', customerId: profile.customerId, reason: 'replay' };
    let aggregates = profile.aggregates;
    if (record.objectType === 'order') aggregates = applyOrder(aggregates, previous as typeof record | undefined, record);
    else if (record.objectType === 'invoice') aggregates = applyInvoice(aggregates, previous as typeof record | undefined, record, now);
    else {
      const invoice = record.invoiceExternalId
        ? await deps.sources.get({ crm: record.crm, connectionId: record.connectionId, objectType: 'invoice', externalId: record.invoiceExternalId })
        : undefined;
      aggregates = applyPayment(aggregates, previous as typeof record | undefined, record, invoice?.objectType === 'invoice' ? { invoiceDueAt: invoice.dueAt } : {});
    }
    const base = profile;
    const pending = base.status === 'pending';
    // A pending stub publishes nothing (no customer.updated, no customer.activity): its sequence stays.
    const next: CustomerProfile = { ...profile, aggregates, version: base.version + 1, sequence: base.sequence + (pending ? 0 : 1), updatedAt: now.toISOString() };
    const events: EventEnvelope[] = pending
      ? []
      : [newEvent('customer.activity', { source: `crm:${record.crm}:${record.connectionId}`, objectType: record.objectType, externalId: record.externalId, aggregates }, { customerId: next.customerId, sequence: next.sequence, at: now })];
    const extraPuts: ExtraPut[] = [deps.sources.entry(record, next.customerId)];
    if (created) extraPuts.push(...deps.identities.entries(next.customerId, [customerKey]));
    await deps.profiles.commit({ profile: next, expectedVersion: base.version, events, extraPuts });
    return { status: 'applied', customerId: next.customerId, events: events.map((e) => e.type), ...(pending ? { pending: true } : {}) };
  };

  /** The stored previous versions of `records` (one read for all when the store can). */
  const previousVersions = async (records: readonly ActivityRecord[]): Promise<Map<string, CrmRecord>> => {
    const keys = [...new Map(records.map((r) => [sourceKeyOf(r), { crm: r.crm, connectionId: r.connectionId, objectType: r.objectType, externalId: r.externalId }])).values()];
    const found = deps.sources.getMany ? await deps.sources.getMany(keys) : (await Promise.all(keys.map((k) => deps.sources.get(k)))).flatMap((r) => (r ? [r] : []));
    return new Map(found.map((r) => [sourceKeyOf(r), r]));
  };

  /**
   * Orders, invoices and payments of ONE customer (a bulk import chunk's), in order: each applied as
   * `ingestActivity` would (replays and stale versions skipped, exact deltas against the previous
   * version, a later version in the same batch superseding an earlier one), then written in one
   * transaction: the profile once, one `customer.activity` event (naming the last record applied),
   * the last version of each source record. Same aggregates as one record at a time.
   */
  const ingestActivities = async (records: readonly ActivityRecord[]): Promise<IngestOutcome> => {
    const now = deps.clock.now();
    const first = records[0] as ActivityRecord;
    const customerKey = `crm_record#${first.crm}:${first.connectionId}:${first.customerExternalId}`;
    const customerId = customerIdForCrmRecord(first.crm, first.connectionId, first.customerExternalId);
    let profile = await holder(customerKey, customerId);
    const created = !profile;
    if (!profile) {
      const stub = applyCustomerRecord(
        { ...newProfile(customerId, 'business', now), status: 'pending' },
        { source: `crm:${first.crm}:${first.connectionId}`, observedAt: first.modifiedAt, recordId: first.customerExternalId, fields: {}, identifiers: [{ scheme: 'crm_record', value: `${first.crm}:${first.connectionId}:${first.customerExternalId}` }] },
        survivorship,
        now,
      ).profile;
      profile = { ...stub, version: 0, sequence: 0 };
    }
    // Read after the profile: the profile's version condition then covers them.
    const stored = await previousVersions(records);
    const latest = new Map<string, ActivityRecord>();
    let aggregates = profile.aggregates;
    let last: ActivityRecord | undefined;
    for (const record of records) {
      const key = sourceKeyOf(record);
      const previous = (latest.get(key) ?? stored.get(key)) as typeof record | undefined;
      if (previous && (!supersedes(previous, record) || canonical(previous) === canonical(record))) continue;
      if (record.objectType === 'order') aggregates = applyOrder(aggregates, previous as typeof record | undefined, record);
      else if (record.objectType === 'invoice') aggregates = applyInvoice(aggregates, previous as typeof record | undefined, record, now);
      else {
        const invoiceKey = { crm: record.crm, connectionId: record.connectionId, objectType: 'invoice' as const, externalId: record.invoiceExternalId ?? '' };
        const invoice = record.invoiceExternalId ? (latest.get(sourceKeyOf(invoiceKey)) ?? (await deps.sources.get(invoiceKey))) : undefined;
        aggregates = applyPayment(aggregates, previous as typeof record | undefined, record, invoice?.objectType === 'invoice' ? { invoiceDueAt: invoice.dueAt } : {});
      }
      latest.set(key, record);
      last = record;
    }
    if (!last) return { status: 'no_op', customerId: profile.customerId, reason: 'replay' };
    const pending = profile.status === 'pending';
    const next: CustomerProfile = { ...profile, aggregates, version: profile.version + 1, sequence: profile.sequence + (pending ? 0 : 1), updatedAt: now.toISOString() };
    const events: EventEnvelope[] = pending
      ? []
      : [newEvent('customer.activity', { source: `crm:${last.crm}:${last.connectionId}`, objectType: last.objectType, externalId: last.externalId, aggregates }, { customerId: next.customerId, sequence: next.sequence, at: now })];
    const extraPuts: ExtraPut[] = [...latest.values()].map((r) => deps.sources.entry(r, next.customerId));
    if (created) extraPuts.push(...deps.identities.entries(next.customerId, [customerKey]));
    await deps.profiles.commit({ profile: next, expectedVersion: profile.version, events, extraPuts });
    return { status: 'applied', customerId: next.customerId, events: events.map((e) => e.type), ...(pending ? { pending: true } : {}) };
  };

  /** Runs `attempt` again (re-reading) while it loses an optimistic-locking race, up to maxAttempts. */
  const retrying = async (run: () => Promise<IngestOutcome>): Promise<IngestOutcome> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= maxAttempts) throw error;
        await backoff(attempt);
      }
    }
  };

  const prepare = async (received: CrmRecord, receivedAt: Date): Promise<CrmRecord> => {
    const clamped = clampToReceipt(received, receivedAt);
    return clamped.objectType === 'customer' ? withDeclaredAttributes(clamped, deps.customAttributes) : clamped;
  };

  const ingestOne = async (received: CrmRecord, options: { receivedAt?: Date } = {}): Promise<IngestOutcome> => {
    const record = await prepare(received, options.receivedAt ?? deps.clock.now());
    return retrying(() => (record.objectType === 'customer' ? ingestCustomer(record) : ingestActivity(record)));
  };

  /**
   * The records of one customer (a bulk import chunk's, in file order): customer records one by one,
   * each run of orders, invoices and payments between them merged into one write (`ingestActivities`),
   * at most MAX_ACTIVITIES_PER_WRITE records per write. Answers one outcome per write.
   */
  const ingestBatch = async (received: readonly CrmRecord[], options: { receivedAt?: Date } = {}): Promise<IngestOutcome[]> => {
    const receivedAt = options.receivedAt ?? deps.clock.now();
    const records = await Promise.all(received.map((r) => prepare(r, receivedAt)));
    const outcomes: IngestOutcome[] = [];
    let run: ActivityRecord[] = [];
    const flush = async () => {
      if (run.length === 0) return;
      const batch = run;
      run = [];
      outcomes.push(await retrying(() => ingestActivities(batch)));
    };
    for (const record of records) {
      if (record.objectType === 'customer') {
        await flush();
        outcomes.push(await retrying(() => ingestCustomer(record)));
        continue;
      }
      run.push(record);
      if (run.length >= MAX_ACTIVITIES_PER_WRITE) await flush();
    }
    await flush();
    return outcomes;
  };

  return Object.assign(ingestOne, { batch: ingestBatch });
};
export type IngestCrmRecord = ReturnType<typeof ingestCrmRecord>;
/** Ingests one record (what a notice handler needs of `ingestCrmRecord`). */
export type IngestOne = (received: CrmRecord, options?: { receivedAt?: Date }) => Promise<IngestOutcome>;
