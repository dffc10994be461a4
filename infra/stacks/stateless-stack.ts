import { CfnOutput, Duration, Fn, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { AppFunction } from '../constructs/app-function.js';
import type { QueueWithDlq } from '../constructs/queue-with-dlq.js';
import {
  defaultRouteFunction as topologyDefaultRouteFunction,
  functions as topologyFunctions,
  guardsRequests,
  routes as topologyRoutes,
  type FunctionId,
  type BucketId,
  type FunctionSpec,
  type QueueId,
  type RouteSpec,
  type Trigger,
  type DeploymentSetting,
} from '../topology.js';
import { RELAY_QUARANTINE_SOURCE } from '../../shared/domain/outbound/relay-event.js';
import { constructIdOf, type BucketExports } from './stateful-stack.js';

/** A queue must stay invisible for at least this many times its consumer's timeout. */
export const VISIBILITY_TO_TIMEOUT_RATIO = 6;

/** Relay lag (oldest record age) that raises the IteratorAge alarm. */
export const RELAY_ITERATOR_AGE_ALARM = Duration.minutes(1);

export interface StatelessStackProps extends StackProps {
  stage: string;
  table: dynamodb.ITable;
  /** Idempotency records and rate-limit buckets: bound to every function with API-key routes. */
  requestsTable: dynamodb.ITable;
  queues: Record<QueueId, QueueWithDlq>;
  /** Export names of the stateful stack's buckets; imported here for the functions that name them. */
  buckets: Record<BucketId, BucketExports>;
  /** Defaults to the topology's functions, routes and default route. */
  functions?: Record<FunctionId, FunctionSpec>;
  routes?: RouteSpec[];
  defaultRouteFunction?: FunctionId;
  /** Topic every alarm of this stack notifies (the stateful stack's). */
  alarmTopic?: sns.ITopic;
  /** Deployment settings (CDK context `riskbridge:config`): values for the functions' `config` variables. */
  settings?: Partial<Record<DeploymentSetting, string>>;
  /** The audit checkpoint key and bucket (stateful stack), for functions with `auditCheckpoints`. */
  auditCheckpoints?: { key: kms.IKey; bucket: s3.IBucket; bucketArnExport: string };
  /** The people's user pool and app client (stateful stack): the authorizer verifies their access tokens. */
  signIn?: SignInProps;
}

export interface SignInProps {
  userPoolId: string;
  clientId: string;
  /**
   * Base URL of the pool's hosted UI (`https://<prefix>.auth.<region>.amazoncognito.com`). When set,
   * the console gets an app client of its own here, beside the API whose URL its callback is.
   */
  hostedUiUrl?: string;
}

/** Where Cognito sends people back after sign-in and sign-out: the console (`console/src/person-sign-in.ts` uses `<origin>/console`). */
export const consoleCallbackUrl = (apiEndpoint: string): string => `${apiEndpoint}/console`;

/** Object key prefix of the checkpoints in their bucket (the S3 store's default). */
export const CHECKPOINT_PREFIX = 'checkpoints/';

/** Violations of the visibility rule: a consumer's timeout × 6 must fit in its queue's visibility timeout. */
export const visibilityViolations = (
  functions: Record<FunctionId, FunctionSpec>,
  queues: Record<QueueId, { visibilityTimeoutSeconds: number }>,
): string[] =>
  Object.values(functions).flatMap((fn) =>
    fn.triggers.flatMap((t) =>
      t.kind === 'sqs' && queues[t.queue].visibilityTimeoutSeconds < VISIBILITY_TO_TIMEOUT_RATIO * fn.timeoutSeconds
        ? [`${t.queue}: visibility ${queues[t.queue].visibilityTimeoutSeconds}s < ${VISIBILITY_TO_TIMEOUT_RATIO} × ${fn.id} timeout ${fn.timeoutSeconds}s`]
        : [],
    ),
  );

const triggersOf = <K extends Trigger['kind']>(spec: FunctionSpec, kind: K): Extract<Trigger, { kind: K }>[] =>
  spec.triggers.filter((t): t is Extract<Trigger, { kind: K }> => t.kind === kind);

const seconds = (value: number | undefined): Duration | undefined => (value === undefined ? undefined : Duration.seconds(value));

/**
 * Every function of the topology, wired by its triggers: the HTTP API (one route per topology
 * route plus `$default`, all behind the Lambda authorizer, access-logged), SQS event source
 * mappings with partial batch responses, the outbox relay on the table stream (INSERTs of
 * event items only, bisect on error, failed batches to an SQS destination), EventBridge
 * schedules, least-privilege grants from `table`/`sendsTo`, and alarms on errors, throttles
 * and the relay's iterator age. Throws at synth when the topology breaks the visibility rule
 * or names an authorizer/route function that does not exist.
 */
export class StatelessStack extends Stack {
  readonly functions: Record<FunctionId, AppFunction>;
  /** The stateful stack's buckets, imported by export name. */
  readonly buckets: Record<BucketId, s3.IBucket>;
  readonly httpApi: apigw.HttpApi | undefined;
  private readonly signIn: SignInProps | undefined;
  /** The console's app client (authorization code + PKCE through the hosted UI), when `signIn.hostedUiUrl` is set. */
  readonly consoleSignInClient: cognito.UserPoolClient | undefined;
  readonly apiStage: apigw.HttpStage | undefined;
  private authorizerFunction: AppFunction | undefined;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.signIn = props.signIn;
    const specs = props.functions ?? topologyFunctions;
    const routes = props.routes ?? topologyRoutes;
    const defaultRoute = props.defaultRouteFunction ?? topologyDefaultRouteFunction;
    const queueSpecs = Object.fromEntries(Object.entries(props.queues).map(([qid, q]) => [qid, q.spec])) as Record<QueueId, QueueWithDlq['spec']>;
    const violations = visibilityViolations(specs, queueSpecs);
    if (violations.length > 0) throw new Error(`Queue visibility timeouts too short: ${violations.join('; ')}`);

    this.buckets = Object.fromEntries(
      (Object.entries(props.buckets) as Array<[BucketId, BucketExports]>).map(([bid, names]) => [
        bid,
        s3.Bucket.fromBucketAttributes(this, `${constructIdOf(bid)}Bucket`, { bucketArn: Fn.importValue(names.arnExport), bucketName: Fn.importValue(names.nameExport) }),
      ]),
    ) as Record<BucketId, s3.IBucket>;
    this.functions = Object.fromEntries(
      (Object.keys(specs) as FunctionId[]).map((fid) => [fid, this.buildFunction(specs[fid], props)]),
    ) as Record<FunctionId, AppFunction>;

    const api = this.buildHttpApi(specs, routes, defaultRoute);
    this.httpApi = api?.httpApi;
    this.apiStage = api?.stage;
    this.consoleSignInClient = this.buildConsoleSignIn();
    this.applySettings(specs, props.settings ?? {});

    for (const fn of Object.values(this.functions)) this.addFunctionAlarms(fn);
    this.addQuarantineAlarms(specs);
    if (props.alarmTopic) {
      const action = new cloudwatchActions.SnsAction(props.alarmTopic);
      for (const alarm of this.alarms) alarm.addAlarmAction(action);
    }

    if (this.apiStage) new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: props.table.tableName, description: 'The single DynamoDB table' });
    for (const [qid, q] of Object.entries(props.queues)) {
      if (q.spec.purpose !== 'result') continue;
      new CfnOutput(this, `${constructIdOf(qid)}QueueUrl`, { value: q.queue.queueUrl, description: q.spec.description });
    }
  }

  /**
   * Sign-in as a person in the console: an app client for the authorization-code flow (PKCE, no
   * secret, scopes openid/email/profile) whose callback and logout URL is the console on this API,
   * the three `CONSOLE_SIGN_IN_*` variables on `serveConsole` (its CSP then allows the token
   * endpoint), and the authorizer accepting this client's access tokens too. The client lives here,
   * not beside the pool: the callback needs the API's URL, and the stateful stack cannot refer to
   * this one without a cycle.
   */
  private buildConsoleSignIn(): cognito.UserPoolClient | undefined {
    const hostedUiUrl = this.signIn?.hostedUiUrl;
    const consoleFunction = this.functions['serveConsole' as FunctionId] as AppFunction | undefined;
    if (!this.signIn || hostedUiUrl === undefined || !this.httpApi || !this.authorizerFunction || !consoleFunction) return undefined;
    const callbackUrl = consoleCallbackUrl(this.httpApi.apiEndpoint);
    const client = new cognito.UserPoolClient(this, 'ConsoleSignInClient', {
      userPool: cognito.UserPool.fromUserPoolId(this, 'PeopleUserPool', this.signIn.userPoolId),
      generateSecret: false,
      // Only the hosted UI signs in (no SRP or password flows here); refresh tokens stay usable.
      authFlows: { userSrp: false },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [callbackUrl],
        logoutUrls: [callbackUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // The same bounded session as the pool's other client.
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
    });
    this.authorizerFunction.addEnvironment('COGNITO_CLIENT_ID', Fn.join(',', [this.signIn.clientId, client.userPoolClientId]));
    consoleFunction.addEnvironment('CONSOLE_SIGN_IN_AUTHORIZE_URL', `${hostedUiUrl}/oauth2/authorize`);
    consoleFunction.addEnvironment('CONSOLE_SIGN_IN_TOKEN_URL', `${hostedUiUrl}/oauth2/token`);
    consoleFunction.addEnvironment('CONSOLE_SIGN_IN_CLIENT_ID', client.userPoolClientId);
    new CfnOutput(this, 'ConsoleSignInCallbackUrl', { value: callbackUrl, description: 'Callback and logout URL of the console sign-in client' });
    return client;
  }

  /**
   * Sets each function's deployment settings: PUBLIC_API_URL is this API's own URL; the others
   * come from `settings` and are left unset when absent (the function then treats that bureau
   * or option as not configured).
   */
  private applySettings(specs: Record<FunctionId, FunctionSpec>, settings: Partial<Record<DeploymentSetting, string>>): void {
    for (const fid of Object.keys(specs) as FunctionId[]) {
      for (const name of [...(specs[fid].config ?? []), ...(guardsRequests(fid) ? (['RATE_LIMITS'] as const) : [])]) {
        const value = name === 'PUBLIC_API_URL' ? this.httpApi?.apiEndpoint : settings[name];
        if (value !== undefined) this.functions[fid].addEnvironment(name, value);
      }
    }
  }

  private buildFunction(spec: FunctionSpec, props: StatelessStackProps): AppFunction {
    const fn = new AppFunction(this, `${constructIdOf(spec.id)}Function`, { spec, stage: props.stage });
    if (spec.table !== 'none') fn.bindTable(props.table, spec.table);
    if (guardsRequests(spec.id)) fn.bindRequestsTable(props.requestsTable);
    for (const qid of spec.sendsTo) fn.bindQueueSend(props.queues[qid]);
    for (const [bid, access] of Object.entries(spec.buckets ?? {}) as Array<[BucketId, 'R' | 'RW']>) fn.bindBucket(bid, this.buckets[bid], access);
    fn.bindSecretsRead(spec.secrets ?? []);
    if (spec.auditCheckpoints) this.bindAuditCheckpoints(fn, spec.auditCheckpoints, props);

    for (const t of triggersOf(spec, 'sqs')) {
      fn.addEventSource(
        new SqsEventSource(props.queues[t.queue].queue, {
          batchSize: t.batchSize,
          maxBatchingWindow: seconds(t.maxBatchingWindowSeconds),
          maxConcurrency: t.maxConcurrency,
          reportBatchItemFailures: true,
        }),
      );
    }
    for (const t of triggersOf(spec, 'stream')) {
      fn.addEventSource(
        new DynamoEventSource(props.table, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: t.batchSize,
          maxBatchingWindow: seconds(t.maxBatchingWindowSeconds),
          bisectBatchOnError: true,
          retryAttempts: t.retryAttempts,
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(props.queues[t.onFailure].queue),
          filters: [
            lambda.FilterCriteria.filter({
              eventName: lambda.FilterRule.isEqual('INSERT'),
              dynamodb: { NewImage: { pk: { S: lambda.FilterRule.beginsWith(t.insertsWithPkPrefix) } } },
            }),
          ],
        }),
      );
      this.alarms.push(
        new cloudwatch.Alarm(this, `${constructIdOf(spec.id)}IteratorAgeAlarm`, {
          alarmDescription: `${spec.id} lags behind the table stream by more than ${RELAY_ITERATOR_AGE_ALARM.toHumanString()}`,
          metric: fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
          threshold: RELAY_ITERATOR_AGE_ALARM.toMilliseconds(),
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 5,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    for (const t of triggersOf(spec, 'schedule')) {
      new events.Rule(this, `${t.id}Schedule`, {
        description: t.description,
        schedule: events.Schedule.expression(t.expression),
        targets: [new targets.LambdaFunction(fn, { retryAttempts: 2 })],
      });
    }
    return fn;
  }

  /**
   * `sign`: kms:Sign and kms:GetPublicKey on the checkpoint key, put/get under `checkpoints/` and
   * list of the bucket; `verify`: GetPublicKey, get and list. Never delete. Sets
   * AUDIT_CHECKPOINT_BUCKET and AUDIT_SIGNING_KEY_ID.
   */
  private bindAuditCheckpoints(fn: AppFunction, access: 'sign' | 'verify', props: StatelessStackProps): void {
    const anchor = props.auditCheckpoints;
    if (!anchor) throw new Error(`${fn.spec.id} needs the audit checkpoint key and bucket (auditCheckpoints: '${access}')`);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: access === 'sign' ? ['kms:GetPublicKey', 'kms:Sign'] : ['kms:GetPublicKey'], resources: [anchor.key.keyArn] }));
    const objects = `${CHECKPOINT_PREFIX}*`;
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: access === 'sign' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'], resources: [Fn.join('/', [Fn.importValue(anchor.bucketArnExport), objects])] }),
    );
    Validations.of(fn.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${anchor.bucketArnExport}/${objects}]`,
      reason: `Checkpoint objects are named by their sequence number, so the grant covers ${objects} of the checkpoint bucket only (${access === 'sign' ? 'get and put; put only if absent, Object Lock keeps versions' : 'get'}); never delete.`,
    });
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [anchor.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${CHECKPOINT_PREFIX}*`] } } }),
    );
    fn.addEnvironment('AUDIT_CHECKPOINT_BUCKET', anchor.bucket.bucketName);
    fn.addEnvironment('AUDIT_SIGNING_KEY_ID', anchor.key.keyArn);
  }

  private buildHttpApi(
    specs: Record<FunctionId, FunctionSpec>,
    routes: RouteSpec[],
    defaultRoute: FunctionId,
  ): { httpApi: apigw.HttpApi; stage: apigw.HttpStage } | undefined {
    const hasHttp = (Object.values(specs) as FunctionSpec[]).some((s) => triggersOf(s, 'http').length > 0);
    if (!hasHttp) return undefined;
    const authorizerSpecs = (Object.values(specs) as FunctionSpec[]).filter((s) => triggersOf(s, 'authorizer').length > 0);
    const authorizerSpec = authorizerSpecs[0];
    if (!authorizerSpec || authorizerSpecs.length > 1) throw new Error('The topology needs exactly one function with an authorizer trigger');

    this.authorizerFunction = this.functions[authorizerSpec.id];
    // The one authorizer takes API keys and people's Cognito access tokens (verified with aws-jwt-verify).
    if (this.signIn) {
      this.functions[authorizerSpec.id].addEnvironment('COGNITO_USER_POOL_ID', this.signIn.userPoolId);
      this.functions[authorizerSpec.id].addEnvironment('COGNITO_CLIENT_ID', this.signIn.clientId);
    }
    const authorizer = new HttpLambdaAuthorizer('ApiKeyAuthorizer', this.functions[authorizerSpec.id], {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      resultsCacheTtl: Duration.seconds(0),
      identitySource: [],
    });
    const integrations = new Map<FunctionId, HttpLambdaIntegration>();
    const integrationFor = (fid: FunctionId): HttpLambdaIntegration => {
      const target = this.functions[fid];
      if (!target || triggersOf(target.spec, 'http').length === 0) throw new Error(`Route target ${fid} has no http trigger`);
      let integration = integrations.get(fid);
      if (!integration) {
        // One invoke permission per function for the whole API: a route function also serves
        // `$default`, and per-route permissions would grow its resource policy with every route.
        integration = new HttpLambdaIntegration(`${constructIdOf(fid)}Integration`, target, { scopePermissionToRoute: false });
        integrations.set(fid, integration);
      }
      return integration;
    };

    const httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'RiskBridge HTTP API',
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
      defaultIntegration: integrationFor(defaultRoute),
    });
    for (const route of routes) {
      httpApi.addRoutes({ path: route.path, methods: [apigw.HttpMethod[route.method]], integration: integrationFor(route.function) });
    }

    const accessLogs = new logs.LogGroup(this, 'HttpApiAccessLogs', { retention: logs.RetentionDays.ONE_MONTH });
    const stage = httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            protocol: '$context.protocol',
          }),
        ),
      },
    });
    return { httpApi, stage };
  }

  /**
   * One alarm per queue consumer on the `MessagesQuarantined` metric its sqsConsumer publishes
   * (dimension `source` = the queue id), and one for the stream relay (source `relay`): a
   * quarantined message needs a person.
   */
  private addQuarantineAlarms(specs: Record<FunctionId, FunctionSpec>): void {
    const alarm = (id: string, functionId: FunctionId, source: string, what: string) =>
      new cloudwatch.Alarm(this, id, {
        alarmDescription: `${functionId} quarantined ${what} (see GET /v1/quarantine/${source})`,
        metric: new cloudwatch.Metric({
          namespace: 'RiskBridge',
          metricName: 'MessagesQuarantined',
          dimensionsMap: { service: 'riskbridge', source },
          period: Duration.minutes(5),
          statistic: 'Sum',
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    for (const spec of Object.values(specs)) {
      for (const t of triggersOf(spec, 'sqs')) {
        this.alarms.push(alarm(`${constructIdOf(t.queue)}QuarantineAlarm`, spec.id, t.queue, `messages from ${t.queue}`));
      }
      // The outbox relay quarantines stream records it can never read under one source.
      if (triggersOf(spec, 'stream').length > 0) {
        this.alarms.push(alarm(`${constructIdOf(spec.id)}QuarantineAlarm`, spec.id, RELAY_QUARANTINE_SOURCE, 'outbox stream records'));
      }
    }
  }

  private addFunctionAlarms(fn: AppFunction): void {
    const cid = constructIdOf(fn.spec.id);
    const period = Duration.minutes(5);
    this.alarms.push(
      new cloudwatch.Alarm(this, `${cid}ErrorsAlarm`, {
        alarmDescription: `${fn.spec.id} reported invocation errors`,
        metric: fn.metricErrors({ period, statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, `${cid}ThrottlesAlarm`, {
        alarmDescription: `${fn.spec.id} was throttled`,
        metric: fn.metricThrottles({ period, statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}
