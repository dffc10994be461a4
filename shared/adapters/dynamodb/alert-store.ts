import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { AlertRecordSchema, type AlertRecord, type AlertStatus } from '../../domain/alerts/alert-lifecycle.js';
import type { LastFired } from '../../domain/alerts/evaluate-alerts.js';
import { ConflictError, TransientError } from '../../domain/errors.js';
import { isConditionFailure, isTransientDynamoError, type TableRef } from './client.js';

/**
 * Alerts with a lifecycle: `ALERT#<id> / ALERT`, listed by status on gsi1 (`ALERTS#<status>`,
 * raisedAt) so open ones list without a scan. Each dedupe key has a pointer `ALERTKEY#<key> / KEY`
 * holding the open alert and the last firing: raising is one transaction that only succeeds while no
 * alert with that key is open (a repeat folds into the open one), and cool-downs read `lastFiredAt`.
 */
const alertKey = (alertId: string) => ({ pk: `ALERT#${alertId}`, sk: 'ALERT' });
const dedupeKey = (key: string) => ({ pk: `ALERTKEY#${key}`, sk: 'KEY' });
const ItemSchema = z.object({ alert: AlertRecordSchema });
const KeyItemSchema = z.object({ dedupeKey: z.string(), alertId: z.string(), open: z.boolean(), lastFiredAt: z.string() });
const CLOSED = new Set<AlertStatus>(['resolved', 'false_positive']);

const toItem = (alert: AlertRecord) => ({
  ...alertKey(alert.alertId),
  entity: 'alert',
  alert: AlertRecordSchema.parse(alert),
  gsi1pk: `ALERTS#${alert.status}`,
  gsi1sk: `${alert.raisedAt}#${alert.alertId}`,
});

const transient = (error: unknown): never => {
  if (isTransientDynamoError(error)) throw new TransientError('storage_busy', 'The table is busy, try again', { cause: error });
  throw error;
};

export interface AlertListFilter {
  status: AlertStatus;
  severity?: AlertRecord['severity'];
  assignee?: string;
  rule?: string;
}

/** Where a page of alerts ended (the status index's key of its last alert). */
export const AlertPagePositionSchema = z.strictObject({ pk: z.string(), sk: z.string(), gsi1pk: z.string(), gsi1sk: z.string() });
export type AlertPagePosition = z.infer<typeof AlertPagePositionSchema>;

const pageFilter = ({ severity, assignee, rule }: Omit<AlertListFilter, 'status'>) => {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [field, value] of Object.entries({ severity, assignee, rule })) {
    if (value === undefined) continue;
    parts.push(`#alert.#${field} = :${field}`);
    names['#alert'] = 'alert';
    names[`#${field}`] = field;
    values[`:${field}`] = value;
  }
  return { parts, names, values };
};

export interface AlertRepository {
  /** Stores a new alert unless one with its dedupe key is open: then answers that one's id. */
  raise(alert: AlertRecord): Promise<{ raised: true } | { raised: false; openAlertId: string }>;
  get(alertId: string): Promise<AlertRecord | undefined>;
  /** Writes `next` if the stored version is `next.version - 1`; closing frees its dedupe key. */
  save(next: AlertRecord): Promise<void>;
  list(filter: AlertListFilter): Promise<AlertRecord[]>;
  /** One page of `list`, newest first: at most `limit` alerts and the position after the last (absent on the last page). */
  page(filter: AlertListFilter, limit: number, after?: AlertPagePosition): Promise<{ alerts: AlertRecord[]; next?: AlertPagePosition }>;
  lastFired(keys: readonly string[]): Promise<LastFired>;
}

export const alertStore = ({ client, tableName }: TableRef): AlertRepository => ({
  async raise(alert) {
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...dedupeKey(alert.dedupeKey), entity: 'alert-key', dedupeKey: alert.dedupeKey, alertId: alert.alertId, open: true, lastFiredAt: alert.raisedAt },
                ConditionExpression: 'attribute_not_exists(pk) OR #open = :false',
                ExpressionAttributeNames: { '#open': 'open' },
                ExpressionAttributeValues: { ':false': false },
              },
            },
            { Put: { TableName: tableName, Item: toItem(alert), ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return { raised: true };
    } catch (error) {
      if (!isConditionFailure(error) && !(error instanceof Error && error.name === 'TransactionCanceledException')) return transient(error);
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: dedupeKey(alert.dedupeKey), ConsistentRead: true }));
      const key = KeyItemSchema.safeParse(Item);
      if (key.success && key.data.open) return { raised: false, openAlertId: key.data.alertId };
      throw new ConflictError(`Alert ${alert.alertId} raced another write`, { cause: error });
    }
  },
  async get(alertId) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: alertKey(alertId), ConsistentRead: true }));
    return Item ? ItemSchema.parse(Item).alert : undefined;
  },
  async save(next) {
    const closes = CLOSED.has(next.status);
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: toItem(next),
                ConditionExpression: '#alert.#version = :expected',
                ExpressionAttributeNames: { '#alert': 'alert', '#version': 'version' },
                ExpressionAttributeValues: { ':expected': next.version - 1 },
              },
            },
            ...(closes
              ? [
                  {
                    Update: {
                      TableName: tableName,
                      Key: dedupeKey(next.dedupeKey),
                      UpdateExpression: 'SET #open = :false',
                      ConditionExpression: 'alertId = :id',
                      ExpressionAttributeNames: { '#open': 'open' },
                      ExpressionAttributeValues: { ':false': false, ':id': next.alertId },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error) || (error instanceof Error && error.name === 'TransactionCanceledException')) throw new ConflictError(`Alert ${next.alertId} changed concurrently`, { cause: error });
      transient(error);
    }
  },
  async list({ status, severity, assignee, rule }) {
    const out: AlertRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `ALERTS#${status}` }, ExclusiveStartKey: startKey }),
      );
      for (const raw of page.Items ?? []) {
        const { alert } = ItemSchema.parse(raw);
        if ((severity === undefined || alert.severity === severity) && (assignee === undefined || alert.assignee === assignee) && (rule === undefined || alert.rule === rule)) out.push(alert);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  },
  async page({ status, ...filters }, limit, after) {
    const { parts, names, values } = pageFilter(filters);
    const out: AlertRecord[] = [];
    let startKey: Record<string, unknown> | undefined = after;
    do {
      const page = await client
        .send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ...(parts.length > 0 ? { FilterExpression: parts.join(' AND '), ExpressionAttributeNames: names } : {}),
            ExpressionAttributeValues: { ':pk': `ALERTS#${status}`, ...values },
            ScanIndexForward: false,
            Limit: limit - out.length,
            ExclusiveStartKey: startKey,
          }),
        )
        .catch(transient);
      for (const raw of page.Items ?? []) out.push(ItemSchema.parse(raw).alert);
      startKey = page.LastEvaluatedKey;
    } while (startKey && out.length < limit);
    return startKey ? { alerts: out, next: AlertPagePositionSchema.parse(startKey) } : { alerts: out };
  },
  async lastFired(keys) {
    const out: Record<string, string> = {};
    for (let i = 0; i < keys.length; i += 100) {
      const { Responses } = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys.slice(i, i + 100).map(dedupeKey) } } }));
      for (const raw of Responses?.[tableName] ?? []) {
        const item = KeyItemSchema.parse(raw);
        out[item.dedupeKey] = item.lastFiredAt;
      }
    }
    return out;
  },
});
