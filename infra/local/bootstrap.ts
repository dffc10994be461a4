import { issueApiKey, generateApiKeyPlaintext } from '../../shared/domain/auth/api-key.js';
import { apiKeyStore } from '../../shared/adapters/dynamodb/api-key-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';

/**
 * Ensures a bootstrap key exists: the one given (RISKBRIDGE_ADMIN_KEY) or a newly generated one.
 * It belongs to no person: it may create the first people (and their keys) until two admins
 * exist, then it is revoked (docs/people.md). Also used by `rb keys create-admin` against a
 * deployed table.
 */
export const ensureAdminKey = async (options: { tableName: string; presetKey?: string; name?: string }): Promise<string> => {
  const plaintext = options.presetKey ?? generateApiKeyPlaintext();
  const { record } = issueApiKey({ name: options.name ?? 'bootstrap admin', role: 'admin' }, 'bootstrap', new Date(), plaintext, { bootstrap: true });
  const client = createDocumentClient();
  try {
    await apiKeyStore({ client, tableName: options.tableName }).createIfAbsent(record);
  } finally {
    client.destroy();
  }
  return plaintext;
};
