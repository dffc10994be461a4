import './style.css';
import { ApiError, client, ok } from './api.js';
import { append, byId, clear, h, type Child } from './dom.js';
import { applyDocumentLocale, currentLocale, setLocale, t, type Locale, type MessageKey } from './i18n/i18n.js';
import { finishPersonSignIn, personSignInConfig, PersonSignInError, type PersonSignInConfig } from './person-sign-in.js';
import { currentSession, endSession, keepSession, sessionExpired, tokenSession, withActor, type Session } from './session.js';
import { currentRoute, describeError } from './ui.js';
import { alertsView } from './views/alerts.js';
import { auditView } from './views/audit.js';
import { customerView } from './views/customer.js';
import { deliveriesView } from './views/deliveries.js';
import { importsView } from './views/imports.js';
import { policiesView, policyView } from './views/policies.js';
import { portfolioView } from './views/portfolio.js';
import { signInView } from './views/sign-in.js';

const main = byId('main');
const top = byId('top');

const NAV: Array<[string, MessageKey]> = [
  ['portfolio', 'nav.portfolio'],
  ['alerts', 'nav.alerts'],
  ['policies', 'nav.policies'],
  ['deliveries', 'nav.deliveries'],
  ['audit', 'nav.audit'],
  ['imports', 'nav.imports'],
];
/** Detail views light up their list's tab. */
const SECTION: Record<string, string> = { customer: 'portfolio', policy: 'policies' };
const LANGUAGES: Array<[Locale, MessageKey]> = [['zh-CN', 'lang.zh-CN'], ['en', 'lang.en']];

/** Shows a view; `data-shown` names the route it belongs to, so a reader (or a test) can tell a stale view from the current one. */
const show = (children: Child[], shownFor = location.hash): void => {
  append(clear(main), children);
  main.setAttribute('data-shown', shownFor);
  byId('view-title').focus?.({ preventScroll: true });
};

const languageSwitch = (): HTMLElement =>
  h('div', { class: 'lang', role: 'group', 'aria-label': t('shell.language') }, LANGUAGES.map(([code, label]) =>
    h('button', { type: 'button', lang: code, 'aria-pressed': String(code === currentLocale()), on: { click: () => { setLocale(code); void route(); } } }, t(label))));

const renderShell = (session: Session | undefined, active: string): void => {
  applyDocumentLocale();
  byId('skip').textContent = t('shell.skip');
  append(clear(top), [
    h('p', { class: 'brand' }, h('span', { class: 'logo' }, t('app.name')), ' ', h('span', { class: 'sub' }, t('app.subtitle'))),
    session
      ? h('nav', { 'aria-label': t('shell.navigation') }, h('ul', {}, NAV.map(([name, key]) => h('li', {}, h('a', { href: `#/${name}`, 'aria-current': name === active ? 'page' : null }, t(key))))))
      : null,
    h('div', { class: 'top-actions' },
      session ? h('span', { class: 'who', id: 'who' }, t(session.method === 'token' ? 'shell.signedInPerson' : 'shell.signedInKey', { name: session.name ?? session.principalId })) : null,
      languageSwitch(),
      session ? h('button', { type: 'button', class: 'link', id: 'sign-out', on: { click: signOut } }, t('shell.signOut')) : null),
  ]);
};

/** The person sign-in the hub offers (asked once per page load). */
let personSignIn: PersonSignInConfig | undefined;

const signIn = (message?: string): void => {
  renderShell(undefined, '');
  show(signInView(() => void route(), message, personSignIn));
  main.removeAttribute('aria-busy');
};

/** The session ended on the hub's side (401) or ran out: back to sign-in, saying which. */
const sessionEnded = (session: Session): void => {
  endSession();
  signIn(t(session.method === 'token' ? 'signIn.sessionExpired' : 'signIn.expired'));
};

const signOut = (): void => {
  endSession();
  location.hash = '#/portfolio';
  signIn();
};

let generation = 0;

async function route(): Promise<void> {
  const routed = location.hash;
  // Busy from the first moment: the view on screen belongs to the previous route until the new one shows.
  main.setAttribute('aria-busy', 'true');
  const signedIn = currentSession();
  if (!signedIn) return signIn();
  if (sessionExpired(signedIn)) return sessionEnded(signedIn);
  const session = await withActor(signedIn, () => ok(client(signedIn.bearer).GET('/v1/me')));
  const { name, arg, params } = currentRoute();
  const mine = ++generation;
  renderShell(session, SECTION[name] ?? name);
  main.setAttribute('aria-busy', 'true');
  clear(main).append(h('p', { class: 'muted' }, t('shell.loading')));
  const reload = () => void route();
  try {
    const views: Record<string, () => Promise<Child[]>> = {
      portfolio: () => portfolioView(params),
      customer: () => customerView(arg ?? ''),
      alerts: () => alertsView(params),
      policies: () => policiesView(session, reload),
      policy: () => policyView(Number(arg), session, reload),
      deliveries: () => deliveriesView(params, reload),
      audit: () => auditView(params),
      imports: () => importsView(params),
    };
    const nodes = await (views[name] ?? views['portfolio']!)();
    if (mine === generation) show(nodes, routed);
  } catch (error) {
    if (mine !== generation) return;
    if (error instanceof ApiError && error.status === 401) return sessionEnded(session);
    show([h('h1', { id: 'view-title', tabindex: -1 }, t('error.title')), h('p', { class: 'error', role: 'alert' }, describeError(error)), h('p', {}, h('a', { href: '#/portfolio' }, t('error.backHome')))]);
  } finally {
    if (mine === generation) main.removeAttribute('aria-busy');
  }
}

/** First load: the sign-in methods, then — back from the identity provider — the person's session. */
const boot = async (): Promise<void> => {
  personSignIn = await personSignInConfig();
  try {
    const back = await finishPersonSignIn(personSignIn);
    if (back) keepSession(tokenSession(back.token, back.expiresAt));
  } catch (error) {
    return signIn(t('signIn.personFailed', { detail: error instanceof PersonSignInError ? error.message : describeError(error) }));
  }
  window.addEventListener('hashchange', () => void route());
  await route();
};
void boot();
