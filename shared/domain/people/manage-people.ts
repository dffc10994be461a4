import type { AuditInput } from '../audit/audit-chain.js';
import type { Approval } from '../approvals/approval.js';
import type { ManageApprovals } from '../approvals/manage-approvals.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { activeAdmins, BOOTSTRAP_ADMIN_LIMIT, PRIVILEGED_ROLES, type CreatePerson, type Person, type PersonRole } from './person.js';

export interface StoredPerson {
  rev: number;
  person: Person;
}

export interface PersonRepository {
  get(personId: string): Promise<StoredPerson | undefined>;
  create(person: Person): Promise<StoredPerson>;
  save(stored: StoredPerson): Promise<StoredPerson>;
  list(): Promise<Person[]>;
  /** The person an identity provider's `sub` belongs to. */
  bySubject(subject: string): Promise<Person | undefined>;
}

/** Ends the bootstrap phase: revokes every active bootstrap key; returns how many. */
export interface BootstrapKeys {
  expireAll(at: Date): Promise<number>;
}

export interface ManagePeopleDeps {
  people: PersonRepository;
  bootstrapKeys: BootstrapKeys;
  approvals: ManageApprovals;
  audit: { append(input: AuditInput): Promise<unknown> };
  clock: Clock;
}

/** The bootstrap key acting after two admins exist (HTTP 403); it is revoked by then, this covers the race. */
export class BootstrapExpiredError extends ForbiddenError {
  constructor() {
    super('The bootstrap key may only create people until two admins exist; use an admin person, or the break-glass procedure (docs/people.md)');
  }
}

const ROLE_GRANT_TTL_MS = 7 * 24 * 3_600_000;

/**
 * People and their roles. Roles are the hub's own: non-privileged ones are granted at once,
 * `admin` and `approver` wait for another person's approval (`role.grant`). The bootstrap key
 * grants directly, and only until two active admins exist; then every bootstrap key is revoked.
 */
export const managePeople = ({ people, bootstrapKeys, approvals, audit, clock }: ManagePeopleDeps) => {
  const load = async (personId: string): Promise<StoredPerson> => {
    const stored = await people.get(personId);
    if (!stored) throw new NotFoundError(`Person ${personId}`);
    return stored;
  };

  const bootstrapping = async (actor: Principal): Promise<boolean> => {
    if (!actor.bootstrap) return false;
    if (activeAdmins(await people.list()).length >= BOOTSTRAP_ADMIN_LIMIT) throw new BootstrapExpiredError();
    return true;
  };

  /** Revokes the bootstrap keys once two admins exist (idempotent). */
  const closeBootstrap = async (): Promise<void> => {
    if (activeAdmins(await people.list()).length < BOOTSTRAP_ADMIN_LIMIT) return;
    const expired = await bootstrapKeys.expireAll(clock.now());
    if (expired > 0) await audit.append({ actor: 'system:people', action: 'bootstrap.closed', target: 'api_key:bootstrap', details: { keysRevoked: expired } });
  };

  const requestGrant = (person: Person, role: PersonRole, actor: Principal): Promise<Approval> =>
    approvals.request({ action: 'role.grant', target: `person:${person.personId}`, summary: `Grant role ${role} to person ${person.personId}`, payload: { personId: person.personId, role }, ttlMs: ROLE_GRANT_TTL_MS }, actor);

  const addRole = async (personId: string, role: PersonRole, actor: string): Promise<Person> => {
    const stored = await load(personId);
    if (stored.person.roles.includes(role)) return stored.person;
    const person = { ...stored.person, roles: [...stored.person.roles, role], updatedAt: clock.now().toISOString() };
    await people.save({ rev: stored.rev, person });
    await audit.append({ actor, action: 'person.role_granted', target: `person:${personId}`, details: { role } });
    await closeBootstrap();
    return person;
  };

  return {
    /** Creates a person; privileged roles are granted at once while bootstrapping, else asked for as approvals. */
    async create(input: CreatePerson, actor: Principal): Promise<{ person: Person; approvals: Approval[] }> {
      const direct = await bootstrapping(actor);
      const at = clock.now().toISOString();
      const roles = [...new Set(input.roles)];
      const person: Person = {
        personId: input.personId,
        displayName: input.displayName,
        email: input.email,
        roles: direct ? roles : roles.filter((r) => !PRIVILEGED_ROLES.includes(r)),
        status: 'active',
        ...(input.subject ? { subject: input.subject } : {}),
        createdAt: at,
        createdBy: actor.principalId,
        updatedAt: at,
      };
      if (input.subject && (await people.bySubject(input.subject))) throw new ConflictError(`Another person already has this subject`, { retryable: false });
      await people.create(person);
      await audit.append({ actor: actor.principalId, action: 'person.created', target: `person:${person.personId}`, details: { roles: person.roles.join(' '), bootstrap: direct }, personal: { displayName: person.displayName, email: person.email } });
      const pending = direct ? [] : await Promise.all(roles.filter((r) => PRIVILEGED_ROLES.includes(r)).map((r) => requestGrant(person, r, actor)));
      await closeBootstrap();
      return { person, approvals: pending };
    },

    list: (): Promise<Person[]> => people.list(),
    get: async (personId: string): Promise<Person> => (await load(personId)).person,

    /** Grants a role: at once when not privileged (or while bootstrapping), otherwise asks for an approval. */
    async grant(personId: string, role: PersonRole, actor: Principal): Promise<{ person: Person; approval?: Approval }> {
      const { person } = await load(personId);
      if (person.roles.includes(role)) return { person };
      if (!PRIVILEGED_ROLES.includes(role) || (await bootstrapping(actor))) return { person: await addRole(personId, role, actor.principalId) };
      return { person, approval: await requestGrant(person, role, actor) };
    },

    /** Removes a role at once (taking privileges away needs no second person). */
    async revoke(personId: string, role: PersonRole, actor: Principal): Promise<Person> {
      const stored = await load(personId);
      if (!stored.person.roles.includes(role)) return stored.person;
      const person = { ...stored.person, roles: stored.person.roles.filter((r) => r !== role), updatedAt: clock.now().toISOString() };
      await people.save({ rev: stored.rev, person });
      await audit.append({ actor: actor.principalId, action: 'person.role_revoked', target: `person:${personId}`, details: { role } });
      return person;
    },

    /** Executor of a granted `role.grant` approval. */
    executeGrant: (approval: Approval): Promise<Person> => addRole(String(approval.payload['personId']), approval.payload['role'] as PersonRole, `approval:${approval.approvalId}`),
  };
};
export type ManagePeople = ReturnType<typeof managePeople>;
