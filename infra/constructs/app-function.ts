import { fileURLToPath } from 'node:url';
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { REQUESTS_TABLE_ENV_VAR, SERVICE_NAME, TABLE_ENV_VAR, bucketEnvVar, queueEnvVar, table as tableSpec, type Access, type BucketId, type FunctionSpec, type QueueId } from '../topology.js';

/** Repository root: topology entries and the lock file are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The Node.js runtime every function runs on: the newest one the installed aws-cdk-lib knows
 * (cdk-nag's L1 rule compares against the same list).
 */
export const APP_RUNTIME: lambda.Runtime = lambda.Runtime.NODEJS_24_X;

/** Lets CommonJS dependencies call `require` inside the ESM bundle. */
const REQUIRE_BANNER = "import { createRequire as __rbCreateRequire } from 'node:module'; const require = __rbCreateRequire(import.meta.url);";

/** Builds (`FunctionSpec.assetsBuild`) and copies a function's static asset folder next to its bundle as `assets/` (see `FunctionSpec.assets`). */
const copyAssetsHook = (folder: string, build?: string) => {
  if (!/^[A-Za-z0-9_./-]+$/.test(folder) || folder.split('/').includes('..')) throw new Error(`Asset folder "${folder}" must be a plain path inside the repository`);
  if (build !== undefined && !/^[a-z][a-z0-9:-]*$/.test(build)) throw new Error(`Asset build "${build}" must be an npm script name`);
  return {
    // Runs in the repository root (local bundling); the build skips itself when its output is current.
    beforeBundling: (): string[] => (build ? [`npm run --silent ${build}`] : []),
    beforeInstall: (): string[] => [],
    afterBundling: (inputDir: string, outputDir: string): string[] => [`cp -R "${inputDir}/${folder}/." "${outputDir}/assets"`],
  };
};

/** Item-level DynamoDB actions per access level (no table management, no Scan-free guarantees). */
export const TABLE_ACTIONS: Record<Access, readonly string[]> = {
  R: [
    'dynamodb:BatchGetItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DescribeTable',
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
  ],
  RW: [
    'dynamodb:BatchGetItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:DescribeTable',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:UpdateItem',
  ],
};

/**
 * Object-level S3 actions per access level, on `<bucket>/*`, plus `s3:ListBucket` on the
 * bucket itself so that a missing key reads as 404 rather than 403. No bucket management.
 */
export const BUCKET_ACTIONS: Record<Access, readonly string[]> = {
  R: ['s3:GetObject'],
  RW: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
};

/** A queue together with the topology id that names its environment variable (a `QueueWithDlq` is one). */
export interface SendTarget {
  spec: { id: QueueId };
  queue: IQueue;
}

export interface AppFunctionProps {
  spec: FunctionSpec;
  /** Deployment stage, passed to the function as `STAGE`. */
  stage: string;
  /** Log retention of the function's log group (default one month). */
  logRetention?: logs.RetentionDays;
}

/**
 * A `NodejsFunction` with RiskBridge's fixed defaults, built from one topology `FunctionSpec`:
 * Node 24 on ARM64, X-Ray active tracing, ESM bundle (minified, source maps on), an explicit
 * log group with retention and its own role whose only built-in permission is writing to that
 * log group (no AWS managed policy). Resources are granted with `bindTable`/`bindQueueSend`,
 * which add the permission and the environment variable in one call, so a function can never
 * see a resource it may not use or be allowed one it cannot find.
 *
 * The role and the log group are siblings of the function named `<id>Role` and `<id>Logs`.
 */
export class AppFunction extends NodejsFunction {
  readonly spec: FunctionSpec;
  readonly appLogGroup: logs.LogGroup;
  readonly executionRole: iam.Role;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const { spec } = props;
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${spec.id}`,
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        // The log group's Arn attribute already ends in `:*`, which covers its streams.
        resources: [logGroup.logGroupArn],
      }),
    );
    super(scope, id, {
      entry: `${REPO_ROOT}${spec.entry}`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      description: spec.description,
      runtime: APP_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      logGroup,
      role,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        STAGE: props.stage,
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        ...(spec.assets ? { commandHooks: copyAssetsHook(spec.assets, spec.assetsBuild) } : {}),
      },
    });
    this.spec = spec;
    this.appLogGroup = logGroup;
    this.executionRole = role;
  }

  /**
   * Grants item-level access to `table` and its indexes (named indexes, no `index/*` wildcard)
   * and sets `TABLE_NAME`. `R` reads; `RW` reads and writes.
   */
  bindTable(table: ITable, access: Access, indexNames: readonly string[] = tableSpec.gsis.map((g) => g.name)): void {
    iam.Grant.addToPrincipal({
      grantee: this,
      actions: [...TABLE_ACTIONS[access]],
      resourceArns: [table.tableArn, ...indexNames.map((name) => `${table.tableArn}/index/${name}`)],
    });
    this.addEnvironment(TABLE_ENV_VAR, table.tableName);
  }

  /**
   * Grants the item reads and writes of the router's request guards (idempotency records,
   * rate-limit buckets) on the requests table, nothing else, and sets `REQUESTS_TABLE_NAME`.
   */
  bindRequestsTable(table: ITable): void {
    iam.Grant.addToPrincipal({
      grantee: this,
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable'],
      resourceArns: [table.tableArn],
    });
    this.addEnvironment(REQUESTS_TABLE_ENV_VAR, table.tableName);
  }

  /**
   * Grants `secretsmanager:GetSecretValue` on the secrets whose names start with one of
   * `prefixes` (`arn:…:secret:<prefix>*`: the `*` also covers the random suffix Secrets Manager
   * appends), and nothing else. Returns the granted ARNs.
   */
  bindSecretsRead(prefixes: readonly string[]): string[] {
    if (prefixes.length === 0) return [];
    for (const prefix of prefixes) {
      if (!/^[A-Za-z0-9/_+=.@-]+\/$/.test(prefix)) throw new Error(`Secret prefix "${prefix}" must be a name path ending in '/' (no wildcards)`);
    }
    const arns = prefixes.map((prefix) =>
      Stack.of(this).formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${prefix}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
    );
    iam.Grant.addToPrincipal({ grantee: this, actions: ['secretsmanager:GetSecretValue'], resourceArns: arns });
    return arns;
  }

  /**
   * Grants object access to `bucket` (see BUCKET_ACTIONS; `R` reads, `RW` also writes and
   * deletes) and sets `BUCKET_<ID>` (see `bucketEnvVar`) to its name.
   */
  bindBucket(id: BucketId, bucket: IBucket, access: Access): void {
    iam.Grant.addToPrincipal({ grantee: this, actions: [...BUCKET_ACTIONS[access]], resourceArns: [bucket.arnForObjects('*')] });
    iam.Grant.addToPrincipal({ grantee: this, actions: ['s3:ListBucket'], resourceArns: [bucket.bucketArn] });
    this.addEnvironment(bucketEnvVar(id), bucket.bucketName);
  }

  /** Grants `sqs:SendMessage` on the queue and sets `QUEUE_URL_<ID>` (see `queueEnvVar`). */
  bindQueueSend(target: SendTarget): void {
    target.queue.grantSendMessages(this);
    this.addEnvironment(queueEnvVar(target.spec.id), target.queue.queueUrl);
  }
}
