import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { z } from 'zod';
import { PermanentError } from '../../domain/errors.js';
import type { EventEnvelope } from '../../domain/events/envelope.js';
import { toFieldIssues } from '../../domain/validation.js';
import { EVENT_PK_PREFIX, envelopeFromItem } from './event-items.js';

const TYPE_KEYS: ReadonlySet<string> = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL']);

/**
 * One attribute value in the shape `unmarshall` accepts. DynamoDB Local's stream writes an
 * empty map as a bare `{}` (no `M`) at any depth, where AWS writes `{"M":{}}`; a bare `[]` is
 * read as an empty list. Anything else without exactly one known type is refused with its path
 * (never its value: images carry personal data).
 */
const normaliseValue = (value: unknown, path: string): AttributeValue => {
  if (Array.isArray(value)) return { L: value.map((v, i) => normaliseValue(v, `${path}[${i}]`)) };
  if (typeof value !== 'object' || value === null) throw new PermanentError('unreadable_event', `Attribute ${path} is not a DynamoDB attribute value`);
  const keys = Object.keys(value);
  if (keys.length === 0) return { M: {} };
  const [key] = keys;
  if (keys.length !== 1 || key === undefined || !TYPE_KEYS.has(key)) {
    throw new PermanentError('unreadable_event', `Attribute ${path} has no single DynamoDB type (${keys.filter((k) => TYPE_KEYS.has(k)).join(',') || 'none'})`);
  }
  const record = value as Record<string, unknown>;
  if (key === 'M') return { M: normaliseImage(record['M'], path) };
  if (key === 'L') {
    const list = record['L'];
    if (!Array.isArray(list)) throw new PermanentError('unreadable_event', `Attribute ${path} is a list without items`);
    return { L: list.map((v, i) => normaliseValue(v, `${path}[${i}]`)) };
  }
  return value as AttributeValue;
};

const normaliseImage = (image: unknown, path: string): Record<string, AttributeValue> => {
  if (typeof image !== 'object' || image === null || Array.isArray(image)) throw new PermanentError('unreadable_event', `Attribute ${path || 'image'} is not a map`);
  return Object.fromEntries(Object.entries(image).map(([name, v]) => [name, normaliseValue(v, path ? `${path}.${name}` : name)]));
};

/**
 * A stream image (`NewImage`/`OldImage`) as a plain item, tolerant of both AWS's and DynamoDB
 * Local's wire shapes for empty maps and lists.
 * @example unmarshallImage({ pk: { S: 'EVENT#evt_1' }, fields: {} }) // { pk: 'EVENT#evt_1', fields: {} }
 */
export const unmarshallImage = (image: unknown): Record<string, unknown> => {
  const normalised = normaliseImage(image, '');
  try {
    return unmarshall(normalised);
  } catch (error) {
    throw new PermanentError('unreadable_event', 'Stream image could not be unmarshalled', { cause: error });
  }
};

/** The event id an outbox stream record is about (from its keys), or undefined for other records. */
export const eventIdOfStreamRecord = (record: DynamoDBRecord): string | undefined => {
  const pk = record.dynamodb?.Keys?.['pk']?.S;
  return pk?.startsWith(EVENT_PK_PREFIX) ? pk.slice(EVENT_PK_PREFIX.length) : undefined;
};

/**
 * What orders a stream record among the others: the customer its event is about (`global`
 * without one), read from the raw image without unmarshalling it. Events of one customer must
 * be relayed in stream order (FIFO groups, per-customer sequence); other customers' may overlap.
 */
export const orderKeyOfStreamRecord = (record: DynamoDBRecord): string => {
  const envelope = record.dynamodb?.NewImage?.['envelope']?.M;
  return envelope?.['customerId']?.S ?? 'global';
};

/**
 * The event an outbox INSERT carries, or undefined for any other stream record. An image that
 * cannot be read or an envelope that breaks its schema can never be relayed: PermanentError
 * `unreadable_event` naming the failing paths.
 */
export const envelopeFromStreamRecord = (record: DynamoDBRecord): EventEnvelope | undefined => {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return undefined;
  const item = unmarshallImage(record.dynamodb.NewImage);
  try {
    return envelopeFromItem(item);
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    const paths = toFieldIssues(error).map((i) => `envelope.${i.path}: ${i.message}`).join('; ');
    throw new PermanentError('unreadable_event', `Event item breaks the envelope schema (${paths})`, { cause: error });
  }
};
