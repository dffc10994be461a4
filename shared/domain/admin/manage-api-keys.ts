import type { AuditInput } from '../audit/audit-chain.js';
import { issueApiKey, type ApiKeyRecord, type CreateApiKey } from '../auth/api-key.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError } from '../errors.js';

export interface ApiKeyRepository {
  get(keyId: string): Promise<ApiKeyRecord | undefined>;
  create(record: ApiKeyRecord): Promise<void>;
  list(): Promise<ApiKeyRecord[]>;
  revoke(keyId: string, at: Date): Promise<ApiKeyRecord>;
  rotate(oldKeyId: string, replacement: ApiKeyRecord, at: Date): Promise<void>;
}

export interface AuditPort {
  append(input: AuditInput): Promise<unknown>;
}

/** What clients see of a key: never the hash. */
export type ApiKeyView = Omit<ApiKeyRecord, 'secretHash'>;
export const toApiKeyView = ({ secretHash: _hidden, ...rest }: ApiKeyRecord): ApiKeyView => rest;

/** Key management for admins: every change is audited; plaintext keys are returned once. */
export const manageApiKeys = ({ keys, audit, clock }: { keys: ApiKeyRepository; audit: AuditPort; clock: Clock }) => ({
  async create(input: CreateApiKey, actor: Principal): Promise<{ key: string; record: ApiKeyView }> {
    const { plaintext, record } = issueApiKey(input, actor.principalId, clock.now());
    await keys.create(record);
    await audit.append({ actor: actor.principalId, action: 'api_key.created', target: `api_key:${record.keyId}`, details: { role: record.role, scopes: record.scopes }, personal: { name: record.name } });
    return { key: plaintext, record: toApiKeyView(record) };
  },

  async list(): Promise<ApiKeyView[]> {
    return (await keys.list()).map(toApiKeyView);
  },

  async rotate(keyId: string, actor: Principal): Promise<{ key: string; record: ApiKeyView }> {
    const old = await keys.get(keyId);
    if (!old || old.status !== 'active') throw new NotFoundError(`Active API key ${keyId}`);
    const now = clock.now();
    const { plaintext, record } = issueApiKey(
      { name: old.name, role: old.role, scopes: old.scopes, ...(old.tenantRef ? { tenantRef: old.tenantRef } : {}), ...(old.expiresAt ? { expiresAt: old.expiresAt } : {}) },
      actor.principalId,
      now,
    );
    const replacement = { ...record, rotatedFrom: old.keyId };
    await keys.rotate(old.keyId, replacement, now);
    await audit.append({ actor: actor.principalId, action: 'api_key.rotated', target: `api_key:${old.keyId}`, details: { replacement: replacement.keyId } });
    return { key: plaintext, record: toApiKeyView(replacement) };
  },

  async revoke(keyId: string, actor: Principal): Promise<ApiKeyView> {
    if (keyId === actor.keyId) {
      throw new ValidationError('A key cannot revoke itself', [{ path: 'keyId', message: 'use another admin key to revoke this one' }]);
    }
    const record = await keys.revoke(keyId, clock.now());
    await audit.append({ actor: actor.principalId, action: 'api_key.revoked', target: `api_key:${keyId}`, details: {} });
    return toApiKeyView(record);
  },
});
