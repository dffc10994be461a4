import { issueApiKey, generateApiKeyPlaintext } from '../../shared/domain/auth/api-key.js';
import { apiKeyStore } from '../../shared/adapters/dynamodb/api-key-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';

/**
 * Ensures an admin key exists: the one given (RISKBRIDGE_ADMIN_KEY) or a newly generated one.
 * Also used by `npm run create-admin-key` against a deployed table.
 */
export const ensureAdminKey = async (options: { tableName: string; presetKey?: string; name?: string }): Promise<string> => {
  const plaintext = options.presetKey ?? generateApiKeyPlaintext();
  const { record } = issueApiKey({ name: options.name ?? 'bootstrap admin', role: 'admin' }, 'bootstrap', new Date(), plaintext);
  const client = createDocumentClient();
  try {
    await apiKeyStore({ client, tableName: options.tableName }).createIfAbsent(record);
  } finally {
    client.destroy();
  }
  return plaintext;
};
