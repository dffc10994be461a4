import { z } from 'zod';
import type { CrmCustomerRecord } from '../crm/crm-record.js';
import { ConflictError, ValidationError } from '../errors.js';
import { crmRecordIdOf } from '../identity/identifiers/crm-record-id.js';
import { normaliseIdentifier, STRONG_SCHEMES, type NormaliseOptions } from '../identity/identifiers/normalise-identifier.js';
import { addAggregates, rebaseAggregates } from './aggregate-updates.js';
import { CustomerProfileSchema, newProfile, type CustomerProfile, type ProfileFieldName } from './customer-profile.js';
import { applyCustomValues } from './custom-attributes.js';
import type { Identifier, IdentifierScheme } from './identifiers.js';
import type { Provenance, ProvenancedValue } from './provenance.js';
import { choose, DEFAULT_SURVIVORSHIP, type IgnoreReason, type SurvivorshipConfig } from './survivorship.js';

/**
 * One observation of a customer from any source (CRM record, bureau report, partner, API) in
 * the shape the golden profile consumes. `source` follows provenance.ts (`crm:<crm>:<connectionId>`,
 * `bureau:<bureau>`, …); `recordId` is the record in that source.
 */
export interface ProfileObservation {
  source: string;
  observedAt: string;
  /** The time the source sent, when it lay in the future and `observedAt` was clamped to the receive time. */
  sentAt?: string;
  recordId?: string;
  kind?: CustomerProfile['kind'];
  deleted?: boolean;
  fields: Partial<Record<ProfileFieldName, string | number | boolean>>;
  identifiers: readonly { scheme: IdentifierScheme; value: string }[];
  /** Validated values of declared custom attributes (see custom-attributes.ts). */
  custom?: Readonly<Record<string, string | number | boolean>>;
}

/** Reads a CRM customer record as an observation; its own `crm_record` id becomes an identifier. */
export const observationFromCrmRecord = (record: CrmCustomerRecord): ProfileObservation => ({
  source: `crm:${record.crm}:${record.connectionId}`,
  observedAt: record.modifiedAt,
  ...(record.sentModifiedAt ? { sentAt: record.sentModifiedAt } : {}),
  recordId: record.externalId,
  kind: record.kind,
  deleted: record.deleted,
  fields: record.fields,
  identifiers: [...record.identifiers, { scheme: 'crm_record', value: crmRecordIdOf(record) }],
  ...(record.attributes && Object.keys(record.attributes).length > 0 ? { custom: record.attributes } : {}),
});

export interface ApplyResult {
  profile: CustomerProfile;
  /** Fields whose value changed (emit events for these). */
  changedFields: ProfileFieldName[];
  /** Fields whose value stayed but whose provenance moved to a newer observation. */
  refreshedFields: ProfileFieldName[];
  ignoredFields: { field: ProfileFieldName; reason: IgnoreReason }[];
  addedIdentifiers: Identifier[];
  /** Identifiers refused by validation (scheme and reason only: values may be personal data). */
  rejectedIdentifiers: { scheme: IdentifierScheme; reason: string }[];
  /** True when the profile must be written (condition: stored version = previous version). */
  changed: boolean;
  /** Custom attributes whose value changed (`custom.<name>` in events). */
  changedCustom?: string[];
}

export interface ApplyOptions extends NormaliseOptions {
  /** Id for a new profile; defaults to one derived from the observation's source and record id. */
  customerId?: string;
}

const idKey = (id: { scheme: string; value: string }): string => `${id.scheme}#${id.value}`;

const derivedCustomerId = (obs: ProfileObservation): string => {
  if (!obs.recordId) throw new ValidationError('A new profile needs a customerId', [{ path: 'customerId', message: 'required for observations without recordId' }]);
  return `c:${obs.source}:${obs.recordId}`.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 128);
};

/**
 * Folds one customer observation into the golden profile (or creates it). Per field the
 * survivorship rule decides; an older observation never overwrites a newer one, so
 * out-of-order delivery converges. Identifiers are validated, normalised and unioned (first
 * provenance kept). `version` and `sequence` go up by one only when something changed; a
 * deleted source record changes nothing (the profile outlives its CRM records).
 * Pure: the caller persists `profile` with a condition on the previous version.
 */
export const applyCustomerRecord = (
  profile: CustomerProfile | undefined,
  record: CrmCustomerRecord | ProfileObservation,
  survivorship: SurvivorshipConfig = DEFAULT_SURVIVORSHIP,
  at: Date,
  options: ApplyOptions = {},
): ApplyResult => {
  const obs = 'crm' in record ? observationFromCrmRecord(record) : record;
  const created = profile === undefined;
  const base = profile ?? newProfile(options.customerId ?? derivedCustomerId(obs), obs.kind ?? 'business', at);
  const next: CustomerProfile = structuredClone(base);
  const result: ApplyResult = { profile: next, changedFields: [], refreshedFields: [], ignoredFields: [], addedIdentifiers: [], rejectedIdentifiers: [], changed: created };
  const provenance: Provenance = { source: obs.source, observedAt: obs.observedAt, ...(obs.recordId ? { recordId: obs.recordId } : {}), ...(obs.sentAt ? { sentAt: obs.sentAt } : {}) };

  for (const [name, value] of Object.entries(obs.fields) as [ProfileFieldName, string | number | boolean | undefined][]) {
    if (value === undefined) continue;
    if (obs.deleted) {
      result.ignoredFields.push({ field: name, reason: 'deleted' });
      continue;
    }
    const candidate: ProvenancedValue = { ...provenance, value: typeof value === 'string' ? value.trim() : value };
    // A deletion stands against every observation that is not newer than it.
    const tombstone = next.tombstones?.[name];
    if (tombstone && Date.parse(candidate.observedAt) <= Date.parse(tombstone.observedAt)) {
      result.ignoredFields.push({ field: name, reason: 'tombstoned' });
      continue;
    }
    if (tombstone && next.tombstones) {
      delete next.tombstones[name];
      if (Object.keys(next.tombstones).length === 0) delete next.tombstones;
    }
    const choice = choose(survivorship, name, next.fields[name], candidate);
    if (!choice.take) {
      result.ignoredFields.push({ field: name, reason: choice.reason });
      continue;
    }
    next.fields[name] = candidate;
    (choice.valueChanged ? result.changedFields : result.refreshedFields).push(name);
  }

  if (!obs.deleted) {
    const known = new Set(next.identifiers.map(idKey));
    for (const raw of obs.identifiers) {
      const n = normaliseIdentifier(raw.scheme, raw.value, options);
      if (!n.ok) {
        result.rejectedIdentifiers.push({ scheme: raw.scheme, reason: n.reason });
        continue;
      }
      const id: Identifier = { ...provenance, scheme: raw.scheme, value: n.value };
      if (known.has(idKey(id))) continue;
      known.add(idKey(id));
      next.identifiers.push(id);
      result.addedIdentifiers.push(id);
    }
  }

  if (!obs.deleted && obs.custom) {
    const names = applyCustomValues(next, obs.custom, provenance);
    if (names.length > 0) result.changedCustom = names;
  }

  const observable = result.changedFields.length > 0 || result.addedIdentifiers.length > 0 || (result.changedCustom?.length ?? 0) > 0;
  if (observable || result.refreshedFields.length > 0 || created) {
    result.changed = true;
    next.version = base.version + 1;
    next.sequence = base.sequence + (observable || created ? 1 : 0);
    next.updatedAt = at.toISOString();
  }
  return result;
};

/** What unmerge needs: both profiles as they were just before the merge, and the merged aggregates. */
export const MergeRecordSchema = z.object({
  survivorId: z.string(),
  absorbedId: z.string(),
  mergedAt: z.iso.datetime({ offset: true }),
  survivorBefore: CustomerProfileSchema,
  absorbedBefore: CustomerProfileSchema,
  mergedAggregates: CustomerProfileSchema.shape.aggregates,
});
export type MergeRecord = z.infer<typeof MergeRecordSchema>;

/**
 * Merges `absorbed` (active, or a pending stub) into the active `survivor`: fields by
 * survivorship (each absorbed field competes as an observation with its own provenance),
 * identifiers unioned, aggregates added, assessments unioned, a freeze on either side kept. The absorbed profile becomes `status: 'merged'` with
 * `mergedInto`. Both get version and sequence + 1; write all three items in one transaction
 * (both with version conditions) and repoint the absorbed one's identity-index keys.
 */
/** Whether `value` is no newer than the profile's tombstone for the field (a removal an older value cannot undo). */
const buried = (profile: CustomerProfile, name: ProfileFieldName, value: ProvenancedValue): boolean => {
  const tombstone = profile.tombstones?.[name];
  return tombstone !== undefined && Date.parse(value.observedAt) <= Date.parse(tombstone.observedAt);
};

/**
 * Applies other tombstones to a profile: a field no newer than a tombstone goes, and the newest
 * tombstone of a field without a value is kept (so the removal survives merge and unmerge).
 */
const applyTombstones = (profile: CustomerProfile, tombstones: CustomerProfile['tombstones']): void => {
  for (const [name, tombstone] of Object.entries(tombstones ?? {}) as [ProfileFieldName, Provenance | undefined][]) {
    if (!tombstone) continue;
    const value = profile.fields[name];
    if (value && Date.parse(value.observedAt) > Date.parse(tombstone.observedAt)) continue;
    delete profile.fields[name];
    const standing = profile.tombstones?.[name];
    if (!standing || Date.parse(standing.observedAt) < Date.parse(tombstone.observedAt)) profile.tombstones = { ...profile.tombstones, [name]: structuredClone(tombstone) };
  }
};

export const mergeProfiles = (
  survivor: CustomerProfile,
  absorbed: CustomerProfile,
  at: Date,
  survivorship: SurvivorshipConfig = DEFAULT_SURVIVORSHIP,
): { survivor: CustomerProfile; absorbed: CustomerProfile; mergeRecord: MergeRecord } => {
  if (survivor.customerId === absorbed.customerId) throw new ValidationError('Cannot merge a profile into itself', [{ path: 'absorbed', message: 'same customer' }]);
  if (survivor.status !== 'active' || absorbed.status === 'merged') throw new ConflictError('Only active profiles can be merged', { retryable: false });
  const next = structuredClone(survivor);
  for (const [name, value] of Object.entries(absorbed.fields) as [ProfileFieldName, ProvenancedValue | undefined][]) {
    if (value && !buried(next, name, value) && choose(survivorship, name, next.fields[name], value).take) next.fields[name] = structuredClone(value);
  }
  // Removals (PATCH null) on either side survive the merge: the absorbed one's tombstones apply to the survivor.
  applyTombstones(next, absorbed.tombstones);
  const known = new Set(next.identifiers.map(idKey));
  for (const id of absorbed.identifiers) if (!known.has(idKey(id))) next.identifiers.push(structuredClone(id));
  next.aggregates = addAggregates(survivor.aggregates, absorbed.aggregates, at);
  const assessments = new Set(next.assessments.map((a) => a.assessmentId));
  for (const a of absorbed.assessments) if (!assessments.has(a.assessmentId)) next.assessments.push(structuredClone(a));
  if (Object.keys(next.credit).length === 0) next.credit = structuredClone(absorbed.credit);
  if (!next.freeze && absorbed.freeze) next.freeze = structuredClone(absorbed.freeze);
  next.version += 1;
  next.sequence += 1;
  next.updatedAt = at.toISOString();
  // A pending stub never published, so its absorption is no event of its own.
  const gone: CustomerProfile = { ...structuredClone(absorbed), status: 'merged', mergedInto: survivor.customerId, version: absorbed.version + 1, sequence: absorbed.sequence + (absorbed.status === 'pending' ? 0 : 1), updatedAt: at.toISOString() };
  return {
    survivor: next,
    absorbed: gone,
    mergeRecord: {
      survivorId: survivor.customerId,
      absorbedId: absorbed.customerId,
      mergedAt: at.toISOString(),
      survivorBefore: structuredClone(survivor),
      absorbedBefore: structuredClone(absorbed),
      mergedAggregates: structuredClone(next.aggregates),
    },
  };
};

const originOf = (p: Provenance): string => `${p.source}\u0000${p.recordId ?? ''}`;
const originsOf = (profile: CustomerProfile): Set<string> =>
  new Set([...Object.values(profile.fields).filter((v): v is ProvenancedValue => !!v).map(originOf), ...profile.identifiers.map(originOf)]);

/** What an unmerge replays: the last stored record of each CRM origin of either side. */
export interface UnmergeReplay {
  survivor?: readonly (CrmCustomerRecord | ProfileObservation)[];
  absorbed?: readonly (CrmCustomerRecord | ProfileObservation)[];
}

/**
 * Undoes a merge without losing what either side's sources sent since. An origin (source +
 * recordId) "belongs to the absorbed" when it fed the absorbed profile before the merge and not
 * the survivor. Then:
 * - survivor fields whose provenance belongs to the absorbed revert to the survivor's
 *   pre-merge value (or disappear) and compete, by survivorship, for the restored absorbed
 *   profile: a value the absorbed origin sent after the merge moves there, whatever its
 *   observation time; everything else (the survivor's or new sources) stays;
 * - identifiers the survivor did not have before and that belong to the absorbed are taken back;
 * - `replay` folds in the last record of each side's CRM origins (what the use case reads from
 *   the source-record store): values an origin sent after the merge that lost survivorship on
 *   the merged profile, or that the revert removed, come back on their own side. A unique
 *   identifier that ends up on both sides stays where it was before the merge;
 * - aggregates = survivor before merge + (current − aggregates at merge). Events after the
 *   merge cannot be attributed from aggregates alone, so they all stay with the survivor.
 * The absorbed profile is its pre-merge snapshot (+ moved values), active again (a pending stub
 * that still has no fields stays pending), version and sequence + 2 (merge and unmerge).
 * Assessments from the absorbed are removed from the survivor.
 */
export const unmerge = (
  mergeRecord: MergeRecord,
  currentSurvivor: CustomerProfile,
  at: Date,
  survivorship: SurvivorshipConfig = DEFAULT_SURVIVORSHIP,
  replay: UnmergeReplay = {},
): { survivor: CustomerProfile; absorbed: CustomerProfile } => {
  if (currentSurvivor.customerId !== mergeRecord.survivorId) throw new ValidationError('Merge record belongs to another survivor', [{ path: 'survivorId', message: 'mismatch' }]);
  const before = mergeRecord.survivorBefore;
  const absorbedBefore = mergeRecord.absorbedBefore;
  const theirs = originsOf(absorbedBefore);
  const mine = originsOf(before);
  const belongsToAbsorbed = (p: Provenance): boolean => theirs.has(originOf(p)) && !mine.has(originOf(p));

  let survivor = structuredClone(currentSurvivor);
  let absorbed: CustomerProfile = structuredClone(absorbedBefore);
  for (const [name, value] of Object.entries(currentSurvivor.fields) as [ProfileFieldName, ProvenancedValue | undefined][]) {
    if (!value || !belongsToAbsorbed(value)) continue;
    const prior = before.fields[name];
    if (prior && !buried(currentSurvivor, name, prior)) survivor.fields[name] = structuredClone(prior);
    else delete survivor.fields[name];
    const kept = absorbed.fields[name];
    if (!kept || choose(survivorship, name, kept, value).take) absorbed.fields[name] = structuredClone(value);
  }
  const survivorKeys = new Set(before.identifiers.map(idKey));
  const absorbedKeys = new Set(absorbedBefore.identifiers.map(idKey));
  survivor.identifiers = currentSurvivor.identifiers.filter((id) => {
    if (survivorKeys.has(idKey(id))) return true;
    const fromAbsorbed = absorbedKeys.has(idKey(id)) || belongsToAbsorbed(id);
    if (fromAbsorbed && !absorbedKeys.has(idKey(id))) absorbed.identifiers.push(structuredClone(id));
    return !fromAbsorbed;
  });
  // A field removed on the merged record stays removed on both sides (unless a side holds a newer value).
  applyTombstones(absorbed, currentSurvivor.tombstones);
  for (const record of replay.absorbed ?? []) absorbed = applyCustomerRecord(absorbed, record, survivorship, at).profile;
  for (const record of replay.survivor ?? []) survivor = applyCustomerRecord(survivor, record, survivorship, at).profile;
  const onSurvivor = new Set(survivor.identifiers.filter((id) => STRONG_SCHEMES.has(id.scheme)).map(idKey));
  const shared = new Set(absorbed.identifiers.map(idKey).filter((k) => onSurvivor.has(k)));
  if (shared.size > 0) {
    survivor.identifiers = survivor.identifiers.filter((id) => !shared.has(idKey(id)) || survivorKeys.has(idKey(id)));
    absorbed.identifiers = absorbed.identifiers.filter((id) => !shared.has(idKey(id)) || !survivorKeys.has(idKey(id)));
  }
  survivor.aggregates = rebaseAggregates(before.aggregates, currentSurvivor.aggregates, mergeRecord.mergedAggregates, at);
  const ownAssessments = new Set(before.assessments.map((a) => a.assessmentId));
  const absorbedAssessments = new Set(absorbedBefore.assessments.map((a) => a.assessmentId));
  survivor.assessments = currentSurvivor.assessments.filter((a) => ownAssessments.has(a.assessmentId) || !absorbedAssessments.has(a.assessmentId));
  if (!before.freeze && absorbedBefore.freeze && survivor.freeze?.frozenAt === absorbedBefore.freeze.frozenAt) delete survivor.freeze;
  survivor.version = currentSurvivor.version + 1;
  survivor.sequence = currentSurvivor.sequence + 1;
  survivor.updatedAt = at.toISOString();
  absorbed.status = absorbedBefore.status === 'pending' && Object.keys(absorbed.fields).length === 0 ? 'pending' : 'active';
  delete absorbed.mergedInto;
  absorbed.version = absorbedBefore.version + 2;
  absorbed.sequence = absorbedBefore.sequence + (absorbed.status === 'pending' ? 0 : 2);
  absorbed.updatedAt = at.toISOString();
  return { survivor, absorbed };
};
