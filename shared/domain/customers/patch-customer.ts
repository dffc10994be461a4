import { z } from 'zod';
import type { Clock } from '../clock.js';
import { NotFoundError } from '../errors.js';
import { canonicaliseFields, CanonicalFieldsSchema, type CanonicalFields } from '../profile/canonical-fields.js';
import type { CustomerProfile, ProfileFieldName } from '../profile/customer-profile.js';
import type { Provenance } from '../profile/provenance.js';
import { DEFAULT_SURVIVORSHIP, recency, type SurvivorshipConfig } from '../profile/survivorship.js';
import { customerUpdatedEvent } from './customer-updated.js';
import type { ProfileRepository } from './ports.js';
import { applyObservation, assertNotFuture, commitOrSettle, DEFAULT_MAX_CLOCK_SKEW_MS, type UpsertResult } from './upsert-customer.js';
import { DEFAULT_WRITE_BUDGET, withinBudget, type WriteBudget } from './write-budget.js';

const fieldShape = CanonicalFieldsSchema.shape;
type FieldName = keyof typeof fieldShape;

/** Each canonical field as a merge patch names it: a new value, or `null` to delete it. */
const PatchFieldsSchema = z.strictObject(
  Object.fromEntries(Object.entries(fieldShape).map(([name, schema]) => [name, schema.unwrap().nullable().optional()])) as {
    [K in FieldName]: z.ZodOptional<z.ZodNullable<(typeof fieldShape)[K]['_zod']['def']['innerType']>>;
  },
);

/**
 * Body of `PATCH /v1/customers/{customerId}` (`application/merge-patch+json`, RFC 7396): a value
 * sets a field (as an observation, like PUT), `null` deletes it. The deletion keeps its provenance
 * (a tombstone: source and time), so an older observation cannot bring the value back.
 */
export const PatchCustomerSchema = z
  .strictObject({
    kind: z.enum(['business', 'consumer']).optional(),
    fields: PatchFieldsSchema.optional(),
    /** When the source observed these values and deletions; defaults to now; at most now plus the clock skew. */
    observedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: 'CustomerMergePatch' });
export type PatchCustomer = z.infer<typeof PatchCustomerSchema>;

/**
 * Deletes `names` from `profile` as of `provenance`: a field whose value is newer than the
 * deletion stays (older never overwrites newer); otherwise the value goes and a tombstone records
 * who deleted it and when. Returns the fields that were removed.
 */
export const deleteFields = (profile: CustomerProfile, names: readonly ProfileFieldName[], provenance: Provenance): ProfileFieldName[] => {
  const removed: ProfileFieldName[] = [];
  for (const name of names) {
    const current = profile.fields[name];
    const standing = profile.tombstones?.[name];
    if (current && Date.parse(current.observedAt) > Date.parse(provenance.observedAt)) continue;
    if (!current && standing && recency({ ...standing, value: '' }, { ...provenance, value: '' }) >= 0) continue;
    if (current) {
      delete profile.fields[name];
      removed.push(name);
    }
    profile.tombstones = { ...profile.tombstones, [name]: provenance };
  }
  return removed;
};

/**
 * `PATCH /v1/customers/{id}`: a merge patch on an existing customer (404 otherwise). Set values go
 * through survivorship like PUT; `null` deletes with a tombstone. One event names every changed
 * field. Answers within the write budget like PUT.
 */
export const patchCustomer =
  ({
    profiles,
    clock,
    survivorship = DEFAULT_SURVIVORSHIP,
    maxClockSkewMs = DEFAULT_MAX_CLOCK_SKEW_MS,
    budget = DEFAULT_WRITE_BUDGET,
  }: {
    profiles: ProfileRepository;
    clock: Clock;
    survivorship?: SurvivorshipConfig;
    maxClockSkewMs?: number;
    budget?: WriteBudget;
  }) =>
  async (command: { customerId: string; patch: PatchCustomer; source: string }): Promise<UpsertResult> => {
    const { patch } = command;
    assertNotFuture(patch.observedAt, clock.now(), maxClockSkewMs);
    const entries = Object.entries(patch.fields ?? {}) as Array<[ProfileFieldName, string | null | undefined]>;
    const deletions = entries.filter(([, v]) => v === null).map(([name]) => name);
    const values = canonicaliseFields(Object.fromEntries(entries.filter(([, v]) => typeof v === 'string')) as CanonicalFields);
    return withinBudget(command.customerId, budget, async (deadline) => {
      const now = clock.now();
      const stored = await profiles.get(command.customerId, deadline.call(budget.commitReserveMs));
      if (!stored || stored.status === 'merged') throw new NotFoundError(`Customer ${command.customerId}`);
      const observedAt = patch.observedAt ?? now.toISOString();
      const input = { ...(patch.kind ? { kind: patch.kind } : {}), fields: values, identifiers: [] };
      const { result, changedFields } = applyObservation(stored, command.customerId, input, command.source, observedAt, now, survivorship);
      const next = result.profile;
      const removed = deleteFields(next, deletions, { source: command.source, observedAt });
      const tombstonesChanged = JSON.stringify(next.tombstones ?? {}) !== JSON.stringify(stored.tombstones ?? {});
      if (!result.changed && removed.length === 0 && !tombstonesChanged) return { profile: stored, created: false, changedFields: [] };
      const changed = [...changedFields, ...removed.map((f) => `fields.${f}`)];
      const profile: CustomerProfile = {
        ...next,
        version: stored.version + 1,
        sequence: stored.sequence + (changed.length > 0 ? 1 : 0),
        updatedAt: now.toISOString(),
      };
      const events = changed.length > 0 && profile.status !== 'pending' ? [customerUpdatedEvent(profile, changed, now)] : [];
      await commitOrSettle(profiles, { profile, expectedVersion: stored.version, events }, deadline, budget);
      return { profile, created: false, changedFields: changed };
    });
  };
