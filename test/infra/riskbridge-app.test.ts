import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnResource } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, stackNames, type RiskBridgeApp } from '../../infra/stacks/build-app.js';
import { constructIdOf } from '../../infra/stacks/stateful-stack.js';
import { visibilityViolations } from '../../infra/stacks/stateless-stack.js';
import {
  REQUESTS_TABLE_ENV_VAR,
  TABLE_ENV_VAR,
  bucketEnvVar,
  functions,
  guardsRequests,
  queueEnvVar,
  queues,
  requestsTable,
  routes,
  table as tableSpec,
  type BucketId,
  type FunctionId,
  type FunctionSpec,
  type QueueId,
} from '../../infra/topology.js';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;

let built: RiskBridgeApp;
let stateful: Template;
let stateless: Template;

const logicalId = (stack: Stack, resource: { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId(resource.node.defaultChild as CfnResource);
const resourcesOf = (template: Template, type: string): Resources => template.findResources(type) as Resources;
const functionSpecs = Object.values(functions) as FunctionSpec[];
const queueIds = Object.keys(queues) as QueueId[];

beforeAll(() => {
  built = buildApp({ context: NO_BUNDLING });
  stateful = Template.fromStack(built.stateful);
  stateless = Template.fromStack(built.stateless);
});

describe('buildApp', () => {
  it('names both stacks after the stage and defaults to dev', () => {
    // Assess
    expect(built.stage).toBe('dev');
    expect(built.stateful.stackName).toBe('RiskBridge-dev-Stateful');
    expect(built.stateless.stackName).toBe('RiskBridge-dev-Stateless');
  });

  it('takes the stage from the riskbridge:stage context and rejects malformed stages', () => {
    // Act
    const prod = buildApp({ context: { ...NO_BUNDLING, 'riskbridge:stage': 'prod' }, nag: false });
    // Assess
    expect(prod.stateful.stackName).toBe(stackNames('prod').stateful);
    expect(prod.stateful.terminationProtection).toBe(true);
    expect(() => buildApp({ stage: 'Prod Stage', context: NO_BUNDLING, nag: false })).toThrow(/Invalid stage/);
  });

  it('builds env-agnostic stacks (no account or region lookups)', () => {
    // Assess
    expect(built.stateful.environment).toBe('aws://unknown-account/unknown-region');
    expect(built.stateless.environment).toBe('aws://unknown-account/unknown-region');
  });
});

describe('audit checkpoints', () => {
  const statementsOf = (spec: FunctionSpec) => {
    const roleId = logicalId(built.stateless, built.stateless.functions[spec.id].executionRole);
    return Object.values(resourcesOf(stateless, 'AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties['Roles']).includes(`"${roleId}"`))
      .flatMap((p) => (p.Properties['PolicyDocument'] as { Statement: Array<{ Action: string | string[]; Resource: unknown }> }).Statement);
  };
  const actionsOf = (spec: FunctionSpec) => statementsOf(spec).flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));

  it('signs with an Ed25519 KMS key and keeps checkpoints in a versioned, encrypted, private, TLS-only bucket with Object Lock (governance, 1 day, off prod)', () => {
    // Assess
    stateful.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'SIGN_VERIFY' });
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } } },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('locks prod checkpoints in compliance mode for seven years, retained, and denies deleting them', () => {
    // Act
    const prod = Template.fromStack(buildApp({ context: { ...NO_BUNDLING, 'riskbridge:stage': 'prod' }, nag: false }).stateful);
    // Assess
    prod.hasResourceProperties('AWS::S3::Bucket', { ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2557 } } } });
    prod.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    prod.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Principal: { AWS: '*' }, Action: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutLifecycleConfiguration'] })]) },
    });
  });

  it('runs checkpoint-audit every 5 minutes; only signers may kms:Sign and put, nobody may delete', () => {
    // Assess
    expect(functions.checkpointAudit.triggers).toEqual([expect.objectContaining({ kind: 'schedule', expression: 'rate(5 minutes)' })]);
    stateless.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
    const signers = functionSpecs.filter((s) => s.auditCheckpoints === 'sign').map((s) => s.id).sort();
    expect(signers).toEqual(['checkpointAudit', 'httpPartners', 'httpPeople', 'httpPolicies']);
    for (const spec of functionSpecs) {
      const actions = actionsOf(spec);
      expect(actions.includes('kms:Sign'), spec.id).toBe(spec.auditCheckpoints === 'sign');
      // Job buckets have their own grants (test/infra/buckets.test.ts); here only the checkpoint bucket counts.
      const onCheckpoints = statementsOf(spec)
        .filter((st) => JSON.stringify(st.Resource).includes('AuditCheckpointBucket'))
        .flatMap((st) => [st.Action].flat());
      expect(onCheckpoints.includes('s3:PutObject'), spec.id).toBe(spec.auditCheckpoints === 'sign');
      expect(actions.includes('kms:GetPublicKey'), spec.id).toBe(spec.auditCheckpoints !== undefined);
      expect(onCheckpoints.some((a) => a.startsWith('s3:Delete')), spec.id).toBe(false);
    }
  });
});

describe('StatefulStack', () => {
  it('creates the single table with PITR, SSE, NEW_AND_OLD_IMAGES stream, TTL and both GSIs', () => {
    // Assess
    // The main table, and the requests table (test/infra/request-guards.test.ts).
    stateful.resourceCountIs('AWS::DynamoDB::Table', 2);
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableSpec.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableSpec.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: tableSpec.ttlAttribute, Enabled: true },
      DeletionProtectionEnabled: true,
      GlobalSecondaryIndexes: tableSpec.gsis.map((gsi) => ({
        IndexName: gsi.name,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it('retains the table when the stack or the resource is removed', () => {
    // Assess
    stateful.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('keeps logical ids of stateful resources derived from topology ids', () => {
    // Prepare
    const ids = [
      ...Object.keys(resourcesOf(stateful, 'AWS::DynamoDB::Table')),
      ...Object.keys(resourcesOf(stateful, 'AWS::SQS::Queue')),
    ].sort();
    const expectedPrefixes = [
      `${constructIdOf(tableSpec.id)}Table`,
      `${constructIdOf(requestsTable.id)}Table`,
      ...queueIds.flatMap((q) => [`${constructIdOf(q)}Queue`, `${constructIdOf(q)}Dlq`]),
    ];
    // Assess
    expect(ids).toHaveLength(expectedPrefixes.length);
    for (const prefix of expectedPrefixes) {
      expect(ids.filter((id) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(id)), prefix).toHaveLength(1);
    }
  });

  it.each(queueIds)('gives queue %s a DLQ redrive, FIFO flags, retention and visibility from the topology', (qid) => {
    // Prepare
    const spec = queues[qid];
    const pair = built.stateful.queues[qid];
    const all = resourcesOf(stateful, 'AWS::SQS::Queue');
    const queue = all[logicalId(built.stateful, pair.queue)];
    const dlq = all[logicalId(built.stateful, pair.deadLetterQueue)];
    // Assess
    expect(queue?.Properties).toMatchObject({
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(built.stateful, pair.deadLetterQueue), 'Arn'] }, maxReceiveCount: spec.maxReceiveCount },
      VisibilityTimeout: spec.visibilityTimeoutSeconds,
      MessageRetentionPeriod: spec.retentionDays * 86_400,
      SqsManagedSseEnabled: true,
    });
    expect(queue?.Properties['FifoQueue']).toBe(spec.fifo ? true : undefined);
    expect(dlq?.Properties['FifoQueue']).toBe(spec.fifo ? true : undefined);
    if (spec.fifo) expect(queue?.Properties['ContentBasedDeduplication']).toBe(false);
  });

  it('denies every request to every queue and DLQ that does not use TLS', () => {
    // Prepare
    const queueIdsInTemplate = Object.keys(resourcesOf(stateful, 'AWS::SQS::Queue'));
    const policies = Object.values(resourcesOf(stateful, 'AWS::SQS::QueuePolicy'));
    // Act
    const enforced = queueIdsInTemplate.filter((id) =>
      policies.some((p) => {
        const doc = JSON.stringify(p.Properties);
        return doc.includes(`{"Ref":"${id}"}`) && doc.includes('"aws:SecureTransport":"false"') && doc.includes('"Effect":"Deny"');
      }),
    );
    // Assess
    expect(queueIdsInTemplate).toHaveLength(queueIds.length * 2);
    expect(enforced.sort()).toEqual(queueIdsInTemplate.sort());
  });

  it('raises an alarm as soon as any DLQ holds a message', () => {
    // Prepare
    const alarms = Object.values(resourcesOf(stateful, 'AWS::CloudWatch::Alarm'));
    // Assess
    for (const qid of queueIds) {
      const dlqId = logicalId(built.stateful, built.stateful.queues[qid].deadLetterQueue);
      const alarm = alarms.find((a) => JSON.stringify(a.Properties['Dimensions']).includes(`"${dlqId}"`));
      expect(alarm?.Properties, qid).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
      });
    }
  });
});

describe('visibilityViolations', () => {
  it('finds none in the topology: every consumed queue stays invisible ≥ 6 × its consumer timeout', () => {
    // Assess
    expect(visibilityViolations(functions, queues)).toEqual([]);
    for (const fn of functionSpecs) {
      for (const t of fn.triggers) {
        if (t.kind === 'sqs') expect(queues[t.queue].visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * fn.timeoutSeconds);
      }
    }
  });

  it('reports a consumer whose timeout is too long for its queue', () => {
    // Prepare
    const slow = { ...functions, deliverWebhook: { ...functions.deliverWebhook, timeoutSeconds: 21 } };
    // Act
    const violations = visibilityViolations(slow, queues);
    // Assess
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/^deliveries: visibility 120s < 6 × deliverWebhook timeout 21s$/);
  });

  it('holds in the synthesized templates too', () => {
    // Prepare
    const lambdas = resourcesOf(stateless, 'AWS::Lambda::Function');
    const sqsQueues = resourcesOf(stateful, 'AWS::SQS::Queue');
    // Assess
    for (const fn of functionSpecs) {
      for (const t of fn.triggers) {
        if (t.kind !== 'sqs') continue;
        const timeout = lambdas[logicalId(built.stateless, built.stateless.functions[fn.id])]?.Properties['Timeout'] as number;
        const visibility = sqsQueues[logicalId(built.stateful, built.stateful.queues[t.queue].queue)]?.Properties['VisibilityTimeout'] as number;
        expect(visibility).toBeGreaterThanOrEqual(6 * timeout);
      }
    }
  });
});

describe('StatelessStack', () => {
  it('runs every topology function on ARM64, Node 24, active tracing and its own log group', () => {
    // Prepare
    const lambdas = resourcesOf(stateless, 'AWS::Lambda::Function');
    // Assess
    expect(Object.keys(lambdas)).toHaveLength(functionSpecs.length);
    for (const fn of Object.values(lambdas)) {
      expect(fn.Properties).toMatchObject({
        Architectures: ['arm64'],
        Runtime: 'nodejs24.x',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/Logs/) } },
        Handler: 'index.handler',
      });
    }
    stateless.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, functionSpecs.length + 1);
  });

  it.each(functionSpecs.map((s) => [s.id, s] as const))('gives %s memory, timeout and exactly the env vars its spec allows', (fid, spec) => {
    // Prepare
    const fn = resourcesOf(stateless, 'AWS::Lambda::Function')[logicalId(built.stateless, built.stateless.functions[fid as FunctionId])];
    const variables = (fn?.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
    // Assess
    expect(fn?.Properties).toMatchObject({ MemorySize: spec.memoryMb, Timeout: spec.timeoutSeconds });
    expect(Object.keys(variables).sort()).toEqual(
      [
        'NODE_OPTIONS',
        'POWERTOOLS_SERVICE_NAME',
        'STAGE',
        ...(spec.table === 'none' ? [] : [TABLE_ENV_VAR]),
        ...(guardsRequests(fid as FunctionId) ? [REQUESTS_TABLE_ENV_VAR] : []),
        ...spec.sendsTo.map(queueEnvVar),
        ...(Object.keys(spec.buckets ?? {}) as BucketId[]).map(bucketEnvVar),
        // Deployment settings are set only when configured; PUBLIC_API_URL always is (the API's own URL).
        ...(spec.config ?? []).filter((name) => name === 'PUBLIC_API_URL'),
        ...(spec.auditCheckpoints ? ['AUDIT_CHECKPOINT_BUCKET', 'AUDIT_SIGNING_KEY_ID'] : []),
        // The authorizer verifies people's Cognito access tokens.
        ...(spec.triggers.some((tr) => tr.kind === 'authorizer') ? ['COGNITO_CLIENT_ID', 'COGNITO_USER_POOL_ID'] : []),
        // The console offers sign-in as a person through Cognito's hosted UI.
        ...(fid === 'serveConsole' ? ['CONSOLE_SIGN_IN_AUTHORIZE_URL', 'CONSOLE_SIGN_IN_CLIENT_ID', 'CONSOLE_SIGN_IN_TOKEN_URL'] : []),
      ].sort(),
    );
    expect(variables['NODE_OPTIONS']).toBe('--enable-source-maps');
  });

  it('grants table writes only to functions whose spec says RW, on the table and its named indexes', () => {
    // Prepare
    const policies = resourcesOf(stateless, 'AWS::IAM::Policy');
    // Assess
    for (const spec of functionSpecs) {
      const roleId = logicalId(built.stateless, built.stateless.functions[spec.id].executionRole);
      const policy = Object.values(policies).find((p) => JSON.stringify(p.Properties['Roles']).includes(`"${roleId}"`));
      const doc = JSON.stringify(policy?.Properties['PolicyDocument']);
      expect(doc.includes('dynamodb:PutItem'), spec.id).toBe(spec.table === 'RW');
      expect(doc.includes('dynamodb:GetItem'), spec.id).toBe(spec.table !== 'none');
      expect(doc).not.toContain('/index/*');
    }
  });

  it('lets exactly the functions that resolve credentials read secrets, only under their riskbridge/ prefixes', () => {
    // Prepare
    const policies = resourcesOf(stateless, 'AWS::IAM::Policy');
    const readers = functionSpecs.filter((spec) => (spec.secrets ?? []).length > 0).map((spec) => spec.id).sort();
    // Assess
    // The HTTP functions read the hub's own key (cursors, download links, audit pseudonyms) under riskbridge/hub/.
    expect(readers).toEqual(['httpAlerts', 'httpApi', 'httpBureau', 'httpCrm', 'httpJobs', 'httpPartners', 'httpPeople', 'httpPolicies', 'ingestCrmRecord', 'pollFxiaoke', 'pullBureauReport', 'rearmZohoChannels', 'sweepAlerts', 'writeBackCrm']);
    for (const spec of functionSpecs) {
      const roleId = logicalId(built.stateless, built.stateless.functions[spec.id].executionRole);
      const statements = Object.values(policies)
        .filter((p) => JSON.stringify(p.Properties['Roles']).includes(`"${roleId}"`))
        .flatMap((p) => (p.Properties['PolicyDocument'] as { Statement: Array<{ Action: string | string[]; Resource: unknown }> }).Statement);
      const secretStatements = statements.filter((st) => JSON.stringify(st.Action).includes('secretsmanager:'));
      if (!readers.includes(spec.id)) {
        expect(secretStatements, spec.id).toEqual([]);
        continue;
      }
      expect(secretStatements.map((st) => st.Action), spec.id).toEqual(['secretsmanager:GetSecretValue']);
      const resources = JSON.stringify(secretStatements.map((st) => st.Resource));
      for (const prefix of spec.secrets ?? []) expect(resources, spec.id).toContain(`:secret:${prefix}*`);
      expect(resources.match(/:secret:[^"]*/g)?.every((r) => /^:secret:riskbridge\/[a-z]+\/\*$/.test(r)), spec.id).toBe(true);
    }
  });

  it('attaches no AWS managed policies to function roles', () => {
    // Assess
    for (const role of Object.values(resourcesOf(stateless, 'AWS::IAM::Role'))) {
      expect(role.Properties['ManagedPolicyArns']).toBeUndefined();
    }
  });

  it('reports partial batch failures on every SQS event source mapping', () => {
    // Prepare
    const sqsTriggers = functionSpecs.flatMap((s) => s.triggers.filter((t) => t.kind === 'sqs'));
    const mappings = Object.values(resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping')).filter(
      (m) => !('StartingPosition' in m.Properties),
    );
    // Assess
    expect(mappings).toHaveLength(sqsTriggers.length);
    for (const m of mappings) expect(m.Properties['FunctionResponseTypes']).toEqual(['ReportBatchItemFailures']);
    stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 1,
      ScalingConfig: { MaximumConcurrency: 20 },
    });
  });

  it('relays only INSERTs of event items from the stream, bisecting failures into the relay DLQ queue', () => {
    // Prepare
    const relay = functionSpecs.find((s) => s.triggers.some((t) => t.kind === 'stream'));
    const trigger = relay?.triggers.find((t) => t.kind === 'stream');
    if (!relay || trigger?.kind !== 'stream') throw new Error('topology has no stream consumer');
    // Assess
    stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: trigger.batchSize,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: trigger.retryAttempts,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::ImportValue': Match.stringLikeRegexp(`${constructIdOf(trigger.onFailure)}Queue`) } } },
      FilterCriteria: {
        Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { pk: { S: [{ prefix: trigger.insertsWithPkPrefix }] } } } }) }],
      },
    });
  });

  it('puts one route per topology route plus $default, every one behind the Lambda authorizer', () => {
    // Prepare
    const all = Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Route'));
    const authorizerId = Object.keys(resourcesOf(stateless, 'AWS::ApiGatewayV2::Authorizer'))[0];
    // Assess
    expect(all).toHaveLength(routes.length + 1);
    expect(all.map((r) => r.Properties['RouteKey']).sort()).toEqual(['$default', ...routes.map((r) => `${r.method} ${r.path}`)].sort());
    for (const route of all) {
      expect(route.Properties).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
    }
  });

  it('lets API Gateway invoke each route function through one API-wide permission, not one per route', () => {
    // Prepare
    const apiId = logicalId(built.stateless, built.stateless.httpApi!);
    const httpFnId = logicalId(built.stateless, built.stateless.functions.httpApi);
    const permissions = Object.values(resourcesOf(stateless, 'AWS::Lambda::Permission')).filter(
      (p) => p.Properties['Principal'] === 'apigateway.amazonaws.com' && JSON.stringify(p.Properties['FunctionName']).includes(`"${httpFnId}"`),
    );
    // Assess
    expect(permissions).toHaveLength(1);
    expect(JSON.stringify(permissions[0]?.Properties['SourceArn'])).toContain(apiId);
  });

  it('configures the authorizer as simple, uncached and without identity source', () => {
    // Assess
    stateless.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    const authorizerFn = logicalId(built.stateless, built.stateless.functions.authorizeRequest);
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerUri: { 'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [authorizerFn, 'Arn'] }])] },
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 0,
      IdentitySource: [],
    });
  });

  it('writes JSON access logs from the $default stage', () => {
    // Prepare
    const stages = Object.values(resourcesOf(stateless, 'AWS::ApiGatewayV2::Stage'));
    const settings = stages[0]?.Properties['AccessLogSettings'] as { DestinationArn: unknown; Format: string } | undefined;
    // Assess
    expect(stages).toHaveLength(1);
    expect(stages[0]?.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true });
    expect(settings?.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^HttpApiAccessLogs/), 'Arn'] });
    expect(JSON.parse(settings?.Format ?? '{}')).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });

  it('schedules every schedule trigger with its expression', () => {
    // Prepare
    const schedules = functionSpecs.flatMap((s) => s.triggers.flatMap((t) => (t.kind === 'schedule' ? [{ fid: s.id, t }] : [])));
    // Assess
    stateless.resourceCountIs('AWS::Events::Rule', schedules.length);
    for (const { fid, t } of schedules) {
      stateless.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: t.expression,
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(built.stateless, built.stateless.functions[fid]), 'Arn'] } })],
      });
    }
  });

  it('alarms on errors and throttles of every function and on the relay iterator age', () => {
    // Prepare
    const alarms = Object.values(resourcesOf(stateless, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const byMetric = (name: string) => alarms.filter((a) => a['MetricName'] === name);
    // Assess
    expect(byMetric('Errors')).toHaveLength(functionSpecs.length);
    expect(byMetric('Throttles')).toHaveLength(functionSpecs.length);
    for (const a of [...byMetric('Errors'), ...byMetric('Throttles')]) {
      expect(a).toMatchObject({ Period: 300, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', Statistic: 'Sum' });
    }
    const relayId = logicalId(built.stateless, built.stateless.functions.routeChanges);
    expect(byMetric('IteratorAge')).toEqual([
      expect.objectContaining({ Dimensions: [{ Name: 'FunctionName', Value: { Ref: relayId } }], Threshold: 60_000 }),
    ]);
  });

  it('outputs the API URL, the table name, every result queue URL and the console sign-in callback', () => {
    // Prepare
    const resultQueues = queueIds.filter((q) => queues[q].purpose === 'result');
    // Assess
    const outputs = Object.keys(stateless.findOutputs('*'));
    expect(outputs).toEqual(expect.arrayContaining(['ApiUrl', 'TableName', 'ConsoleSignInCallbackUrl', ...resultQueues.map((q) => `${constructIdOf(q)}QueueUrl`)]));
    expect(outputs).toHaveLength(3 + resultQueues.length);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds no unacknowledged errors or warnings in the app', () => {
    // Act
    const report = new AwsSolutionsChecks(built.app).validateScope(built.app);
    // Assess
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(',')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('synthesizes with the nag plugin registered without throwing', () => {
    // Act
    const assembly = built.app.synth();
    // Assess
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(['RiskBridge-dev-Stateful', 'RiskBridge-dev-Stateless']);
  });

  it('still catches a non-compliant resource (the check is live)', () => {
    // Prepare
    const app = new App({ context: NO_BUNDLING });
    const stack = new Stack(app, 'Probe');
    new sqs.Queue(stack, 'PlainQueue');
    // Act
    const report = new AwsSolutionsChecks(app).validateScope(app);
    // Assess
    expect(report.violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
  });

  it('signs people in through a Cognito user pool with MFA required and a bounded session; the one authorizer verifies its tokens', () => {
    // Assess
    stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true }) },
    });
    stateful.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 480,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      GenerateSecret: false,
    });
    const authorizers = Object.values(resourcesOf(stateless, 'AWS::Lambda::Function')).filter((fn) => {
      const variables = (fn as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }).Properties.Environment?.Variables ?? {};
      return 'COGNITO_USER_POOL_ID' in variables && 'COGNITO_CLIENT_ID' in variables;
    });
    expect(authorizers).toHaveLength(1);
  });
});
