/**
 * A tiny element builder: no framework, no innerHTML. Text always goes in as text nodes, so
 * data can never become markup, and nothing sets a `style` attribute (the CSP forbids inline styles).
 */
export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: Event) => void;
export interface Attrs {
  [name: string]: string | number | boolean | null | undefined | Record<string, Handler>;
  on?: Record<string, Handler>;
}

export const append = (parent: Element | DocumentFragment, children: Child[]): void => {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : String(child));
  }
};

/** Creates `<tag>` with attributes (false/null/undefined are left out; `on` adds listeners) and children. */
export const h = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'on' && value && typeof value === 'object') {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (name === 'style') {
      throw new Error('inline styles are blocked by the console CSP; use a class');
    } else if (value === true) el.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined && typeof value !== 'object') el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
};

/** Removes every child of `el` and returns it. */
export const clear = <E extends Element>(el: E): E => {
  el.replaceChildren();
  return el;
};

export const byId = <E extends HTMLElement = HTMLElement>(id: string): E => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as E;
};
