import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
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
  /** Deployment stage: `prod` locks audit checkpoints in compliance mode (default `dev`). */
  stage?: string;
}

/** How long Object Lock keeps each audit checkpoint: seven years in prod (compliance), one day elsewhere (governance). */
export const CHECKPOINT_RETENTION = { prod: Duration.days(2557), other: Duration.days(1) } as const;

/**
 * Bucket settings of the audit checkpoint store (docs/audit.md): Object Lock — compliance mode
 * for seven years on `prod` (no one, root included, can delete or overwrite a version before
 * then), governance mode for one day elsewhere so dev buckets stay deletable — versioned,
 * S3-managed encryption, TLS only, no public access.
 */
export const checkpointBucketProps = (stage: string): s3.BucketProps => ({
  objectLockEnabled: true,
  objectLockDefaultRetention:
    stage === 'prod' ? s3.ObjectLockRetention.compliance(CHECKPOINT_RETENTION.prod) : s3.ObjectLockRetention.governance(CHECKPOINT_RETENTION.other),
  versioned: true,
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  removalPolicy: stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
});

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
  /** Signs audit checkpoints (Ed25519; the private key never leaves KMS). */
  readonly auditKey: kms.Key;
  /** Holds the signed audit checkpoints, outside the table (Object Lock). */
  readonly checkpointBucket: s3.Bucket;
  /** Export name of the checkpoint bucket's ARN (a fixed name, so grants on its objects have a stable cdk-nag finding id). */
  readonly checkpointBucketArnExport: string;

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

    const stage = props.stage ?? 'dev';
    this.auditKey = new kms.Key(this, 'AuditCheckpointKey', {
      description: `RiskBridge ${stage}: signs audit checkpoints (Ed25519)`,
      keySpec: kms.KeySpec.ECC_NIST_EDWARDS25519,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      removalPolicy: stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(stage === 'prod' ? 30 : 7),
    });
    this.checkpointBucket = new s3.Bucket(this, 'AuditCheckpointBucket', checkpointBucketProps(stage));
    this.checkpointBucketArnExport = `${id}-AuditCheckpointBucketArn`;
    new CfnOutput(this, 'AuditCheckpointBucketArn', { value: this.checkpointBucket.bucketArn, exportName: this.checkpointBucketArnExport, description: 'Audit checkpoint bucket (Object Lock)' });
    if (stage === 'prod') {
      // Versions are locked anyway; this also stops delete markers and expiry rules from hiding checkpoints.
      this.checkpointBucket.addToResourcePolicy(
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutLifecycleConfiguration'],
          resources: [this.checkpointBucket.bucketArn, this.checkpointBucket.arnForObjects('*')],
        }),
      );
    }
    Validations.of(this.checkpointBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Checkpoints are written only by the checkpoint roles, never overwritten (If-None-Match, Object Lock) and verify themselves (Ed25519); ' +
        'server access logs would need a second bucket per stage. Use CloudTrail S3 data events where an access record is required.',
    });
  }
}
