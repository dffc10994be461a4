import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { MalformedInputError, UnauthorizedError } from '../../../domain/errors.js';
import type { CrmChangeNotice } from '../../../domain/crm/change-notice.js';
import { parseOrThrow } from '../../../domain/validation.js';
import { safeEqual } from '../http.js';

/** `ChangeEventHeader` of a Salesforce Change Data Capture event (CDC Developer Guide, "Change Event Message Structure"). */
export const ChangeEventHeaderSchema = z.looseObject({
  entityName: z.string().min(1),
  recordIds: z.array(z.string().min(1)).min(1),
  changeType: z.enum(['CREATE', 'UPDATE', 'DELETE', 'UNDELETE', 'GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE', 'GAP_OVERFLOW']),
  changedFields: z.array(z.string()).default([]),
  changeOrigin: z.string().optional(),
  commitTimestamp: z.number().int().nonnegative(),
  commitUser: z.string().optional(),
  commitNumber: z.number().optional(),
  transactionKey: z.string().optional(),
  sequenceNumber: z.number().int().optional(),
});

export const ChangeEventPayloadSchema = z.looseObject({ ChangeEventHeader: ChangeEventHeaderSchema });
export type ChangeEventPayload = z.infer<typeof ChangeEventPayloadSchema>;

/** Salesforce Event Relay → Amazon EventBridge envelope (`detail.payload` holds the change event). */
const EventBridgeEnvelopeSchema = z.looseObject({
  'detail-type': z.string(),
  source: z.string().startsWith('aws.partner/salesforce.com'),
  detail: z.looseObject({ payload: z.unknown(), schemaId: z.string().optional(), id: z.string().optional() }),
  id: z.string().optional(),
});

/** The change event, whether posted directly, as `{ data: { payload } }` (CometD) or wrapped by EventBridge. */
export const unwrapChangeEvent = (input: unknown): { payload: ChangeEventPayload; eventId?: string } => {
  const bridged = EventBridgeEnvelopeSchema.safeParse(input);
  if (bridged.success) {
    return { payload: parseOrThrow(ChangeEventPayloadSchema, bridged.data.detail.payload, 'Salesforce change event'), eventId: bridged.data.detail.id ?? bridged.data.id };
  }
  const cometd = z.object({ data: z.object({ payload: z.unknown(), event: z.object({ replayId: z.number() }).optional() }) }).safeParse(input);
  if (cometd.success) {
    const replay = cometd.data.data.event?.replayId;
    return { payload: parseOrThrow(ChangeEventPayloadSchema, cometd.data.data.payload, 'Salesforce change event'), eventId: replay === undefined ? undefined : String(replay) };
  }
  return { payload: parseOrThrow(ChangeEventPayloadSchema, input, 'Salesforce change event') };
};

/** Parses a raw body into the change event. @throws MalformedInputError, ValidationError. */
export const parseSalesforceChangeEvent = (rawBody: string): { payload: ChangeEventPayload; eventId?: string } => {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (error) {
    throw new MalformedInputError('The Salesforce change event is not JSON', { cause: error });
  }
  return unwrapChangeEvent(json);
};

const OPERATIONS: Record<string, CrmChangeNotice['operation']> = { CREATE: 'create', UPDATE: 'update', DELETE: 'delete', UNDELETE: 'undelete' };

/** Salesforce "GAP" events carry no field data: the record must be fetched. */
export const isGapEvent = (payload: ChangeEventPayload): boolean => payload.ChangeEventHeader.changeType.startsWith('GAP_');

/**
 * The change as a notice. For UPDATE the changed fields' values are attached (compound
 * fields like BillingAddress are flattened by Salesforce into `changedFields` already).
 * GAP events become `operation: 'gap'` without values: the caller fetches each record.
 */
export const salesforceEventToNotice = (event: { payload: ChangeEventPayload; eventId?: string }, connectionId: string): CrmChangeNotice => {
  const { ChangeEventHeader: header, ...fields } = event.payload;
  const gap = isGapEvent(event.payload);
  const values: Record<string, unknown> = {};
  if (!gap) for (const name of header.changedFields) if (Object.hasOwn(fields, name)) values[name] = fields[name];
  return {
    crm: 'salesforce',
    connectionId,
    objectName: header.entityName,
    externalIds: header.recordIds,
    operation: gap ? 'gap' : (OPERATIONS[header.changeType] ?? 'update'),
    changedFields: gap ? undefined : header.changeType === 'UPDATE' ? header.changedFields : Object.keys(fields),
    values: gap ? undefined : header.changeType === 'UPDATE' ? values : fields,
    modifiedBy: header.commitUser,
    changeSource: header.changeOrigin,
    occurredAt: new Date(header.commitTimestamp).toISOString(),
    eventId: event.eventId ?? header.transactionKey,
  };
};

/** Headers a Salesforce Apex callout / outbound relay authenticates with: an HMAC of the raw body, or the shared secret itself. */
export const SalesforceAuthHeaders = { hmac: 'x-riskbridge-signature', token: 'x-riskbridge-token' } as const;

/**
 * Verifies an inbound Salesforce push: `x-riskbridge-signature: sha256=<hex HMAC-SHA256 of the raw body>`
 * or, failing that header, `x-riskbridge-token: <shared secret>`; both compared in constant time.
 * @throws UnauthorizedError when neither matches.
 * @example verifySalesforceInbound({ rawBody, headers: request.headers, secret })
 */
export const verifySalesforceInbound = (input: { rawBody: string; headers: Record<string, string | undefined>; secret: string }): void => {
  const hmac = input.headers[SalesforceAuthHeaders.hmac];
  const token = input.headers[SalesforceAuthHeaders.token];
  const expected = `sha256=${createHmac('sha256', input.secret).update(input.rawBody, 'utf8').digest('hex')}`;
  const ok = hmac !== undefined ? safeEqual(hmac, expected) : token !== undefined && safeEqual(token, input.secret);
  if (!ok) throw new UnauthorizedError('The request signature could not be verified');
};
