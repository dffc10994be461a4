import { describe, expect, it } from 'vitest';
import { issueApiKey, parseApiKey, verifyApiKey } from '../../../shared/domain/auth/api-key.js';
import { ValidationError } from '../../../shared/domain/errors.js';

const at = new Date('2026-11-28T10:00:00Z');

describe('API keys', () => {
  it('issues a key whose secret verifies to a principal with the role scopes, storing only a hash', () => {
    const { plaintext, record } = issueApiKey({ name: 'crm', role: 'crm' }, 'admin-1', at);
    const parsed = parseApiKey(plaintext);
    expect(parsed?.keyId).toBe(record.keyId);
    expect(JSON.stringify(record)).not.toContain(parsed?.secret);
    const principal = verifyApiKey(record, parsed!.secret, at);
    expect(principal).toMatchObject({ role: 'crm', keyId: record.keyId, principalId: `key:${record.keyId}` });
    expect(principal?.scopes).toEqual(['customers:read', 'customers:write', 'crm:ingest', 'bureau:pull']);
  });

  it('refuses a wrong secret, a revoked key and an expired key', () => {
    const { plaintext, record } = issueApiKey({ name: 'x', role: 'admin', expiresAt: '2026-12-01T00:00:00Z' }, 'a', at);
    const { secret } = parseApiKey(plaintext)!;
    expect(verifyApiKey(record, `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`, at)).toBeUndefined();
    expect(verifyApiKey({ ...record, status: 'revoked' }, secret, at)).toBeUndefined();
    expect(verifyApiKey(record, secret, new Date('2026-12-01T00:00:00Z'))).toBeUndefined();
    expect(verifyApiKey(undefined, secret, at)).toBeUndefined();
  });

  it('refuses scopes the role does not have', () => {
    expect(() => issueApiKey({ name: 'c', role: 'consultant', scopes: ['datasets:read', 'keys:manage'] }, 'a', at)).toThrow(ValidationError);
  });

  it('does not parse strings that are not shaped like keys', () => {
    for (const bad of ['', 'Bearer x', 'rbk_short.secret', `rbk_${'a'.repeat(20)}.${'b'.repeat(42)}`, `rbk_${'A'.repeat(20)}.${'b'.repeat(43)}`]) {
      expect(parseApiKey(bad)).toBeUndefined();
    }
  });

  it('accepts a preset key (bootstrap) and keeps its id', () => {
    const preset = `rbk_${'0123456789abcdefghij'}.${'x'.repeat(43)}`;
    const { plaintext, record } = issueApiKey({ name: 'boot', role: 'admin' }, 'bootstrap', at, preset);
    expect(plaintext).toBe(preset);
    expect(record.keyId).toBe('0123456789abcdefghij');
    expect(verifyApiKey(record, 'x'.repeat(43), at)?.role).toBe('admin');
  });
});
