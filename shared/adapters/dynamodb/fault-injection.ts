import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';

/**
 * Local fault injection for the resilience suite: the local runtime (infra/local/hub.ts) registers
 * it in `dynamoClientHooks` when RB_LOCAL_DYNAMO_FAULTS is set (JSON, e.g. `{"throttle":0.05,"conflict":0.1}`);
 * a share of requests then fails before it is sent, as DynamoDB would answer once the SDK's own
 * retries are spent: `throttle` → ProvisionedThroughputExceededException on any request,
 * `conflict` → TransactionCanceledException (TransactionConflict) on TransactWriteItems. Nothing
 * is written by a failed request. Never active in AWS: no CDK stage registers it.
 */
export const LocalFaultsSchema = z.strictObject({
  throttle: z.number().min(0).max(1).default(0),
  conflict: z.number().min(0).max(1).default(0),
});
export type LocalFaults = z.infer<typeof LocalFaultsSchema>;

/** Faults injected so far in this process, by kind. */
export const injectedFaults = { throttle: 0, conflict: 0 };

const fault = (name: string, message: string, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 }, ...extra });

/** Adds the fault-injecting middleware to `client`. */
export const injectLocalFaults = (client: DynamoDBClient, faults: LocalFaults, random: () => number = Math.random): void => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String((context as { commandName?: string }).commandName ?? '');
      if (random() < faults.throttle) {
        injectedFaults.throttle++;
        throw fault('ProvisionedThroughputExceededException', 'Injected: the level of configured provisioned throughput for the table was exceeded');
      }
      if (/^TransactWrite/.test(command) && random() < faults.conflict) {
        injectedFaults.conflict++;
        throw fault('TransactionCanceledException', 'Injected: transaction cancelled [TransactionConflict]', { CancellationReasons: [{ Code: 'TransactionConflict' }] });
      }
      return next(args);
    },
    { step: 'initialize', name: 'rbLocalFaults', override: true },
  );
};
