import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { envelopeFromStreamRecord, eventIdOfStreamRecord, orderKeyOfStreamRecord, unmarshallImage } from '../../../shared/adapters/dynamodb/stream-records.js';
import { PermanentError } from '../../../shared/domain/errors.js';

const EVENT_ID = 'evt_01JD0000000000000000000001';

/** An outbox INSERT whose envelope carries `fieldsValue` as the profile's `fields` and `listValue` as `changedFields`. */
const insert = (fieldsValue: unknown, listValue: unknown = { L: [{ S: 'created' }] }): DynamoDBRecord => ({
  eventID: '1',
  eventName: 'INSERT',
  eventSource: 'aws:dynamodb',
  dynamodb: {
    Keys: { pk: { S: `EVENT#${EVENT_ID}` }, sk: { S: 'EVENT' } },
    SequenceNumber: '000000000000000000001',
    StreamViewType: 'NEW_AND_OLD_IMAGES',
    NewImage: {
      pk: { S: `EVENT#${EVENT_ID}` },
      sk: { S: 'EVENT' },
      envelope: {
        M: {
          id: { S: EVENT_ID },
          type: { S: 'customer.updated' },
          version: { N: '1' },
          occurredAt: { S: '2026-12-01T10:00:00.000Z' },
          customerId: { S: 'cust-1' },
          sequence: { N: '1' },
          data: { M: { profile: { M: { customerId: { S: 'cust-1' }, fields: fieldsValue } }, changedFields: listValue } },
        },
      },
    } as never,
  },
});

describe('envelopeFromStreamRecord', () => {
  it('reads an empty map in AWS shape ({"M":{}})', () => {
    expect(envelopeFromStreamRecord(insert({ M: {} }))?.data).toEqual({ profile: { customerId: 'cust-1', fields: {} }, changedFields: ['created'] });
  });

  it('reads an empty map in DynamoDB Local shape ({} with no type)', () => {
    expect(envelopeFromStreamRecord(insert({}))?.data).toEqual({ profile: { customerId: 'cust-1', fields: {} }, changedFields: ['created'] });
  });

  it('reads empty maps nested in maps and lists in DynamoDB Local shape', () => {
    const fields = { M: { address: {}, tags: { L: [{}, { M: { inner: {} } }] } } };
    expect(envelopeFromStreamRecord(insert(fields))?.data['profile']).toEqual({ customerId: 'cust-1', fields: { address: {}, tags: [{}, { inner: {} }] } });
  });

  it('reads empty lists in AWS shape ({"L":[]}) and as a bare []', () => {
    expect(envelopeFromStreamRecord(insert({ M: {} }, { L: [] }))?.data['changedFields']).toEqual([]);
    expect(envelopeFromStreamRecord(insert({ M: {} }, []))?.data['changedFields']).toEqual([]);
  });
});

/** Rewrites an image the way DynamoDB Local's stream writes it: every empty map as a bare `{}`. */
const asDynamoDbLocal = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(asDynamoDbLocal);
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]?.[0] === 'M' && Object.keys(entries[0][1] as object).length === 0) return {};
  return Object.fromEntries(entries.map(([k, v]) => [k, asDynamoDbLocal(v)]));
};

describe('unmarshallImage', () => {
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), tie('value'), { maxKeys: 3 }),
    ),
  })).value;

  it('reads back any item in both AWS and DynamoDB Local shapes', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), json, { maxKeys: 4 }), (item) => {
        const aws = marshall(item);
        expect(unmarshallImage(aws)).toEqual(item);
        expect(unmarshallImage(asDynamoDbLocal(aws))).toEqual(item);
      }),
    );
  });

  it('refuses a value with no single known type, naming its path but not its content', () => {
    const read = () => unmarshallImage({ pk: { S: 'EVENT#x' }, envelope: { M: { data: { M: { secret: { X: 'Jane Doe' } } } } } });
    expect(read).toThrow(PermanentError);
    expect(read).toThrow(/envelope\.data\.secret/);
    expect(read).not.toThrow(/Jane/);
  });
});

describe('envelopeFromStreamRecord on records that are not relayable events', () => {
  it('ignores MODIFY records (the relay’s own sent-markers) and other items', () => {
    const record = insert({ M: {} });
    expect(envelopeFromStreamRecord({ ...record, eventName: 'MODIFY' })).toBeUndefined();
    expect(envelopeFromStreamRecord({ ...record, eventName: 'REMOVE' })).toBeUndefined();
    expect(eventIdOfStreamRecord(record)).toBe(EVENT_ID);
  });

  it('orders records by the customer of their event, `global` without one', () => {
    expect(orderKeyOfStreamRecord(insert({ M: {} }))).toBe('cust-1');
    expect(orderKeyOfStreamRecord({ eventName: 'INSERT', dynamodb: { Keys: { pk: { S: 'EVENT#x' } }, NewImage: { pk: { S: 'EVENT#x' } } } })).toBe('global');
  });

  it('throws a permanent unreadable_event error for an envelope that breaks its schema', () => {
    const record = insert({ M: {} });
    const image = record.dynamodb!.NewImage as Record<string, { M?: Record<string, unknown> }>;
    const broken: DynamoDBRecord = { ...record, dynamodb: { ...record.dynamodb, NewImage: { ...image, envelope: { M: { ...image['envelope']!.M, type: { N: '7' } } } } as never } };
    expect(() => envelopeFromStreamRecord(broken)).toThrow(expect.objectContaining({ code: 'unreadable_event', retryable: false, message: expect.stringContaining('envelope.type') }));
  });
});
