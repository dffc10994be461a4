/**
 * Who is signed in. A session is obtained by a sign-in method: an API key (`apiKeySignIn`) or a
 * person's access token from the identity provider (`tokenSession`, see person-sign-in.ts) — the
 * rest of the console only reads `Session`.
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
  /** Who this is, in words (the person's display name), once the hub said so (`GET /v1/me`). */
  name?: string | undefined;
  /** What the caller may do (the hub's scopes), once known: buttons beyond them are disabled with the reason. */
  scopes?: readonly string[] | undefined;
  /** A token's end (ms since epoch): past it, the console returns to sign-in. Keys have none here. */
  expiresAt?: number | undefined;
}

export interface SignInMethod<Input> {
  readonly method: Session['method'];
  /** Checks the credential against the hub; throws the ApiError of the refusal. */
  signIn(input: Input, probe: (bearer: string) => Promise<void>): Promise<Session>;
}

/** sessionStorage keys: the sign-in method and the bearer; the principal is derived again on read. */
const METHOD = 'riskbridge.signIn';
const BEARER = 'riskbridge.bearer';
const EXPIRES = 'riskbridge.expiresAt';
/** Until the hub names the actor (`withActor`), a token session's principal is unknown. */
const UNKNOWN_PERSON = 'person:?';

/** A person's access token (a JWT), valid until `expiresAt`. */
export const tokenSession = (token: string, expiresAt: number): Session => ({ method: 'token', bearer: token, principalId: UNKNOWN_PERSON, role: 'admin', expiresAt });

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
  const method = sessionStorage.getItem(METHOD);
  if (!bearer) return undefined;
  if (method === 'token') {
    const expiresAt = Number(sessionStorage.getItem(EXPIRES));
    return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(bearer) && Number.isFinite(expiresAt) ? tokenSession(bearer, expiresAt) : undefined;
  }
  const principalId = method === 'apiKey' ? principalOfKey(bearer) : undefined;
  return principalId ? { method: 'apiKey', bearer, principalId, role: 'admin' } : undefined;
};

/** Whether a token session has run out (a key session never does here: the hub says so with a 401). */
export const sessionExpired = (session: Session, now = Date.now()): boolean => session.expiresAt !== undefined && session.expiresAt <= now;

export const keepSession = (session: Session): void => {
  sessionStorage.setItem(METHOD, session.method);
  sessionStorage.setItem(BEARER, session.bearer);
  if (session.expiresAt !== undefined) sessionStorage.setItem(EXPIRES, String(session.expiresAt));
  else sessionStorage.removeItem(EXPIRES);
};

export const endSession = (): void => {
  sessionStorage.removeItem(METHOD);
  sessionStorage.removeItem(BEARER);
  sessionStorage.removeItem(EXPIRES);
};

interface Actor {
  principalId: string;
  name?: string | undefined;
  scopes?: readonly string[] | undefined;
}
const actors = new Map<string, Actor>();

/** What `GET /v1/me` answers, as far as the session needs it. */
export interface WhoAmI {
  principal: { personId?: string | undefined; serviceAccountId?: string | undefined; keyId: string; scopes?: readonly string[] | undefined };
  person?: { displayName: string } | undefined;
}

/**
 * The session with the actor the hub records for it: four eyes compare people, so a policy drafted
 * with another key of the same person is still "yours". Asked once per bearer (`GET /v1/me`), with
 * the person's name and scopes; when the hub cannot say, the key-derived principal stays.
 * @example const session = await withActor(currentSession()!, () => ok(client().GET('/v1/me')));
 */
export const withActor = async (session: Session, whoAmI: () => Promise<WhoAmI>): Promise<Session> => {
  let actor = actors.get(session.bearer);
  if (actor === undefined) {
    const me = await whoAmI().catch(() => undefined);
    const principal = me?.principal;
    actor = {
      principalId: principal?.personId ? `person:${principal.personId}` : principal?.serviceAccountId ? `service:${principal.serviceAccountId}` : session.principalId,
      name: me?.person?.displayName,
      scopes: principal?.scopes,
    };
    if (me) actors.set(session.bearer, actor);
  }
  return { ...session, ...actor };
};
