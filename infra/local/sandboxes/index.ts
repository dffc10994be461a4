import { startWebhookReceiver, type WebhookReceiver } from './receiver/webhook-receiver.js';

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

export const startSandboxes = async (options: { receiverPort?: number } = {}): Promise<RunningSandboxes> => {
  const stops: Array<() => Promise<void>> = [];
  const env: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  const urls: Record<string, string> = {};
  const handles: Record<string, unknown> = {};

  const receiver = await startWebhookReceiver({ ...(options.receiverPort ? { port: options.receiverPort } : {}) });
  stops.push(() => receiver.stop());
  urls['webhook receiver'] = `${receiver.url}/hooks/<name>`;

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
