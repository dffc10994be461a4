/**
 * Who is signed in. A session is obtained by a sign-in method; today the only one is an API key
 * (`apiKeySignIn`); a token sign-in (OIDC, issue "people") adds another `SignInMethod` that
 * yields a Session with `method: 'token'` — the rest of the console only reads `Session`.
 *
 * The credential lives in sessionStorage only (gone when the tab closes); it is never written
 * to localStorage, cookies or URLs. localStorage holds the language preference and nothing else.
 */
export interface Session {
  method: 'apiKey' | 'token';
  /** Sent as `Authorization: Bearer …`. */
  bearer: string;
  /** The principal the hub records as actor (`key:<keyId>` for an API key); policy authors are compared with it. */
  principalId: string;
  role: 'admin';
}

export interface SignInMethod<Input> {
  readonly method: Session['method'];
  /** Checks the credential against the hub; throws the ApiError of the refusal. */
  signIn(input: Input, probe: (bearer: string) => Promise<void>): Promise<Session>;
}

/** sessionStorage keys: the sign-in method and the bearer; the principal is derived again on read. */
const METHOD = 'riskbridge.signIn';
const BEARER = 'riskbridge.bearer';

/** `rbk_<keyId>.<secret>` → principal `key:<keyId>` (the hub's own naming, see parseApiKey). */
export const principalOfKey = (key: string): string | undefined => {
  const match = /^rbk_([0-9a-z]{20})\.[A-Za-z0-9_-]+$/.exec(key);
  return match ? `key:${match[1]}` : undefined;
};

export const apiKeySignIn: SignInMethod<string> = {
  method: 'apiKey',
  async signIn(input, probe) {
    const key = input.trim();
    const principalId = principalOfKey(key);
    if (!principalId) throw new SyntaxError('not an API key');
    await probe(key);
    return { method: 'apiKey', bearer: key, principalId, role: 'admin' };
  },
};

export const currentSession = (): Session | undefined => {
  const bearer = sessionStorage.getItem(BEARER);
  if (!bearer || sessionStorage.getItem(METHOD) !== 'apiKey') return undefined;
  const principalId = principalOfKey(bearer);
  return principalId ? { method: 'apiKey', bearer, principalId, role: 'admin' } : undefined;
};

export const keepSession = (session: Session): void => {
  sessionStorage.setItem(METHOD, session.method);
  sessionStorage.setItem(BEARER, session.bearer);
};

export const endSession = (): void => {
  sessionStorage.removeItem(METHOD);
  sessionStorage.removeItem(BEARER);
};
