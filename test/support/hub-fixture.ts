import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';
import { ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { startHub, type Hub, type HubOptions } from '../../infra/local/hub.js';
import { ensureAdminKey } from '../../infra/local/bootstrap.js';
import type { QueueId } from '../../infra/topology.js';
import { checkResponse, recordPair } from './contract.js';
import { E2E_WAIT_MS } from './e2e-helpers.js';

export interface TestHub {
  hub: Hub;
  /** The key of the hub's first admin person, `test-admin` (roles admin). */
  adminKey: string;
  /** The bootstrap key (no person): valid until two admins exist. */
  bootstrapKey: string;
  /** Calls the hub's HTTP API; `key: null` sends no key. */
  api(method: string, path: string, options?: { body?: unknown; rawBody?: string; key?: string | null; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; json: any; text: string }>;
  /** Receives (and deletes) messages from one of the hub's queues until `until` holds or `waitMs` pass (default: E2E_WAIT_MS). */
  drain(queue: QueueId, options?: { waitMs?: number; until?: (all: Message[]) => boolean }): Promise<Message[]>;
  stop(): Promise<void>;
}

const bootstrapCall = async (url: string, key: string, path: string, body: unknown): Promise<any> => {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json: any = await response.json();
  if (response.status !== 201) throw new Error(`bootstrap ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
};

/** The bootstrap key creates the first admin person and that person's key (the hub's `adminKey`). */
const firstAdminKey = async (url: string, bootstrapKey: string): Promise<string> => {
  await bootstrapCall(url, bootstrapKey, '/v1/people', { personId: 'test-admin', displayName: 'Test Admin', email: 'test-admin@example.test', roles: ['admin'] });
  return (await bootstrapCall(url, bootstrapKey, '/v1/admin/api-keys', { name: 'test admin key', role: 'admin', personId: 'test-admin' })).key;
};

/**
 * Starts a hub as `npm start` does, on the emulators of the test run, with its own table and
 * queues (random prefix) so test files do not see each other's data.
 */
export const startTestHub = async (options: Partial<HubOptions> = {}): Promise<TestHub> => {
  const dynamoEndpoint = inject('dynamoEndpoint');
  const sqsEndpoint = inject('sqsEndpoint');
  const contractDir = inject('contractDir');
  const hub = await startHub({
    dynamoEndpoint,
    sqsEndpoint,
    prefix: `t${randomBytes(4).toString('hex')}`,
    visibilityScale: 1 / 60,
    allowLoopbackOutbound: true,
    // The hub's background errors (pollers, schedules) are expected in many tests; RB_TEST_HUB_ERRORS=<file> keeps them for a look.
    onError: (source, error) => {
      const file = process.env['RB_TEST_HUB_ERRORS'];
      if (file) appendFileSync(file, `${new Date().toISOString()} [${source}] ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    },
    ...options,
  });
  const bootstrapKey = await ensureAdminKey({ tableName: hub.resources.tableName });
  const adminKey = await firstAdminKey(hub.url, bootstrapKey);
  const sqs = new SQSClient({ endpoint: sqsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, useQueueUrlAsEndpoint: false });
  return {
    hub,
    adminKey,
    bootstrapKey,
    async api(method, path, opts = {}) {
      const key = opts.key === undefined ? adminKey : opts.key;
      const response = await fetch(`${hub.url}${path}`, {
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(opts.body !== undefined || opts.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
          ...opts.headers,
        },
        ...(opts.rawBody !== undefined ? { body: opts.rawBody } : opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      });
      const text = await response.text();
      const { operation, violation } = checkResponse(method, path, response.status, response.headers.get('content-type'), text);
      if (operation) recordPair(contractDir, { operation, status: response.status, ...(violation ? { violation: true } : {}) });
      // A 5xx names its problem (code, detail, request id) so a failure under load says what broke.
      if (violation) throw new Error(`The hub broke its published contract: ${violation}${response.status >= 500 ? ` (x-request-id ${response.headers.get('x-request-id')}; body ${text.slice(0, 500)})` : ''}`);
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, json, text };
    },
    async drain(queue, { waitMs = E2E_WAIT_MS, until = (all: Message[]) => all.length > 0 } = {}) {
      const out: Message[] = [];
      const deadline = Date.now() + waitMs;
      while (Date.now() < deadline && !until(out)) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: hub.resources.queueUrls[queue], MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
        );
        out.push(...Messages);
      }
      return out;
    },
    async stop() {
      sqs.destroy();
      await hub.stop();
    },
  };
};
