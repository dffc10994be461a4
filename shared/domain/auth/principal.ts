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
]);
export type Scope = z.infer<typeof ScopeSchema>;

export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  admin: ScopeSchema.options,
  /** CRMs also request bureau pulls for their customers (consent checked per pull). */
  crm: ['customers:read', 'customers:write', 'crm:ingest', 'bureau:pull'],
  partner: ['assessments:submit', 'assessments:read', 'customers:read'],
  consultant: ['datasets:read'],
};

/** Who is calling: resolved from an API key by the authorizer, then checked per route and per object. */
export const PrincipalSchema = z.object({
  principalId: z.string().min(1),
  keyId: z.string().min(1),
  role: RoleSchema,
  scopes: z.array(ScopeSchema),
  /** The partner, CRM connection or consultant agreement holder this key belongs to. */
  tenantRef: z.string().optional(),
});
export type Principal = z.infer<typeof PrincipalSchema>;

/** The principal for routes verified by their own signature scheme rather than an API key. */
export const SIGNATURE_PRINCIPAL_ID = 'signature-verified';

export const hasScope = (principal: Principal, scope: Scope): boolean => principal.scopes.includes(scope);
