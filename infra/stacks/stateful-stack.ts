import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { QueueWithDlq } from '../constructs/queue-with-dlq.js';
import { queues as queueSpecs, table as tableSpec, type QueueId, type QueueSpec, type TableSpec } from '../topology.js';

/** `crmIngest` → `CrmIngest`: the construct id of a topology resource (stable, never renamed). */
export const constructIdOf = (topologyId: string): string => topologyId.charAt(0).toUpperCase() + topologyId.slice(1);

export interface StatefulStackProps extends StackProps {
  /** Defaults to the topology's table. */
  table?: TableSpec;
  /** Defaults to the topology's queues. */
  queues?: Record<QueueId, QueueSpec>;
  /** E-mail addresses that receive every alarm (context `riskbridge:alarmEmails`); more can subscribe to the topic. */
  alarmEmails?: readonly string[];
}

/**
 * Everything that holds data: the single table and every queue with its DLQ. Deployed apart
 * from the functions so that a stateless change can never replace storage. Logical ids derive
 * from topology ids (`MainTable…`, `CrmIngestQueue…`), the table is retained on stack deletion
 * and protected against deletion.
 */
export class StatefulStack extends Stack {
  readonly table: dynamodb.Table;
  readonly queues: Record<QueueId, QueueWithDlq>;
  /** Every alarm of the stage notifies this topic (encrypted, TLS only). */
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: StatefulStackProps = {}) {
    super(scope, id, props);
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `RiskBridge alarms (${id})`,
      masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    for (const email of props.alarmEmails ?? []) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(email));
    const spec = props.table ?? tableSpec;
    const string = dynamodb.AttributeType.STRING;

    this.table = new dynamodb.Table(this, `${constructIdOf(spec.id)}Table`, {
      partitionKey: { name: spec.partitionKey, type: string },
      sortKey: { name: spec.sortKey, type: string },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      stream: dynamodb.StreamViewType[spec.stream],
      timeToLiveAttribute: spec.ttlAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of spec.gsis) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.name,
        partitionKey: { name: gsi.partitionKey, type: string },
        sortKey: { name: gsi.sortKey, type: string },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    const specs = props.queues ?? queueSpecs;
    this.queues = Object.fromEntries(
      (Object.keys(specs) as QueueId[]).map((qid) => [qid, new QueueWithDlq(this, constructIdOf(qid), specs[qid])]),
    ) as Record<QueueId, QueueWithDlq>;
    for (const q of Object.values(this.queues)) q.dlqAlarm.addAlarmAction(new cloudwatchActions.SnsAction(this.alarmTopic));
  }
}
