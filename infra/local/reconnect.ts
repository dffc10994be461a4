import type { RunningSandboxes } from './sandboxes/index.js';
import { apiClient } from './seed.js';

interface SandboxConnection {
  connectionId: string;
  crm: string;
  credentials?: Record<string, string>;
}

/**
 * The sandboxes get new ports on every start, but a kept table still names the old ones in its
 * CRM connections: points the connections the seed created at this run's sandboxes again
 * (through the API, as the seed wrote them). Connections that do not exist are left alone.
 * Answers the ids it updated.
 */
export const repointSandboxConnections = async (hubUrl: string, adminKey: string, sandboxes: RunningSandboxes): Promise<string[]> => {
  const api = apiClient(hubUrl, adminKey);
  const crm = sandboxes.handles['crm'] as { connections: SandboxConnection[] } | undefined;
  const updated: string[] = [];
  for (const connection of crm?.connections ?? []) {
    if ((await api('GET', `/v1/crm/connections/${connection.connectionId}`)).status !== 200) continue;
    const body = connection.crm === 'salesforce' ? { ...connection, credentials: { ...connection.credentials, inboundSecret: `riskbridge/salesforce/${connection.connectionId}/inbound-secret` } } : connection;
    const put = await api('PUT', `/v1/crm/connections/${connection.connectionId}`, body);
    if (put.status >= 300) throw new Error(`re-pointing connection ${connection.connectionId} failed: ${put.status} ${JSON.stringify(put.json)}`);
    updated.push(connection.connectionId);
  }
  return updated;
};
