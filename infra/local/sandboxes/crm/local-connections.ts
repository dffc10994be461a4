import { defaultConnectionConfig } from '../../../../shared/domain/crm/default-mappings.js';
import { parseConnectionConfig, type ConnectionConfig } from '../../../../shared/domain/crm/field-mapping.js';
import { FXIAOKE_SANDBOX_INTEGRATION_USER } from './fxiaoke.js';
import { HUBSPOT_SANDBOX_APP_ID } from './hubspot.js';
import { SALESFORCE_SANDBOX_CLIENT_ID } from './salesforce.js';

/** Connection ids of the local CRM sandboxes (crm_record identifiers use them: `hubspot:local-hubspot:<id>`). */
export const LOCAL_CRM_CONNECTION_IDS = {
  zoho: 'local-zoho',
  fxiaoke: 'local-fxiaoke',
  hubspot: 'local-hubspot',
  salesforce: 'local-salesforce',
} as const;

export type LocalCrm = keyof typeof LOCAL_CRM_CONNECTION_IDS;

/**
 * The default connection of each CRM, pointed at its local sandbox, and the secrets it names
 * (served to functions through LOCAL_SECRETS). Synthetic credentials the sandboxes accept.
 */
export const localCrmConnections = (urls: Partial<Record<LocalCrm, string>>): { connections: ConnectionConfig[]; secrets: Record<string, string> } => {
  const connections: ConnectionConfig[] = [];
  const secrets: Record<string, string> = {};
  const values: Record<LocalCrm, Record<string, string>> = {
    zoho: { clientId: '1000.SANDBOXCLIENT', clientSecret: 'sandbox-zoho-secret', refreshToken: '1000.sandbox-refresh', channelToken: 'sandbox-channel-token' },
    fxiaoke: { appId: 'FSAID_sandbox', appSecret: 'sandbox-fxiaoke-secret', permanentCode: 'sandbox-permanent-code' },
    hubspot: { accessToken: 'pat-sandbox-token', clientSecret: 'sandbox-client-secret' },
    salesforce: { clientId: SALESFORCE_SANDBOX_CLIENT_ID, clientSecret: 'sandbox-secret' },
  };
  for (const crm of Object.keys(LOCAL_CRM_CONNECTION_IDS) as LocalCrm[]) {
    const url = urls[crm];
    if (!url) continue;
    const base = defaultConnectionConfig(crm, LOCAL_CRM_CONNECTION_IDS[crm]);
    const config = parseConnectionConfig({
      ...base,
      apiBaseUrl: url,
      ...(crm === 'zoho' ? { authBaseUrl: url } : {}),
      ...(crm === 'hubspot' ? { integrationUsers: [HUBSPOT_SANDBOX_APP_ID] } : {}),
      // Fxiaoke calls need the acting user (currentOpenUserId); the sandbox stamps API writes with its integration user.
      ...(crm === 'fxiaoke' ? { actingUserId: 'FSUID_SANDBOX_INTEGRATION', integrationUsers: [FXIAOKE_SANDBOX_INTEGRATION_USER] } : {}),
    });
    connections.push(config);
    for (const [role, name] of Object.entries(config.credentials)) {
      const value = values[crm][role];
      if (value !== undefined) secrets[name] = value;
    }
  }
  return { connections, secrets };
};
