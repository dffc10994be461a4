import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { createRemoteJWKSet, customFetch, jwtVerify } from 'jose';
import type { OutboundFetch } from '../http/guarded-fetch.js';

/** What the hub takes from a verified token: who it is (`sub`) and which token (`jti`). Role claims are ignored. */
export interface VerifiedToken {
  subject: string;
  tokenId: string;
}

export interface TokenVerifier {
  /** The verified subject, or undefined for a token that is invalid, expired or from another issuer or audience. */
  verify(token: string): Promise<VerifiedToken | undefined>;
}

const JWT_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
export const looksLikeJwt = (value: string): boolean => JWT_PATTERN.test(value);

/**
 * Cognito access tokens of one user pool and its app clients (one or several), verified with aws-jwt-verify. The JWKS is
 * fetched once per container through the guarded fetch and handed to the verifier's cache.
 */
export const cognitoTokenVerifier = ({ userPoolId, clientId, outbound }: { userPoolId: string; clientId: string | string[]; outbound: OutboundFetch }): TokenVerifier => {
  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'access' });
  const region = userPoolId.split('_')[0] ?? '';
  let hydrated: Promise<void> | undefined;
  const hydrate = (): Promise<void> => {
    hydrated ??= (async () => {
      const response = await outbound(`https://cognito-idp.${region}.amazonaws.com/${userPoolId}/.well-known/jwks.json`);
      if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
      verifier.cacheJwks((await response.json()) as Parameters<typeof verifier.cacheJwks>[0]);
    })().catch((error: unknown) => {
      hydrated = undefined;
      throw error;
    });
    return hydrated;
  };
  return {
    async verify(token) {
      try {
        await hydrate();
        const claims = await verifier.verify(token);
        return { subject: claims.sub, tokenId: typeof claims.jti === 'string' ? claims.jti : claims.origin_jti ?? claims.sub };
      } catch {
        return undefined;
      }
    },
  };
};

/** Tokens of an OIDC issuer (the local one), verified with jose against its JWKS: signature, issuer, audience, expiry. */
export const oidcTokenVerifier = ({ issuer, jwksUrl, audience, outbound }: { issuer: string; jwksUrl: string; audience: string; outbound: OutboundFetch }): TokenVerifier => {
  const jwks = createRemoteJWKSet(new URL(jwksUrl), {
    [customFetch]: (url: string, options: { headers: Headers; signal?: AbortSignal }) =>
      outbound(url, { method: 'GET', headers: Object.fromEntries(options.headers.entries()), ...(options.signal ? { signal: options.signal } : {}) }),
  });
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, jwks, { issuer, audience, algorithms: ['ES256', 'RS256'], requiredClaims: ['sub', 'exp'] });
        return payload.sub ? { subject: payload.sub, tokenId: payload.jti ?? payload.sub } : undefined;
      } catch {
        return undefined;
      }
    },
  };
};
