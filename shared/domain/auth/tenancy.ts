import { ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../errors.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { Principal } from './principal.js';

/**
 * What a tenant-bound key may see and do. Admin keys are unrestricted. A CRM key is bound to the
 * CRM connection its `tenantRef` names: it posts records only to that connection and reads or
 * writes only the customers linked to it. A CRM key without a `tenantRef` is bound to nothing and
 * sees no customer. Partner keys (engagements) and consultant keys (agreements) are checked by
 * their own capabilities and never reach customer profiles through these rules.
 */

/** The part of a profile that says which CRM connections it is linked to. */
export type LinkedProfile = Pick<CustomerProfile, 'identifiers' | 'fields'>;

/** The connections a CRM key acts for: its `tenantRef` (one connection id), or none. */
export const crmConnectionsOf = (principal: Pick<Principal, 'role' | 'tenantRef'>): readonly string[] =>
  principal.role === 'crm' && principal.tenantRef ? [principal.tenantRef] : [];

/** The connection of a provenance source `crm:<crm>:<connectionId>`; undefined for other sources. */
export const connectionOfSource = (source: string): string | undefined => {
  const match = /^crm:[^:]+:([^:]+)$/.exec(source);
  return match?.[1];
};

/** The connection of a `crm_record` identifier value `<crm>:<connectionId>:<recordId>`. */
export const connectionOfCrmRecordId = (value: string): string | undefined => {
  const match = /^[^:]+:([^:]+):./.exec(value);
  return match?.[1];
};

/**
 * The CRM connections a profile is linked to: those of its `crm_record` identifiers (the CRM's own
 * record ids, pending stubs included) and of every field or identifier a CRM connection supplied.
 */
export const linkedConnections = (profile: LinkedProfile): Set<string> => {
  const linked = new Set<string>();
  const add = (connectionId: string | undefined) => connectionId !== undefined && linked.add(connectionId);
  for (const id of profile.identifiers) {
    if (id.scheme === 'crm_record') add(connectionOfCrmRecordId(id.value));
    add(connectionOfSource(id.source));
  }
  for (const field of Object.values(profile.fields)) if (field) add(connectionOfSource(field.source));
  return linked;
};

/** Which customers a caller may read and write through the customer, consent and bureau routes. */
export interface CustomerAccess {
  /** True for admin keys: every customer, no filtering. */
  readonly unrestricted: boolean;
  sees(profile: LinkedProfile): boolean;
}

/**
 * The customer access of a principal: admins see every customer; CRM keys the customers linked
 * to their connection; every other role none.
 * @example customerAccessOf({ role: 'crm', tenantRef: 'local-zoho', ... }).sees(profile) // linked to local-zoho?
 */
export const customerAccessOf = (principal: Pick<Principal, 'role' | 'tenantRef'>): CustomerAccess => {
  if (principal.role === 'admin') return { unrestricted: true, sees: () => true };
  const own = crmConnectionsOf(principal);
  return {
    unrestricted: false,
    sees: (profile) => {
      const linked = linkedConnections(profile);
      return own.some((connectionId) => linked.has(connectionId));
    },
  };
};

/** One answer for "unknown" and "not yours", so a tenant-bound key cannot probe which customers exist. */
export const customerNotFound = (customerId: string): NotFoundError => new NotFoundError(`Customer ${customerId}`);

/**
 * A profile the caller may see, or the 404 an unknown customer gets.
 * @throws NotFoundError when the profile is missing or not visible to the caller.
 */
export const visibleProfile = <P extends LinkedProfile>(customerId: string, profile: P | undefined, access: CustomerAccess): P => {
  if (!profile || !access.sees(profile)) throw customerNotFound(customerId);
  return profile;
};

/**
 * Checks that a caller may see a customer before a route touches what hangs off it (consents,
 * pulls): admins pass without a read; others need the profile to exist and be visible to them.
 * @throws NotFoundError otherwise, like an unknown customer.
 * @example await customerGate({ profiles })('acme-001', principal);
 */
export const customerGate =
  ({ profiles }: { profiles: { get(customerId: string): Promise<LinkedProfile | undefined> } }) =>
  async (customerId: string, principal: Pick<Principal, 'role' | 'tenantRef'>): Promise<void> => {
    const access = customerAccessOf(principal);
    if (!access.unrestricted) visibleProfile(customerId, await profiles.get(customerId), access);
  };

/**
 * A CRM key posts records (record ingest, bulk imports) only to its own connection.
 * @throws ForbiddenError naming the connection otherwise.
 */
export const assertActsForConnection = (principal: Pick<Principal, 'role' | 'tenantRef'>, connectionId: string): void => {
  if (!actsForConnection(principal, connectionId)) throw new ForbiddenError(`This key may not act for CRM connection ${connectionId}`);
};

/** True for admins and for a CRM key bound to this connection. */
export const actsForConnection = (principal: Pick<Principal, 'role' | 'tenantRef'>, connectionId: string): boolean =>
  principal.role === 'admin' || crmConnectionsOf(principal).includes(connectionId);

/**
 * A CRM key names only its own connection's records as `crm_record` identifiers: otherwise it
 * could link itself to (and then read) another connection's customers. 422 naming each such path.
 */
export const assertOwnRecordIds = (
  principal: Pick<Principal, 'role' | 'tenantRef'>,
  identifiers: ReadonlyArray<{ scheme: string; value: string }>,
  path: (index: number) => string,
): void => {
  if (principal.role === 'admin') return;
  const own = crmConnectionsOf(principal);
  const issues: FieldIssue[] = identifiers.flatMap((id, i) => {
    if (id.scheme !== 'crm_record') return [];
    const connectionId = connectionOfCrmRecordId(id.value.trim());
    return connectionId !== undefined && own.includes(connectionId) ? [] : [{ path: path(i), message: `a CRM key names only records of its own connection (${own.join(', ') || 'none'})`, code: 'foreign_record' }];
  });
  if (issues.length > 0) throw new ValidationError('The identifiers name records of another CRM connection', issues);
};

/**
 * May the caller apply an upsert to this customer? Admins always. A CRM key updates a customer
 * linked to its connection; it creates one only when the upsert carries a `crm_record` identifier
 * of its connection (so the new customer is linked to it). Every other case is the same 404 as an
 * unknown customer, so the answer does not tell whether another tenant's customer exists.
 */
export const assertMayUpsert = (
  principal: Pick<Principal, 'role' | 'tenantRef'>,
  customerId: string,
  stored: LinkedProfile | undefined,
  input: { identifiers: ReadonlyArray<{ scheme: string; value: string }> },
): void => {
  const access = customerAccessOf(principal);
  if (access.unrestricted) return;
  assertOwnRecordIds(principal, input.identifiers, (i) => `identifiers[${i}].value`);
  if (stored ? access.sees(stored) : input.identifiers.some((id) => id.scheme === 'crm_record')) return;
  throw customerNotFound(customerId);
};
