import { z } from 'zod';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * How the receiver answers: `ok` 200 after verifying; `garbage` writes non-HTTP bytes and
 * closes the socket; `hang` never answers; `gone` 410; `redirect` 307 to another path;
 * `throttle` 429 with `Retry-After: <retryAfterSeconds>`; `reject` 400.
 */
export type ReceiverMode = 'ok' | 'garbage' | 'hang' | 'gone' | 'redirect' | 'throttle' | 'reject';

/** One request as the receiver saw it (headers lower-cased, raw body as text). */
export interface ReceivedDelivery {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** True when the signature verified with one of the receiver's secrets (Standard Webhooks, ±5 min). */
  verified: boolean;
  /** HTTP status answered, undefined for `garbage`/`hang`. */
  status: number | undefined;
  receivedAt: Date;
}

export interface WebhookReceiverOptions {
  port?: number;
  secret?: string;
  secrets?: string[];
  /** Answer 500 to the first N requests (over all paths), then follow `mode`. */
  failFirst?: number;
  mode?: ReceiverMode;
  /** Seconds sent in Retry-After by `throttle`. Default 1. */
  retryAfterSeconds?: number;
  /**
   * File the receiver keeps its secrets in (read at start, rewritten on change), so a restarted
   * `npm start` still verifies the subscriptions its data directory kept.
   */
  secretsFile?: string;
}

const SecretsFileSchema = z.array(z.string());

const readSecretsFile = (path: string | undefined): string[] => {
  if (!path) return [];
  try {
    return SecretsFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return [];
  }
};

export interface WebhookReceiver {
  /** Base URL, e.g. http://127.0.0.1:43121 ; post to `${url}/hooks/<name>`. */
  url: string;
  received: ReceivedDelivery[];
  /** Verified deliveries answered 2xx, first per `webhook-id`: what a deduplicating receiver acted on. */
  effective(path?: string): ReceivedDelivery[];
  setFailFirst(n: number): void;
  /** Mode for one path (`/hooks/crm-a`) or, without `path`, for every path without its own. */
  setMode(mode: ReceiverMode, path?: string): void;
  setSecrets(secrets: string[]): void;
  waitFor(predicate: (received: ReceivedDelivery[]) => boolean, timeoutMs?: number): Promise<ReceivedDelivery[]>;
  stop(): Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const flatHeaders = (request: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
};

/**
 * A local Standard Webhooks receiver, one per simulated subscriber or CRM (`/hooks/<name>`):
 * verifies every request with `standardwebhooks`, records everything, and fails on demand.
 * Binds 127.0.0.1, port 0 unless given. For local runs and tests only.
 * @example const rx = await startWebhookReceiver({ secret, failFirst: 2 }); await sendWebhook({ url: `${rx.url}/hooks/a`, ... });
 */
const SummarySchema = z.object({ type: z.string().optional(), customerId: z.string().optional(), sequence: z.number().optional() });

export const startWebhookReceiver = async (options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> => {
  let secrets = [...new Set([...(options.secrets ?? (options.secret ? [options.secret] : [])), ...readSecretsFile(options.secretsFile)])];
  const keepSecrets = (next: string[]): void => {
    secrets = next;
    if (options.secretsFile) writeFileSync(options.secretsFile, JSON.stringify(secrets), { mode: 0o600 });
  };
  let failFirst = options.failFirst ?? 0;
  let defaultMode: ReceiverMode = options.mode ?? 'ok';
  const modes = new Map<string, ReceiverMode>();
  const received: ReceivedDelivery[] = [];
  const waiters = new Set<() => void>();
  const hanging = new Set<ServerResponse>();

  const verify = (body: string, headers: Record<string, string>): boolean =>
    secrets.some((secret) => {
      try {
        new Webhook(secret).verify(body, headers, { jsonParse: false });
        return true;
      } catch {
        return false;
      }
    });

  /** `GET /__received`: what arrived, for people following the README (no bodies: ids, types, verdicts). */
  const listReceived = (response: ServerResponse): void => {
    const rows = received.slice(-100).map((d) => {
      let summary: z.infer<typeof SummarySchema> = {};
      try {
        summary = SummarySchema.parse(JSON.parse(d.body));
      } catch {
        summary = {};
      }
      return { path: d.path, webhookId: d.headers['webhook-id'], ...summary, verified: d.verified, status: d.status, receivedAt: d.receivedAt.toISOString() };
    });
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ received: rows }, null, 2));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method === 'GET' && (request.url ?? '').split('?')[0] === '/__received') {
      listReceived(response);
      return;
    }
    if (request.method === 'POST' && (request.url ?? '').split('?')[0] === '/__secrets') {
      // Local use: teach the receiver a subscription's secret so it can verify that subscription's deliveries.
      let json: unknown;
      try {
        json = JSON.parse(await readBody(request));
      } catch {
        json = undefined;
      }
      const parsed = z.object({ secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/) }).safeParse(json);
      if (!parsed.success) {
        response.writeHead(422, { 'content-type': 'text/plain' }).end('expected {"secret":"whsec_…"}');
        return;
      }
      if (!secrets.includes(parsed.data.secret)) keepSecrets([...secrets, parsed.data.secret]);
      response.writeHead(204).end();
      return;
    }
    const body = await readBody(request);
    const headers = flatHeaders(request);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const entry: ReceivedDelivery = { path, headers, body, verified: verify(body, headers), status: undefined, receivedAt: new Date() };
    received.push(entry);
    const answer = (status: number, extra: Record<string, string> = {}, text = '') => {
      entry.status = status;
      response.writeHead(status, { 'content-type': 'text/plain', ...extra }).end(text);
    };
    const mode = modes.get(path) ?? defaultMode;
    if (failFirst > 0) {
      failFirst -= 1;
      answer(500, {}, 'simulated failure');
    } else if (mode === 'garbage') {
      response.socket?.end('this is not HTTP\r\n\r\n');
    } else if (mode === 'hang') {
      hanging.add(response);
    } else if (mode === 'gone') {
      answer(410, {}, 'gone');
    } else if (mode === 'redirect') {
      answer(307, { location: '/elsewhere' });
    } else if (mode === 'throttle') {
      answer(429, { 'retry-after': String(options.retryAfterSeconds ?? 1) }, 'slow down');
    } else if (mode === 'reject') {
      answer(400, {}, 'bad request');
    } else if (!entry.verified) {
      answer(401, {}, 'signature did not verify');
    } else {
      answer(200, {}, 'ok');
    }
    for (const wake of waiters) wake();
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const effective = (path?: string): ReceivedDelivery[] => {
    const seen = new Set<string>();
    return received.filter((delivery) => {
      const id = delivery.headers['webhook-id'];
      const counted =
        delivery.verified &&
        delivery.status !== undefined &&
        delivery.status >= 200 &&
        delivery.status < 300 &&
        (path === undefined || delivery.path === path) &&
        id !== undefined &&
        !seen.has(id);
      if (counted) seen.add(id);
      return counted;
    });
  };

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    effective,
    setFailFirst: (n) => {
      failFirst = n;
    },
    setMode: (mode, path) => {
      if (path === undefined) defaultMode = mode;
      else modes.set(path, mode);
    },
    setSecrets: (next) => {
      keepSecrets([...next]);
    },
    waitFor: (predicate, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        if (predicate(received)) return resolve(received);
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`webhook receiver: condition not met within ${timeoutMs} ms (${received.length} received)`));
        }, timeoutMs);
        const check = () => {
          if (!predicate(received)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(received);
        };
        waiters.add(check);
      }),
    stop: async () => {
      for (const response of hanging) response.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
