import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { EventTypeSchema } from '../events/catalogue.js';
import type { EventEnvelope } from '../events/envelope.js';

/** `sub_` + ULID. */
export const SubscriptionIdSchema = z.string().regex(/^sub_[0-9A-HJKMNP-TV-Z]{26}$/, 'sub_ followed by a ULID');

/** A Standard Webhooks secret: `whsec_` + base64 of 24 to 64 random bytes. */
export const WebhookSecretSchema = z
  .string()
  .regex(/^whsec_(?:[A-Za-z0-9+/]{4}){8,22}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'whsec_ followed by base64 of 24-64 bytes');

/** A dotted path under `data`, e.g. `rating.grade` or `profile.fields.legalName`. */
export const FieldPathSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'dotted path such as rating.grade');

/** True unless `url` parses and carries a user name or password (an unparsable URL is z.url's to report). */
const noCredentials = (url: string): boolean => {
  if (!URL.canParse(url)) return true;
  const parsed = new URL(url);
  return parsed.username === '' && parsed.password === '';
};

/**
 * Where a subscriber wants events; the SSRF guard checks it at creation and again at every send.
 * An unparsable value (`"null"`, port 99999) is an issue at this path, never an exception.
 */
export const SubscriptionUrlSchema = z
  .url({ protocol: /^https?$/, hostname: z.regexes.hostname })
  .max(2048)
  .refine(noCredentials, 'credentials in the URL are not allowed');

/** One signing secret. Several overlap during rotation; an expired one no longer signs. */
export const SubscriptionSecretSchema = z.object({
  secret: WebhookSecretSchema,
  createdAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type SubscriptionSecret = z.infer<typeof SubscriptionSecretSchema>;

/**
 * A webhook subscription: which event types go to which URL, signed with which secrets, and
 * the endpoint's health. `eventTypes` must come from the event catalogue; `fields`, when
 * present, limits `data` to those paths (see projectEnvelope). `secrets` are newest first.
 */
export const SubscriptionSchema = z.object({
  id: SubscriptionIdSchema,
  /** Principal or CRM connection that owns it (object-level checks). */
  ownerId: z.string().min(1).optional(),
  url: SubscriptionUrlSchema,
  description: z.string().max(500).optional(),
  eventTypes: z.array(EventTypeSchema).min(1),
  fields: z.array(FieldPathSchema).min(1).max(100).optional(),
  secrets: z.array(SubscriptionSecretSchema).min(1),
  enabled: z.boolean(),
  /** `pending_approval`: it carries personal data and waits for its `subscription.create` approval. */
  disabledReason: z.enum(['gone', 'sustained_failure', 'admin', 'pending_approval']).optional(),
  /** The `subscription.create` approval it waits for: disabled until another person grants it, and it cannot be enabled before. */
  pendingApproval: z.string().regex(/^apr_[0-9A-Z]{26}$/).optional(),
  disabledAt: z.iso.datetime({ offset: true }).optional(),
  /** Start of the current unbroken run of failed attempts; absent while healthy. */
  failingSince: z.iso.datetime({ offset: true }).optional(),
  consecutiveFailures: z.number().int().nonnegative(),
  /** Deliveries whose retry schedule ran out since the last success. */
  exhaustedCount: z.number().int().nonnegative(),
  lastSuccessAt: z.iso.datetime({ offset: true }).optional(),
  lastFailureAt: z.iso.datetime({ offset: true }).optional(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }).optional(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

/** API input for creating a subscription; the hub assigns id and secret. Unknown event types are refused. */
export const CreateSubscriptionSchema = z.strictObject({
  url: SubscriptionUrlSchema,
  description: z.string().max(500).optional(),
  eventTypes: z.array(EventTypeSchema).min(1).max(50).transform((types) => [...new Set(types)]),
  fields: z.array(FieldPathSchema).min(1).max(100).optional(),
});
export type CreateSubscription = z.infer<typeof CreateSubscriptionSchema>;

/**
 * Body of `PATCH /v1/subscriptions/{id}` (JSON merge patch): switch it on or off, describe it,
 * change its event types or its fields (`fields: null` drops the projection: the whole event
 * goes out). At least one member.
 */
export const SubscriptionPatchSchema = z
  .strictObject({
    enabled: z.boolean().optional(),
    description: z.string().max(500).optional(),
    eventTypes: CreateSubscriptionSchema.shape.eventTypes.optional(),
    fields: z.array(FieldPathSchema).min(1).max(100).nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one of enabled, description, eventTypes, fields');
export type SubscriptionPatch = z.infer<typeof SubscriptionPatchSchema>;

/**
 * A fresh Standard Webhooks secret: `whsec_` + base64 of 24 random bytes.
 * @example generateSecret() // 'whsec_q3v…' (38 characters)
 */
export const generateSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/** Builds a new, enabled, healthy subscription from validated API input. */
export const newSubscription = (
  input: CreateSubscription,
  ids: { id: string; secret: string; ownerId?: string },
  now: Date,
): Subscription => ({
  id: ids.id,
  ...(ids.ownerId === undefined ? {} : { ownerId: ids.ownerId }),
  url: input.url,
  ...(input.description === undefined ? {} : { description: input.description }),
  eventTypes: input.eventTypes,
  ...(input.fields === undefined ? {} : { fields: input.fields }),
  secrets: [{ secret: ids.secret, createdAt: now.toISOString() }],
  enabled: true,
  consecutiveFailures: 0,
  exhaustedCount: 0,
  createdAt: now.toISOString(),
});

/** Secrets that still sign at `now`, newest first: pass these to `sendWebhook`. */
export const activeSecrets = (subscription: Pick<Subscription, 'secrets'>, now: Date): string[] =>
  subscription.secrets
    .filter((entry) => entry.expiresAt === undefined || Date.parse(entry.expiresAt) > now.getTime())
    .map((entry) => entry.secret);

/**
 * Starts a secret rotation: a new secret goes first; every older secret still active keeps
 * signing for `overlapHours` (or less, if it already expires sooner); expired ones are dropped.
 * Receivers verify with either secret during the overlap, then only the new one.
 * @example const { subscription, secret } = rotateSecret(sub, clock.now(), 24);
 */
export const rotateSecret = (
  subscription: Subscription,
  now: Date,
  overlapHours: number,
  secret: string = generateSecret(),
): { subscription: Subscription; secret: string } => {
  const overlapEnd = now.getTime() + Math.max(0, overlapHours) * 3_600_000;
  const kept = subscription.secrets
    .filter((entry) => entry.expiresAt === undefined || Date.parse(entry.expiresAt) > now.getTime())
    .map((entry) => ({
      ...entry,
      expiresAt: new Date(Math.min(overlapEnd, entry.expiresAt === undefined ? overlapEnd : Date.parse(entry.expiresAt))).toISOString(),
    }))
    .filter((entry) => Date.parse(entry.expiresAt) > now.getTime());
  return {
    secret,
    subscription: {
      ...subscription,
      secrets: [{ secret, createdAt: now.toISOString() }, ...kept],
      updatedAt: now.toISOString(),
    },
  };
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const pick = (source: unknown, path: readonly string[]): unknown => {
  if (path.length === 0) return source;
  if (Array.isArray(source)) return source.map((item) => pick(item, path));
  if (!isPlainObject(source)) return undefined;
  const [head, ...rest] = path as [string, ...string[]];
  if (!Object.hasOwn(source, head)) return undefined;
  const inner = pick(source[head], rest);
  return inner === undefined ? undefined : { [head]: inner };
};

const merge = (left: unknown, right: unknown): unknown => {
  if (Array.isArray(left) && Array.isArray(right)) return left.map((item, index) => merge(item, right[index]));
  if (isPlainObject(left) && isPlainObject(right)) {
    const out: Record<string, unknown> = { ...left };
    for (const [key, value] of Object.entries(right)) out[key] = key in out ? merge(out[key], value) : value;
    return out;
  }
  return right === undefined ? left : right;
};

/**
 * Limits `envelope.data` to the given dotted paths, keeping their nesting; paths that cross an
 * array apply to each element; missing paths are left out. No `fields` (or an empty list) sends
 * the whole event. Envelope metadata (id, type, version, sequence…) is always kept.
 * @example projectEnvelope(evt, ['rating.grade']).data // { rating: { grade: 'B' } }
 */
export const projectEnvelope = (envelope: EventEnvelope, fields?: readonly string[]): EventEnvelope => {
  if (fields === undefined || fields.length === 0) return envelope;
  let data: Record<string, unknown> = {};
  for (const field of fields) {
    const picked = pick(envelope.data, field.split('.'));
    if (picked !== undefined) data = merge(data, picked) as Record<string, unknown>;
  }
  return { ...envelope, data };
};
