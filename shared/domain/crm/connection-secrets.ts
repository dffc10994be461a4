import { PermanentError, type FieldIssue } from '../errors.js';
import type { ConnectionConfig, CredentialRole } from './field-mapping.js';

type ConnectionRef = Pick<ConnectionConfig, 'crm' | 'connectionId'>;

/**
 * Where a connection's secrets live: `riskbridge/<crm>/<connectionId>/` (see CRM_SECRET_PREFIXES
 * in infra/topology.ts). A connection may name only secrets directly under its own prefix.
 * @example connectionSecretPrefix({ crm: 'zoho', connectionId: 'acme' }) // 'riskbridge/zoho/acme/'
 */
export const connectionSecretPrefix = ({ crm, connectionId }: ConnectionRef): string => `riskbridge/${crm}/${connectionId}/`;

/**
 * True when `name` is one of this connection's own secrets: its prefix followed by one name
 * segment, so `acme` cannot reach `riskbridge/zoho/acme/other/…` (the secrets of a connection
 * `acme/other`) nor any other connection's or CRM's secrets.
 * @example isOwnSecret({ crm: 'zoho', connectionId: 'acme' }, 'riskbridge/zoho/beta/client-secret') // false
 */
export const isOwnSecret = (connection: ConnectionRef, name: string): boolean => {
  const prefix = connectionSecretPrefix(connection);
  if (!name.startsWith(prefix)) return false;
  const rest = name.slice(prefix.length);
  return rest !== '' && !rest.includes('/');
};

/** One issue per credential that names a secret outside the connection's own prefix (for a 422 at save time). */
export const foreignSecretIssues = (connection: Pick<ConnectionConfig, 'crm' | 'connectionId' | 'credentials'>): FieldIssue[] =>
  Object.entries(connection.credentials)
    .filter(([, name]) => name !== undefined && !isOwnSecret(connection, name))
    .map(([role]) => ({ path: `credentials.${role}`, message: `must name a secret under ${connectionSecretPrefix(connection)}` }));

/**
 * The secret name a connection gives for `role`, refused at call time unless it is the
 * connection's own (a configuration stored before the rule, or written around the API).
 * @throws PermanentError `crm_credentials_missing` (no such role) or `crm_secret_not_bound` (another connection's secret).
 */
export const ownSecretName = (connection: Pick<ConnectionConfig, 'crm' | 'connectionId' | 'credentials'>, role: CredentialRole): string => {
  const name = connection.credentials[role];
  if (!name) throw new PermanentError('crm_credentials_missing', `Connection ${connection.connectionId} names no secret for ${role}`);
  if (!isOwnSecret(connection, name)) {
    throw new PermanentError('crm_secret_not_bound', `Connection ${connection.connectionId} may only use secrets under ${connectionSecretPrefix(connection)} (${role})`, {
      details: { connectionId: connection.connectionId, role },
    });
  }
  return name;
};
