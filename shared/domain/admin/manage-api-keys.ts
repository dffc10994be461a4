import type { AuditInput } from '../audit/audit-chain.js';
import type { Approval } from '../approvals/approval.js';
import type { ManageApprovals } from '../approvals/manage-approvals.js';
import { issueApiKey, type ApiKeyRecord, type CreateApiKey, type KeyOwner } from '../auth/api-key.js';
import { ROLE_SCOPES, type Principal, type Role, type Scope } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../errors.js';
import { activeAdmins, BOOTSTRAP_ADMIN_LIMIT, personScopes } from '../people/person.js';
import type { PersonRepository } from '../people/manage-people.js';

export interface ApiKeyRepository {
  get(keyId: string): Promise<ApiKeyRecord | undefined>;
  create(record: ApiKeyRecord): Promise<void>;
  list(): Promise<ApiKeyRecord[]>;
  revoke(keyId: string, at: Date): Promise<ApiKeyRecord>;
  rotate(oldKeyId: string, replacement: ApiKeyRecord, at: Date): Promise<void>;
  /** pending → active (a granted `key.issue` approval); NotFoundError unless pending. */
  activate(keyId: string): Promise<ApiKeyRecord>;
}

export interface AuditPort {
  append(input: AuditInput): Promise<unknown>;
}

/** Machine roles: their keys belong to a service account and to a tenant. */
export type MachineRole = Exclude<Role, 'admin'>;

/** Whether a tenant exists: a CRM connection (crm), a partner with engagements (partner), an agreement holder (consultant). */
export interface TenantDirectory {
  exists(role: MachineRole, tenantRef: string): Promise<boolean>;
}

/** What clients see of a key: never the hash. */
export type ApiKeyView = Omit<ApiKeyRecord, 'secretHash'>;
export const toApiKeyView = ({ secretHash: _hidden, ...rest }: ApiKeyRecord): ApiKeyView => rest;

const TENANT_KIND: Record<MachineRole, string> = { crm: 'CRM connection', partner: 'partner (with at least one engagement)', consultant: 'consultant holding a data-sharing agreement' };

export interface ManageApiKeysDeps {
  keys: ApiKeyRepository;
  audit: AuditPort;
  clock: Clock;
  people: PersonRepository;
  tenants: TenantDirectory;
  approvals: ManageApprovals;
}

/**
 * Key management: every change is audited; plaintext keys are returned once. Issuance rules:
 * `expiresAt` lies in the future; crm, partner and consultant keys name an existing tenant and
 * belong to a service account owned by the issuing person; admin keys belong to a person and
 * never carry more than that person's roles give (explicit scopes are checked here; at every call
 * the authorizer narrows the key to the roles its person holds then). A key for another person is stored `pending`
 * and works only once a second person approved it (`key.issue`), except while bootstrapping.
 */
export const manageApiKeys = ({ keys, audit, clock, people, tenants, approvals }: ManageApiKeysDeps) => ({
  async create(input: CreateApiKey, actor: Principal): Promise<{ key: string; record: ApiKeyView; approval?: Approval }> {
    const now = clock.now();
    const issues: FieldIssue[] = [];
    if (input.expiresAt && Date.parse(input.expiresAt) <= now.getTime()) issues.push({ path: 'expiresAt', message: 'must be in the future', code: 'expired' });
    let owner: KeyOwner = {};
    let scopes = input.scopes;
    let forSomeoneElse = false;
    if (input.role === 'admin') {
      if (input.tenantRef) issues.push({ path: 'tenantRef', message: 'admin keys belong to a person, not a tenant', code: 'not_allowed' });
      const personId = input.personId ?? actor.personId;
      const person = personId ? (await people.get(personId))?.person : undefined;
      if (!personId) issues.push({ path: 'personId', message: 'admin keys belong to a person: name one (this key has none)', code: 'required' });
      else if (!person || person.status !== 'active') issues.push({ path: 'personId', message: `no active person ${personId}`, code: 'unknown_person' });
      else {
        const allowed = personScopes(person.roles).filter((s) => ROLE_SCOPES.admin.includes(s));
        const extra = (input.scopes ?? []).filter((s) => !allowed.includes(s as Scope));
        if (extra.length > 0) issues.push({ path: 'scopes', message: `beyond the roles of person ${personId}: ${extra.join(', ')}`, code: 'too_broad' });
        // Without explicit scopes the key follows its person: the authorizer narrows it to the roles the person holds at each call.
        scopes ??= [...ROLE_SCOPES.admin];
        forSomeoneElse = personId !== actor.personId;
        const bootstrapping = actor.bootstrap === true && activeAdmins(await people.list()).length < BOOTSTRAP_ADMIN_LIMIT;
        owner = { personId, ...(forSomeoneElse && !bootstrapping ? { status: 'pending' as const } : {}) };
      }
    } else {
      if (input.personId) issues.push({ path: 'personId', message: `${input.role} keys belong to a service account, not a person`, code: 'not_allowed' });
      if (!input.tenantRef) issues.push({ path: 'tenantRef', message: `${input.role} keys must name their ${TENANT_KIND[input.role]}`, code: 'required' });
      else if (!(await tenants.exists(input.role, input.tenantRef))) issues.push({ path: 'tenantRef', message: `no ${TENANT_KIND[input.role]} ${input.tenantRef}`, code: 'unknown_tenant' });
      owner = { ownerPersonId: actor.personId ?? actor.principalId };
    }
    if (issues.length > 0) throw new ValidationError('The key cannot be issued', issues);
    const issued = issueApiKey({ ...input, ...(scopes ? { scopes } : {}) }, actor.principalId, now, undefined, owner);
    const record: ApiKeyRecord = input.role === 'admin' ? issued.record : { ...issued.record, serviceAccountId: `sa-${issued.record.keyId}` };
    await keys.create(record);
    await audit.append({
      actor: actor.principalId,
      action: 'api_key.created',
      target: `api_key:${record.keyId}`,
      details: { role: record.role, scopes: record.scopes, status: record.status, ...(record.personId ? { personId: record.personId } : {}), ...(record.serviceAccountId ? { serviceAccountId: record.serviceAccountId } : {}) },
      personal: { name: record.name },
    });
    if (record.status !== 'pending') return { key: issued.plaintext, record: toApiKeyView(record) };
    const approval = await approvals.request(
      { action: 'key.issue', target: `api_key:${record.keyId}`, summary: `Admin key ${record.keyId} for person ${record.personId ?? ''}`, payload: { keyId: record.keyId, personId: record.personId ?? null } },
      actor,
    );
    return { key: issued.plaintext, record: toApiKeyView(record), approval };
  },

  async list(): Promise<ApiKeyView[]> {
    return (await keys.list()).map(toApiKeyView);
  },

  /** The replacement keeps the person, service account, tenant and expiry: the same party, a new secret. */
  async rotate(keyId: string, actor: Principal): Promise<{ key: string; record: ApiKeyView }> {
    const old = await keys.get(keyId);
    if (!old || old.status !== 'active' || old.bootstrap) throw new NotFoundError(`Active API key ${keyId}`);
    const now = clock.now();
    const { plaintext, record } = issueApiKey(
      { name: old.name, role: old.role, scopes: old.scopes, ...(old.tenantRef ? { tenantRef: old.tenantRef } : {}), ...(old.expiresAt ? { expiresAt: old.expiresAt } : {}) },
      actor.principalId,
      now,
      undefined,
      { ...(old.personId ? { personId: old.personId } : {}), ...(old.serviceAccountId ? { serviceAccountId: old.serviceAccountId } : {}), ...(old.ownerPersonId ? { ownerPersonId: old.ownerPersonId } : {}) },
    );
    const replacement = { ...record, rotatedFrom: old.keyId };
    await keys.rotate(old.keyId, replacement, now);
    await audit.append({ actor: actor.principalId, action: 'api_key.rotated', target: `api_key:${old.keyId}`, details: { replacement: replacement.keyId } });
    return { key: plaintext, record: toApiKeyView(replacement) };
  },

  async revoke(keyId: string, actor: Principal): Promise<ApiKeyView> {
    if (keyId === actor.keyId) {
      throw new ValidationError('A key cannot revoke itself', [{ path: 'keyId', message: 'use another admin key to revoke this one' }]);
    }
    const record = await keys.revoke(keyId, clock.now());
    await audit.append({ actor: actor.principalId, action: 'api_key.revoked', target: `api_key:${keyId}`, details: {} });
    return toApiKeyView(record);
  },

  /** Executor of a granted `key.issue` approval: the pending key starts working. */
  async executeIssue(approval: Approval): Promise<ApiKeyView> {
    const record = await keys.activate(String(approval.payload['keyId']));
    await audit.append({ actor: `approval:${approval.approvalId}`, action: 'api_key.activated', target: `api_key:${record.keyId}`, details: {} });
    return toApiKeyView(record);
  },
});
