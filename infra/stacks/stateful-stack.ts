import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { QueueWithDlq } from '../constructs/queue-with-dlq.js';
import { HUB_SIGNING_SECRET } from '../../shared/lambda/signing-key.js';
import { buckets as bucketSpecs, queues as queueSpecs, requestsTable as requestsTableSpec, table as tableSpec, type BucketId, type BucketSpec, type QueueId, type QueueSpec, type TableSpec } from '../topology.js';

/** `crmIngest` → `CrmIngest`: the construct id of a topology resource (stable, never renamed). */
export const constructIdOf = (topologyId: string): string => topologyId.charAt(0).toUpperCase() + topologyId.slice(1);

export interface StatefulStackProps extends StackProps {
  /** Defaults to the topology's table. */
  table?: TableSpec;
  /** Defaults to the topology's queues. */
  queues?: Record<QueueId, QueueSpec>;
  /** Defaults to the topology's buckets. */
  buckets?: Record<BucketId, BucketSpec>;
  /**
   * What happens to the buckets when the stack or the resource goes: RETAIN (default, and
   * what prod uses) or DESTROY for throw-away stages (the deletion fails while objects remain).
   */
  bucketRemovalPolicy?: RemovalPolicy;
  /** E-mail addresses that receive every alarm (context `riskbridge:alarmEmails`); more can subscribe to the topic. */
  alarmEmails?: readonly string[];
  /** Deployment stage: `prod` locks audit checkpoints in compliance mode (default `dev`). */
  stage?: string;
  /**
   * Prefix of the hosted UI's domain (`https://<prefix>.auth.<region>.amazoncognito.com`; context
   * `riskbridge:signInDomainPrefix`). Unique per region across AWS; default `riskbridge-<stage>-<account id>`.
   */
  signInDomainPrefix?: string;
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
  minimumTLSVersion: 1.2,
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
  /** Idempotency records and rate-limit buckets (topology `requestsTable`). */
  readonly requestsTable: dynamodb.Table;
  readonly queues: Record<QueueId, QueueWithDlq>;
  readonly buckets: Record<BucketId, s3.Bucket>;
  /**
   * Export names of each bucket's ARN and name. The stateless stack imports buckets by these
   * names (not by CDK's generated cross-stack exports), so the names — and the cdk-nag
   * acknowledgements that quote them — are stable.
   */
  readonly bucketExports: Record<BucketId, BucketExports>;
  /** Server access logs of every bucket (90 days). */
  readonly accessLogBucket: s3.Bucket;
  /** Every alarm of the stage notifies this topic (encrypted, TLS only). */
  readonly alarmTopic: sns.Topic;
  /** Signs audit checkpoints (Ed25519; the private key never leaves KMS). */
  readonly auditKey: kms.Key;
  /** Holds the signed audit checkpoints, outside the table (Object Lock). */
  readonly checkpointBucket: s3.Bucket;
  /** Export name of the checkpoint bucket's ARN (a fixed name, so grants on its objects have a stable cdk-nag finding id). */
  readonly checkpointBucketArnExport: string;
  /** People sign in here (MFA required); the authorizer verifies the access tokens of `userPoolClient`. */
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  /** Cognito's hosted UI for the pool (classic); the console's sign-in client lives beside the API (stateless stack). */
  readonly userPoolDomain: cognito.UserPoolDomain;

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

    // Short-lived records only (24 h at most): retained like every table, no stream, PITR for cdk-nag's sake.
    this.requestsTable = new dynamodb.Table(this, `${constructIdOf(requestsTableSpec.id)}Table`, {
      partitionKey: { name: requestsTableSpec.partitionKey, type: string },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: requestsTableSpec.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const specs = props.queues ?? queueSpecs;
    this.queues = Object.fromEntries(
      (Object.keys(specs) as QueueId[]).map((qid) => [qid, new QueueWithDlq(this, constructIdOf(qid), specs[qid])]),
    ) as Record<QueueId, QueueWithDlq>;
    for (const q of Object.values(this.queues)) q.dlqAlarm.addAlarmAction(new cloudwatchActions.SnsAction(this.alarmTopic));

    const removalPolicy = props.bucketRemovalPolicy ?? RemovalPolicy.RETAIN;
    // The hub's HMAC key for list cursors and download links (functions read it by name: HUB_SIGNING_SECRET).
    const signingKey = new secretsmanager.Secret(this, 'HubSigningKey', {
      secretName: HUB_SIGNING_SECRET,
      description: 'RiskBridge: HMAC key of list cursors and hub-signed download links (base64 alphabet, 64 characters)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy,
    });
    Validations.of(signingKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating this key invalidates every outstanding cursor (24 h) and download link (15 min); it is rotated by hand between releases, documented in docs/deploy.md.',
    });
    this.accessLogBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      ...PRIVATE_BUCKET,
      // Server access log delivery writes with SSE-S3 only.
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(ACCESS_LOG_RETENTION_DAYS) }],
      removalPolicy,
    });
    Validations.of(this.accessLogBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the server access logs of the other buckets; logging it into itself would loop and S3 does not allow it.',
    });
    const stage = props.stage ?? 'dev';
    this.auditKey = new kms.Key(this, 'AuditCheckpointKey', {
      description: `RiskBridge ${stage}: signs audit checkpoints (Ed25519)`,
      keySpec: kms.KeySpec.ECC_NIST_EDWARDS25519,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      removalPolicy: stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(stage === 'prod' ? 30 : 7),
    });
    this.checkpointBucket = new s3.Bucket(this, 'AuditCheckpointBucket', {
      ...checkpointBucketProps(stage),
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'audit-checkpoints/',
    });
    this.userPool = new cognito.UserPool(this, 'PeopleUserPool', {
      userPoolName: `riskbridge-${stage}-people`,
      // Admins create people (docs/people.md); nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      // Pool-level MFA REQUIRED, time-based one-time passwords only (no SMS).
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: { minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: stage === 'prod',
      removalPolicy: stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.userPoolClient = this.userPool.addClient('ConsoleClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // A bounded session: access tokens live one hour, the refresh token eight hours (a working day).
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The Plus feature plan (threat protection) is a paid Cognito tier; the pool already requires MFA (TOTP), has no self sign-up and a strict password policy. Enable it per stage when the budget allows.',
    });
    this.userPoolDomain = this.userPool.addDomain('PeopleSignInDomain', {
      cognitoDomain: { domainPrefix: props.signInDomainPrefix ?? Fn.join('-', ['riskbridge', stage, Aws.ACCOUNT_ID]) },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    new CfnOutput(this, 'PeopleSignInUrl', { value: this.userPoolDomain.baseUrl(), description: 'Cognito hosted UI (the console signs people in here: /oauth2/authorize, /oauth2/token)' });
    new CfnOutput(this, 'PeopleUserPoolId', { value: this.userPool.userPoolId, description: 'Cognito user pool of people (MFA required)' });
    new CfnOutput(this, 'PeopleUserPoolClientId', { value: this.userPoolClient.userPoolClientId, description: 'App client whose access tokens the authorizer accepts' });
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
    const specs3 = props.buckets ?? bucketSpecs;
    this.buckets = Object.fromEntries(
      (Object.keys(specs3) as BucketId[]).map((bid) => [bid, this.buildBucket(specs3[bid], removalPolicy)]),
    ) as Record<BucketId, s3.Bucket>;
    this.bucketExports = Object.fromEntries(
      (Object.keys(this.buckets) as BucketId[]).map((bid) => {
        const names = bucketExportNames(this.stackName, bid);
        this.exportValue(this.buckets[bid].bucketArn, { name: names.arnExport });
        this.exportValue(this.buckets[bid].bucketName, { name: names.nameExport });
        return [bid, names];
      }),
    ) as Record<BucketId, BucketExports>;
  }

  /**
   * A private bucket from a topology `BucketSpec`: public access blocked, ACLs off, SSE-S3,
   * TLS only (1.2+), server access logs, lifecycle expiry per prefix and cleanup of unfinished
   * multipart uploads. Unversioned on purpose: it holds reproducible job results that expire
   * within days (a cancelled job's partial object must really go), so old versions would only
   * keep personal data longer.
   */
  private buildBucket(spec: BucketSpec, removalPolicy: RemovalPolicy): s3.Bucket {
    return new s3.Bucket(this, `${constructIdOf(spec.id)}Bucket`, {
      ...PRIVATE_BUCKET,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: `${spec.id}/`,
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(spec.abortIncompleteUploadsAfterDays) },
        ...spec.expiry.map((rule) => ({ id: `expire-${rule.prefix.replace(/[^a-z0-9]+/g, '-').replace(/-$/, '')}`, prefix: rule.prefix, expiration: Duration.days(rule.days) })),
      ],
      removalPolicy,
    });
  }
}

export interface BucketExports {
  arnExport: string;
  nameExport: string;
}

/** `RiskBridge-dev-Stateful-ObjectsBucketArn` / `…Name`. */
export const bucketExportNames = (stackName: string, id: BucketId): BucketExports => ({
  arnExport: `${stackName}-${constructIdOf(id)}BucketArn`,
  nameExport: `${stackName}-${constructIdOf(id)}BucketName`,
});

/** How long server access logs are kept. */
export const ACCESS_LOG_RETENTION_DAYS = 90;

const PRIVATE_BUCKET = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  versioned: false,
} as const;
