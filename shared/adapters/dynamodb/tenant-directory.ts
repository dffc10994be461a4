import type { TenantDirectory } from '../../domain/admin/manage-api-keys.js';
import { agreementStore } from './agreement-store.js';
import type { TableRef } from './client.js';
import { connectionStore } from './connection-store.js';
import { partnerStore } from './partner-store.js';

/**
 * Whether the tenant a machine key names exists: a stored CRM connection (crm), a partner with at
 * least one engagement (partner; the hub keeps no other partner record), a consultant holding a
 * data-sharing agreement (consultant).
 */
export const tenantDirectory = (table: TableRef): TenantDirectory => {
  const connections = connectionStore(table, 0);
  const partners = partnerStore(table);
  const agreements = agreementStore(table);
  return {
    async exists(role, tenantRef) {
      if (role === 'crm') return (await connections.get(tenantRef)) !== undefined;
      if (role === 'partner') return (await partners.list(tenantRef)).length > 0;
      return (await agreements.listForConsultant(tenantRef)).length > 0;
    },
  };
};
