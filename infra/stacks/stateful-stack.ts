import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
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

  constructor(scope: Construct, id: string, props: StatefulStackProps = {}) {
    super(scope, id, props);
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
  }
}
