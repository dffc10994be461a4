import type { CrmName } from '../../domain/crm/crm-record.js';
import type { CrmWriteBack, SecretSource } from '../../domain/crm/write-back.js';
import type { OutboundFetch } from '../http/guarded-fetch.js';
import { createFxiaokeClient, createFxiaokeWriteBack } from './fxiaoke/client.js';
import { createHubSpotClient, createHubSpotWriteBack } from './hubspot/client.js';
import { createSalesforceClient, createSalesforceWriteBack } from './salesforce/client.js';
import { createZohoClient, createZohoWriteBack } from './zoho/client.js';

/**
 * One CrmWriteBack per CRM, sharing the secret source and the function's guarded fetch. Build
 * once per cold start (module scope) so token caches and rate limiters live across invocations.
 * @example const writeBacks = createCrmWriteBacks({ secrets, outbound: createGuardedFetch(outboundPolicy()) }); await writeBacks.zoho.update(conn, id, fields)
 */
export const createCrmWriteBacks = (deps: { secrets: SecretSource; outbound: OutboundFetch }): Record<Exclude<CrmName, 'generic'>, CrmWriteBack> => ({
  zoho: createZohoWriteBack(createZohoClient(deps)),
  fxiaoke: createFxiaokeWriteBack(createFxiaokeClient(deps)),
  hubspot: createHubSpotWriteBack(createHubSpotClient(deps)),
  salesforce: createSalesforceWriteBack(createSalesforceClient(deps)),
});
