import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import middy from '@middy/core';
import { parseApiKey, verifyApiKey } from '../../shared/domain/auth/api-key.js';
import { SIGNATURE_PRINCIPAL_ID, type Principal } from '../../shared/domain/auth/principal.js';
import { personScopes } from '../../shared/domain/people/person.js';
import { apiKeyStore } from '../../shared/adapters/dynamodb/api-key-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { personStore } from '../../shared/adapters/dynamodb/person-store.js';
import { cognitoTokenVerifier, looksLikeJwt, oidcTokenVerifier, type TokenVerifier } from '../../shared/adapters/auth/token-verifier.js';
import { createGuardedFetch } from '../../shared/adapters/http/guarded-fetch.js';
import { env, outboundPolicy } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';
import { SIGNED_ROUTE_PREFIX } from '../../shared/lambda/http-route.js';

type AuthorizerContext = Record<string, string>;
type Result = APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>;

const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const keys = apiKeyStore(table);
const people = personStore(table);

/** Cognito in AWS, the local OIDC issuer with `npm start`; neither configured: API keys only. */
const tokens = ((): TokenVerifier | undefined => {
  const config = env();
  const outbound = createGuardedFetch({ ...outboundPolicy(), timeoutMs: 3_000 });
  if (config.COGNITO_USER_POOL_ID && config.COGNITO_CLIENT_ID) return cognitoTokenVerifier({ userPoolId: config.COGNITO_USER_POOL_ID, clientId: config.COGNITO_CLIENT_ID, outbound });
  if (config.OIDC_ISSUER && config.OIDC_JWKS_URL && config.OIDC_AUDIENCE) return oidcTokenVerifier({ issuer: config.OIDC_ISSUER, jwksUrl: config.OIDC_JWKS_URL, audience: config.OIDC_AUDIENCE, outbound });
  return undefined;
})();

const presentedCredential = (headers: Record<string, string | undefined> | undefined): string | undefined => {
  const h = Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const bearer = /^Bearer\s+(\S+)$/i.exec(h['authorization'] ?? '')?.[1];
  return bearer ?? h['x-api-key'];
};

const refused = (reason: string): Result => ({ isAuthorized: true, context: { authenticated: 'false', reason } });

/**
 * An API key's principal, narrowed to its person: a person's key works only while the person is
 * active, and carries only the scopes the person's hub roles still give.
 */
const keyPrincipal = async (presented: string): Promise<Principal | string> => {
  const parsed = parseApiKey(presented);
  if (!parsed) return 'malformed_key';
  const principal = verifyApiKey(await keys.get(parsed.keyId), parsed.secret, runtimeClock.now());
  if (!principal) {
    logger.info('api key refused', { keyId: parsed.keyId });
    return 'invalid_key';
  }
  if (!principal.personId) return principal;
  const person = (await people.get(principal.personId))?.person;
  if (!person || person.status !== 'active') return 'person_inactive';
  const allowed = personScopes(person.roles);
  return { ...principal, scopes: principal.scopes.filter((s) => allowed.includes(s)) };
};

/** A signed-in person: the token's `sub` names a person record; the hub's roles give the scopes (token role claims are ignored). */
const tokenPrincipal = async (token: string): Promise<Principal | string> => {
  if (!tokens) return 'malformed_key';
  const verified = await tokens.verify(token);
  if (!verified) return 'invalid_token';
  const person = await people.bySubject(verified.subject);
  if (!person || person.status !== 'active') return 'unknown_person';
  return { principalId: `person:${person.personId}`, keyId: `session:${verified.tokenId}`, role: 'admin', scopes: personScopes(person.roles), personId: person.personId };
};

/**
 * Authenticates; it does not authorise. It always lets the request through to the function,
 * with either a principal or `authenticated: "false"` and a reason, so that the function can
 * answer 401/403 as `application/problem+json` (HTTP API's own authorizer denials cannot carry
 * a problem body). Accepts an API key or a signed-in person's token (JWT). Routes verified by
 * signature get a marker principal.
 */
export const handler = middy<APIGatewayRequestAuthorizerEventV2, Result>().handler(async (event): Promise<Result> => {
  if (event.routeKey.split(' ')[1]?.startsWith(SIGNED_ROUTE_PREFIX)) {
    return { isAuthorized: true, context: { authenticated: 'false', principalId: SIGNATURE_PRINCIPAL_ID } };
  }
  const presented = presentedCredential(event.headers);
  if (!presented) return refused('missing_key');
  const principal = looksLikeJwt(presented) ? await tokenPrincipal(presented) : await keyPrincipal(presented);
  if (typeof principal === 'string') return refused(principal);
  return {
    isAuthorized: true,
    context: {
      authenticated: 'true',
      principalId: principal.principalId,
      keyId: principal.keyId,
      role: principal.role,
      scopes: principal.scopes.join(' '),
      ...(principal.tenantRef ? { tenantRef: principal.tenantRef } : {}),
      ...(principal.personId ? { personId: principal.personId } : {}),
      ...(principal.serviceAccountId ? { serviceAccountId: principal.serviceAccountId } : {}),
      ...(principal.bootstrap ? { bootstrap: 'true' } : {}),
    },
  };
});
