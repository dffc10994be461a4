import { ApiError } from './api.js';
import { byId, clear, h, type Child } from './dom.js';
import { t, tMaybe, type MessageKey } from './i18n/i18n.js';

export interface Column<R> {
  label: string;
  value: (row: R) => Child;
  num?: boolean;
}

/** A table with a header row; `empty` is what to do next when there are no rows. */
export const table = <R>(columns: Column<R>[], rows: readonly R[], empty: string, caption?: string): HTMLElement =>
  rows.length === 0
    ? emptyState(empty)
    : h(
        'div',
        { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption ?? columns.map((c) => c.label).join(', ') },
        h(
          'table',
          {},
          caption ? h('caption', {}, caption) : null,
          h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
          h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.value(row)))))),
        ),
      );

export const emptyState = (whatToDo: string): HTMLElement => h('p', { class: 'empty' }, whatToDo);

export const badge = (label: string, tone?: 'ok' | 'warn' | 'bad'): HTMLElement => h('span', { class: `badge${tone ? ` ${tone}` : ''}` }, label);

/** Definition list of label → value pairs. */
export const kv = (pairs: Array<[string, Child]>): HTMLElement => h('dl', { class: 'kv' }, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));

export const heading = (key: MessageKey, params?: Record<string, string | number>): HTMLElement => h('h1', { tabindex: -1, id: 'view-title' }, t(key, params));

/**
 * An error in the user's language: a known problem code is translated, otherwise the hub's
 * `detail`; failing fields are listed by path. Never raw JSON.
 */
export const describeError = (error: unknown): string => {
  if (error instanceof ApiError) {
    const code = error.problem?.code;
    const text = code ? tMaybe(`problem.${code}`, error.message) : error.status >= 500 ? t('problem.internal_error') : error.message;
    const fields = (error.problem?.errors ?? []).map((e) => e.path).filter(Boolean);
    return fields.length ? `${text} (${t('error.fields', { fields: fields.join(', ') })})` : text;
  }
  if (error instanceof TypeError) return t('error.network');
  return t('error.unexpected');
};

let toastTimer: ReturnType<typeof setTimeout> | undefined;
/** A short message in the live region (announced by screen readers). */
export const toast = (message: string, isError = false): void => {
  const el = byId('toast');
  clear(el).append(message);
  el.className = isError ? 'toast error' : 'toast';
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), 6000);
};

/**
 * A button that runs an API action, then reloads the view. A disabled action says why
 * (`disabledReason` as its description, visible next to it).
 */
export const actionButton = (label: string, run: () => Promise<unknown>, after: () => void, disabledReason?: string): HTMLElement => {
  const id = `why-${Math.random().toString(36).slice(2, 9)}`;
  const button = h('button', { type: 'button', class: 'secondary', disabled: disabledReason !== undefined, 'aria-describedby': disabledReason ? id : null }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await run();
      toast(t('action.done', { action: label }));
      after();
    } catch (error) {
      toast(`${label}: ${describeError(error)}`, true);
      button.disabled = false;
    }
  });
  return disabledReason ? h('span', { class: 'action' }, button, h('span', { id, class: 'why' }, disabledReason)) : button;
};

/** Reads the hash route: `#/name/arg?query`. */
export const currentRoute = (): { name: string; arg: string | undefined; params: URLSearchParams } => {
  const [path = '', search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name = '', ...rest] = path.split('/');
  return { name: name || 'portfolio', arg: rest.length ? decodeURIComponent(rest.join('/')) : undefined, params: new URLSearchParams(search) };
};

/** A deep link that keeps filters in the URL (empty values left out). */
export const link = (name: string, params: Record<string, string | number | undefined> = {}): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#/${name}${s ? `?${s}` : ''}`;
};
