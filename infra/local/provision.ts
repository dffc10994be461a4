import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buckets, queues, requestsTable, table, type BucketId, type QueueId } from '../topology.js';

/** Physical names and URLs of the topology's resources in one local environment. */
export interface LocalResources {
  tableName: string;
  /** Idempotency records and rate-limit buckets (topology `requestsTable`); absent in hub files written before it existed. */
  requestsTableName?: string;
  streamArn: string;
  queueUrls: Record<QueueId, string>;
  dlqUrls: Record<QueueId, string>;
  bucketNames: Record<BucketId, string>;
}

export interface ProvisionOptions {
  dynamo: DynamoDBClient;
  sqs: SQSClient;
  /**
   * Client of the S3 emulator (fauxqs serves S3 on its SQS port; path-style). Without it the
   * buckets are named but not created (for tests that touch no objects).
   */
  s3?: S3Client;
  /** Prefix of every physical name, so several hubs (tests) can share the emulators. */
  prefix: string;
  /**
   * Local queues use the topology's visibility timeouts scaled by this factor, so a failed
   * message comes back in seconds instead of minutes. 1 plays AWS timing exactly.
   */
  visibilityScale: number;
}

const queueName = (prefix: string, id: QueueId, dlq: boolean): string => {
  const spec = queues[id];
  return `${prefix}-${id}${dlq ? '-dlq' : ''}${spec.fifo ? '.fifo' : ''}`;
};

/** Local bucket name: `<prefix>-<id>` in lower case (S3 bucket naming). */
export const localBucketName = (prefix: string, id: BucketId): string => `${prefix}-${id}`.toLowerCase();

/**
 * Creates the table (keys, GSIs, stream, TTL), the requests table (key, TTL), every queue with its DLQ and redrive policy, and
 * every bucket (CreateBucket is idempotent on fauxqs; lifecycle rules are not played locally).
 */
export const provisionLocal = async ({ dynamo, sqs, s3, prefix, visibilityScale }: ProvisionOptions): Promise<LocalResources> => {
  const tableName = `${prefix}-${table.id}`;
  const attributeNames = new Set([table.partitionKey, table.sortKey, ...table.gsis.flatMap((g) => [g.partitionKey, g.sortKey])]);
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributeNames].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: table.gsis.map((g) => ({
          IndexName: g.name,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream },
      }),
    );
    await dynamo.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true } }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const requestsTableName = `${prefix}-${requestsTable.id}`;
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: requestsTableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: requestsTable.partitionKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: requestsTable.partitionKey, KeyType: 'HASH' }],
      }),
    );
    await dynamo.send(new UpdateTimeToLiveCommand({ TableName: requestsTableName, TimeToLiveSpecification: { AttributeName: requestsTable.ttlAttribute, Enabled: true } }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const described = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = described.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${tableName} has no stream`);

  const queueUrls = {} as Record<QueueId, string>;
  const dlqUrls = {} as Record<QueueId, string>;
  for (const spec of Object.values(queues)) {
    const fifoAttributes: Record<string, string> = spec.fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' } : {};
    const retention = String(spec.retentionDays * 86_400);
    const dlq = await sqs.send(
      new CreateQueueCommand({ QueueName: queueName(prefix, spec.id, true), Attributes: { ...fifoAttributes, MessageRetentionPeriod: String(14 * 86_400) } }),
    );
    const dlqUrl = dlq.QueueUrl ?? '';
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))).Attributes?.['QueueArn'] ?? '';
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: queueName(prefix, spec.id, false),
        Attributes: {
          ...fifoAttributes,
          MessageRetentionPeriod: retention,
          VisibilityTimeout: String(Math.max(1, Math.round(spec.visibilityTimeoutSeconds * visibilityScale))),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: spec.maxReceiveCount }),
        },
      }),
    );
    queueUrls[spec.id] = queue.QueueUrl ?? '';
    dlqUrls[spec.id] = dlqUrl;
  }
  const bucketNames = {} as Record<BucketId, string>;
  for (const spec of Object.values(buckets)) {
    bucketNames[spec.id] = localBucketName(prefix, spec.id);
    if (s3) await s3.send(new CreateBucketCommand({ Bucket: bucketNames[spec.id] }));
  }
  return { tableName, requestsTableName, streamArn, queueUrls, dlqUrls, bucketNames };
};
