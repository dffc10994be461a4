import { z } from 'zod';
import type { Scope } from '../auth/principal.js';

/**
 * Roles a person holds in the hub. They live in the hub's own person records: a role claim in an
 * identity provider's token grants nothing. Each maps onto the API scopes of `auth/principal.ts`.
 * - `admin`: everything (keys, people, subscriptions, policies, customers, audit; approves too)
 * - `approver`: decides approvals (policies, freezes, role grants, keys for others); reads customers and audit
 * - `analyst`: drafts and backtests policies, reads customers, requests bureau pulls, reads audit
 * - `auditor`: reads the audit trail and alerts
 * Approvers and analysts also work alerts (assign, comment, move through the lifecycle).
 */
export const PersonRoleSchema = z.enum(['admin', 'approver', 'analyst', 'auditor']);
export type PersonRole = z.infer<typeof PersonRoleSchema>;

export const PERSON_ROLE_SCOPES: Record<PersonRole, readonly Scope[]> = {
  admin: [
    'customers:read', 'customers:write', 'bureau:pull', 'keys:manage', 'subscriptions:manage', 'policies:manage', 'policies:approve',
    'audit:read', 'crm:ingest', 'assessments:submit', 'assessments:read', 'datasets:read', 'people:manage', 'approvals:decide',
    'alerts:read', 'alerts:manage',
  ],
  approver: ['policies:approve', 'approvals:decide', 'customers:read', 'audit:read', 'alerts:read', 'alerts:manage'],
  analyst: ['policies:manage', 'customers:read', 'bureau:pull', 'audit:read', 'alerts:read', 'alerts:manage'],
  auditor: ['audit:read', 'alerts:read'],
};

/** Granting these needs a second person's approval (except while bootstrapping). */
export const PRIVILEGED_ROLES: readonly PersonRole[] = ['admin', 'approver'];

/** The scopes a person's roles give: a key or token of that person never carries more. */
export const personScopes = (roles: readonly PersonRole[]): Scope[] => [...new Set(roles.flatMap((r) => PERSON_ROLE_SCOPES[r]))];

export const PersonIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and -, 2 to 63 characters');

export const PersonSchema = z.object({
  personId: PersonIdSchema,
  displayName: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  roles: z.array(PersonRoleSchema),
  status: z.enum(['active', 'disabled']),
  /** The identity provider's `sub` of this person (Cognito, or the local issuer); tokens map to the person by it. */
  subject: z.string().min(1).max(255).optional(),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string().min(1),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Person = z.infer<typeof PersonSchema>;

/** Body of `POST /v1/people`. Privileged roles are granted at once only while bootstrapping; otherwise they wait for an approval. */
export const CreatePersonSchema = z.strictObject({
  personId: PersonIdSchema,
  displayName: PersonSchema.shape.displayName,
  email: PersonSchema.shape.email,
  roles: z.array(PersonRoleSchema).max(4).default([]),
  subject: PersonSchema.shape.subject,
});
export type CreatePerson = z.infer<typeof CreatePersonSchema>;

/** Body of `POST /v1/people/{personId}/roles`. */
export const GrantRoleSchema = z.strictObject({ role: PersonRoleSchema });

/** People with the admin role who can act (active). */
export const activeAdmins = (people: readonly Person[]): Person[] => people.filter((p) => p.status === 'active' && p.roles.includes('admin'));

/** Two active admins end the bootstrap phase: the bootstrap key stops working. */
export const BOOTSTRAP_ADMIN_LIMIT = 2;
