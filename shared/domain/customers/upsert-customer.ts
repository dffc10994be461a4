import { z } from 'zod';
import type { Clock } from '../clock.js';
import { ConflictError } from '../errors.js';
import { newEvent } from '../events/new-event.js';
import { newProfile, ProfileFieldNameSchema, type CustomerProfile, type ProfileFieldName } from '../profile/customer-profile.js';
import { IdentifierSchemeSchema } from '../profile/identifiers.js';
import type { ProfileRepository } from './ports.js';

/** Body of `PUT /v1/customers/{customerId}`. */
export const UpsertCustomerSchema = z
  .object({
    kind: z.enum(['business', 'consumer']).default('business'),
    fields: z.partialRecord(ProfileFieldNameSchema, z.union([z.string().trim().min(1).max(500), z.number(), z.boolean()])).default({}),
    identifiers: z.array(z.object({ scheme: IdentifierSchemeSchema, value: z.string().trim().min(1).max(200) }).strict()).max(50).default([]),
    /** When the source observed these values; defaults to now. Older values never overwrite newer ones. */
    observedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type UpsertCustomer = z.infer<typeof UpsertCustomerSchema>;

export interface UpsertResult {
  profile: CustomerProfile;
  created: boolean;
  changedFields: string[];
}

/** Optimistic-locking retries: enough for dozens of concurrent writers on one hot customer. */
const MAX_ATTEMPTS = 50;

/** Full-jitter pause between lost races, so concurrent writers spread out instead of colliding again. */
export const conflictBackoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(250, 5 * 2 ** attempt)));

/**
 * Applies one observation of a customer to its golden profile: per field, the newest
 * observation wins (ties keep the stored value); identifiers are added with provenance.
 * Writes profile + `customer.updated` in one transaction; retries on a lost version race.
 */
export const applyObservation = (
  current: CustomerProfile,
  input: UpsertCustomer,
  source: string,
  observedAt: string,
): { profile: CustomerProfile; changedFields: string[] } => {
  const fields = { ...current.fields };
  const changedFields: string[] = [];
  for (const [name, value] of Object.entries(input.fields) as Array<[ProfileFieldName, string | number | boolean]>) {
    const existing = fields[name];
    if (existing && existing.observedAt >= observedAt) continue;
    if (existing && existing.value === value) {
      fields[name] = { ...existing, observedAt, source };
      continue;
    }
    fields[name] = { value, source, observedAt };
    changedFields.push(`fields.${name}`);
  }
  const identifiers = [...current.identifiers];
  for (const id of input.identifiers) {
    if (!identifiers.some((x) => x.scheme === id.scheme && x.value === id.value)) {
      identifiers.push({ ...id, source, observedAt });
      changedFields.push(`identifiers.${id.scheme}`);
    }
  }
  if (current.version > 0 && current.kind !== input.kind) changedFields.push('kind');
  return { profile: { ...current, kind: input.kind, fields, identifiers }, changedFields };
};

export const upsertCustomer =
  ({ profiles, clock }: { profiles: ProfileRepository; clock: Clock }) =>
  async (command: { customerId: string; input: UpsertCustomer; source: string }): Promise<UpsertResult> => {
    for (let attempt = 1; ; attempt++) {
      const now = clock.now();
      const stored = await profiles.get(command.customerId);
      const base = stored ?? newProfile(command.customerId, command.input.kind, now);
      const observedAt = command.input.observedAt ?? now.toISOString();
      const { profile, changedFields } = applyObservation(base, command.input, command.source, observedAt);
      if (stored && changedFields.length === 0) return { profile: stored, created: false, changedFields };
      const next: CustomerProfile = {
        ...profile,
        version: base.version + 1,
        sequence: base.sequence + 1,
        updatedAt: now.toISOString(),
      };
      const event = newEvent(
        'customer.updated',
        {
          profile: {
            customerId: next.customerId,
            kind: next.kind,
            status: next.status,
            fields: next.fields,
            identifiers: next.identifiers,
            version: next.version,
            updatedAt: next.updatedAt,
          },
          changedFields: stored ? changedFields : ['created', ...changedFields],
        },
        { customerId: next.customerId, sequence: next.sequence, at: now },
      );
      try {
        await profiles.commit({ profile: next, expectedVersion: base.version, events: [event] });
        return { profile: next, created: !stored, changedFields };
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        await conflictBackoff(attempt);
      }
    }
  };
