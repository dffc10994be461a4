import { z } from 'zod';
import { MalformedInputError } from '../../../domain/errors.js';
import type { CrmChangeNotice } from '../../../domain/crm/change-notice.js';
import { parseOrThrow } from '../../../domain/validation.js';

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
