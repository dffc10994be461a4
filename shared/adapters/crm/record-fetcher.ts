import { PermanentError } from '../../domain/errors.js';
import type { ConnectionConfig } from '../../domain/crm/field-mapping.js';
import type { SecretSource } from '../../domain/crm/write-back.js';
import type { OutboundFetch } from '../http/guarded-fetch.js';
import { createFxiaokeClient } from './fxiaoke/client.js';
import { createHubSpotClient } from './hubspot/client.js';
import { createSalesforceClient } from './salesforce/client.js';
import { createZohoClient } from './zoho/client.js';

/**
 * Reads one native record from the connection's CRM (for notices that carry only ids: Zoho
 * notifications, HubSpot webhooks, Salesforce GAP events, Fxiaoke polls). One instance per
 * container: the clients keep their token caches and rate limiters. Every call goes through
 * `outbound`, the function's guarded fetch.
 * @example const fetcher = createRecordFetcher({ secrets, outbound: createGuardedFetch(outboundPolicy()) });
 */
export const createRecordFetcher = (deps: { secrets: SecretSource; outbound: OutboundFetch }) => {
  const zoho = createZohoClient(deps);
  const hubspot = createHubSpotClient(deps);
  const salesforce = createSalesforceClient(deps);
  const fxiaoke = createFxiaokeClient(deps);
  return {
    zoho,
    fxiaoke,
    async read(config: ConnectionConfig, objectName: string, id: string): Promise<Record<string, unknown>> {
      switch (config.crm) {
        case 'zoho':
          return zoho.fetchRecord(config, objectName, id);
        case 'fxiaoke':
          return fxiaoke.fetchRecord(config, objectName, id);
        case 'salesforce':
          return salesforce.fetchRecord(config, objectName, id);
        case 'hubspot': {
          const mapping = config.objects[objectName];
          const paths = mapping ? [mapping.modifiedAtPath, ...mapping.fields.flatMap((f) => (typeof f.from === 'string' ? [f.from] : f.from)), ...mapping.identifiers.map((i) => i.from)] : [];
          const properties = [...new Set(paths.filter((p) => p.startsWith('properties.')).map((p) => p.slice('properties.'.length)))];
          return (await hubspot.fetchObject(config, objectName, id, { properties, associations: ['companies'] })) as Record<string, unknown>;
        }
        case 'generic':
          throw new PermanentError('crm_fetch_unsupported', `Connection ${config.connectionId} is generic: send records, not notices`);
      }
    },
  };
};
export type RecordFetcher = ReturnType<typeof createRecordFetcher>;
