import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { MalformedInputError, UnauthorizedError } from '../../../domain/errors.js';
import type { CrmChangeNotice } from '../../../domain/crm/change-notice.js';
import { parseOrThrow } from '../../../domain/validation.js';
import { safeEqual } from '../http.js';

/**
 * Body Zoho CRM POSTs to a channel's notify_url (Notification API v8, "callback"):
 * channel_id and token echo what we armed; `affected_fields` / `affected_values`
 * appear when the channel asked for them (return_affected_field_values).
 */
export const ZohoNotificationSchema = z.object({
  channel_id: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String),
  token: z.string().max(50).optional(),
  module: z.string().min(1),
  operation: z.enum(['insert', 'update', 'delete', 'restore', 'merge']).or(z.string().min(1)),
  ids: z.array(z.union([z.string(), z.number()]).transform(String)).min(1),
  resource_uri: z.string().optional(),
  server_time: z.union([z.number(), z.string()]).optional(),
  query_params: z.record(z.string(), z.unknown()).optional(),
  affected_fields: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  affected_values: z.array(z.object({ record_id: z.union([z.string(), z.number()]).transform(String), values: z.record(z.string(), z.unknown()) })).optional(),
});
export type ZohoNotification = z.infer<typeof ZohoNotificationSchema>;

/** Parses the raw notify_url body. @throws MalformedInputError (not JSON), ValidationError (wrong shape). */
export const parseZohoNotification = (rawBody: string): ZohoNotification => {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (error) {
    throw new MalformedInputError('The Zoho notification is not JSON', { cause: error });
  }
  return parseOrThrow(ZohoNotificationSchema, json, 'Zoho notification');
};

/**
 * Zoho has no signature: the channel's `token` comes back in the body. Compares it with
 * the token we armed the channel with, in constant time, and checks the channel id.
 * @throws UnauthorizedError when either does not match.
 */
export const verifyZohoNotification = (notification: ZohoNotification, expected: { channelId: string; token: string }): void => {
  const tokenOk = safeEqual(notification.token ?? '', expected.token);
  const channelOk = safeEqual(notification.channel_id, expected.channelId);
  if (!tokenOk || !channelOk || expected.token.length === 0) throw new UnauthorizedError('The Zoho notification token does not match its channel');
};

const OPERATIONS: Record<string, CrmChangeNotice['operation']> = { insert: 'create', update: 'update', delete: 'delete', restore: 'restore', merge: 'merge' };

/** One change notice per record id, carrying the affected fields/values when Zoho sent them. */
export const zohoNotificationToNotices = (notification: ZohoNotification, connectionId: string, receivedAt: Date): CrmChangeNotice[] => {
  const serverMs = Number(notification.server_time);
  const occurredAt = Number.isFinite(serverMs) && serverMs > 0 ? new Date(serverMs).toISOString() : receivedAt.toISOString();
  const fieldsById = new Map<string, string[]>();
  for (const entry of notification.affected_fields ?? []) for (const [id, fields] of Object.entries(entry)) fieldsById.set(id, fields);
  const valuesById = new Map(notification.affected_values?.map((v) => [v.record_id, v.values]));
  return notification.ids.map((id) => {
    const values = valuesById.get(id);
    const changedFields = fieldsById.get(id) ?? (values ? Object.keys(values) : undefined);
    const modifiedBy = values?.Modified_By;
    return {
      crm: 'zoho' as const,
      connectionId,
      objectName: notification.module,
      externalIds: [id],
      operation: OPERATIONS[notification.operation] ?? 'update',
      changedFields,
      values,
      modifiedBy: modifiedBy && typeof modifiedBy === 'object' && 'id' in modifiedBy ? String(modifiedBy.id) : undefined,
      occurredAt,
    };
  });
};

/**
 * Fresh identifiers for arming a Zoho channel: a numeric `channel_id` (Zoho wants digits: epoch ms plus
 * three random digits) and the echo token Zoho sends back with every notification (24 random bytes).
 * @example const { channelId, token } = { channelId: zohoChannelSecrets.channelId(), token: zohoChannelSecrets.token() }
 */
export const zohoChannelSecrets = {
  channelId: (): string => String(Date.now()) + String(Math.floor(Math.random() * 1000)).padStart(3, '0'),
  token: (): string => randomBytes(24).toString('base64url'),
};
