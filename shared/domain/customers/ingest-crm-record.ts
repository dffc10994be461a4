import type { Clock } from '../clock.js';
import type { CrmCustomerRecord, CrmRecord } from '../crm/crm-record.js';
import { ConflictError } from '../errors.js';
import { newEvent } from '../events/new-event.js';
import type { EventEnvelope } from '../events/envelope.js';
import { blockingKeys, decide, identityKeys, scoreCandidate, DEFAULT_THRESHOLDS, type MatchThresholds } from '../identity/matching.js';
import { applyInvoice, applyOrder, applyPayment, supersedes } from '../profile/aggregate-updates.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { applyCustomerRecord, type ProfileObservation } from '../profile/merge.js';
import { DEFAULT_SURVIVORSHIP, type SurvivorshipConfig } from '../profile/survivorship.js';
import type { ReviewQueue, SourceRecordStore } from './crm-ports.js';
import type { ExtraPut, IdentityIndex, ProfileRepository } from './ports.js';

export interface IngestDeps {
  profiles: ProfileRepository;
  identities: IdentityIndex;
  sources: SourceRecordStore;
  reviews: ReviewQueue;
  clock: Clock;
  survivorship?: SurvivorshipConfig;
  thresholds?: MatchThresholds;
  /** Attempts on a lost optimistic-locking race (each re-reads); default 12. */
  maxAttempts?: number;
  /** Pause between attempts (jittered by the caller's choice); default 5–40 ms random. */
  backoff?: (attempt: number) => Promise<void>;
  newId?: () => string;
}

export type IngestOutcome =
  | { status: 'applied'; customerId: string; decision?: 'matched' | 'auto_merge' | 'review' | 'new'; events: string[] }
  | { status: 'no_op'; customerId: string; reason: 'replay' | 'stale' | 'unchanged' };

/** JSON with object keys sorted: items read back from DynamoDB do not keep key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));

const defaultBackoff = (attempt: number) => new Promise<void>((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 5))));

/** `c:crm:<crm>:<connectionId>:<externalId>`: the id a customer first seen in a CRM gets (deterministic, so replays converge). */
export const customerIdForCrmRecord = (crm: string, connectionId: string, externalId: string): string =>
  `c:crm:${crm}:${connectionId}:${externalId}`.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 128);

/**
 * Merges one canonical CRM record into the golden profiles:
 * - customer records: entity resolution (own `crm_record` id first, then identity/blocking keys
 *   scored by `scoreCandidate`): `auto_merge` applies to the existing customer, `review` creates a
 *   new customer plus a review item, `new` creates a customer; fields by survivorship.
 * - orders, invoices, payments: exact delta on the customer's aggregates against the stored
 *   previous version of the same record (a replay or stale version is a no-op); the customer is
 *   created as a stub when its record has not arrived yet.
 * Profile, events (`customer.updated` / `customer.activity`), identity index items, the source
 * record and review items are written in one transaction; a lost version race re-reads and retries.
 */
export const ingestCrmRecord = (deps: IngestDeps) => {
  const survivorship = deps.survivorship ?? DEFAULT_SURVIVORSHIP;
  const thresholds = deps.thresholds ?? DEFAULT_THRESHOLDS;
  const maxAttempts = deps.maxAttempts ?? 12;
  const backoff = deps.backoff ?? defaultBackoff;
  const newId = deps.newId ?? (() => crypto.randomUUID());

  /** Follows `mergedInto` to the active profile. */
  const activeProfile = async (customerId: string): Promise<CustomerProfile | undefined> => {
    let profile = await deps.profiles.get(customerId);
    for (let hops = 0; profile?.status === 'merged' && profile.mergedInto && hops < 5; hops++) profile = await deps.profiles.get(profile.mergedInto);
    return profile?.status === 'active' ? profile : undefined;
  };

  /**
   * The active customer holding the identifier key (confirmed on its profile). `likelyId` (the
   * deterministic id a record's own customer gets) is read first: in the common case the record's
   * customer lives there and the identity-index query is saved.
   */
  const ownerOf = async (key: string, likelyId?: string): Promise<CustomerProfile | undefined> => {
    if (likelyId) {
      const likely = await activeProfile(likelyId);
      if (likely && identityKeys(likely).includes(key)) return likely;
    }
    for (const id of await deps.identities.find([key], 10)) {
      if (id === likelyId) continue;
      const profile = await activeProfile(id);
      if (profile && identityKeys(profile).includes(key)) return profile;
    }
    return undefined;
  };

  const updatedEvent = (profile: CustomerProfile, changedFields: string[], at: Date): EventEnvelope =>
    newEvent(
      'customer.updated',
      {
        profile: { customerId: profile.customerId, kind: profile.kind, status: profile.status, fields: profile.fields, identifiers: profile.identifiers, version: profile.version, updatedAt: profile.updatedAt },
        changedFields,
      },
      { customerId: profile.customerId, sequence: profile.sequence, at },
    );

  const ingestCustomer = async (record: CrmCustomerRecord): Promise<IngestOutcome> => {
    const now = deps.clock.now();
    const ownKey = `crm_record#${record.crm}:${record.connectionId}:${record.externalId}`;
    let target = await ownerOf(ownKey, customerIdForCrmRecord(record.crm, record.connectionId, record.externalId));
    let decision: 'matched' | 'auto_merge' | 'review' | 'new' = 'matched';
    let review: { candidateId: string; score: number; evidence: Array<Record<string, unknown>> } | undefined;
    if (!target) {
      const subject = { kind: record.kind, fields: record.fields, identifiers: record.identifiers };
      const candidateIds = (await deps.identities.find(blockingKeys(subject), 10)).slice(0, 10);
      let best: { profile: CustomerProfile; score: number; evidence: Array<Record<string, unknown>> } | undefined;
      for (const id of candidateIds) {
        const profile = await activeProfile(id);
        if (!profile) continue;
        const { score, evidence } = scoreCandidate(subject, profile);
        if (!best || score > best.score) best = { profile, score, evidence: evidence as unknown as Array<Record<string, unknown>> };
      }
      decision = best ? decide(best.score, thresholds) : 'new';
      if (decision === 'auto_merge' && best) target = best.profile;
      else if (decision === 'review' && best) review = { candidateId: best.profile.customerId, score: best.score, evidence: best.evidence };
    }
    const customerId = target?.customerId ?? customerIdForCrmRecord(record.crm, record.connectionId, record.externalId);
    const applied = applyCustomerRecord(target, record, survivorship, now, { customerId });
    if (!applied.changed) return { status: 'no_op', customerId, reason: 'unchanged' };
    const created = target === undefined;
    const changed = [...applied.changedFields.map((f) => `fields.${f}`), ...applied.addedIdentifiers.map((i) => `identifiers.${i.scheme}`)];
    const events = changed.length > 0 || created ? [updatedEvent(applied.profile, created ? ['created', ...changed] : changed, now)] : [];
    const extraPuts: ExtraPut[] = [
      ...deps.identities.entries(customerId, [...identityKeys({ identifiers: applied.addedIdentifiers }), ...(created ? blockingKeys({ ...record, identifiers: [] }) : [])]),
      deps.sources.entry(record, customerId),
    ];
    if (review) {
      extraPuts.push(
        deps.reviews.entry({ reviewId: `rev_${newId()}`, status: 'open', createdAt: now.toISOString(), customerId, candidateId: review.candidateId, score: review.score, evidence: review.evidence, source: `crm:${record.crm}:${record.connectionId}` }),
      );
    }
    await deps.profiles.commit({ profile: applied.profile, expectedVersion: target?.version ?? 0, events, extraPuts });
    return { status: 'applied', customerId, decision: created ? (review ? 'review' : 'new') : decision, events: events.map((e) => e.type) };
  };

  const ingestActivity = async (record: Exclude<CrmRecord, CrmCustomerRecord>): Promise<IngestOutcome> => {
    const now = deps.clock.now();
    const customerKey = `crm_record#${record.crm}:${record.connectionId}:${record.customerExternalId}`;
    const customerId = customerIdForCrmRecord(record.crm, record.connectionId, record.customerExternalId);
    let profile = await ownerOf(customerKey, customerId);
    let created = false;
    if (!profile) {
      // The customer's own record has not arrived yet: a stub it will land on (same deterministic id).
      const stub: ProfileObservation = {
        source: `crm:${record.crm}:${record.connectionId}`,
        observedAt: record.modifiedAt,
        recordId: record.customerExternalId,
        fields: {},
        identifiers: [{ scheme: 'crm_record', value: `${record.crm}:${record.connectionId}:${record.customerExternalId}` }],
      };
      created = true;
      profile = { ...applyCustomerRecord(undefined, stub, survivorship, now, { customerId }).profile, version: 0, sequence: 0 };
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
    const next: CustomerProfile = { ...profile, aggregates, version: base.version + 1, sequence: base.sequence + 1, updatedAt: now.toISOString() };
    const events: EventEnvelope[] = [];
    if (created) events.push(updatedEvent({ ...next }, ['created'], now));
    const activitySequence = created ? next.sequence + 1 : next.sequence;
    next.sequence = activitySequence;
    events.push(
      newEvent('customer.activity', { source: `crm:${record.crm}:${record.connectionId}`, objectType: record.objectType, externalId: record.externalId, aggregates }, { customerId: next.customerId, sequence: activitySequence, at: now }),
    );
    const extraPuts: ExtraPut[] = [deps.sources.entry(record, next.customerId)];
    if (created) extraPuts.push(...deps.identities.entries(next.customerId, [customerKey]));
    await deps.profiles.commit({ profile: next, expectedVersion: base.version, events, extraPuts });
    return { status: 'applied', customerId: next.customerId, events: events.map((e) => e.type) };
  };

  return async (record: CrmRecord): Promise<IngestOutcome> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return record.objectType === 'customer' ? await ingestCustomer(record) : await ingestActivity(record);
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= maxAttempts) throw error;
        await backoff(attempt);
      }
    }
  };
};
export type IngestCrmRecord = ReturnType<typeof ingestCrmRecord>;
