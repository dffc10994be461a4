import type { CrmFieldMetadata } from '../../domain/crm/crm-fields.js';
import type { CrmName } from '../../domain/crm/crm-record.js';
import type { CrmWriteBack, SecretSource } from '../../domain/crm/write-back.js';
import type { OutboundFetch } from '../http/guarded-fetch.js';
import { createFxiaokeClient, createFxiaokeFieldMetadata, createFxiaokeWriteBack } from './fxiaoke/client.js';
import { createHubSpotClient, createHubSpotFieldMetadata, createHubSpotWriteBack } from './hubspot/client.js';
import { createSalesforceClient, createSalesforceFieldMetadata, createSalesforceWriteBack } from './salesforce/client.js';
import { createZohoClient, createZohoFieldMetadata, createZohoWriteBack } from './zoho/client.js';

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

/**
 * One field-metadata API per CRM (check and create the write-back fields), through the same
 * guarded fetch as every outbound call.
 * @example const metadata = createCrmFieldMetadata({ secrets, outbound }); await metadata.salesforce.listFields(conn, 'Account')
 */
export const createCrmFieldMetadata = (deps: { secrets: SecretSource; outbound: OutboundFetch }): Record<Exclude<CrmName, 'generic'>, CrmFieldMetadata> => ({
  zoho: createZohoFieldMetadata(createZohoClient(deps)),
  fxiaoke: createFxiaokeFieldMetadata(createFxiaokeClient(deps)),
  hubspot: createHubSpotFieldMetadata(createHubSpotClient(deps)),
  salesforce: createSalesforceFieldMetadata(createSalesforceClient(deps)),
});
