import { z } from 'zod';

export const RoleSchema = z.enum(['admin', 'crm', 'partner', 'consultant']);
export type Role = z.infer<typeof RoleSchema>;

/** Permissions a key may carry. A key's scopes are a subset of its role's scopes. */
export const ScopeSchema = z.enum([
  'customers:read',
  'customers:write',
  'bureau:pull',
  'keys:manage',
  'subscriptions:manage',
  'policies:manage',
  'policies:approve',
  'audit:read',
  'crm:ingest',
  'assessments:submit',
  'assessments:read',
  'datasets:read',
  'people:manage',
  'approvals:decide',
  'alerts:read',
  'alerts:manage',
]);
export type Scope = z.infer<typeof ScopeSchema>;

export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  admin: ScopeSchema.options,
  /** CRMs also request bureau pulls for their customers (consent checked per pull). */
  crm: ['customers:read', 'customers:write', 'crm:ingest', 'bureau:pull'],
  partner: ['assessments:submit', 'assessments:read', 'customers:read'],
  consultant: ['datasets:read'],
};

/**
 * Who is calling: resolved from an API key or a signed-in person's token by the authorizer, then
 * checked per route and per object. `personId` names the person behind an admin key or a token;
 * `serviceAccountId` the service account behind a machine key (crm, partner, consultant). Four-eyes
 * rules compare `actorRef`, never key ids: a person's second or rotated key is the same person.
 */
export const PrincipalSchema = z.object({
  principalId: z.string().min(1),
  /** The API key, or `session:<token id>` for a signed-in person. */
  keyId: z.string().min(1),
  role: RoleSchema,
  scopes: z.array(ScopeSchema),
  /** The partner, CRM connection or consultant agreement holder this key belongs to. */
  tenantRef: z.string().optional(),
  personId: z.string().min(1).optional(),
  serviceAccountId: z.string().min(1).optional(),
  /** The bootstrap key (no person): may create the first people until two admins exist. */
  bootstrap: z.boolean().optional(),
});
export type Principal = z.infer<typeof PrincipalSchema>;

/**
 * The party behind a principal, as four-eyes rules compare it: `person:<id>`, `service:<id>`, or
 * `key:<id>` for a key that belongs to neither (the bootstrap key, keys issued before people).
 * @example actorRef({ principalId: 'key:k2', keyId: 'k2', role: 'admin', scopes: [], personId: 'li-wei' }) // 'person:li-wei'
 */
export const actorRef = (principal: Pick<Principal, 'personId' | 'serviceAccountId' | 'keyId'>): string =>
  principal.personId ? `person:${principal.personId}` : principal.serviceAccountId ? `service:${principal.serviceAccountId}` : `key:${principal.keyId}`;

/** The principal for routes verified by their own signature scheme rather than an API key. */
export const SIGNATURE_PRINCIPAL_ID = 'signature-verified';

export const hasScope = (principal: Principal, scope: Scope): boolean => principal.scopes.includes(scope);
