/**
 * "Sign in as a person": OAuth 2.0 authorization code with PKCE (RFC 7636), a public client.
 * The browser goes to the identity provider (locally the OIDC issuer of `npm start`, in AWS
 * Cognito's hosted UI), comes back to `/console?code=…&state=…`, and the console exchanges the
 * code for an access token, which it then uses like an API key. The one-time verifier and state
 * wait in sessionStorage during the round trip; the token is kept like a key (sessionStorage).
 */
import { client, ok } from './api.js';
import type { Got } from './types.js';

export type PersonSignInConfig = NonNullable<Got<'/console/sign-in.json'>['person']>;

/** sessionStorage: the pending round trip (verifier, state, where to go back to). */
const PENDING = 'riskbridge.pkce';

const base64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomText = (size: number): string => base64url(crypto.getRandomValues(new Uint8Array(size)));
const redirectUri = (): string => `${location.origin}/console`;

/** The person sign-in the hub offers, or undefined (API keys only, or the hub cannot say). */
export const personSignInConfig = async (): Promise<PersonSignInConfig | undefined> =>
  (await ok(client('').GET('/console/sign-in.json')).catch(() => ({ person: undefined }))).person;

/** Leaves for the identity provider's sign-in page. */
export const startPersonSignIn = async (config: PersonSignInConfig): Promise<void> => {
  const verifier = randomText(32);
  const state = randomText(16);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, hash: location.hash }));
  const url = new URL(config.authorizationEndpoint);
  for (const [name, value] of Object.entries({ response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), state, code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid' })) url.searchParams.set(name, value);
  location.assign(url.toString());
};

/** Why a return from the identity provider did not sign anyone in. */
export class PersonSignInError extends Error {}

interface Pending {
  verifier: string;
  state: string;
  hash: string;
}
const readPending = (): Pending | undefined => {
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (!raw) return undefined;
  const value: unknown = JSON.parse(raw);
  if (!value || typeof value !== 'object') return undefined;
  const { verifier, state, hash } = value as Record<string, unknown>;
  return typeof verifier === 'string' && typeof state === 'string' && typeof hash === 'string' ? { verifier, state, hash } : undefined;
};

/**
 * On the way back (`?code=&state=` on the console's URL): checks the state, exchanges the code,
 * cleans the URL and answers the access token with its expiry and the view to show. Undefined when
 * the URL carries no answer of the identity provider.
 */
export const finishPersonSignIn = async (config: PersonSignInConfig | undefined): Promise<{ token: string; expiresAt: number; hash: string } | undefined> => {
  const query = new URLSearchParams(location.search);
  const code = query.get('code');
  const error = query.get('error');
  if (!code && !error) return undefined;
  const pending = readPending();
  history.replaceState(null, '', `${location.pathname}${pending?.hash ?? location.hash}`);
  if (error || !code) throw new PersonSignInError(query.get('error_description') ?? error ?? 'no code');
  if (!config || !pending || pending.state !== query.get('state')) throw new PersonSignInError('state mismatch');
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: pending.verifier, redirect_uri: redirectUri(), client_id: config.clientId });
  // The identity provider's token endpoint, not the hub's API: the typed client does not apply.
  // eslint-disable-next-line no-restricted-globals
  const response = await fetch(config.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form, credentials: 'omit' });
  const body: unknown = await response.json().catch(() => undefined);
  const answer = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  if (!response.ok || typeof answer['access_token'] !== 'string') throw new PersonSignInError(typeof answer['error_description'] === 'string' ? answer['error_description'] : `HTTP ${response.status}`);
  const lifetime = typeof answer['expires_in'] === 'number' ? answer['expires_in'] : 3600;
  return { token: answer['access_token'], expiresAt: Date.now() + lifetime * 1000, hash: pending.hash };
};
