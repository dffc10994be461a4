import { ApiError, client, ok } from '../api.js';
import { h, type Child } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { startPersonSignIn, type PersonSignInConfig } from '../person-sign-in.js';
import { apiKeySignIn, keepSession, type Session } from '../session.js';
import { describeError } from '../ui.js';

/** Checks a bearer against the hub with the cheapest admin read. */
const probe = async (bearer: string): Promise<void> => {
  await ok(client(bearer).GET('/v1/customers', { params: { query: { limit: 1 } } }));
};

/**
 * The sign-in screen: as a person (the identity provider's page, when the hub offers it) or with an
 * admin API key; `message` explains why the user is here again (expired or revoked key or session).
 */
export const signInView = (onSignedIn: (session: Session) => void, message?: string, person?: PersonSignInConfig): Child[] => {
  const input = h('input', { type: 'password', id: 'key', name: 'key', autocomplete: 'off', required: true, spellcheck: 'false', 'aria-describedby': 'key-help' });
  const error = h('p', { class: 'error', role: 'alert', id: 'sign-in-error' }, message ?? '');
  const form = h(
    'form',
    {
      class: 'card sign-in',
      on: {
        submit: async (event) => {
          event.preventDefault();
          error.textContent = '';
          try {
            const session = await apiKeySignIn.signIn(input.value, probe);
            keepSession(session);
            onSignedIn(session);
          } catch (e) {
            error.textContent = e instanceof SyntaxError ? t('signIn.notAKey') : e instanceof ApiError && (e.status === 401 || e.status === 403) ? t('signIn.refused') : describeError(e);
            input.focus();
          }
        },
      },
    },
    h('h1', { id: 'view-title', tabindex: -1 }, t('signIn.title')),
    person
      ? h('div', { class: 'person-sign-in' },
          h('button', { type: 'button', id: 'sign-in-person', on: { click: () => void startPersonSignIn(person) } }, t('signIn.asPerson')),
          h('p', { class: 'muted small' }, t('signIn.asPersonHelp')),
          h('p', { class: 'or' }, t('signIn.orKey')))
      : null,
    h('label', { for: 'key' }, t('signIn.keyLabel')),
    input,
    h('p', { class: 'muted small', id: 'key-help' }, t('signIn.keyHelp')),
    h('button', { type: 'submit' }, t('signIn.submit')),
    error,
  );
  queueMicrotask(() => input.focus());
  return [form];
};
