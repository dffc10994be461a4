import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Capacity DynamoDB reported for the requests of this process (`ReturnConsumedCapacity: TOTAL`),
 * by operation, for clients given `countConsumedCapacity` (the bench registers it in
 * `dynamoClientHooks`; it then asks every read and write for its consumed capacity). All functions
 * of a local hub share the process, so the counters cover ingest, relay, recompute and delivery together.
 */
export const consumedCapacity = {
  writeUnits: 0,
  readUnits: 0,
  requests: 0,
  byOperation: {} as Record<string, { requests: number; units: number }>,
};

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);
const READS = new Set(['GetItem', 'Query', 'Scan', 'TransactGetItems', 'BatchGetItem']);

/** `PutItemCommand` or the document client's `PutCommand` → `PutItem`. */
const operationOf = (commandName: string | undefined): string => {
  const name = (commandName ?? '').replace(/Command$/, '');
  const doc: Record<string, string> = { Put: 'PutItem', Get: 'GetItem', Update: 'UpdateItem', Delete: 'DeleteItem', TransactWrite: 'TransactWriteItems', TransactGet: 'TransactGetItems', BatchWrite: 'BatchWriteItem', BatchGet: 'BatchGetItem' };
  return doc[name] ?? name;
};

type Capacity = { CapacityUnits?: number } | undefined;

/** Adds the counting middleware to `client` (idempotent per client). */
export const countConsumedCapacity = (client: DynamoDBClient): void => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = operationOf((context as { commandName?: string }).commandName);
      const input = args.input as Record<string, unknown>;
      const counted = WRITES.has(operation) || READS.has(operation);
      if (counted && input['ReturnConsumedCapacity'] === undefined) input['ReturnConsumedCapacity'] = 'TOTAL';
      const result = await next(args);
      if (!counted) return result;
      const output = result.output as { ConsumedCapacity?: Capacity | Capacity[] };
      const units = [output.ConsumedCapacity ?? []].flat().reduce((sum, c) => sum + (c?.CapacityUnits ?? 0), 0);
      consumedCapacity.requests++;
      if (WRITES.has(operation)) consumedCapacity.writeUnits += units;
      else consumedCapacity.readUnits += units;
      const entry = (consumedCapacity.byOperation[operation] ??= { requests: 0, units: 0 });
      entry.requests++;
      entry.units += units;
      return result;
    },
    { step: 'initialize', name: 'rbConsumedCapacity', override: true },
  );
};
