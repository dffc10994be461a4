import { en, type MessageKey } from './en.js';
import { zhCN } from './zh-CN.js';
import { h } from '../dom.js';

/** The console's languages; every message key exists in both (a unit test checks it). */
export const LOCALES = { en, 'zh-CN': zhCN } as const satisfies Record<string, Record<MessageKey, string>>;
export type Locale = keyof typeof LOCALES;
export type { MessageKey };

const PREFERENCE = 'riskbridge.lang';
/** Times show in the user's zone; a zh-CN reader is in China Standard Time unless the browser says otherwise. */
const ZONE: Record<Locale, string | undefined> = { en: undefined, 'zh-CN': 'Asia/Shanghai' };

/** First visit: the browser's language (any zh → zh-CN); later visits: the remembered choice. */
export const initialLocale = (stored: string | null, languages: readonly string[]): Locale => {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  for (const lang of languages) {
    if (/^zh\b/i.test(lang)) return 'zh-CN';
    if (/^en\b/i.test(lang)) return 'en';
  }
  return 'en';
};

let locale: Locale = initialLocale(localStorage.getItem(PREFERENCE), navigator.languages ?? [navigator.language]);

export const currentLocale = (): Locale => locale;

/** Switches the language: remembered (the only thing in localStorage), `<html lang>` set for fonts and screen readers. */
export const setLocale = (next: Locale): void => {
  locale = next;
  localStorage.setItem(PREFERENCE, next);
  applyDocumentLocale();
};

export const applyDocumentLocale = (): void => {
  document.documentElement.lang = locale;
  document.title = t('app.title');
};

/** The message `key` in the current language, `{name}` placeholders filled in. */
export const t = (key: MessageKey, params: Record<string, string | number> = {}): string =>
  LOCALES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** A message key built at run time (a problem code, an enum value), with a fallback when the language has none. */
export const tMaybe = (key: string, fallback: string): string => (key in LOCALES[locale] ? t(key as MessageKey) : fallback);

const dash = '—';

export const formatNumber = (value: number | undefined | null, options: Intl.NumberFormatOptions = {}): string =>
  value === undefined || value === null || Number.isNaN(value) ? dash : new Intl.NumberFormat(locale, options).format(value);

export const formatPercent = (value: number | undefined | null, digits = 2): string =>
  formatNumber(value, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Minor units of a currency (CNY, EUR, USD, … with their own decimals) as money in the current language. */
export const formatMoney = (amountMinor: number | undefined | null, currency: string | undefined): string => {
  if (amountMinor === undefined || amountMinor === null || !currency) return dash;
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
};

export const formatDateTime = (iso: string | undefined | null): string => {
  if (!iso) return dash;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return dash;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(ZONE[locale] ? { timeZone: ZONE[locale] } : {}) }).format(date);
};

/** A `<time>` in the user's zone, with the UTC instant on hover. */
export const time = (iso: string | undefined | null): HTMLElement | string => {
  if (!iso || Number.isNaN(new Date(iso).getTime())) return dash;
  const utc = `${new Date(iso).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
  return h('time', { datetime: iso, title: utc }, formatDateTime(iso));
};
