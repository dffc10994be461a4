// DOM helpers. Every value is rendered with textContent or setAttribute: never innerHTML, so
// CRM and bureau data (names, notes, excerpts) cannot inject markup or scripts.

/**
 * Creates an element. `attrs`: `class`, `for`, `data-*`, `href`, ... are set as attributes
 * (event-handler attributes are refused); functions under `on` become listeners.
 * Children: strings and numbers become text nodes; null/undefined/false are skipped.
 */
export const h = (tag, attrs = {}, ...children) => {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'on') {
      for (const [type, listener] of Object.entries(value)) el.addEventListener(type, listener);
    } else if (/^on/i.test(name)) {
      throw new Error('event handler attributes are not allowed');
    } else if (name === 'href' && !/^(#|\/)/.test(String(value))) {
      throw new Error('only same-origin links');
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
};

export const append = (el, children) => {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
};

export const clear = (el) => {
  el.replaceChildren();
  return el;
};

const MINOR_DIGITS = new Map();
const minorDigits = (currency) => {
  if (!MINOR_DIGITS.has(currency)) {
    let digits = 2;
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    MINOR_DIGITS.set(currency, digits);
  }
  return MINOR_DIGITS.get(currency);
};

/** Money in minor units → "€12,500.00" (or "—"). */
export const money = (amountMinor, currency) => {
  if (typeof amountMinor !== 'number' || !currency) return '—';
  const value = amountMinor / 10 ** minorDigits(currency);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
};

export const pct = (p, digits = 2) => (typeof p === 'number' ? `${(p * 100).toFixed(digits)} %` : '—');
export const num = (n) => (typeof n === 'number' ? new Intl.NumberFormat().format(n) : '—');
export const when = (iso) => {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
};
export const text = (v) => (v === undefined || v === null || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** A table: `columns` = [{ label, value: (row) => node|string, num? }]. */
export const table = (columns, rows, options = {}) =>
  h(
    'table',
    {},
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.num ? 'num' : undefined }, c.label)))),
    h(
      'tbody',
      {},
      rows.length === 0
        ? h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, options.empty ?? 'Nothing here.'))
        : rows.map((row) =>
            h(
              'tr',
              { class: options.onRow ? 'clickable' : undefined, on: options.onRow ? { click: () => options.onRow(row) } : undefined },
              columns.map((c) => h('td', { class: c.num ? 'num' : undefined }, c.value(row))),
            ),
          ),
    ),
  );

/** A definition list from [label, value] pairs. */
export const kv = (pairs) => h('dl', { class: 'kv' }, pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));

/** Pretty JSON as text (for small, already-redacted structures such as policy JSON). */
export const json = (value) => h('pre', { class: 'json' }, JSON.stringify(value, null, 2));

export const badge = (label, kind) => h('span', { class: `badge ${kind ?? ''}`.trim() }, label);
