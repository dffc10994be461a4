import type { BureauSubject } from '../../../domain/credit/bureau-connector.js';
import type { OutboundFetch } from '../../http/guarded-fetch.js';

/** Connection settings every bureau connector takes; never read from the environment here. */
export interface BureauConnectorConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  /** The function's guarded fetch (`createGuardedFetch(outboundPolicy())`). */
  outbound: OutboundFetch;
  now?: () => number;
}

/** Splits a single display name into first / middle / last for bureaus that want parts. */
export const splitName = (name: string): { first: string; middle?: string; last: string } => {
  const parts = name.trim().split(/\s+/);
  if (parts.length === 1) return { first: '', last: parts[0]! };
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  const middle = parts.slice(1, -1).join(' ');
  return middle ? { first, middle, last } : { first, last };
};

/** First identifier of a scheme (e.g. `ssn`). */
export const identifierOf = (subject: BureauSubject, scheme: string): string | undefined =>
  subject.identifiers.find((i) => i.scheme === scheme)?.value;

/** `YYYY-MM-DD` → `MMDDYYYY`. */
export const toMmddyyyy = (iso: string | undefined): string | undefined =>
  iso ? `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(0, 4)}` : undefined;
