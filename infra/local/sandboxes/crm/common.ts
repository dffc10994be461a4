import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A write-back the sandbox received, for tests to assert. */
export interface RecordedWrite {
  objectName: string;
  id: string;
  fields: Record<string, unknown>;
  at: string;
}

/** What the next matching request should suffer instead of a normal answer. */
export type InjectedFailure =
  | { kind: 'http'; status: number; retryAfterSeconds?: number }
  | { kind: 'fxiaoke'; errorCode: number; errorMessage: string };

export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: string;
  json: () => unknown;
}

export interface SandboxReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Deterministic 32-bit number from a string, so synthetic data follows the ids. */
export const seedOf = (text: string): number => createHash('sha256').update(text).digest().readUInt32BE(0);

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A synthetic 统一社会信用代码 with a valid GB 32100-2015 check character. */
export const syntheticUscc = (seed: number): string => {
  let body = '91';
  body += String(110000 + (seed % 500000)).padStart(6, '0');
  let n = seed;
  for (let i = 0; i < 9; i++) {
    body += USCC_CHARS[n % 31];
    n = Math.floor(n / 7) + i * 13;
  }
  const sum = [...body].reduce((acc, ch, i) => acc + USCC_CHARS.indexOf(ch) * (USCC_WEIGHTS[i] ?? 0), 0);
  return body + USCC_CHARS[(31 - (sum % 31)) % 31];
};

/** Synthetic companies (never real ones), with Chinese names for the China-facing CRMs. */
export const SYNTHETIC_COMPANIES = [
  { name: '杭州示例数据科技有限公司', city: '杭州', country: 'CN', phone: '0571-8888 0001', website: 'example-hz.cn', industry: 'Technology' },
  { name: '上海样本贸易有限公司', city: '上海', country: 'CN', phone: '021 6000 0002', website: 'sample-sh.cn', industry: 'Wholesale' },
  { name: '深圳演示制造股份有限公司', city: '深圳', country: 'CN', phone: '0755-2000-0003', website: 'demo-sz.cn', industry: 'Manufacturing' },
  { name: 'Example Widgets GmbH', city: 'Berlin', country: 'DE', phone: '+49 30 0000004', website: 'widgets.example', industry: 'Manufacturing' },
  { name: 'Sample Logistics Ltd', city: 'London', country: 'GB', phone: '+44 20 0000 0005', website: 'logistics.example', industry: 'Transportation' },
  { name: 'Demo Foods Inc.', city: 'Austin', country: 'US', phone: '+1 512 555 0106', website: 'demofoods.example', industry: 'Food & Beverage' },
] as const;

/** Base epoch for seeded modification times: 2025-01-01T00:00:00Z. */
export const SEED_EPOCH_MS = Date.UTC(2025, 0, 1);

export const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/**
 * Starts a loopback JSON server around `route`, with failure injection shared by all CRM
 * sandboxes: `failNext` queues failures consumed by the next requests matching `pathPrefix`.
 */
export const startSandboxServer = async (
  route: (request: SandboxRequest) => SandboxReply | Promise<SandboxReply>,
  options: { port?: number; fxiaokeStyle?: boolean } = {},
) => {
  const failures: { failure: InjectedFailure; pathPrefix: string }[] = [];
  const requests: { method: string; path: string }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rawBody = await readBody(req);
      requests.push({ method: req.method ?? 'GET', path: url.pathname });
      const index = failures.findIndex((f) => url.pathname.startsWith(f.pathPrefix));
      let reply: SandboxReply;
      const injected = index >= 0 ? failures.splice(index, 1)[0]?.failure : undefined;
      if (injected) {
        const failure = injected;
        reply =
          failure.kind === 'http'
            ? { status: failure.status, body: { message: 'injected failure' }, headers: failure.retryAfterSeconds === undefined ? {} : { 'retry-after': String(failure.retryAfterSeconds) } }
            : { status: 200, body: { errorCode: failure.errorCode, errorMessage: failure.errorMessage } };
      } else {
        try {
          reply = await route({
            method: req.method ?? 'GET',
            path: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            rawBody,
            json: () => JSON.parse(rawBody || 'null'),
          });
        } catch {
          reply = options.fxiaokeStyle ? { status: 200, body: { errorCode: 10001, errorMessage: '参数错误' } } : { status: 400, body: { message: 'bad request' } };
        }
      }
      const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...(payload ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...reply.headers });
      res.end(payload);
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(failure: InjectedFailure, pathPrefix = '/'): void {
      failures.push({ failure, pathPrefix });
    },
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
};

/** POSTs `body` to a hub URL and returns the hub's status. */
export const postToHub = async (url: string, rawBody: string, headers: Record<string, string> = {}): Promise<number> => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody, signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return response.status;
};
