import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLE_SCOPES, RoleSchema, ScopeSchema, type Principal, type Role, type Scope } from './principal.js';
import { ValidationError } from '../errors.js';

/**
 * API keys look like `rbk_<keyId>.<secret>`: the key id finds the record, the secret is
 * compared by hash. Secrets are 32 random bytes, so a fast hash (SHA-256) is enough: there is
 * nothing to brute-force that a slow KDF would protect. Only the hash is ever stored.
 */
const KEY_PATTERN = /^rbk_([0-9a-z]{20})\.([A-Za-z0-9_-]{43})$/;

export const ApiKeyRecordSchema = z.object({
  keyId: z.string(),
  name: z.string(),
  role: RoleSchema,
  scopes: z.array(ScopeSchema),
  tenantRef: z.string().optional(),
  /** Admin keys: the person the key belongs to. */
  personId: z.string().optional(),
  /** Machine keys (crm, partner, consultant): their service account and the person who owns it. */
  serviceAccountId: z.string().optional(),
  ownerPersonId: z.string().optional(),
  /** The bootstrap key: no person; may create the first people until two admins exist. */
  bootstrap: z.boolean().optional(),
  secretHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** `pending`: issued for someone else, waiting for a second person's approval (unusable until then). */
  status: z.enum(['active', 'revoked', 'pending']),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string(),
  rotatedFrom: z.string().optional(),
  revokedAt: z.iso.datetime({ offset: true }).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  lastUsedAt: z.iso.datetime({ offset: true }).optional(),
});
export type ApiKeyRecord = z.infer<typeof ApiKeyRecordSchema>;

export const CreateApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: RoleSchema,
    scopes: z.array(ScopeSchema).min(1).optional(),
    tenantRef: z.string().trim().min(1).max(100).optional().describe('Required for crm (CRM connection id), partner (partner id) and consultant (agreement holder) keys; the tenant must exist'),
    personId: z.string().trim().min(1).max(63).optional().describe('Admin keys: the person the key is for (default: the caller). For someone else the key waits for an approval'),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe('Must be in the future'),
  })
  .strict();
export type CreateApiKey = z.infer<typeof CreateApiKeySchema>;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

const newKeyId = (): string => {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return Array.from(randomBytes(20), (b) => alphabet[b % 36]).join('');
};

/** Splits a presented key into id and secret; undefined when it is not shaped like one of ours. */
export const parseApiKey = (presented: string): { keyId: string; secret: string } | undefined => {
  const match = KEY_PATTERN.exec(presented.trim());
  return match?.[1] && match[2] ? { keyId: match[1], secret: match[2] } : undefined;
};

/** Who a new key belongs to, and whether it waits for an approval. */
export type KeyOwner = Partial<Pick<ApiKeyRecord, 'personId' | 'serviceAccountId' | 'ownerPersonId' | 'bootstrap' | 'status'>>;

/**
 * Creates a new key: the plaintext is returned once and never stored.
 * Scopes default to the role's; asking for scopes the role does not have is refused.
 */
export const issueApiKey = (
  input: CreateApiKey,
  createdBy: string,
  at: Date,
  presetKey?: string,
  owner: KeyOwner = {},
): { plaintext: string; record: ApiKeyRecord } => {
  const allowed = ROLE_SCOPES[input.role as Role];
  const scopes = input.scopes ?? [...allowed];
  const extra = scopes.filter((s) => !allowed.includes(s as Scope));
  if (extra.length > 0) {
    throw new ValidationError('Scopes exceed the role', [{ path: 'scopes', message: `not allowed for role ${input.role}: ${extra.join(', ')}` }]);
  }
  const preset = presetKey ? parseApiKey(presetKey) : undefined;
  if (presetKey && !preset) throw new ValidationError('Malformed preset key', [{ path: 'key', message: 'expected rbk_<20 chars>.<43 chars>' }]);
  const keyId = preset?.keyId ?? newKeyId();
  const secret = preset?.secret ?? randomBytes(32).toString('base64url');
  return {
    plaintext: `rbk_${keyId}.${secret}`,
    record: {
      keyId,
      name: input.name,
      role: input.role,
      scopes: [...new Set(scopes)],
      ...(input.tenantRef ? { tenantRef: input.tenantRef } : {}),
      ...(owner.personId ? { personId: owner.personId } : {}),
      ...(owner.serviceAccountId ? { serviceAccountId: owner.serviceAccountId } : {}),
      ...(owner.ownerPersonId ? { ownerPersonId: owner.ownerPersonId } : {}),
      ...(owner.bootstrap ? { bootstrap: true } : {}),
      secretHash: hashSecret(secret),
      status: owner.status ?? 'active',
      createdAt: at.toISOString(),
      createdBy,
      ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
    },
  };
};

/** Checks a presented secret against a stored record in constant time; returns the principal or undefined. */
export const verifyApiKey = (record: ApiKeyRecord | undefined, secret: string, at: Date): Principal | undefined => {
  if (!record || record.status !== 'active') return undefined;
  if (record.expiresAt && Date.parse(record.expiresAt) <= at.getTime()) return undefined;
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(record.secretHash, 'hex');
  if (presented.length !== stored.length || !timingSafeEqual(presented, stored)) return undefined;
  return {
    principalId: `key:${record.keyId}`,
    keyId: record.keyId,
    role: record.role,
    scopes: record.scopes,
    ...(record.tenantRef ? { tenantRef: record.tenantRef } : {}),
    ...(record.personId ? { personId: record.personId } : {}),
    ...(record.serviceAccountId ? { serviceAccountId: record.serviceAccountId } : {}),
    ...(record.bootstrap ? { bootstrap: true } : {}),
  };
};

/** A generated local bootstrap key has this shape; exported for `npm start`. */
export const generateApiKeyPlaintext = (): string => `rbk_${newKeyId()}.${randomBytes(32).toString('base64url')}`;
