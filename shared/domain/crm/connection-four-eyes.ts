import type { Approval } from '../approvals/approval.js';
import type { ManageApprovals } from '../approvals/manage-approvals.js';
import type { AuditInput } from '../audit/audit-chain.js';
import type { Principal } from '../auth/principal.js';
import type { IdentifierScheme } from '../profile/identifiers.js';
import type { ProfileFieldName } from '../profile/customer-profile.js';
import { piiAttributeNames, type CustomAttribute } from '../profile/custom-attributes.js';
import { ConnectionConfigSchema, type ConnectionConfig } from './field-mapping.js';
import { storeConnection, type ConnectionRepository } from './manage-connections.js';

/** Contact data of a customer: names, e-mail, phone, address. */
export const PERSONAL_PROFILE_FIELDS: ReadonlySet<ProfileFieldName> = new Set(['legalName', 'tradingName', 'email', 'phone', 'addressLine', 'city', 'postalCode']);
/** Identifier schemes whose values are personal data. */
export const PERSONAL_IDENTIFIER_SCHEMES: ReadonlySet<IdentifierScheme> = new Set(['email', 'phone', 'cn_resident_id']);

/**
 * The personal data a connection's mapping takes in, as `<object>:<what>`, sorted: rules into
 * contact fields (`fields.email` …) or into custom attributes flagged `pii`, identifiers of a
 * personal scheme, and a `customKeyPattern` (native keys copied as they are, whatever they hold).
 * @example personalMappings(zohoDefault, new Set()) // ['Accounts:fields.addressLine', 'Accounts:fields.city', …]
 */
export const personalMappings = (config: ConnectionConfig, piiAttributes: ReadonlySet<string>): string[] => {
  const out = new Set<string>();
  for (const [name, mapping] of Object.entries(config.objects)) {
    for (const rule of mapping.fields) {
      const personal = rule.to.startsWith('fields.') ? PERSONAL_PROFILE_FIELDS.has(rule.to.slice('fields.'.length) as ProfileFieldName) : rule.to.startsWith('custom.') && piiAttributes.has(rule.to.slice('custom.'.length));
      if (personal) out.add(`${name}:${rule.to}`);
    }
    for (const identifier of mapping.identifiers) if (PERSONAL_IDENTIFIER_SCHEMES.has(identifier.scheme)) out.add(`${name}:identifier.${identifier.scheme}`);
    if (mapping.customKeyPattern !== undefined && mapping.objectType === 'customer') out.add(`${name}:customKeyPattern ${mapping.customKeyPattern}`);
  }
  return [...out].sort();
};

/** What a change answers: stored at once, or an approval a second person must grant first. */
export type ConnectionOutcome = { connection: ConnectionConfig; created: boolean; approval?: undefined } | { connection?: undefined; created?: undefined; approval: Approval };

export interface ConnectionFourEyesDeps {
  connections: ConnectionRepository;
  audit: { append(input: AuditInput): Promise<unknown> };
  approvals: Pick<ManageApprovals, 'request'>;
  /** Declared custom attributes: a mapping into one flagged `pii` takes in personal data. */
  customAttributes: { list(): Promise<CustomAttribute[]> };
}

/**
 * Four eyes on CRM connections: storing a checked configuration (see `manageConnections.prepare`)
 * that takes in personal data (`personalMappings`) asks for `crm_connection.create` when the
 * connection is new, and for `crm_connection.widen` when it maps personal data the stored one did
 * not; nothing is stored until another person grants it, and the approved configuration then
 * replaces the connection. Other changes (narrowing, URLs, write-back, credentials) apply at once.
 */
export const connectionFourEyes = ({ connections, audit, approvals, customAttributes }: ConnectionFourEyesDeps) => {
  const run = async (approval: Approval): Promise<{ connection: ConnectionConfig; created: boolean }> =>
    storeConnection({ connections, audit }, ConnectionConfigSchema.parse(JSON.parse(String(approval.payload['config']))), `approval:${approval.approvalId}`);
  return {
    async put(config: ConnectionConfig, by: Principal): Promise<ConnectionOutcome> {
      const pii = piiAttributeNames(await customAttributes.list());
      const wanted = personalMappings(config, pii);
      const current = await connections.get(config.connectionId);
      const had = new Set(current ? personalMappings(current, pii) : []);
      const added = wanted.filter((item) => !had.has(item));
      if (added.length === 0) return storeConnection({ connections, audit }, config, by.principalId);
      const action = current ? 'crm_connection.widen' : 'crm_connection.create';
      const approval = await approvals.request(
        {
          action,
          target: `connection:${config.connectionId}`,
          summary: `${current ? 'Connection widened' : 'New connection'} ${config.connectionId} (${config.crm}): personal data ${added.join(', ')}`.slice(0, 500),
          payload: { config: JSON.stringify(config) },
        },
        by,
      );
      return { approval };
    },
    /** Runs a granted `crm_connection.create`: the configuration as approved (again granting changes nothing: an approval runs once). */
    executeCreate: run,
    /** Runs a granted `crm_connection.widen`: the approved configuration replaces the connection. */
    executeWiden: run,
  };
};
export type ConnectionFourEyes = ReturnType<typeof connectionFourEyes>;
