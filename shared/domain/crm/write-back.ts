import type { CrmName } from './crm-record.js';
import type { ConnectionConfig } from './field-mapping.js';

/** Port: resolves a secret by its NAME (Secrets Manager, SSM, or a test map). */
export interface SecretSource {
  get(name: string): Promise<string>;
}

export interface WriteBackContext {
  /** Cancels the call (e.g. Lambda time left). */
  signal?: AbortSignal;
  /** CRM object to update; defaults to the connection's `writeBack.objectName`. */
  objectName?: string;
}

export interface WriteBackResult {
  status: 'updated';
  crm: CrmName;
  externalId: string;
  objectName: string;
  /** The CRM field API names that were sent. */
  fields: string[];
  /** CRM's own status word where it sends one (Zoho `SUCCESS`, Fxiaoke `OK`). */
  crmStatus?: string;
}

/**
 * Port: writes rating fields back into one CRM record. Implemented per CRM in
 * shared/adapters/crm/<crm>. Throttling and outages surface as TransientError
 * (with retryAfterMs when the CRM says how long), refusals as PermanentError.
 */
export interface CrmWriteBack {
  readonly crm: CrmName;
  update(connection: ConnectionConfig, externalId: string, fields: Record<string, unknown>, ctx?: WriteBackContext): Promise<WriteBackResult>;
}
