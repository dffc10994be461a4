import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { WriteBackFingerprintSchema, type WriteBackFingerprint } from '../../domain/crm/loop-guard.js';
import type { TableRef } from './client.js';

/** How long a fingerprint is kept: echoes arrive within minutes; the loop guard looks back 15 min. */
export const FINGERPRINT_TTL_SECONDS = 3_600;

const pkOf = (connectionId: string, externalId: string) => `WBFP#${connectionId}#${externalId}`;

/**
 * Fingerprints of RiskBridge's own CRM write-backs (hashes of the values, no CRM data in clear),
 * written by the write-back worker just before each CRM update and read by CRM ingest to drop
 * the CRM's echo (`isEcho` in shared/domain/crm/loop-guard.ts). One item per write, keyed by
 * connection + external record id, expiring after an hour (TTL; reads also filter expired items,
 * since DynamoDB deletes them lazily).
 * @example await fingerprints.put(fingerprintWriteBack('acme-zoho', '4876', fields, now)); await fingerprints.recent('acme-zoho', '4876', now)
 */
export const writeBackFingerprintStore = ({ client, tableName }: TableRef) => ({
  async put(fingerprint: WriteBackFingerprint): Promise<void> {
    const parsed = WriteBackFingerprintSchema.parse(fingerprint);
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: pkOf(parsed.connectionId, parsed.externalId),
          sk: `${parsed.writtenAt}#${Math.random().toString(36).slice(2, 8)}`,
          entity: 'writeback_fingerprint',
          fingerprint: parsed,
          expiresAt: Math.floor(Date.parse(parsed.writtenAt) / 1000) + FINGERPRINT_TTL_SECONDS,
        },
      }),
    );
  },

  /** Unexpired fingerprints of one CRM record, oldest first. */
  async recent(connectionId: string, externalId: string, now: Date = new Date()): Promise<WriteBackFingerprint[]> {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'expiresAt > :now',
        ExpressionAttributeValues: { ':pk': pkOf(connectionId, externalId), ':now': Math.floor(now.getTime() / 1000) },
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => WriteBackFingerprintSchema.parse(item['fingerprint']));
  },
});
export type WriteBackFingerprintStore = ReturnType<typeof writeBackFingerprintStore>;
