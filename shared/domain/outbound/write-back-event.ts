import type { Clock } from '../clock.js';
import type { CrmName } from '../crm/crm-record.js';
import { buildWriteBackFields, type ConnectionConfig } from '../crm/field-mapping.js';
import { fingerprintWriteBack, type WriteBackFingerprint } from '../crm/loop-guard.js';
import type { CrmWriteBack } from '../crm/write-back.js';
import { creditHoldOfProfile, type CreditHold } from '../measures/credit-hold.js';
import { DEFAULT_RETRY_SCHEDULE, nextAttemptAt, type Random, type RetrySchedule } from '../delivery/retry-schedule.js';
import { DomainError, PermanentError, TransientError } from '../errors.js';
import { LimitChangedV1Schema, RatingChangedV1Schema } from '../events/catalogue.js';
import type { EventEnvelope } from '../events/envelope.js';
import { normaliseCrmRecordId } from '../identity/identifiers/crm-record-id.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { RatingResult } from '../rating/rating-result.js';
import { WRITEBACK_TRIGGERS } from './route-event.js';
import type { WriteBackMessage, WriteBackRecord } from './write-back-record.js';

export interface WriteBackPorts {
  events: { get(eventId: string): Promise<EventEnvelope | undefined> };
  profiles: { get(customerId: string): Promise<CustomerProfile | undefined> };
  connections: { get(connectionId: string): Promise<ConnectionConfig | undefined> };
  /** One client per CRM (createCrmWriteBacks); a CRM without one is skipped. */
  writeBacks: Partial<Record<CrmName, CrmWriteBack>>;
  log: {
    get(customerId: string, eventId: string, target: string): Promise<{ record: WriteBackRecord; revision: number } | undefined>;
    put(record: WriteBackRecord, expectedRevision: number | undefined): Promise<void>;
    /**
     * Claims `key` (CRM record + event type) for `sequence` and leases it until `leaseUntil`, in one
     * conditional write: 'superseded' when a newer event claimed it, 'busy' while an older event's
     * write is in flight.
     */
    claim(key: string, sequence: number, eventId: string, at: Date, leaseUntil: Date): Promise<'claimed' | 'superseded' | 'busy'>;
    /** Gives the lease back after the CRM call; 'lost' when it had expired and another event took it. */
    release(key: string, eventId: string): Promise<'released' | 'lost'>;
  };
  fingerprints: { put(fingerprint: WriteBackFingerprint): Promise<void> };
  /** Re-enqueues one target's retry, due at `dueAt` (delayed message; early arrivals hop again). */
  scheduleRetry(message: WriteBackMessage, dueAt: Date): Promise<void>;
  clock: Clock;
  random: Random;
  schedule?: RetrySchedule;
}

export type TargetOutcome = { target: string; status: WriteBackRecord['status'] | 'already_done'; code?: string; /** The CRM field a `crm_field_missing` refusal named. */ field?: string };

/**
 * How long a claim keeps a CRM record to one event. Longer than the worker's whole run (Lambda
 * timeout 20 s; each CRM call times out after 10 s), so a lease only expires early when the
 * worker died, and then the record is free again after at most this long.
 */
export const WRITE_BACK_LEASE_MS = 60_000;
/** A record busy with an older event's write is tried again after this (plus up to as much jitter). */
export const WRITE_BACK_BUSY_RETRY_MS = 2_000;
export type WriteBackSummary = { outcome: 'deferred' } | { outcome: 'handled'; targets: TargetOutcome[] };

/**
 * What one event writes back: a rating.changed writes the rating fields (grade, score, PD,
 * reasons, rated-at, policy version), a limit.changed the limit and its currency, a
 * customer.frozen / customer.unfrozen the limit in force (`hold`, from creditHoldOf). Each event
 * writes only its own part, stamped with its own `sequence`, so the streams never overwrite
 * each other with older values.
 */
export const ratingForWriteBack = (event: EventEnvelope, hold?: CreditHold): RatingResult => {
  const inputsHash = `event:${event.id}`;
  if (event.type === 'rating.changed') {
    const { current } = RatingChangedV1Schema.parse(event.data);
    return { ...current, inputsHash };
  }
  if (event.type === 'customer.frozen' || event.type === 'customer.unfrozen') {
    return {
      status: 'rated',
      // Not written: a hold event owns no rating field (OWNED_SOURCES), only the limit in force.
      policyVersion: 1,
      reasons: [],
      ratedAt: event.occurredAt,
      ...(hold?.currency !== undefined ? { limit: { recommended: { amountMinor: hold.limitMinor, currency: hold.currency }, factors: [] } } : {}),
      inputsHash,
    };
  }
  const data = LimitChangedV1Schema.parse(event.data);
  return {
    status: 'rated',
    policyVersion: data.current.policyVersion,
    reasons: [],
    ratedAt: event.occurredAt,
    limit: { recommended: data.current.recommended, factors: data.current.factors },
    inputsHash,
  };
};

const HOLD_PART = ['limit', 'limitCurrency', 'creditHold', 'holdReason'];

/**
 * Only the write-back fields an event of this type owns (a limit event never touches the grade,
 * and vice versa). The credit hold (flag and reason) travels with the limit: a limit change
 * writes the hold as it stands, a freeze or unfreeze writes the hold and the limit in force.
 */
const OWNED_SOURCES: Record<string, ReadonlySet<string>> = {
  'rating.changed': new Set(['grade', 'score', 'pd', 'reasons', 'ratedAt', 'policyVersion']),
  'limit.changed': new Set(HOLD_PART),
  'customer.frozen': new Set(HOLD_PART),
  'customer.unfrozen': new Set(HOLD_PART),
};

/**
 * Which ordering stream an event's write joins: the limit and the hold share one (a freeze, its
 * limit change and a later unfreeze land in sequence order); ratings have their own.
 */
const CLAIM_STREAM: Record<string, string> = { 'customer.frozen': 'limit.changed', 'customer.unfrozen': 'limit.changed' };

/** The customer's CRM records: `crm_record` identifiers `<crm>:<connectionId>:<recordId>`. */
export const crmTargetsOf = (profile: CustomerProfile): Array<{ target: string; crm: CrmName; connectionId: string; externalId: string }> => {
  const out = new Map<string, { target: string; crm: CrmName; connectionId: string; externalId: string }>();
  for (const identifier of profile.identifiers) {
    if (identifier.scheme !== 'crm_record') continue;
    const normalised = normaliseCrmRecordId(identifier.value);
    if (!normalised.ok) continue;
    const value = normalised.value;
    const first = value.indexOf(':');
    const second = value.indexOf(':', first + 1);
    out.set(value, { target: value, crm: value.slice(0, first) as CrmName, connectionId: value.slice(first + 1, second), externalId: value.slice(second + 1) });
  }
  return [...out.values()];
};

const errorCode = (error: unknown): string => (error instanceof DomainError ? error.code : 'unexpected');

/**
 * Writes a rating or limit change back into every CRM record of the customer (its
 * `crm_record` identifiers), on the same retry schedule as webhooks. Per record: idempotent (a
 * written record is not written again unless replayed), stale-safe (a record only takes a rating,
 * or a limit, whose event `sequence` is newer than the last one claimed for it, and the claim
 * leases the record so an older write can never land after a newer one), loop-safe (the fingerprint is stored before the CRM call, so the CRM's echo is
 * recognised by ingest), and logged attempt by attempt. A CRM that throttles or is down is
 * retried (Retry-After honoured); a refusal marks the record `failed` and, after the other
 * records were handled, throws a PermanentError so the message is quarantined with the reason.
 */
export const writeBackEvent = (ports: WriteBackPorts) => async (message: WriteBackMessage): Promise<WriteBackSummary> => {
  const now = ports.clock.now();
  if (message.dueAt !== undefined && Date.parse(message.dueAt) > now.getTime() + 1000) {
    await ports.scheduleRetry(message, new Date(message.dueAt));
    return { outcome: 'deferred' };
  }
  const event = await ports.events.get(message.eventId);
  if (!event) throw new PermanentError('event_expired', `Event ${message.eventId} is no longer kept`);
  if (!WRITEBACK_TRIGGERS.has(event.type)) throw new PermanentError('not_a_write_back_event', `${event.type} is not written back to CRMs`);
  if (event.customerId !== message.customerId) throw new PermanentError('customer_mismatch', `Event ${event.id} is not about customer ${message.customerId}`);
  if (event.sequence === undefined) throw new PermanentError('event_without_sequence', `Event ${event.id} has no sequence`);
  const sequence = event.sequence;
  const profile = await ports.profiles.get(message.customerId);
  if (!profile) throw new PermanentError('customer_not_found', `Customer ${message.customerId} was not found`);

  const targets = crmTargetsOf(profile).filter((t) => message.target === undefined || t.target === message.target);
  const outcomes: TargetOutcome[] = [];
  for (const target of targets) {
    const stored = await ports.log.get(profile.customerId, event.id, target.target);
    if (stored && stored.record.status !== 'scheduled' && !message.replay) {
      outcomes.push({ target: target.target, status: 'already_done' });
      continue;
    }
    const base: WriteBackRecord = stored?.record ?? {
      customerId: profile.customerId,
      eventId: event.id,
      eventType: event.type,
      sequence,
      ...target,
      status: 'scheduled',
      attempts: [],
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const finish = async (patch: Partial<WriteBackRecord>, at: Date): Promise<void> => {
      const { nextAttemptAt: _next, reason: _reason, ...rest } = base;
      await ports.log.put({ ...rest, ...patch, updatedAt: at.toISOString() }, stored?.revision);
    };

    const connection = await ports.connections.get(target.connectionId);
    const writeBack = ports.writeBacks[target.crm];
    const skipReason = !connection
      ? 'connection_not_found'
      : connection.crm !== target.crm
        ? 'connection_crm_mismatch'
        : !connection.writeBack
          ? 'write_back_not_configured'
          : !writeBack
            ? 'crm_without_write_back'
            : undefined;
    if (skipReason || !connection || !writeBack) {
      await finish({ status: 'skipped', reason: skipReason ?? 'not_configured' }, now);
      outcomes.push({ target: target.target, status: 'skipped', code: skipReason });
      continue;
    }
    const owned = OWNED_SOURCES[event.type] ?? new Set<string>();
    const mapping = connection.writeBack ?? { objectName: '', fields: {} };
    const ownedConnection: ConnectionConfig = {
      ...connection,
      writeBack: { objectName: mapping.objectName, fields: Object.fromEntries(Object.entries(mapping.fields).filter(([source]) => owned.has(source))) },
    };
    const hold = creditHoldOfProfile(profile);
    const fields = buildWriteBackFields(ownedConnection, ratingForWriteBack(event, hold), hold);
    if (Object.keys(fields).length === 0) {
      await finish({ status: 'skipped', reason: 'no_fields' }, now);
      outcomes.push({ target: target.target, status: 'skipped', code: 'no_fields' });
      continue;
    }

    // Ratings and limits are ordered separately: each has its own newest sequence per record.
    // The claim also leases the record, so at most one write is in flight per record and an
    // older event can never land at the CRM after a newer one (see docs/webhooks.md).
    const claimKey = `${target.target}#${CLAIM_STREAM[event.type] ?? event.type}`;
    const claim = await ports.log.claim(claimKey, sequence, event.id, now, new Date(now.getTime() + WRITE_BACK_LEASE_MS));
    if (claim === 'superseded') {
      await finish({ status: 'superseded', reason: 'a newer event was written to this record' }, now);
      outcomes.push({ target: target.target, status: 'superseded' });
      continue;
    }
    if (claim === 'busy') {
      // An older event is being written to this record: come back once it is done. Not an attempt.
      const due = new Date(now.getTime() + WRITE_BACK_BUSY_RETRY_MS * (1 + ports.random()));
      await ports.scheduleRetry({ eventId: event.id, customerId: profile.customerId, target: target.target, dueAt: due.toISOString(), ...(message.replay ? { replay: true } : {}) }, due);
      outcomes.push({ target: target.target, status: 'scheduled', code: 'record_busy' });
      continue;
    }

    const n = (base.attempts.at(-1)?.n ?? 0) + 1;
    // Retries count within the current run: a replay starts a new one (like webhook replays).
    const lastReplay = base.attempts.findLastIndex((a) => a.replay === true);
    const runAttempt = message.replay ? 1 : lastReplay >= 0 ? base.attempts.length - lastReplay + 1 : n;
    const started = ports.clock.now();
    let failure: unknown;
    try {
      await ports.fingerprints.put(fingerprintWriteBack(target.connectionId, target.externalId, fields, started));
      try {
        await writeBack.update(connection, target.externalId, fields);
      } catch (error) {
        failure = error;
      }
    } finally {
      await ports.log.release(claimKey, event.id);
    }
    const at = ports.clock.now();
    const latencyMs = Math.max(0, at.getTime() - started.getTime());
    const replayMark = message.replay ? { replay: true as const } : {};
    if (failure === undefined) {
      await finish({ status: 'written', fields: Object.keys(fields), attempts: [...base.attempts, { n, at: at.toISOString(), latencyMs, outcome: 'written', ...replayMark }] }, at);
      outcomes.push({ target: target.target, status: 'written' });
      continue;
    }
    const code = errorCode(failure);
    if (failure instanceof DomainError && !failure.retryable) {
      await finish({ status: 'failed', reason: failure.message.slice(0, 300), attempts: [...base.attempts, { n, at: at.toISOString(), latencyMs, outcome: 'failed', code, ...replayMark }] }, at);
      const field = typeof failure.details?.['field'] === 'string' ? failure.details['field'] : undefined;
      outcomes.push({ target: target.target, status: 'failed', code, ...(field !== undefined ? { field } : {}) });
      continue;
    }
    const retryAfterMs = failure instanceof TransientError ? failure.retryAfterMs : undefined;
    const due = nextAttemptAt(runAttempt, at, ports.random, retryAfterMs, ports.schedule ?? DEFAULT_RETRY_SCHEDULE);
    const attempt = { n, at: at.toISOString(), latencyMs, outcome: 'retry' as const, code, ...(retryAfterMs !== undefined ? { retryAfterMs: Math.round(retryAfterMs) } : {}), ...replayMark };
    if (due === 'exhausted') {
      await finish({ status: 'exhausted', reason: `every attempt failed (last: ${code})`, attempts: [...base.attempts, attempt] }, at);
      outcomes.push({ target: target.target, status: 'exhausted', code });
      continue;
    }
    await finish({ status: 'scheduled', nextAttemptAt: due.toISOString(), attempts: [...base.attempts, attempt] }, at);
    await ports.scheduleRetry({ eventId: event.id, customerId: profile.customerId, target: target.target, dueAt: due.toISOString() }, due);
    outcomes.push({ target: target.target, status: 'scheduled', code });
  }

  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length > 0) {
    // Missing CRM fields get their own quarantine code (the fix is the field setup); every other refusal is write_back_refused.
    const code = failed.every((f) => f.code === 'crm_field_missing') ? 'crm_field_missing' : 'write_back_refused';
    throw new PermanentError(code, `CRM refused the write-back: ${failed.map((f) => `${f.target} (${f.code}${f.field !== undefined ? `: ${f.field}` : ''})`).join(', ')}`);
  }
  return { outcome: 'handled', targets: outcomes };
};
