import { Validations } from 'aws-cdk-lib';
import type { BucketId } from '../topology.js';
import type { BucketExports } from './stateful-stack.js';
import type { StatelessStack } from './stateless-stack.js';

/**
 * The only cdk-nag findings RiskBridge accepts, each with its reason. Acknowledgements are
 * attached to the narrowest construct that causes them; anything else fails synth.
 */
export const acknowledgeNagFindings = (stateless: StatelessStack, buckets: Record<BucketId, BucketExports>): void => {
  for (const fn of Object.values(stateless.functions)) {
    Validations.of(fn.executionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray active tracing needs xray:PutTraceSegments/PutTelemetryRecords, which support no resource-level permissions; ' +
        'the stream consumer additionally needs dynamodb:ListStreams, which is account-wide by design. All other grants name their resources.',
    });
    for (const prefix of fn.spec.secrets ?? []) {
      Validations.of(fn.executionRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${prefix}*]`,
        reason:
          `Reads the credentials under ${prefix} (one secret per connection or bureau, added at runtime by configuration); ` +
          "the trailing '*' also matches the random suffix Secrets Manager appends to every secret ARN. GetSecretValue only.",
      });
    }
    for (const bid of Object.keys(fn.spec.buckets ?? {}) as BucketId[]) {
      Validations.of(fn.executionRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${buckets[bid].arnExport}/*]`,
        reason:
          `Object-level actions on the ${bid} bucket only: its objects are created at run time under per-job keys (exports/<jobId>.csv …), ` +
          'so they cannot be named in advance. No bucket management actions; ListBucket is granted on the bucket itself.',
      });
    }
  }
};
