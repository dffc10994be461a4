import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretSource } from '../../domain/crm/write-back.js';
import { PermanentError } from '../../domain/errors.js';

/**
 * Resolves secrets by name. In AWS: Secrets Manager through Powertools (cached 5 minutes).
 * Locally: from a map the local runtime fills with the sandboxes' credentials. Configuration
 * holds only names; values never enter the repository or the logs.
 */
export const secretsManagerSource = (): SecretSource => ({
  async get(name) {
    const value = await getSecret(name, { maxAge: 300 });
    if (typeof value !== 'string' || value === '') throw new PermanentError('secret_missing', `Secret ${name} is missing or empty`);
    return value;
  },
});

export const mapSecretSource = (values: Record<string, string>): SecretSource => ({
  async get(name) {
    const value = values[name];
    if (value === undefined) throw new PermanentError('secret_missing', `Secret ${name} is not configured`);
    return value;
  },
});

/** `LOCAL_SECRETS` (JSON object of name → value) when set, else Secrets Manager. */
export const secretSourceFrom = (localSecretsJson: string | undefined): SecretSource => {
  if (!localSecretsJson) return secretsManagerSource();
  const parsed: unknown = JSON.parse(localSecretsJson);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('LOCAL_SECRETS must be a JSON object');
  return mapSecretSource(Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, String(v)])));
};
