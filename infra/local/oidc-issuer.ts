import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { z } from 'zod';

/** A JSON token request: string fields only (`grant_type`, `username`). */
const TokenRequestSchema = z.record(z.string(), z.string());

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
 * (`grant_type=password`, `username` = the user's `sub`; no password: local only). Tokens carry
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

  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      send(200, { issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, token_endpoint: `${issuer}/token`, grant_types_supported: ['password'], id_token_signing_alg_values_supported: ['ES256'], subject_types_supported: ['public'] });
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
    audience,
    sign,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
