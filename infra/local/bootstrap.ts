import { issueApiKey, generateApiKeyPlaintext } from '../../shared/domain/auth/api-key.js';
import { newEvent } from '../../shared/domain/events/new-event.js';
import { apiKeyStore } from '../../shared/adapters/dynamodb/api-key-store.js';
import { auditLog } from '../../shared/adapters/dynamodb/audit-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { eventWriter } from '../../shared/adapters/dynamodb/event-writer.js';
import { personStore } from '../../shared/adapters/dynamodb/person-store.js';
import { activeAdmins, BOOTSTRAP_ADMIN_LIMIT } from '../../shared/domain/people/person.js';

/** A break-glass bootstrap key works for one hour at most. */
export const BREAK_GLASS_TTL_MS = 3_600_000;

/**
 * Ensures a bootstrap key exists: the one given (RISKBRIDGE_ADMIN_KEY) or a newly generated one.
 * It belongs to no person: it may create the first people (and their keys) until two admins
 * exist, then it is revoked (docs/people.md). Also used by `rb keys create-admin` against a
 * deployed table.
 */
export const ensureAdminKey = async (options: { tableName: string; presetKey?: string; name?: string; breakGlass?: string }): Promise<string> => {
  const plaintext = options.presetKey ?? generateApiKeyPlaintext();
  const now = new Date();
  const client = createDocumentClient();
  try {
    const table = { client, tableName: options.tableName };
    const closed = activeAdmins(await personStore(table).list()).length >= BOOTSTRAP_ADMIN_LIMIT;
    if (closed && !options.breakGlass) {
      throw new Error(`${BOOTSTRAP_ADMIN_LIMIT} admins exist: the bootstrap phase is over. Ask an admin, or follow the break-glass procedure in docs/people.md`);
    }
    // Break-glass: a bootstrap key that lives one hour, named after the incident, and a loud log line for the alarm.
    const name = options.breakGlass ? `break-glass: ${options.breakGlass}` : (options.name ?? 'bootstrap admin');
    const expiresAt = options.breakGlass ? new Date(now.getTime() + BREAK_GLASS_TTL_MS).toISOString() : undefined;
    const { record } = issueApiKey({ name, role: 'admin', ...(expiresAt ? { expiresAt } : {}) }, options.breakGlass ? 'break-glass' : 'bootstrap', now, plaintext, { bootstrap: true });
    if (options.breakGlass) console.error(JSON.stringify({ level: 'ERROR', message: 'BreakGlassUsed', table: options.tableName, keyId: record.keyId, expiresAt }));
    await apiKeyStore(table).createIfAbsent(record);
    if (options.breakGlass && expiresAt) {
      // In the audit chain and, through the outbox, to subscribers and the alert path (`security.break_glass_used`).
      const used = { incident: options.breakGlass, keyId: record.keyId, expiresAt, usedAt: now.toISOString() };
      await auditLog(table, { clock: { now: () => now } }).append({ actor: 'break-glass', action: 'security.break_glass_used', target: `api_key:${record.keyId}`, details: { incident: used.incident, expiresAt } });
      await eventWriter(table).put(newEvent('security.break_glass_used', used, { at: now }));
    }
  } finally {
    client.destroy();
  }
  return plaintext;
};
