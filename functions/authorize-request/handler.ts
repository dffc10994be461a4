import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import middy from '@middy/core';
import { parseApiKey, verifyApiKey } from '../../shared/domain/auth/api-key.js';
import { SIGNATURE_PRINCIPAL_ID } from '../../shared/domain/auth/principal.js';
import { apiKeyStore } from '../../shared/adapters/dynamodb/api-key-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { env } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';
import { SIGNED_ROUTE_PREFIX } from '../../shared/lambda/http-route.js';

type AuthorizerContext = Record<string, string>;
type Result = APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>;

const keys = apiKeyStore({ client: createDocumentClient(), tableName: env().TABLE_NAME });

const presentedKey = (headers: Record<string, string | undefined> | undefined): string | undefined => {
  const h = Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const bearer = /^Bearer\s+(\S+)$/i.exec(h['authorization'] ?? '')?.[1];
  return bearer ?? h['x-api-key'];
};

/**
 * Authenticates; it does not authorise. It always lets the request through to the function,
 * with either a principal or `authenticated: "false"` and a reason, so that the function can
 * answer 401/403 as `application/problem+json` (HTTP API's own authorizer denials cannot carry
 * a problem body). Routes verified by signature get a marker principal.
 */
export const handler = middy<APIGatewayRequestAuthorizerEventV2, Result>().handler(async (event): Promise<Result> => {
  if (event.routeKey.split(' ')[1]?.startsWith(SIGNED_ROUTE_PREFIX)) {
    return { isAuthorized: true, context: { authenticated: 'false', principalId: SIGNATURE_PRINCIPAL_ID } };
  }
  const presented = presentedKey(event.headers);
  const parsed = presented ? parseApiKey(presented) : undefined;
  if (!parsed) return { isAuthorized: true, context: { authenticated: 'false', reason: presented ? 'malformed_key' : 'missing_key' } };
  const principal = verifyApiKey(await keys.get(parsed.keyId), parsed.secret, runtimeClock.now());
  if (!principal) {
    logger.info('api key refused', { keyId: parsed.keyId });
    return { isAuthorized: true, context: { authenticated: 'false', reason: 'invalid_key' } };
  }
  return {
    isAuthorized: true,
    context: {
      authenticated: 'true',
      principalId: principal.principalId,
      keyId: principal.keyId,
      role: principal.role,
      scopes: principal.scopes.join(' '),
      ...(principal.tenantRef ? { tenantRef: principal.tenantRef } : {}),
    },
  };
});
