import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { provisionLocal, type LocalResources } from '../../infra/local/provision.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Real SDK clients pointed at the emulators of the test run, and a freshly provisioned topology. */
export const emulatorClients = () => {
  const dynamo = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials });
  const doc = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const sqs = new SQSClient({ endpoint: inject('sqsEndpoint'), region: 'us-east-1', credentials, useQueueUrlAsEndpoint: false });
  // fauxqs serves S3 on its SQS port, path-style.
  const s3 = new S3Client({ endpoint: inject('sqsEndpoint'), region: 'us-east-1', credentials, forcePathStyle: true });
  return { dynamo, doc, sqs, s3, destroy: () => { dynamo.destroy(); sqs.destroy(); s3.destroy(); } };
};

export const provisionTestResources = async (clients: ReturnType<typeof emulatorClients>): Promise<LocalResources> =>
  provisionLocal({ dynamo: clients.dynamo, sqs: clients.sqs, s3: clients.s3, prefix: `i${randomBytes(4).toString('hex')}`, visibilityScale: 1 / 60 });
