import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { CrmName } from '../../../shared/domain/crm/crm-record.js';
import type { ConnectionConfig } from '../../../shared/domain/crm/field-mapping.js';
import type { CrmWriteBack } from '../../../shared/domain/crm/write-back.js';
import { CrmFieldMissingError } from '../../../shared/domain/crm/crm-fields.js';
import { PermanentError, TransientError } from '../../../shared/domain/errors.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import { newEvent } from '../../../shared/domain/events/new-event.js';
import { newProfile, type CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';
import { writeBackEvent, WRITE_BACK_LEASE_MS, type WriteBackPorts } from '../../../shared/domain/outbound/write-back-event.js';
import type { WriteBackMessage, WriteBackRecord } from '../../../shared/domain/outbound/write-back-record.js';

const CUSTOMER = 'wb-cust-1';
const T0 = new Date('2025-03-01T10:00:00.000Z');
const HUBSPOT = 'hubspot:conn-hs:9100000001';
const ZOHO = 'zoho:conn-zoho:5000000000001';

const connection = (connectionId: string, crm: CrmName, fields: Record<string, string>): ConnectionConfig => ({
  connectionId,
  crm,
  objects: {},
  credentials: {},
  integrationUsers: [],
  writeBack: { objectName: 'companies', fields },
});

const ratingChanged = (sequence: number, grade: string, at = T0): EventEnvelope =>
  newEvent(
    'rating.changed',
    {
      current: { status: 'rated', policyVersion: 1, score: 612, grade, pd: 0.031, reasons: [{ code: 'R01', text: 'Short trading history' }], ratedAt: at.toISOString() },
      changed: ['grade'],
    },
    { customerId: CUSTOMER, sequence, at },
  );

const profileWith = (...targets: string[]): CustomerProfile => ({
  ...newProfile(CUSTOMER, 'business', T0),
  identifiers: targets.map((value) => ({ scheme: 'crm_record' as const, value, source: 'test', observedAt: T0.toISOString() })),
});

/**
 * A CRM fake: records every call as it starts (`writes`) and the record's state as each call lands
 * (`state`); `respond` decides per call (resolve, throw, or wait for a gate).
 */
const fakeCrm = (crm: CrmName, respond: (externalId: string, fields: Record<string, unknown>) => Promise<void> = async () => undefined) => {
  const writes: Array<{ externalId: string; fields: Record<string, unknown> }> = [];
  const state = new Map<string, Record<string, unknown>>();
  const client: CrmWriteBack = {
    crm,
    async update(_connection, externalId, fields) {
      writes.push({ externalId, fields });
      await respond(externalId, fields);
      state.set(externalId, { ...state.get(externalId), ...fields });
      return { status: 'updated', crm, externalId, objectName: 'companies', fields: Object.keys(fields) };
    },
  };
  return { client, writes, state };
};

/** In-memory log with the same claim/lease semantics as writeback-store.ts. */
const memoryLog = () => {
  const records = new Map<string, { record: WriteBackRecord; revision: number }>();
  const states = new Map<string, { lastSequence: number; lastEventId: string; leaseEventId?: string; leaseUntil?: number }>();
  const log: WriteBackPorts['log'] = {
    async get(customerId, eventId, target) {
      return records.get(`${customerId}|${eventId}|${target}`);
    },
    async put(record, expectedRevision) {
      const key = `${record.customerId}|${record.eventId}|${record.target}`;
      if (records.get(key)?.revision !== expectedRevision) throw new Error(`revision conflict on ${key}`);
      records.set(key, { record, revision: (expectedRevision ?? 0) + 1 });
    },
    async claim(key, sequence, eventId, at, leaseUntil) {
      const state = states.get(key);
      const newerOrSame = state === undefined || state.lastSequence < sequence || (state.lastSequence === sequence && state.lastEventId === eventId);
      const free = state?.leaseUntil === undefined || state.leaseUntil <= at.getTime() || state.leaseEventId === eventId;
      if (newerOrSame && free) {
        states.set(key, { lastSequence: sequence, lastEventId: eventId, leaseEventId: eventId, leaseUntil: leaseUntil.getTime() });
        return 'claimed';
      }
      return newerOrSame ? 'busy' : 'superseded';
    },
    async release(key, eventId) {
      const state = states.get(key);
      if (state?.leaseEventId !== eventId) return 'lost';
      states.set(key, { lastSequence: state.lastSequence, lastEventId: state.lastEventId });
      return 'released';
    },
  };
  return { log, records, states, record: (eventId: string, target: string) => records.get(`${CUSTOMER}|${eventId}|${target}`)?.record };
};

const setup = (options: { events: EventEnvelope[]; profile?: CustomerProfile; connections?: ConnectionConfig[]; crms?: Partial<Record<CrmName, CrmWriteBack>>; random?: number }) => {
  const clock = fixedClock(T0);
  const memory = memoryLog();
  const retries: Array<{ message: WriteBackMessage; dueAt: Date }> = [];
  const fingerprints: unknown[] = [];
  const ports: WriteBackPorts = {
    events: { get: async (id) => options.events.find((e) => e.id === id) },
    profiles: { get: async (id) => (options.profile?.customerId === id ? options.profile : undefined) },
    connections: { get: async (id) => options.connections?.find((c) => c.connectionId === id) },
    writeBacks: options.crms ?? {},
    log: memory.log,
    fingerprints: { put: async (f) => void fingerprints.push(f) },
    scheduleRetry: async (message, dueAt) => void retries.push({ message, dueAt }),
    clock,
    random: () => options.random ?? 0.5,
  };
  return { run: writeBackEvent(ports), clock, memory, retries, fingerprints };
};

const HS_CONNECTION = connection('conn-hs', 'hubspot', { grade: 'riskbridge_grade', score: 'riskbridge_score', limit: 'riskbridge_credit_limit' });

describe('writeBackEvent', () => {
  it('writes only the rating fields the connection maps, logs the attempt and stores the loop-guard fingerprint', async () => {
    // Prepare
    const event = ratingChanged(5, 'B');
    const crm = fakeCrm('hubspot');
    const { run, memory, fingerprints } = setup({ events: [event], profile: profileWith(HUBSPOT), connections: [HS_CONNECTION], crms: { hubspot: crm.client } });

    // Act
    const result = await run({ eventId: event.id, customerId: CUSTOMER });

    // Assess
    expect(result).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'written' }] });
    expect(crm.writes).toEqual([{ externalId: '9100000001', fields: { riskbridge_grade: 'B', riskbridge_score: 612 } }]);
    expect(memory.record(event.id, HUBSPOT)).toMatchObject({ status: 'written', sequence: 5, fields: ['riskbridge_grade', 'riskbridge_score'], attempts: [{ n: 1, outcome: 'written' }] });
    expect(fingerprints).toHaveLength(1);
    expect(memory.states.get(`${HUBSPOT}#rating.changed`)).toEqual({ lastSequence: 5, lastEventId: event.id });
  });

  it('does not write a record again when the same message comes back', async () => {
    // Prepare
    const event = ratingChanged(5, 'B');
    const crm = fakeCrm('hubspot');
    const { run } = setup({ events: [event], profile: profileWith(HUBSPOT), connections: [HS_CONNECTION], crms: { hubspot: crm.client } });
    await run({ eventId: event.id, customerId: CUSTOMER });

    // Act
    const again = await run({ eventId: event.id, customerId: CUSTOMER });

    // Assess
    expect(again).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'already_done' }] });
    expect(crm.writes).toHaveLength(1);
  });

  it('re-enqueues a throttled record after the CRM’s Retry-After, as a delayed message for that record only', async () => {
    // Prepare
    const event = ratingChanged(5, 'B');
    const crm = fakeCrm('hubspot', async () => {
      throw new TransientError('crm_rate_limited', 'slow down', { retryAfterMs: 90_000 });
    });
    const { run, memory, retries } = setup({ events: [event], profile: profileWith(HUBSPOT), connections: [HS_CONNECTION], crms: { hubspot: crm.client } });

    // Act
    const result = await run({ eventId: event.id, customerId: CUSTOMER });

    // Assess
    expect(result).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'scheduled', code: 'crm_rate_limited' }] });
    const due = new Date(T0.getTime() + 90_000);
    expect(retries).toEqual([{ message: { eventId: event.id, customerId: CUSTOMER, target: HUBSPOT, dueAt: due.toISOString() }, dueAt: due }]);
    expect(memory.record(event.id, HUBSPOT)).toMatchObject({
      status: 'scheduled',
      nextAttemptAt: due.toISOString(),
      attempts: [{ n: 1, outcome: 'retry', code: 'crm_rate_limited', retryAfterMs: 90_000 }],
    });
    expect(memory.states.get(`${HUBSPOT}#rating.changed`)?.leaseEventId).toBeUndefined();
  });

  it('parks a retry due beyond SQS’s 15 minutes: an early arrival hops again without calling the CRM, the due one writes', async () => {
    // Prepare
    const event = ratingChanged(5, 'B');
    let throttled = true;
    const crm = fakeCrm('hubspot', async () => {
      if (throttled) throw new TransientError('crm_rate_limited', 'daily quota', { retryAfterMs: 2 * 3_600_000 });
    });
    const { run, clock, memory, retries } = setup({ events: [event], profile: profileWith(HUBSPOT), connections: [HS_CONNECTION], crms: { hubspot: crm.client } });
    await run({ eventId: event.id, customerId: CUSTOMER });
    const parked = retries[0];
    throttled = false;

    // Act
    clock.advance(15 * 60_000);
    const early = await run(parked!.message);
    clock.set(parked!.dueAt);
    const due = await run(parked!.message);

    // Assess
    expect(parked?.dueAt.getTime()).toBe(T0.getTime() + 2 * 3_600_000);
    expect(early).toEqual({ outcome: 'deferred' });
    expect(retries[1]).toEqual(parked);
    expect(due).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'written' }] });
    expect(crm.writes).toHaveLength(2);
    expect(memory.record(event.id, HUBSPOT)?.attempts.map((a) => a.outcome)).toEqual(['retry', 'written']);
  });

  it('marks a record exhausted after the last scheduled attempt', async () => {
    // Prepare
    const event = ratingChanged(5, 'B');
    const crm = fakeCrm('hubspot', async () => {
      throw new TransientError('crm_unavailable', 'down');
    });
    const { run, memory, retries } = setup({ events: [event], profile: profileWith(HUBSPOT), connections: [HS_CONNECTION], crms: { hubspot: crm.client } });

    // Act: the default schedule has 8 attempts; drive every retry as it comes due.
    let message: WriteBackMessage = { eventId: event.id, customerId: CUSTOMER };
    for (let i = 0; i < 8; i++) {
      await run(message);
      const next = retries.at(-1);
      if (i < 7) message = { ...next!.message, dueAt: undefined };
    }

    // Assess
    expect(memory.record(event.id, HUBSPOT)).toMatchObject({ status: 'exhausted', reason: 'every attempt failed (last: crm_unavailable)' });
    expect(memory.record(event.id, HUBSPOT)?.attempts).toHaveLength(8);
    expect(retries).toHaveLength(7);
    expect(crm.writes).toHaveLength(8);
  });

  it('marks a refused record failed with the reason and quarantines the message after writing the other records', async () => {
    // Prepare
    const event = ratingChanged(5, 'B');
    const hubspot = fakeCrm('hubspot', async () => {
      throw new PermanentError('crm_record_not_found', 'HubSpot has no company 9100000001');
    });
    const zoho = fakeCrm('zoho');
    const { run, memory } = setup({
      events: [event],
      profile: profileWith(HUBSPOT, ZOHO),
      connections: [HS_CONNECTION, connection('conn-zoho', 'zoho', { grade: 'Risk_Grade' })],
      crms: { hubspot: hubspot.client, zoho: zoho.client },
    });

    // Act
    const outcome = run({ eventId: event.id, customerId: CUSTOMER });

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: 'PermanentError', code: 'write_back_refused', retryable: false });
    await expect(outcome).rejects.toThrow(`${HUBSPOT} (crm_record_not_found)`);
    expect(memory.record(event.id, HUBSPOT)).toMatchObject({ status: 'failed', reason: 'HubSpot has no company 9100000001', attempts: [{ outcome: 'failed', code: 'crm_record_not_found' }] });
    expect(memory.record(event.id, ZOHO)?.status).toBe('written');
    expect(zoho.writes).toEqual([{ externalId: '5000000000001', fields: { Risk_Grade: 'B' } }]);
  });

  it('logs an event older than the one last written to a record as superseded and does not send it', async () => {
    // Prepare
    const newer = ratingChanged(7, 'A');
    const older = ratingChanged(6, 'D');
    const crm = fakeCrm('hubspot');
    const { run, memory } = setup({ events: [newer, older], profile: profileWith(HUBSPOT), connections: [HS_CONNECTION], crms: { hubspot: crm.client } });
    await run({ eventId: newer.id, customerId: CUSTOMER });

    // Act
    const result = await run({ eventId: older.id, customerId: CUSTOMER });

    // Assess
    expect(result).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'superseded' }] });
    expect(memory.record(older.id, HUBSPOT)).toMatchObject({ status: 'superseded', attempts: [] });
    expect(crm.writes.map((w) => w.fields['riskbridge_grade'])).toEqual(['A']);
  });

  it('skips a customer without CRM records: nothing to call, nothing logged', async () => {
    // Prepare
    const event = ratingChanged(5, 'B');
    const crm = fakeCrm('hubspot');
    const { run, memory } = setup({ events: [event], profile: profileWith(), connections: [HS_CONNECTION], crms: { hubspot: crm.client } });

    // Act
    const result = await run({ eventId: event.id, customerId: CUSTOMER });

    // Assess
    expect(result).toEqual({ outcome: 'handled', targets: [] });
    expect(crm.writes).toEqual([]);
    expect(memory.records.size).toBe(0);
  });

  it('logs a record whose connection no longer exists with the reason, without calling any CRM', async () => {
    // Prepare
    const event = ratingChanged(5, 'B');
    const crm = fakeCrm('hubspot');
    const { run, memory } = setup({ events: [event], profile: profileWith(HUBSPOT), connections: [], crms: { hubspot: crm.client } });

    // Act
    const result = await run({ eventId: event.id, customerId: CUSTOMER });

    // Assess
    expect(result).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'skipped', code: 'connection_not_found' }] });
    expect(memory.record(event.id, HUBSPOT)).toMatchObject({ status: 'skipped', reason: 'connection_not_found' });
    expect(crm.writes).toEqual([]);
  });

  it('refuses messages it cannot act on with a stable reason (quarantined by the consumer)', async () => {
    // Prepare
    const event = ratingChanged(5, 'B');
    const { run } = setup({ events: [event], connections: [HS_CONNECTION] });

    // Act / Assess
    await expect(run({ eventId: 'evt_01J00000000000000000000000', customerId: CUSTOMER })).rejects.toMatchObject({ code: 'event_expired', retryable: false });
    await expect(run({ eventId: event.id, customerId: 'someone-else' })).rejects.toMatchObject({ code: 'customer_mismatch' });
    await expect(run({ eventId: event.id, customerId: CUSTOMER })).rejects.toMatchObject({ code: 'customer_not_found' });
  });

  describe('ordering race: two events in flight for the same CRM record', () => {
    it('holds back a newer event while an older one is being written, then writes the newer one last', async () => {
      // Prepare
      const older = ratingChanged(5, 'C');
      const newer = ratingChanged(6, 'A');
      let releaseOlder: () => void = () => undefined;
      const olderInFlight = new Promise<void>((resolve) => (releaseOlder = resolve));
      let olderStarted: () => void = () => undefined;
      const started = new Promise<void>((resolve) => (olderStarted = resolve));
      const crm = fakeCrm('hubspot', async (_id, fields) => {
        if (fields['riskbridge_grade'] === 'C') {
          olderStarted();
          await olderInFlight;
        }
      });
      const { run, memory, retries } = setup({ events: [older, newer], profile: profileWith(HUBSPOT), connections: [HS_CONNECTION], crms: { hubspot: crm.client } });

      // Act
      const first = run({ eventId: older.id, customerId: CUSTOMER });
      await started;
      const second = await run({ eventId: newer.id, customerId: CUSTOMER });
      releaseOlder();
      await first;
      const retried = await run({ ...retries[0]!.message, dueAt: undefined });

      // Assess
      expect(second).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'scheduled', code: 'record_busy' }] });
      expect(retries).toHaveLength(1);
      expect(retries[0]?.message).toMatchObject({ eventId: newer.id, target: HUBSPOT });
      expect(retried).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'written' }] });
      expect(crm.writes.map((w) => w.fields['riskbridge_grade'])).toEqual(['C', 'A']);
      expect(crm.state.get('9100000001')?.['riskbridge_grade']).toBe('A');
      expect(memory.states.get(`${HUBSPOT}#rating.changed`)).toEqual({ lastSequence: 6, lastEventId: newer.id });
    });

    it('supersedes an older event that arrives while a newer one is being written', async () => {
      // Prepare
      const older = ratingChanged(5, 'C');
      const newer = ratingChanged(6, 'A');
      let releaseNewer: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (releaseNewer = resolve));
      let newerStarted: () => void = () => undefined;
      const started = new Promise<void>((resolve) => (newerStarted = resolve));
      const crm = fakeCrm('hubspot', async (_id, fields) => {
        if (fields['riskbridge_grade'] === 'A') {
          newerStarted();
          await gate;
        }
      });
      const { run } = setup({ events: [older, newer], profile: profileWith(HUBSPOT), connections: [HS_CONNECTION], crms: { hubspot: crm.client } });

      // Act
      const first = run({ eventId: newer.id, customerId: CUSTOMER });
      await started;
      const stale = await run({ eventId: older.id, customerId: CUSTOMER });
      releaseNewer();
      await first;

      // Assess
      expect(stale).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'superseded' }] });
      expect(crm.writes.map((w) => w.fields['riskbridge_grade'])).toEqual(['A']);
      expect(crm.state.get('9100000001')?.['riskbridge_grade']).toBe('A');
    });

    it('frees the record after a lease that was never released (worker died) expires', async () => {
      // Prepare
      const older = ratingChanged(5, 'C');
      const newer = ratingChanged(6, 'A');
      const crm = fakeCrm('hubspot');
      const { run, clock, memory } = setup({ events: [older, newer], profile: profileWith(HUBSPOT), connections: [HS_CONNECTION], crms: { hubspot: crm.client } });
      await memory.log.claim(`${HUBSPOT}#rating.changed`, 5, older.id, T0, new Date(T0.getTime() + WRITE_BACK_LEASE_MS));

      // Act
      const whileHeld = await run({ eventId: newer.id, customerId: CUSTOMER });
      clock.advance(WRITE_BACK_LEASE_MS);
      const afterExpiry = await run({ eventId: newer.id, customerId: CUSTOMER, target: HUBSPOT });

      // Assess
      expect(whileHeld.outcome === 'handled' && whileHeld.targets[0]?.code).toBe('record_busy');
      expect(afterExpiry).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'written' }] });
    });

    it('gives the lease back even when the CRM call throws', async () => {
      // Prepare
      const event = ratingChanged(5, 'B');
      const crm = fakeCrm('hubspot', async () => {
        throw new Error('socket hang up');
      });
      const { run, memory } = setup({ events: [event], profile: profileWith(HUBSPOT), connections: [HS_CONNECTION], crms: { hubspot: crm.client } });

      // Act
      const result = await run({ eventId: event.id, customerId: CUSTOMER });

      // Assess
      expect(result).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'scheduled', code: 'unexpected' }] });
      expect(memory.states.get(`${HUBSPOT}#rating.changed`)).toEqual({ lastSequence: 5, lastEventId: event.id });
    });
  });

  describe('replay', () => {
    it('writes an already written record again, marking the attempt as a replay', async () => {
      // Prepare
      const event = ratingChanged(5, 'B');
      const crm = fakeCrm('hubspot');
      const { run, memory } = setup({ events: [event], profile: profileWith(HUBSPOT), connections: [HS_CONNECTION], crms: { hubspot: crm.client } });
      await run({ eventId: event.id, customerId: CUSTOMER });

      // Act
      const replayed = await run({ eventId: event.id, customerId: CUSTOMER, target: HUBSPOT, replay: true });

      // Assess
      expect(replayed).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'written' }] });
      expect(crm.writes).toHaveLength(2);
      expect(memory.record(event.id, HUBSPOT)?.attempts).toEqual([
        expect.objectContaining({ n: 1, outcome: 'written' }),
        expect.objectContaining({ n: 2, outcome: 'written', replay: true }),
      ]);
    });

    it('never replays an older event over a newer one', async () => {
      // Prepare
      const older = ratingChanged(5, 'C');
      const newer = ratingChanged(6, 'A');
      const crm = fakeCrm('hubspot');
      const { run, memory } = setup({ events: [older, newer], profile: profileWith(HUBSPOT), connections: [HS_CONNECTION], crms: { hubspot: crm.client } });
      await run({ eventId: older.id, customerId: CUSTOMER });
      await run({ eventId: newer.id, customerId: CUSTOMER });

      // Act
      const replayed = await run({ eventId: older.id, customerId: CUSTOMER, replay: true });

      // Assess
      expect(replayed).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'superseded' }] });
      expect(crm.writes.map((w) => w.fields['riskbridge_grade'])).toEqual(['C', 'A']);
      expect(memory.record(older.id, HUBSPOT)?.status).toBe('superseded');
    });
  });

  describe('credit hold', () => {
    const HOLD_CONNECTION = connection('conn-hs', 'hubspot', {
      grade: 'riskbridge_grade',
      limit: 'riskbridge_credit_limit',
      creditHold: 'riskbridge_credit_hold',
      holdReason: 'riskbridge_hold_reason',
    });
    const ratedAt = (amountMinor: number): CustomerProfile => ({
      ...profileWith(HUBSPOT),
      rating: { status: 'rated', policyVersion: 2, grade: 'B', reasons: [], limit: { recommended: { amountMinor, currency: 'EUR' }, factors: [] }, inputsHash: 'h', ratedAt: T0.toISOString() },
    });
    const frozen = (sequence: number, reason: string) => newEvent('customer.frozen', { reason, frozenAt: T0.toISOString(), by: 'person:risk-1' }, { customerId: CUSTOMER, sequence, at: T0 });
    const unfrozen = (sequence: number) => newEvent('customer.unfrozen', { reason: 'Dispute settled', unfrozenAt: T0.toISOString(), by: 'person:risk-1' }, { customerId: CUSTOMER, sequence, at: T0 });

    it('writes the hold flag, the reason and a limit of 0 for a freeze, before any recompute changed the limit', async () => {
      // Prepare: rated at 25 000.00 EUR, then frozen
      const event = frozen(7, 'Payment dispute escalated');
      const profile = { ...ratedAt(2_500_000), freeze: { reason: 'Payment dispute escalated', frozenAt: T0.toISOString(), by: 'person:risk-1' } };
      const crm = fakeCrm('hubspot');
      const { run, memory } = setup({ events: [event], profile, connections: [HOLD_CONNECTION], crms: { hubspot: crm.client } });
      // Act
      const result = await run({ eventId: event.id, customerId: CUSTOMER });
      // Assess: the hold part only, never the grade
      expect(result).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'written' }] });
      expect(crm.writes).toEqual([{ externalId: '9100000001', fields: { riskbridge_credit_limit: 0, riskbridge_credit_hold: true, riskbridge_hold_reason: 'Payment dispute escalated' } }]);
      expect(memory.states.has(`${HUBSPOT}#limit.changed`)).toBe(true);
    });

    it('clears the hold and its reason for an unfreeze, and a limit change carries the hold as it stands', async () => {
      const lift = unfrozen(9);
      const limit = newEvent('limit.changed', { current: { recommended: { amountMinor: 2_500_000, currency: 'EUR' }, factors: [], policyVersion: 2 }, reasons: [] }, { customerId: CUSTOMER, sequence: 10, at: T0 });
      const crm = fakeCrm('hubspot');
      const { run } = setup({ events: [lift, limit], profile: ratedAt(0), connections: [HOLD_CONNECTION], crms: { hubspot: crm.client } });
      await run({ eventId: lift.id, customerId: CUSTOMER });
      await run({ eventId: limit.id, customerId: CUSTOMER });
      expect(crm.writes.map((w) => w.fields)).toEqual([
        { riskbridge_credit_limit: 0, riskbridge_credit_hold: false, riskbridge_hold_reason: '' },
        { riskbridge_credit_limit: 25000, riskbridge_credit_hold: false, riskbridge_hold_reason: '' },
      ]);
    });

    it('orders freezes, unfreezes and limit changes in one stream: an older freeze never lands after a newer unfreeze', async () => {
      const freeze = frozen(7, 'Fraud suspicion');
      const lift = unfrozen(9);
      const crm = fakeCrm('hubspot');
      const { run } = setup({ events: [freeze, lift], profile: ratedAt(100_000), connections: [HOLD_CONNECTION], crms: { hubspot: crm.client } });
      await run({ eventId: lift.id, customerId: CUSTOMER });
      const late = await run({ eventId: freeze.id, customerId: CUSTOMER });
      expect(late).toEqual({ outcome: 'handled', targets: [{ target: HUBSPOT, status: 'superseded' }] });
      expect(crm.writes).toHaveLength(1);
    });

    it('cuts a long reason to the 255 characters the CRM field holds', async () => {
      const reason = `Escalated: ${'x'.repeat(400)}`;
      const event = frozen(7, reason);
      const profile = { ...ratedAt(0), freeze: { reason, frozenAt: T0.toISOString(), by: 'person:risk-1' } };
      const crm = fakeCrm('hubspot');
      const { run } = setup({ events: [event], profile, connections: [HOLD_CONNECTION], crms: { hubspot: crm.client } });
      await run({ eventId: event.id, customerId: CUSTOMER });
      const written = String(crm.writes[0]?.fields['riskbridge_hold_reason']);
      expect([...written]).toHaveLength(255);
      expect(written.startsWith('Escalated: xxx')).toBe(true);
      expect(written.endsWith('…')).toBe(true);
    });

    it('quarantines a write-back the CRM refuses for a missing field with crm_field_missing and the field, without retrying', async () => {
      const event = frozen(7, 'Fraud suspicion');
      const profile = { ...ratedAt(0), freeze: { reason: 'Fraud suspicion', frozenAt: T0.toISOString(), by: 'person:risk-1' } };
      const crm = fakeCrm('hubspot', async () => {
        throw new CrmFieldMissingError('hubspot', 'riskbridge_credit_hold');
      });
      const { run, memory, retries } = setup({ events: [event], profile, connections: [HOLD_CONNECTION], crms: { hubspot: crm.client } });
      const failure = await run({ eventId: event.id, customerId: CUSTOMER }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PermanentError);
      expect(failure).toMatchObject({ code: 'crm_field_missing', retryable: false });
      expect((failure as PermanentError).message).toContain(`${HUBSPOT} (crm_field_missing: riskbridge_credit_hold)`);
      expect(retries).toEqual([]);
      expect(memory.record(event.id, HUBSPOT)).toMatchObject({ status: 'failed', reason: expect.stringContaining('riskbridge_credit_hold') });
    });
  });
});
