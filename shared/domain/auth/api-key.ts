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
  secretHash: z.string().regex(/^[0-9a-f]{64}$/),
  status: z.enum(['active', 'revoked']),
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
    tenantRef: z.string().trim().min(1).max(100).optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
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

/**
 * Creates a new key: the plaintext is returned once and never stored.
 * Scopes default to the role's; asking for scopes the role does not have is refused.
 */
export const issueApiKey = (
  input: CreateApiKey,
  createdBy: string,
  at: Date,
  presetKey?: string,
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
      secretHash: hashSecret(secret),
      status: 'active',
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
  };
};

/** A generated local bootstrap key has this shape; exported for `npm start`. */
export const generateApiKeyPlaintext = (): string => `rbk_${newKeyId()}.${randomBytes(32).toString('base64url')}`;
