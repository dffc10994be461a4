import type { EventEnvelope } from '../events/envelope.js';

/** An SQS message attribute in the shape `SendMessage` takes (plain data, no SDK import). */
export interface SqsMessageAttribute {
  DataType: 'String' | 'Number';
  StringValue: string;
}

/**
 * Message attributes for a result-queue message whose body is the event envelope, so consumers
 * and subscription filters can route on type and version without parsing the body.
 * `customerId` is an opaque id, not personal data.
 * @example sqsAttributesFor(evt) // { eventType: { DataType: 'String', StringValue: 'rating.changed' }, eventVersion: {...}, customerId: {...} }
 */
export const sqsAttributesFor = (
  envelope: Pick<EventEnvelope, 'type' | 'version' | 'customerId'>,
): { eventType: SqsMessageAttribute; eventVersion: SqsMessageAttribute; customerId?: SqsMessageAttribute } => ({
  eventType: { DataType: 'String', StringValue: envelope.type },
  eventVersion: { DataType: 'Number', StringValue: String(envelope.version) },
  ...(envelope.customerId === undefined ? {} : { customerId: { DataType: 'String', StringValue: envelope.customerId } }),
});
