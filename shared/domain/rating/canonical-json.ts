import { createHash, hash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted, `undefined` members dropped, non-finite numbers as null.
 * Two equal values always serialise to the same text, so their hashes match.
 * @example canonicalJson({ b: 1, a: [2, undefined] }) // '{"a":[2,null],"b":1}'
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return 'null';
};

/** Hex SHA-256 of the canonical JSON of `value` (the version 1 inputs hash, no prefix). */
export const sha256Canonical = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** Prefix of the version 2 stable hash. */
export const H2_PREFIX = 'h2:';

/**
 * Version 2 stable hash of a text the caller built in a fixed order (no key sorting, no object
 * walk): `h2:` + base64url SHA-256 (one-shot `crypto.hash`). The prefix names the algorithm, so a
 * stored hash of another version is recognised as such rather than read as "inputs changed".
 * @example stableHash('v1|12|null') // 'h2:…' (43 characters after the prefix)
 */
export const stableHash = (text: string): string => `${H2_PREFIX}${hash('sha256', text, 'base64url')}`;
