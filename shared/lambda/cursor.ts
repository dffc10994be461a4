import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../domain/errors.js';
import type { ListPosition } from './http-route.js';

/** How long a cursor stays valid. */
export const CURSOR_TTL_MS = 24 * 60 * 60 * 1000;

const b64 = (value: Buffer | string): string => Buffer.from(value).toString('base64url');
const mac = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(payload).digest();

const invalid = (message: string): ValidationError =>
  new ValidationError('The cursor is not valid for this request', [{ path: 'cursor', message, code: 'invalid_cursor', in: 'query' }]);

/**
 * What a cursor is bound to: the operation, the caller and the query without `cursor` and `limit`.
 * A cursor copied to another caller, another route or other filters is refused.
 */
export const cursorBinding = (operation: string, principalId: string, params: Record<string, string>, query: Record<string, string>): string => {
  const filters = Object.entries(query)
    .filter(([k]) => k !== 'cursor' && k !== 'limit')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const path = Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([operation, principalId, path, filters]);
};

/**
 * Signs a list position into an opaque cursor (HMAC-SHA256 over position, binding and expiry).
 * @example const cursor = signCursor(key, binding, { lastKey: 'c-42' }, Date.now());
 */
export const signCursor = (key: Buffer, binding: string, position: ListPosition, nowMs: number): string => {
  const payload = b64(JSON.stringify({ p: position, e: nowMs + CURSOR_TTL_MS }));
  const signature = b64(mac(key, `${payload}.${binding}`));
  return `${payload}.${signature}`;
};

/** Verifies a cursor and returns its position, or throws a 422 naming `cursor`. */
export const openCursor = (key: Buffer, binding: string, cursor: string, nowMs: number): ListPosition => {
  const [payload, signature, ...rest] = cursor.split('.');
  if (!payload || !signature || rest.length > 0) throw invalid('not a cursor this API issued');
  const expected = mac(key, `${payload}.${binding}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('not a cursor this API issued for this caller and query');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor this API issued');
  }
  if (!decoded || typeof decoded !== 'object' || !('p' in decoded) || !('e' in decoded) || typeof decoded.e !== 'number') throw invalid('not a cursor this API issued');
  if (decoded.e < nowMs) throw invalid('the cursor has expired; start the list again');
  return decoded.p as ListPosition;
};
