import { z } from 'zod';
import type { Clock } from '../clock.js';
import { ConflictError, DomainError, TransientError, ValidationError, type FieldIssue } from '../errors.js';
import { normaliseIdentifier } from '../identity/identifiers/normalise-identifier.js';
import { blockingKeys, isUniqueKey, subjectOfProfile } from '../identity/matching.js';
import { canonicaliseFields, CanonicalFieldsSchema } from '../profile/canonical-fields.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { CustomAttributeNameSchema, CustomValueSchema, validateCustomValues, type CustomAttribute } from '../profile/custom-attributes.js';
import { IdentifierSchemeSchema } from '../profile/identifiers.js';
import { applyCustomerRecord, type ApplyResult, type ProfileObservation } from '../profile/merge.js';
import { DEFAULT_SURVIVORSHIP, type SurvivorshipConfig } from '../profile/survivorship.js';
import { customerUpdatedEvent } from './customer-updated.js';
import type { IdentityIndex, ProfileChange, ProfileRepository } from './ports.js';
import { DEFAULT_WRITE_BUDGET, NoTimeToCommitError, UnsettledWriteError, withinBudget, type Deadline, type WriteBudget } from './write-budget.js';

/** Body of `PUT /v1/customers/{customerId}`. */
export const UpsertCustomerSchema = z
  .object({
    /** Applies on create (default `business`); on an update only when sent. */
    kind: z.enum(['business', 'consumer']).optional(),
    fields: CanonicalFieldsSchema.default({}),
    identifiers: z.array(z.object({ scheme: IdentifierSchemeSchema, value: z.string().trim().min(1).max(200) }).strict()).max(50).default([]),
    /** Values of declared custom attributes (`PUT /v1/custom-attributes/{name}`); an undeclared name or a value outside its declaration is a 422 at `custom.<name>`. */
    custom: z.record(CustomAttributeNameSchema, CustomValueSchema).optional(),
    /**
     * When the source observed these values; defaults to now. Older values never overwrite newer
     * ones; a time later than now plus the allowed clock skew is refused, so no value can be pinned.
     */
    observedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type UpsertCustomer = z.infer<typeof UpsertCustomerSchema>;

export interface UpsertResult {
  profile: CustomerProfile;
  created: boolean;
  changedFields: string[];
}

/** Full-jitter pause between lost races (merge and unmerge), so concurrent writers spread out instead of colliding again. */
export const conflictBackoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(250, 5 * 2 ** attempt)));

/**
 * Validates and normalises the identifiers of an upsert: an identifier with a bad checksum or
 * format is a 422 naming `identifiers[i].value` (nothing is written).
 */
export const normaliseUpsertIdentifiers = (input: UpsertCustomer): UpsertCustomer => {
  const issues: FieldIssue[] = [];
  const identifiers = input.identifiers.map((id, i) => {
    const n = normaliseIdentifier(id.scheme, id.value);
    if (!n.ok) {
      issues.push({ path: `identifiers[${i}].value`, message: `not a valid ${id.scheme}: ${n.reason}` });
      return id;
    }
    return { scheme: id.scheme, value: n.value };
  });
  if (issues.length) throw new ValidationError('The customer is not valid', issues);
  return { ...input, fields: canonicaliseFields(input.fields), identifiers };
};

/** How far in the future an observation time may lie (clocks drift), by default. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Refuses an observation time later than now + skew (422 at `observedAt`): a time in the future
 * would win survivorship against every later correction and pin the field.
 */
export const assertNotFuture = (observedAt: string | undefined, now: Date, maxSkewMs: number, path = 'observedAt'): void => {
  if (observedAt !== undefined && Date.parse(observedAt) > now.getTime() + maxSkewMs) {
    throw new ValidationError('The observation time lies in the future', [
      { path, message: `must not be later than now plus ${Math.round(maxSkewMs / 1000)} s of clock skew`, code: 'future_time' },
    ]);
  }
};

/**
 * Applies one API observation to the golden profile through the shared survivorship rules
 * (`applyCustomerRecord`): per field the configured rule decides (default: newest wins, ties
 * keep the stored value), identifiers are normalised and unioned with provenance.
 * `changedFields` lists `fields.<name>` and `identifiers.<scheme>` that changed.
 */
export const applyObservation = (
  current: CustomerProfile | undefined,
  customerId: string,
  input: UpsertCustomer,
  source: string,
  observedAt: string,
  at: Date,
  survivorship: SurvivorshipConfig = DEFAULT_SURVIVORSHIP,
): { result: ApplyResult; changedFields: string[] } => {
  const observation: ProfileObservation = {
    source,
    observedAt,
    ...(input.kind === undefined ? {} : { kind: input.kind }),
    fields: input.fields,
    identifiers: input.identifiers,
    ...(input.custom && Object.keys(input.custom).length > 0 ? { custom: input.custom } : {}),
  };
  const result = applyCustomerRecord(current, observation, survivorship, at, { customerId });
  const changedFields = [
    ...result.changedFields.map((f) => `fields.${f}`),
    ...result.addedIdentifiers.map((i) => `identifiers.${i.scheme}`),
    ...(result.changedCustom ?? []).map((n) => `custom.${n}`),
  ];
  if (current && input.kind !== undefined && current.kind !== input.kind) {
    result.profile.kind = input.kind;
    changedFields.push('kind');
    if (!result.changed) {
      result.changed = true;
      result.profile.version = current.version + 1;
      result.profile.sequence = current.sequence + 1;
      result.profile.updatedAt = at.toISOString();
    } else if (result.profile.sequence === current.sequence) result.profile.sequence += 1;
  }
  return { result, changedFields };
};

/**
 * A unique identifier (USCC, VAT, LEI…) held by another live customer cannot be given to this
 * one: 409 naming the identifier's path (the claim in the commit catches a racing writer) and the
 * holder, unless the caller may not see the holder (`reveals`). Returns holders that are no
 * longer live (merged), whose claims may be taken over.
 */
const refuseTakenIdentifiers = async (
  identities: IdentityIndex,
  profiles: ProfileRepository,
  customerId: string,
  keys: readonly string[],
  input: UpsertCustomer,
  reveals: (holder: CustomerProfile) => boolean = () => true,
): Promise<string[]> => {
  const stale: string[] = [];
  for (const key of keys.filter(isUniqueKey)) {
    const holderId = await identities.holderOf(key);
    if (holderId === undefined || holderId === customerId) continue;
    const holder = await profiles.get(holderId);
    if (!holder || holder.status === 'merged') {
      stale.push(holderId);
      continue;
    }
    const index = input.identifiers.findIndex((id) => `${id.scheme}#${id.value}` === key);
    const scheme = key.slice(0, key.indexOf('#'));
    if (!reveals(holder)) {
      throw new ConflictError(`identifiers[${index}].value: this ${scheme} belongs to another customer`, { retryable: false, details: { path: `identifiers[${index}].value` } });
    }
    throw new ConflictError(`identifiers[${index}].value: this ${scheme} belongs to customer ${holderId}; merge the two customers instead`, {
      retryable: false,
      details: { path: `identifiers[${index}].value`, holderId },
    });
  }
  return stale;
};

/** Custom values checked against their declarations: ValidationError (422) naming `custom.<name>`, nothing written. */
const validatedCustom = async (
  input: UpsertCustomer['custom'],
  attributes: { list(): Promise<CustomAttribute[]> } | undefined,
): Promise<Record<string, string | number | boolean>> => {
  if (input === undefined || Object.keys(input).length === 0) return {};
  const { values, issues } = validateCustomValues(input, (await attributes?.list()) ?? []);
  if (issues.length > 0) throw new ValidationError('The custom attributes are not valid', issues);
  return values;
};

/**
 * Commits one prepared profile change in a write budget's attempt. It starts only with
 * `commitReserveMs` left (else NoTimeToCommitError: nothing written) and is never aborted, so its
 * outcome is known when the answer is given. When the call fails without a verdict (connection
 * lost, timeout), the profile is read back: our version there means committed; else nothing was
 * committed (a retryable storage_busy) — an unknown error stands.
 */
export const commitOrSettle = async (profiles: ProfileRepository, change: ProfileChange, deadline: Deadline, budget: WriteBudget): Promise<void> => {
  if (deadline.remaining() < budget.commitReserveMs) throw new NoTimeToCommitError();
  try {
    await profiles.commit(change);
  } catch (error) {
    const unsettled = error instanceof UnsettledWriteError;
    if (error instanceof DomainError && !unsettled) throw error;
    const stored = await profiles.get(change.profile.customerId);
    if (stored && stored.version === change.profile.version && stored.updatedAt === change.profile.updatedAt) return;
    // The change is not there: nothing was committed, and another attempt (or the caller, after Retry-After) may try again.
    if (unsettled) throw new TransientError('storage_busy', 'The table did not confirm the write and it is not there; nothing was committed', { cause: error });
    throw error;
  }
};

/**
 * `PUT /v1/customers/{id}`: create-or-merge one observation into the golden profile. Answers
 * within `budget` with the truth (see `withinBudget`): committed, or a 409/503 with nothing
 * committed; lost version races are retried with jitter while the budget allows.
 */
export const upsertCustomer =
  ({
    profiles,
    clock,
    identities,
    survivorship,
    maxClockSkewMs = DEFAULT_MAX_CLOCK_SKEW_MS,
    customAttributes,
    budget = DEFAULT_WRITE_BUDGET,
  }: {
    profiles: ProfileRepository;
    clock: Clock;
    identities?: IdentityIndex;
    survivorship?: SurvivorshipConfig;
    maxClockSkewMs?: number;
    /** Declared custom attributes; without it any `custom` value is refused as undeclared. */
    customAttributes?: { list(): Promise<CustomAttribute[]> };
    budget?: WriteBudget;
  }) =>
  async (command: {
    customerId: string;
    input: UpsertCustomer;
    source: string;
    /** Refuses the write for the stored profile (tenancy), checked on every attempt before anything is written. */
    authorise?: (stored: CustomerProfile | undefined, input: UpsertCustomer) => void;
    /** Whether a 409 may name the customer holding a taken identifier (tenancy: only a customer the caller may see). */
    reveals?: (holder: CustomerProfile) => boolean;
  }): Promise<UpsertResult> => {
    assertNotFuture(command.input.observedAt, clock.now(), maxClockSkewMs);
    const input = normaliseUpsertIdentifiers(command.input);
    const custom = await validatedCustom(input.custom, customAttributes);
    if (input.custom !== undefined) input.custom = custom;
    return withinBudget(command.customerId, budget, async (deadline) => {
      const now = clock.now();
      const stored = await profiles.get(command.customerId, deadline.call(budget.commitReserveMs));
      command.authorise?.(stored, input);
      const observedAt = input.observedAt ?? now.toISOString();
      const { result, changedFields } = applyObservation(stored, command.customerId, input, command.source, observedAt, now, survivorship);
      if (stored && !result.changed) return { profile: stored, created: false, changedFields: [] };
      const next = result.profile;
      const observable = !stored || changedFields.length > 0;
      const events = observable && next.status !== 'pending' ? [customerUpdatedEvent(next, stored ? changedFields : ['created', ...changedFields], now)] : [];
      const had = new Set(stored ? blockingKeys(subjectOfProfile(stored)) : []);
      const keys = blockingKeys(subjectOfProfile(next)).filter((k) => !had.has(k));
      const takeFrom = identities ? await refuseTakenIdentifiers(identities, profiles, next.customerId, keys, input, command.reveals) : [];
      const change: ProfileChange = {
        profile: next,
        expectedVersion: stored?.version ?? 0,
        events,
        ...(identities && keys.length ? { extraPuts: identities.entries(next.customerId, keys, { takeFrom }) } : {}),
      };
      await commitOrSettle(profiles, change, deadline, budget);
      return { profile: next, created: !stored, changedFields };
    });
  };
