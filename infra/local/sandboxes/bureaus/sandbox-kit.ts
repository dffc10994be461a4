import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * Shared machinery for the six bureau sandboxes: a loopback HTTP server with an OAuth2
 * client-credentials token endpoint (or the vendor's own auth via a hook), failure injection
 * (programmatic and `POST /__sandbox/failure`), per-subject triggers (`notfound`, `malformed`,
 * `mismatch` in the subject id/name) and request counting. Data is synthetic and deterministic.
 */

export const SandboxFailureSchema = z
  .object({
    mode: z.enum(['slow', 'server_error', 'rate_limited', 'malformed', 'not_found']),
    /** How many data requests the failure applies to; unlimited when absent. */
    times: z.number().int().positive().optional(),
    /** For `slow`: delay before answering (default 5000 ms). */
    delayMs: z.number().int().nonnegative().optional(),
    /** For `rate_limited`: the `Retry-After` header (default 1 s). */
    retryAfterSeconds: z.number().int().nonnegative().optional(),
  })
  .nullable();
export type SandboxFailure = z.infer<typeof SandboxFailureSchema>;

/** A request as the sandbox handlers see it (body already read). */
export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Strings are sent as-is; anything else as JSON. */
  body?: unknown;
}

export interface SandboxRoute {
  method: string;
  path: string | RegExp;
  handler(req: SandboxRequest): SandboxResponse | Promise<SandboxResponse>;
}

export type SandboxAuth =
  | {
      kind: 'oauth2_client_credentials';
      tokenPath: string;
      clientId: string;
      clientSecret: string;
      tokenTtlSeconds?: number;
    }
  | {
      /** Vendor-specific: `issueToken` answers the token endpoint, `verify` checks data requests. */
      kind: 'custom';
      tokenPath?: string;
      issueToken?(req: SandboxRequest): SandboxResponse;
      verify(req: SandboxRequest): boolean;
    }
  | { kind: 'none' };

export interface BureauSandboxOptions {
  name: string;
  port?: number;
  auth: SandboxAuth;
  routes: SandboxRoute[];
  /** Text identifying the subject of a data request (id + name), for the `notfound`/`malformed` triggers. */
  subjectOf(req: SandboxRequest): string | undefined;
  /** The vendor's "no hit" answer (default: 404 JSON). */
  notFound?(req: SandboxRequest): SandboxResponse;
  /** A body the vendor's client cannot read (default: truncated JSON with status 200). */
  malformed?(req: SandboxRequest): SandboxResponse;
}

export interface BureauSandbox {
  url: string;
  port: number;
  /** Data requests served (token and `/__sandbox` calls excluded). */
  readonly requests: number;
  /** Token requests answered with a token (the kit's OAuth2 endpoint or a custom `issueToken`). */
  readonly tokensIssued: number;
  setFailure(failure: SandboxFailure): void;
  stop(): Promise<void>;
}

/** Default sandbox OAuth2 credentials (synthetic, loopback only). */
export const SANDBOX_CLIENT_ID = 'sandbox-client';
export const SANDBOX_CLIENT_SECRET = 'sandbox-secret';

/**
 * The kit's OAuth2 client-credentials auth with the default sandbox credentials.
 * @example startBureauSandbox({ name: 'equifax', auth: sandboxOAuth2('/v2/oauth/token'), routes, subjectOf })
 */
export const sandboxOAuth2 = (tokenPath: string): SandboxAuth => ({ kind: 'oauth2_client_credentials', tokenPath, clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET });

/**
 * Opaque bearer tokens for a vendor-specific token endpoint (`auth.kind: 'custom'`): `issue`
 * mints one, `verify` checks a data request's `Authorization: Bearer`.
 * @example const tokens = bearerTokens(); auth: { kind: 'custom', tokenPath, issueToken: () => ({ status: 200, body: { token: tokens.issue() } }), verify: tokens.verify }
 */
export const bearerTokens = () => {
  const tokens = new Set<string>();
  return {
    issue: (prefix = ''): string => {
      const token = `${prefix}${randomBytes(24).toString('base64url')}`;
      tokens.add(token);
      return token;
    },
    verify: (req: SandboxRequest): boolean => tokens.has(/^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? ''),
  };
};

/** A 200 answer whose JSON body is cut off: the `malformed` trigger of a JSON vendor. */
export const truncatedJson = (body: string): SandboxResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, body });

/** The subject key of a data request from its parts (reference, names, identifier), `|`-joined. */
export const subjectKeyOf = (...parts: unknown[]): string => parts.map(asText).join('|');

/** A US consumer bureau sandbox: the kit's OAuth2 token endpoint and one `POST` report route. */
export interface ConsumerSandboxSpec {
  name: string;
  port?: number;
  tokenPath: string;
  reportPath: string;
  subjectOf(req: SandboxRequest): string;
  /** Body of the vendor's 404 "no hit" answer. */
  notFoundBody: unknown;
  /** Cut-off JSON the `malformed` trigger answers with. */
  malformedBody: string;
  report(req: SandboxRequest): SandboxResponse;
}

/**
 * Starts a consumer bureau sandbox from its spec (Experian, Equifax, TransUnion).
 * @example startConsumerSandbox({ name: 'equifax', tokenPath: '/v2/oauth/token', reportPath, subjectOf, notFoundBody, malformedBody: '{"consumers":', report })
 */
export const startConsumerSandbox = (spec: ConsumerSandboxSpec): Promise<BureauSandbox> =>
  startBureauSandbox({
    name: spec.name,
    port: spec.port,
    auth: sandboxOAuth2(spec.tokenPath),
    subjectOf: spec.subjectOf,
    notFound: () => ({ status: 404, body: spec.notFoundBody }),
    malformed: () => truncatedJson(spec.malformedBody),
    routes: [{ method: 'POST', path: spec.reportPath, handler: spec.report }],
  });

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const tryJson = (body: string): unknown => {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

const send = (res: ServerResponse, response: SandboxResponse): void => {
  if (res.writableEnded || res.destroyed) return;
  const isText = typeof response.body === 'string';
  const payload = response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
  res.writeHead(response.status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    ...response.headers,
  });
  res.end(payload);
};

const credentialsOf = (req: SandboxRequest): { id?: string; secret?: string } => {
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  const form = new URLSearchParams(req.body);
  const json = req.json as Record<string, unknown> | undefined;
  const id = form.get('client_id') ?? (typeof json?.client_id === 'string' ? json.client_id : undefined);
  const secret = form.get('client_secret') ?? (typeof json?.client_secret === 'string' ? json.client_secret : undefined);
  return { id: id ?? undefined, secret: secret ?? undefined };
};

const matches = (route: SandboxRoute, req: SandboxRequest): boolean =>
  route.method === req.method && (typeof route.path === 'string' ? route.path === req.path : route.path.test(req.path));

/**
 * Starts a bureau sandbox on 127.0.0.1 (port 0 = any free port).
 * @example
 * const sb = await startBureauSandbox({ name: 'acme', auth: { kind: 'none' }, routes, subjectOf });
 * sb.setFailure({ mode: 'rate_limited', times: 1, retryAfterSeconds: 2 });
 */
export const startBureauSandbox = async (options: BureauSandboxOptions): Promise<BureauSandbox> => {
  let failure: SandboxFailure = null;
  let remaining: number | undefined;
  let requests = 0;
  let tokensIssued = 0;
  const tokens = new Map<string, number>();
  const auth = options.auth;
  const notFound = options.notFound ?? (() => ({ status: 404, body: { error: 'not_found', message: 'No file found for subject' } }));
  const malformed = options.malformed ?? (() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"report": [{"truncated": ' }));

  const takeFailure = (): SandboxFailure => {
    if (!failure) return null;
    const current = failure;
    if (remaining !== undefined) {
      remaining -= 1;
      if (remaining <= 0) {
        failure = null;
        remaining = undefined;
      }
    }
    return current;
  };

  const issueToken = (req: SandboxRequest): SandboxResponse => {
    if (auth.kind === 'custom') {
      const answer = auth.issueToken ? auth.issueToken(req) : { status: 404 };
      if (answer.status < 300) tokensIssued += 1;
      return answer;
    }
    if (auth.kind !== 'oauth2_client_credentials') return { status: 404 };
    const { id, secret } = credentialsOf(req);
    const grant = new URLSearchParams(req.body).get('grant_type') ?? (req.json as { grant_type?: unknown } | undefined)?.grant_type;
    if (grant !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    if (id !== auth.clientId || secret !== auth.clientSecret) return { status: 401, body: { error: 'invalid_client' } };
    const ttl = auth.tokenTtlSeconds ?? 3600;
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, Date.now() + ttl * 1000);
    tokensIssued += 1;
    return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: ttl } };
  };

  const authorised = (req: SandboxRequest): boolean => {
    if (auth.kind === 'none') return true;
    if (auth.kind === 'custom') return auth.verify(req);
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const expiry = bearer ? tokens.get(bearer[1]!) : undefined;
    return expiry !== undefined && expiry > Date.now();
  };

  const handle = async (raw: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(raw.url ?? '/', 'http://sandbox');
    const body = await readBody(raw);
    const req: SandboxRequest = { method: raw.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: raw.headers, body, json: tryJson(body) };

    if (req.path === '/__sandbox/failure' && req.method === 'POST') {
      const parsed = SandboxFailureSchema.safeParse(req.json === undefined ? null : req.json);
      if (!parsed.success) return send(res, { status: 400, body: { error: 'invalid failure spec' } });
      setFailure(parsed.data);
      return send(res, { status: 204 });
    }
    if (req.path === '/__sandbox/stats' && req.method === 'GET') return send(res, { status: 200, body: { requests, tokensIssued } });
    const tokenPath = auth.kind === 'none' ? undefined : auth.tokenPath;
    if (tokenPath !== undefined && req.path === tokenPath && req.method === 'POST') return send(res, issueToken(req));

    const route = options.routes.find((r) => matches(r, req));
    if (!route) return send(res, { status: 404, body: { error: 'no_such_route' } });
    if (!authorised(req)) return send(res, { status: 401, body: { error: 'invalid_token' } });
    requests += 1;

    const injected = takeFailure();
    if (injected?.mode === 'slow') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, injected.delayMs ?? 5000);
        res.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (res.destroyed) return;
    } else if (injected?.mode === 'server_error') {
      return send(res, { status: 503, body: { error: 'service_unavailable' } });
    } else if (injected?.mode === 'rate_limited') {
      return send(res, { status: 429, headers: { 'retry-after': String(injected.retryAfterSeconds ?? 1) }, body: { error: 'too_many_requests' } });
    } else if (injected?.mode === 'malformed') {
      return send(res, malformed(req));
    } else if (injected?.mode === 'not_found') {
      return send(res, notFound(req));
    }

    const subject = (options.subjectOf(req) ?? '').toLowerCase();
    if (subject.includes('notfound')) return send(res, notFound(req));
    if (subject.includes('malformed')) return send(res, malformed(req));
    const answer = await route.handler(req);
    if (subject.includes('mismatch') && answer.status < 300 && answer.body !== null && typeof answer.body === 'object') {
      return send(res, { ...answer, body: describeAnotherSubject(answer.body, options.subjectOf(req) ?? '') });
    }
    send(res, answer);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, { status: 500, body: { error: 'sandbox_error' } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  function setFailure(next: SandboxFailure): void {
    failure = next;
    remaining = next?.times;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get requests() {
      return requests;
    },
    get tokensIssued() {
      return tokensIssued;
    },
    setFailure,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

const OTHER_WORDS = ['QUORVEX', 'ZABROWSKI', 'ULMTHORPE', 'KYVERNA', 'FJELDHAUG', 'OXBRIDGE', 'WYNTERBOURNE', 'PELLUCID'];

/**
 * The `mismatch` trigger: rewrites a sandbox answer so that it describes ANOTHER subject.
 * Every token of the subject key (split on `|` and spaces, 3+ characters) found in a string of
 * the answer is replaced, case-insensitively: digit runs by digits shifted by 5 (another SSN,
 * DUNS, registration number), words by an unrelated word chosen by the token's hash (case kept).
 * The hub's `matchSubject` then sees a different name and, where the customer carries the same
 * identifier scheme, a conflicting identifier: `mismatch`.
 * @example describeAnotherSubject({ name: 'MONA MISMATCH', ssn: '123456789' }, 'Mona|Mismatch|123456789')
 * // { name: 'KYVERNA QUORVEX', ssn: '678901234' }
 */
export const describeAnotherSubject = (body: unknown, subjectKey: string): unknown => {
  const tokens = [...new Set(subjectKey.split(/[|\s]+/).filter((t) => t.length >= 3))].sort((a, b) => b.length - a.length);
  if (tokens.length === 0) return body;
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(tokens.map(escape).join('|'), 'gi');
  const replacement = (found: string): string => {
    if (/^\d+$/.test(found)) return [...found].map((d) => String((Number(d) + 5) % 10)).join('');
    const word = OTHER_WORDS[createHash('sha256').update(found.toLowerCase()).digest().readUInt8(0) % OTHER_WORDS.length]!;
    return found === found.toUpperCase() ? word : word.charAt(0) + word.slice(1).toLowerCase();
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(pattern, replacement);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(body);
};

/**
 * Deterministic pseudo-random source seeded by a string (sha256 → xorshift128+-ish), so a
 * sandbox answers the same subject the same way every time and tests can predict it.
 */
export const seededRandom = (seed: string) => {
  const digest = createHash('sha256').update(seed).digest();
  let a = digest.readUInt32LE(0) || 1;
  let b = digest.readUInt32LE(4) || 2;
  let c = digest.readUInt32LE(8) || 3;
  let d = digest.readUInt32LE(12) || 4;
  const next = (): number => {
    // sfc32
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number): boolean => next() < p,
  };
};
export type SeededRandom = ReturnType<typeof seededRandom>;

/**
 * Risk profile of a synthetic subject, derived from its key: about half `clean`, a third
 * `delinquent`, the rest `derogatory` (collections, public records). Names containing
 * `clean`, `delinquent` or `derogatory` force the profile, for readable tests.
 */
export const subjectProfile = (key: string): 'clean' | 'delinquent' | 'derogatory' => {
  const lower = key.toLowerCase();
  if (lower.includes('derogatory')) return 'derogatory';
  if (lower.includes('delinquent')) return 'delinquent';
  if (lower.includes('clean')) return 'clean';
  const r = seededRandom(`profile:${key}`).next();
  return r < 0.5 ? 'clean' : r < 0.83 ? 'delinquent' : 'derogatory';
};

/** Bureau-neutral synthetic credit file; each sandbox renders it in its vendor's format. */
export interface SyntheticCreditFile {
  profile: 'clean' | 'delinquent' | 'derogatory';
  asOf: string;
  score: number;
  tradelines: Array<{
    creditor: string;
    memberCode: string;
    accountNumber: string;
    portfolio: 'R' | 'I' | 'M';
    opened: string;
    limit: number;
    balance: number;
    pastDue: number;
    /** Days late now: 0, 30, 60, 90, 120 (bucket lower bounds). */
    daysLate: number;
    /** Days late per month, most recent month first (24 entries). */
    history: number[];
  }>;
  inquiries: Array<{ date: string; subscriber: string; memberCode: string }>;
  collections: Array<{ agency: string; originalCreditor: string; assigned: string; original: number; balance: number }>;
  bankruptcy?: { filed: string; court: string; reference: string };
}

const CREDITORS = ['NORTHWIND BANK', 'CONTOSO CARD', 'FABRIKAM AUTO', 'TAILSPIN MORTGAGE', 'WOODGROVE CU', 'ADVENTURE RETAIL'];
const AGENCIES = ['LITWARE COLLECTIONS', 'PROSEWARE RECOVERY'];

const isoMonthsBefore = (asOf: string, months: number, day = 15): string => {
  const d = new Date(`${asOf}T00:00:00Z`);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  d.setUTCDate(Math.min(day, 28));
  return d.toISOString().slice(0, 10);
};

/**
 * Deterministic synthetic credit file for a subject key (customer id, name, SSN): clean
 * files have no lates; delinquent ones one account 30–90 days late; derogatory ones add a
 * collection, a charge-off-like 120+ account and sometimes a bankruptcy.
 */
export const syntheticCreditFile = (key: string, asOf = '2026-01-15'): SyntheticCreditFile => {
  const rnd = seededRandom(`file:${key}`);
  const profile = subjectProfile(key);
  const count = rnd.int(2, 6);
  const lateIndex = profile === 'clean' ? -1 : rnd.int(0, count - 1);
  const tradelines = Array.from({ length: count }, (_, i) => {
    const portfolio = rnd.pick(['R', 'R', 'I', 'M'] as const);
    const limit = portfolio === 'M' ? rnd.int(100, 600) * 1000 : portfolio === 'I' ? rnd.int(5, 40) * 1000 : rnd.int(5, 200) * 100;
    const balance = Math.floor(limit * rnd.next() * 0.9);
    const daysLate = i === lateIndex ? (profile === 'derogatory' ? 120 : rnd.pick([30, 60, 90])) : 0;
    const history = Array.from({ length: 24 }, (_, m) => (i === lateIndex && m < daysLate / 30 ? daysLate - m * 30 : 0));
    return {
      creditor: CREDITORS[(i + rnd.int(0, CREDITORS.length - 1)) % CREDITORS.length]!,
      memberCode: String(rnd.int(1_000_000, 9_999_999)),
      accountNumber: `${rnd.int(1000, 9999)}XXXX${rnd.int(1000, 9999)}`,
      portfolio,
      opened: isoMonthsBefore(asOf, rnd.int(26, 180), rnd.int(1, 28)),
      limit,
      balance,
      pastDue: daysLate > 0 ? Math.max(25, Math.floor(balance * 0.05)) : 0,
      daysLate,
      history,
    };
  });
  const inquiries = Array.from({ length: rnd.int(0, 4) }, () => ({
    date: isoMonthsBefore(asOf, rnd.int(0, 20), rnd.int(1, 28)),
    subscriber: rnd.pick(CREDITORS),
    memberCode: String(rnd.int(1_000_000, 9_999_999)),
  }));
  const collections =
    profile === 'derogatory'
      ? [{ agency: rnd.pick(AGENCIES), originalCreditor: rnd.pick(CREDITORS), assigned: isoMonthsBefore(asOf, rnd.int(3, 30)), original: rnd.int(200, 3000), balance: rnd.int(100, 2000) }]
      : [];
  const bankruptcy =
    profile === 'derogatory' && rnd.chance(0.5)
      ? { filed: isoMonthsBefore(asOf, rnd.int(12, 60)), court: 'US BKPT CT SANDBOX DIST', reference: `BK${rnd.int(100000, 999999)}` }
      : undefined;
  const score = profile === 'clean' ? rnd.int(700, 820) : profile === 'delinquent' ? rnd.int(580, 690) : rnd.int(450, 570);
  return { profile, asOf, score, tradelines, inquiries, collections, bankruptcy };
};

/** `YYYY-MM-DD` → `MMDDYYYY`. */
export const mmddyyyy = (iso: string): string => `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(0, 4)}`;

/** Common request helpers for sandboxes. */
export const jsonPath = (value: unknown, ...path: Array<string | number>): unknown =>
  path.reduce<unknown>((acc, key) => (acc !== null && typeof acc === 'object' ? (acc as Record<string | number, unknown>)[key] : undefined), value);
export const asText = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
