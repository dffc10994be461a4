import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueSpec } from '../topology.js';

/** How long a dead-letter queue keeps messages: the SQS maximum, so nothing ages out before replay. */
export const DLQ_RETENTION = Duration.days(14);

/**
 * A queue and its dead-letter queue, built from one topology `QueueSpec`: TLS-only access
 * policy, SQS-managed encryption, FIFO on both when the spec says so (explicit deduplication
 * ids, no content-based deduplication), the spec's retention and visibility timeout, redrive
 * after `maxReceiveCount` receives, and an alarm as soon as one message lands in the DLQ.
 *
 * Construct ids (`Queue`, `Dlq`, `DlqAlarm`) are part of the logical ids of stateful
 * resources: never rename them.
 */
export class QueueWithDlq extends Construct {
  readonly spec: QueueSpec;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly dlqAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, spec: QueueSpec) {
    super(scope, id);
    this.spec = spec;
    const fifo = spec.fifo ? { fifo: true, contentBasedDeduplication: false } : {};

    this.deadLetterQueue = new sqs.Queue(this, 'Dlq', {
      ...fifo,
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: DLQ_RETENTION,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      ...fifo,
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(spec.retentionDays),
      visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: spec.maxReceiveCount },
    });
    this.dlqAlarm = new cloudwatch.Alarm(this, 'DlqAlarm', {
      alarmDescription: `Dead-lettered messages on ${spec.id}: ${spec.description}`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
