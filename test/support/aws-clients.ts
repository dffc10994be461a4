import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { provisionLocal, type LocalResources } from '../../infra/local/provision.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Real SDK clients pointed at the emulators of the test run, and a freshly provisioned topology. */
export const emulatorClients = () => {
  const dynamo = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials });
  const doc = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const sqs = new SQSClient({ endpoint: inject('sqsEndpoint'), region: 'us-east-1', credentials, useQueueUrlAsEndpoint: false });
  return { dynamo, doc, sqs, destroy: () => { dynamo.destroy(); sqs.destroy(); } };
};

export const provisionTestResources = async (clients: ReturnType<typeof emulatorClients>): Promise<LocalResources> =>
  provisionLocal({ dynamo: clients.dynamo, sqs: clients.sqs, prefix: `i${randomBytes(4).toString('hex')}`, visibilityScale: 1 / 60 });
