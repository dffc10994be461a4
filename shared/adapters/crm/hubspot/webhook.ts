import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { MalformedInputError, UnauthorizedError } from '../../../domain/errors.js';
import type { CrmChangeNotice } from '../../../domain/crm/change-notice.js';
import { parseOrThrow } from '../../../domain/validation.js';
import { safeEqual } from '../http.js';

/** HubSpot rejects nothing older than this; neither do we (Webhooks API, "Validating requests", v3). */
export const HUBSPOT_MAX_SKEW_MS = 5 * 60_000;

/** Characters HubSpot decodes in the URI before signing. */
const DECODE: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};
const decodeUri = (uri: string): string => uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODE[m.toUpperCase()] ?? m);

/** base64 HMAC-SHA256(clientSecret, method + uri + rawBody + timestamp). Exported for the sandbox and tests. */
export const signHubSpotV3 = (clientSecret: string, method: string, uri: string, rawBody: string, timestamp: string): string =>
  createHmac('sha256', clientSecret).update(`${method.toUpperCase()}${decodeUri(uri)}${rawBody}${timestamp}`, 'utf8').digest('base64');

/**
 * Verifies `X-HubSpot-Signature-v3` on the RAW body as received (never re-serialised JSON).
 * `uri` is the full URL HubSpot called (https://host/path?query).
 * @throws UnauthorizedError when headers are missing, the timestamp is more than 5 minutes
 *   away from `now`, or the signature does not match.
 */
export const verifyHubSpotSignatureV3 = (input: {
  method: string;
  uri: string;
  rawBody: string;
  headers: Record<string, string | undefined>;
  clientSecret: string;
  now: Date;
}): void => {
  const header = (name: string) => Object.entries(input.headers).find(([k]) => k.toLowerCase() === name)?.[1];
  const signature = header('x-hubspot-signature-v3');
  const timestamp = header('x-hubspot-request-timestamp');
  if (!signature || !timestamp || !/^\d{10,16}$/.test(timestamp)) throw new UnauthorizedError('The HubSpot signature headers are missing');
  if (Math.abs(input.now.getTime() - Number(timestamp)) > HUBSPOT_MAX_SKEW_MS) throw new UnauthorizedError('The HubSpot request timestamp is stale');
  const expected = signHubSpotV3(input.clientSecret, input.method, input.uri, input.rawBody, timestamp);
  if (!safeEqual(signature, expected)) throw new UnauthorizedError('The HubSpot signature does not match');
};

/** One event of a HubSpot webhook batch (Webhooks API v3 payload). */
export const HubSpotWebhookEventSchema = z.looseObject({
  eventId: z.union([z.number(), z.string()]).transform(String),
  subscriptionId: z.union([z.number(), z.string()]).transform(String),
  portalId: z.union([z.number(), z.string()]).transform(String),
  appId: z.union([z.number(), z.string()]).transform(String).optional(),
  occurredAt: z.number().int().nonnegative(),
  subscriptionType: z.string().regex(/^[a-z_]+\.[A-Za-z_]+$/),
  attemptNumber: z.number().int().nonnegative(),
  objectId: z.union([z.number(), z.string()]).transform(String),
  propertyName: z.string().optional(),
  propertyValue: z.unknown().optional(),
  changeSource: z.string().optional(),
  sourceId: z.string().optional(),
});
export const HubSpotWebhookBatchSchema = z.array(HubSpotWebhookEventSchema).max(100);
export type HubSpotWebhookEvent = z.infer<typeof HubSpotWebhookEventSchema>;

/** Parses the raw body (an array of at most 100 events). */
export const parseHubSpotWebhookBatch = (rawBody: string): HubSpotWebhookEvent[] => {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (error) {
    throw new MalformedInputError('The HubSpot webhook body is not JSON', { cause: error });
  }
  return parseOrThrow(HubSpotWebhookBatchSchema, json, 'HubSpot webhook batch');
};

const OBJECT_NAMES: Record<string, string> = { company: 'companies', contact: 'contacts', deal: 'deals', ticket: 'tickets', line_item: 'line_items', product: 'products' };
const OPERATIONS: Record<string, CrmChangeNotice['operation']> = {
  creation: 'create', propertyChange: 'update', deletion: 'delete', restore: 'restore', merge: 'merge', associationChange: 'update', privacyDeletion: 'delete',
};

/**
 * One notice per event. Integration-made changes carry `changeSource: 'INTEGRATION'` and
 * the app id as `sourceId`; both are passed on for the loop guard.
 */
export const hubSpotEventsToNotices = (events: readonly HubSpotWebhookEvent[], connectionId: string): CrmChangeNotice[] =>
  events.map((event) => {
    const [objectType = '', action = ''] = event.subscriptionType.split('.');
    const changed = event.propertyName ? [event.propertyName] : undefined;
    return {
      crm: 'hubspot' as const,
      connectionId,
      objectName: OBJECT_NAMES[objectType] ?? objectType,
      externalIds: [event.objectId],
      operation: OPERATIONS[action] ?? 'update',
      changedFields: changed,
      values: event.propertyName ? { [event.propertyName]: event.propertyValue } : undefined,
      modifiedBy: event.changeSource === 'INTEGRATION' ? (event.sourceId ?? event.appId) : event.sourceId,
      changeSource: event.changeSource,
      occurredAt: new Date(event.occurredAt).toISOString(),
      eventId: event.eventId,
    };
  });
