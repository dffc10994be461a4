import { startWebhookReceiver, type WebhookReceiver } from './receiver/webhook-receiver.js';
import { startLocalBureaus } from './bureaus/local-bureaus.js';
import { startFxiaokeSandbox } from './crm/fxiaoke.js';
import { startHubSpotSandbox } from './crm/hubspot.js';
import { localCrmConnections } from './crm/local-connections.js';
import { startSalesforceSandbox } from './crm/salesforce.js';
import { startZohoSandbox } from './crm/zoho.js';
import { startGroupRobotSandbox } from './notify/group-robots.js';

/**
 * Every sandbox `npm start` and the e2e tests run: deterministic stand-ins for the bureaus and
 * CRMs that cannot be reached from here, and a webhook receiver playing subscribers and CRMs.
 * Each area adds its sandboxes in `startSandboxes`, contributing:
 * - `env`: variables for the hub's functions (base URLs, ids),
 * - `secrets`: secret name → value, served to functions through LOCAL_SECRETS,
 * - `urls`: what `npm start` prints.
 */
export interface RunningSandboxes {
  env: Record<string, string>;
  secrets: Record<string, string>;
  urls: Record<string, string>;
  receiver: WebhookReceiver;
  /** Area-specific handles (sandbox objects) for seeding and tests. */
  handles: Record<string, unknown>;
  stop(): Promise<void>;
}

export const startSandboxes = async (options: { receiverPort?: number; receiverSecretsFile?: string } = {}): Promise<RunningSandboxes> => {
  const stops: Array<() => Promise<void>> = [];
  const env: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  const urls: Record<string, string> = {};
  const handles: Record<string, unknown> = {};

  const receiver = await startWebhookReceiver({
    ...(options.receiverPort ? { port: options.receiverPort } : {}),
    ...(options.receiverSecretsFile ? { secretsFile: options.receiverSecretsFile } : {}),
  });
  stops.push(() => receiver.stop());
  urls['webhook receiver'] = `${receiver.url}/hooks/<name>`;

  // CRM sandboxes (write-back targets and CRM event sources). Their connections (handles.crm.connections)
  // point at them; store them with connectionStore or the connections API to use them.
  const [zoho, fxiaoke, hubspot, salesforce] = await Promise.all([startZohoSandbox(), startFxiaokeSandbox(), startHubSpotSandbox(), startSalesforceSandbox()]);
  stops.push(() => zoho.stop(), () => fxiaoke.stop(), () => hubspot.stop(), () => salesforce.stop());
  const crm = localCrmConnections({ zoho: zoho.url, fxiaoke: fxiaoke.url, hubspot: hubspot.url, salesforce: salesforce.url });
  Object.assign(secrets, crm.secrets);
  // CRM ingest: shared secret of the Salesforce inbound route (HMAC / x-riskbridge-token), see docs/crm-ingest.md.
  secrets['riskbridge/salesforce/local-salesforce/inbound-secret'] = 'sandbox-salesforce-inbound-secret';
  Object.assign(urls, { 'zoho sandbox': zoho.url, 'fxiaoke sandbox': fxiaoke.url, 'hubspot sandbox': hubspot.url, 'salesforce sandbox': salesforce.url });
  handles['crm'] = { zoho, fxiaoke, hubspot, salesforce, connections: crm.connections };

  // The six bureau sandboxes: BUREAU_<NAME>_URL + credentials by secret name (riskbridge/bureau/<bureau>).
  const bureaus = await startLocalBureaus();
  stops.push(() => bureaus.stop());
  Object.assign(env, bureaus.env);
  Object.assign(secrets, bureaus.secrets);
  for (const [bureau, sandbox] of Object.entries(bureaus.sandboxes)) urls[`${bureau} sandbox`] = sandbox.url;
  handles['bureaus'] = bureaus.sandboxes;

  // Group robots (DingTalk, WeCom, Feishu) that alert notices go to; they verify signatures and record messages.
  const robots = await startGroupRobotSandbox();
  stops.push(() => robots.stop());
  urls['group robots'] = `${robots.url}/{dingtalk,wecom,feishu}/…`;
  handles['notify'] = robots;

  return {
    env: { ...env, LOCAL_SECRETS: JSON.stringify(secrets) },
    secrets,
    urls,
    receiver,
    handles,
    stop: async () => {
      await Promise.allSettled(stops.reverse().map((s) => s()));
    },
  };
};
