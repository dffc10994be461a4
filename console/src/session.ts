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
  /**
   * The actor the hub records (`person:<id>` for a person's key or token, else `key:<keyId>`); policy
   * authors are compared with it. Derived from the key at sign-in, then replaced by `withActor`.
   */
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

const actors = new Map<string, string>();

/**
 * The session with the actor the hub records for it: four eyes compare people, so a policy drafted
 * with another key of the same person is still "yours". Asked once per bearer (`GET /v1/me`); when
 * the hub cannot say, the key-derived principal stays.
 * @example const session = await withActor(currentSession()!, () => ok(client().GET('/v1/me')));
 */
export const withActor = async (
  session: Session,
  whoAmI: () => Promise<{ principal: { personId?: string | undefined; serviceAccountId?: string | undefined; keyId: string } }>,
): Promise<Session> => {
  let actor = actors.get(session.bearer);
  if (actor === undefined) {
    const { principal } = await whoAmI().catch(() => ({ principal: undefined }));
    actor = principal?.personId ? `person:${principal.personId}` : principal?.serviceAccountId ? `service:${principal.serviceAccountId}` : session.principalId;
    actors.set(session.bearer, actor);
  }
  return { ...session, principalId: actor };
};
