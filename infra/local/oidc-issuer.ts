import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { z } from 'zod';

/** A JSON token request: string fields only (`grant_type`, `username`). */
const TokenRequestSchema = z.record(z.string(), z.string());

/**
 * An authorization request (OAuth 2.0 authorization code with PKCE, RFC 7636): the client comes
 * back to `redirect_uri`, which must be a loopback address (this issuer is local only).
 */
const AuthorizeRequestSchema = z.object({
  response_type: z.literal('code'),
  client_id: z.string().min(1).max(100),
  redirect_uri: z.url().refine((u) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(u).hostname), 'a loopback address'),
  state: z.string().min(8).max(200),
  code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url SHA-256 digest'),
  code_challenge_method: z.literal('S256'),
  login_hint: z.string().optional(),
});

/** How long an authorization code can be exchanged (once). */
export const LOCAL_CODE_TTL_MS = 60_000;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A person the local issuer signs tokens for: `sub` is the hub person's `subject`. */
export interface LocalOidcUser {
  sub: string;
  name: string;
  email: string;
}

/** The two risk officers `npm start` seeds (both approvers): sign in as either with `rb login --as`. */
export const LOCAL_OFFICERS: readonly LocalOidcUser[] = [
  { sub: 'li-wei', name: 'Li Wei', email: 'li.wei@riskbridge.local' },
  { sub: 'anna-schmidt', name: 'Anna Schmidt', email: 'anna.schmidt@riskbridge.local' },
];

export const LOCAL_OIDC_AUDIENCE = 'riskbridge-local';

/** Token lifetime: a bounded session (Cognito's access tokens are bounded the same way in AWS). */
export const LOCAL_TOKEN_TTL_SECONDS = 3600;

export interface LocalOidcIssuer {
  issuer: string;
  jwksUrl: string;
  tokenUrl: string;
  /** Authorization-code sign-in of a browser app (the console): pick a seeded person, come back with a code. */
  authorizeUrl: string;
  audience: string;
  /** Signs a token for any subject with extra claims: for tests that show claims grant nothing. */
  sign(sub: string, claims?: JWTPayload, ttlSeconds?: number): Promise<string>;
  stop(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').slice(0, 10_000);
};

/**
 * A small OIDC issuer for local development, on `jose`: an ES256 key made at start, the discovery
 * document, the JWKS and a token endpoint that signs access tokens for the configured users
 * (`grant_type=password`, `username` = the user's `sub`; no password: local only), and the
 * authorization-code flow with PKCE for the console (`/authorize` lists the people to sign in as;
 * the token endpoint answers any origin, as a public client's does). Tokens carry
 * `sub`, `iss`, `aud`, `exp`, `jti` and never roles: the hub's own person records hold those.
 * Listens on 127.0.0.1 only.
 */
export const startOidcIssuer = async (options: { port?: number; users?: readonly LocalOidcUser[]; audience?: string } = {}): Promise<LocalOidcIssuer> => {
  const users = new Map((options.users ?? LOCAL_OFFICERS).map((u) => [u.sub, u]));
  const audience = options.audience ?? LOCAL_OIDC_AUDIENCE;
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  let issuer = '';
  const sign = (sub: string, claims: JWTPayload = {}, ttlSeconds = LOCAL_TOKEN_TTL_SECONDS): Promise<string> =>
    new SignJWT({ ...claims, token_use: 'access' })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(sub)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(privateKey);

  const codes = new Map<string, { sub: string; clientId: string; redirectUri: string; challenge: string; expiresAt: number }>();
  /** `/authorize`: without `login_hint` a page to pick a person; with a known one, back to the client with a one-time code. */
  const authorize = (url: URL, res: ServerResponse): void => {
    const parsed = AuthorizeRequestSchema.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: 'invalid_request', error_description: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
      return;
    }
    const request = parsed.data;
    const user = request.login_hint === undefined ? undefined : users.get(request.login_hint);
    if (!user) {
      const choices = [...users.values()].map((u) => {
        const next = new URL(url);
        next.searchParams.set('login_hint', u.sub);
        return `<li><a href="${escapeHtml(next.pathname + next.search)}">${escapeHtml(u.name)}</a> <small>${escapeHtml(u.email)}</small></li>`;
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; form-action 'none'; frame-ancestors 'none'" });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local sign-in</title></head><body><main><h1>Local sign-in (development only)</h1><p>Sign in to ${escapeHtml(request.client_id)} as:</p><ul>${choices.join('')}</ul></main></body></html>`);
      return;
    }
    const code = randomUUID();
    codes.set(code, { sub: user.sub, clientId: request.client_id, redirectUri: request.redirect_uri, challenge: request.code_challenge, expiresAt: Date.now() + LOCAL_CODE_TTL_MS });
    const back = new URL(request.redirect_uri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', request.state);
    res.writeHead(302, { location: back.toString(), 'cache-control': 'no-store' });
    res.end();
  };
  /** The subject of a code exchanged once, within its lifetime, by the client that asked for it (PKCE S256). */
  const redeem = (form: URLSearchParams): string | undefined => {
    const code = form.get('code') ?? '';
    const grant = codes.get(code);
    codes.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    if (!grant || grant.expiresAt < Date.now() || grant.redirectUri !== form.get('redirect_uri') || grant.clientId !== form.get('client_id')) return undefined;
    return createHash('sha256').update(verifier).digest('base64url') === grant.challenge ? grant.sub : undefined;
  };

  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      // A browser app (the console) exchanges its code here from its own origin: a public client, no cookies.
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      send(200, {
        issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, token_endpoint: `${issuer}/token`, authorization_endpoint: `${issuer}/authorize`,
        grant_types_supported: ['password', 'authorization_code'], response_types_supported: ['code'], code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['ES256'], subject_types_supported: ['public'],
      });
      return;
    }
    if (req.method === 'GET' && path === '/authorize') {
      authorize(new URL(req.url ?? '/', issuer), res);
      return;
    }
    if (req.method === 'OPTIONS' && path === '/token') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' });
      res.end();
      return;
    }
    if (req.method === 'GET' && path === '/.well-known/jwks.json') {
      send(200, { keys: [jwk] });
      return;
    }
    if (req.method === 'POST' && path === '/token') {
      readBody(req)
        .then(async (raw) => {
          const form = (req.headers['content-type'] ?? '').includes('json') ? new URLSearchParams(Object.entries(TokenRequestSchema.parse(JSON.parse(raw)))) : new URLSearchParams(raw);
          if (form.get('grant_type') === 'authorization_code') {
            const sub = redeem(form);
            if (!sub) send(400, { error: 'invalid_grant', error_description: 'unknown, used or expired code, or the code_verifier or redirect_uri does not match' });
            else send(200, { access_token: await sign(sub, { name: users.get(sub)?.name ?? sub }), token_type: 'Bearer', expires_in: LOCAL_TOKEN_TTL_SECONDS });
            return;
          }
          const user = users.get(form.get('username') ?? '');
          if (form.get('grant_type') !== 'password' || !user) {
            send(400, { error: 'invalid_grant', error_description: `known users: ${[...users.keys()].join(', ')}` });
            return;
          }
          send(200, { access_token: await sign(user.sub, { name: user.name }), token_type: 'Bearer', expires_in: LOCAL_TOKEN_TTL_SECONDS });
        })
        .catch(() => send(400, { error: 'invalid_request' }));
      return;
    }
    send(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    tokenUrl: `${issuer}/token`,
    authorizeUrl: `${issuer}/authorize`,
    audience,
    sign,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
