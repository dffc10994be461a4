import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { readLocalHubFile } from '../../../infra/local/hub-file.js';
import { createRiskBridgeClient, type paths, type RiskBridgeClient } from '../../client/src/index.js';

/** Where `rb` looks for a hub when neither --url nor RB_URL says. */
export const DEFAULT_HUB_URL = 'http://127.0.0.1:3000';

/** A hub's base URL and the API key that calls it. */
export interface HubTarget {
  url: string;
  key: string;
  /**
   * The `Idempotency-Key` of this invocation's POSTs (default: a fresh UUID). The first POST sends
   * it as is, the n-th after it `<key>.<n>`, so a rerun with the same key (`--idempotency-key`) and
   * the same input replays each step instead of creating it twice.
   */
  idempotencyKey?: string | undefined;
}

/** The hub refused a request, answered unexpectedly, or could not be reached. */
export class HubError extends Error {
  readonly code = 'hub_request_failed';
  constructor(
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'HubError';
  }
}

export interface HubRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Parses the 2xx answer's JSON body. */
  schema: z.ZodType<T>;
  body?: { text: string; contentType: string };
}

/** The CLI's only way to the hub's HTTP API. */
export interface HubClient {
  readonly url: string;
  /** Raw bodies (CSV chunks) with a zod-checked JSON answer. */
  request<T>(request: HubRequest<T>): Promise<T>;
  /** The typed client generated from docs/openapi.json, for every JSON call. */
  readonly api: RiskBridgeClient;
}

const ProblemSchema = z.object({ title: z.string().optional(), detail: z.string().optional() });

const refusal = (text: string): string => {
  let problem: z.infer<typeof ProblemSchema> | undefined;
  try {
    const parsed = ProblemSchema.safeParse(JSON.parse(text));
    problem = parsed.success ? parsed.data : undefined;
  } catch {
    problem = undefined;
  }
  const said = [problem?.title, problem?.detail].filter(Boolean).join(': ');
  return (said || text).replace(/\s+/g, ' ').trim().slice(0, 300);
};

/**
 * A thin `fetch` wrapper: `path` is appended to `url` (so a stage prefix such as `/prod` stays), bearer key, timeout, JSON answers parsed with zod, and every failure
 * (non-2xx answer, unreachable hub, timeout, unexpected body) as one `HubError` with a one-line message.
 * A typed OpenAPI client will replace it.
 *
 * @example
 * const hub = hubClient({ url: 'http://127.0.0.1:3000', key });
 * const { ok } = await hub.request({ method: 'GET', path: '/v1/audit/verify', schema: z.object({ ok: z.boolean() }) });
 */
export const hubClient = ({ url, key, timeoutMs = 30_000, idempotencyKey = randomUUID() }: HubTarget & { timeoutMs?: number }): HubClient => {
  let posts = 0;
  /** The Idempotency-Key header of the next POST (the hub ignores it on routes that create nothing). */
  const idempotencyHeader = (method: string): Record<string, string> => {
    if (method.toUpperCase() !== 'POST') return {};
    const n = posts++;
    return { 'idempotency-key': n === 0 ? idempotencyKey : `${idempotencyKey}.${n}` };
  };
  return {
    url,
    api: createRiskBridgeClient({
      baseUrl: url.replace(/\/+$/, ''),
      key,
      fetch: (request) => {
        for (const [name, value] of Object.entries(idempotencyHeader(request.method))) if (!request.headers.has(name)) request.headers.set(name, value);
        return fetch(request, { signal: AbortSignal.timeout(timeoutMs) });
      },
    }),
    async request<T>({ method, path, schema, body }: HubRequest<T>): Promise<T> {
      const what = `${method} ${path}`;
      let response: Response;
      try {
        response = await fetch(`${url.replace(/\/+$/, '')}${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, ...idempotencyHeader(method), ...(body ? { 'content-type': body.contentType } : {}) },
          ...(body ? { body: body.text } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        if (error instanceof DOMException && error.name === 'TimeoutError') throw new HubError(`${what}: no answer from ${url} within ${timeoutMs / 1000} s`, undefined, { cause: error });
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
        const reason = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
        throw new HubError(`cannot reach the hub at ${url} (${reason}); is it running?`, undefined, { cause: error });
      }
      const text = await response.text();
      if (!response.ok) throw new HubError(`${what}: HTTP ${response.status} ${refusal(text)}`, response.status);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new HubError(`${what}: the answer is not JSON`, response.status, { cause: error });
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new HubError(`${what}: unexpected answer (${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')})`, response.status);
      return parsed.data;
    },
  };
};

/** A hub client for --url/RB_URL, else the hub `npm start` runs (.local/hub.json), else the default URL. */
export const connectHub = async ({ url, key, idempotencyKey }: { url?: string | undefined; key: string; idempotencyKey?: string | undefined }): Promise<HubClient> => {
  const local = url ? undefined : await readLocalHubFile().catch(() => undefined);
  return hubClient({ url: url ?? local?.url ?? DEFAULT_HUB_URL, key, idempotencyKey });
};

export type AuditVerdict = paths['/v1/audit/verify']['get']['responses'][200]['content']['application/json'];

/** The typed client's answer as data, or one HubError naming the call and the problem. */
const dataOf = async <T>(what: string, url: string, call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> => {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
    throw new HubError(`cannot reach the hub at ${url} (${reason}); is it running?`, undefined, { cause: error });
  }
  if (result.data === undefined || !result.response.ok) {
    throw new HubError(`${what}: HTTP ${result.response.status} ${refusal(JSON.stringify(result.error ?? ''))}`, result.response.status);
  }
  return result.data;
};

/**
 * The hub routes `rb` calls, with their answers parsed.
 *
 * @example
 * const { ok } = await hubApi(await connectHub({ key })).verifyAudit();
 */
export const hubApi = (hub: HubClient) => ({
  /** GET /v1/admin/api-keys (keys:manage): every key, never a secret. */
  listApiKeys: async () => (await dataOf('GET /v1/admin/api-keys', hub.url, hub.api.GET('/v1/admin/api-keys'))).keys,
  /** GET /v1/audit/verify (audit:read): the verdict per audit chain. */
  verifyAudit: (): Promise<AuditVerdict> => dataOf('GET /v1/audit/verify', hub.url, hub.api.GET('/v1/audit/verify')),
  /** POST /v1/crm/connections/{connectionId}/setup (admin): the per-field report of the write-back fields. */
  setupCrmConnection: (connectionId: string) =>
    dataOf(`POST /v1/crm/connections/${connectionId}/setup`, hub.url, hub.api.POST('/v1/crm/connections/{connectionId}/setup', { params: { path: { connectionId } } })),
  /** POST /v1/policies (policies:manage): stores a draft policy (checked by the hub). */
  createPolicy: async (policyJson: string): Promise<void> => {
    await hub.request({ method: 'POST', path: '/v1/policies', schema: z.unknown(), body: { text: policyJson, contentType: 'application/json' } });
  },
});
