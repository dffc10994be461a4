import { z } from 'zod';
import { RateLimitsSettingSchema } from '../../shared/domain/rate-limit/token-bucket.js';
import { App, RemovalPolicy, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SERVICE_NAME, type DeploymentSetting } from '../topology.js';
import { acknowledgeNagFindings } from './nag-acknowledgements.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

/** Context key that selects the deployment stage (`-c riskbridge:stage=prod`). */
export const STAGE_CONTEXT_KEY = 'riskbridge:stage';
export const DEFAULT_STAGE = 'dev';
/** The local runtime's stage (infra/local/hub.ts); never a CDK stage. */
export const LOCAL_STAGE = 'local';
const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,15}$/;

export interface BuildAppOptions {
  /** Overrides the `riskbridge:stage` context. */
  stage?: string;
  /** Extra context, e.g. `{ 'aws:cdk:bundling-stacks': [] }` to skip bundling in tests. */
  context?: AppProps['context'];
  /** Registers cdk-nag's AwsSolutions pack as a synth-time validation plugin (default true). */
  nag?: boolean;
  outdir?: string;
}

export interface RiskBridgeApp {
  app: App;
  stage: string;
  stateful: StatefulStack;
  stateless: StatelessStack;
}

/** Stack names for a stage: `RiskBridge-<stage>-Stateful` and `RiskBridge-<stage>-Stateless`. */
export const stackNames = (stage: string): { stateful: string; stateless: string } => ({
  stateful: `RiskBridge-${stage}-Stateful`,
  stateless: `RiskBridge-${stage}-Stateless`,
});

/**
 * Builds the RiskBridge CDK app: the stateful stack (table, queues, DLQs) and the stateless
 * stack (functions, API, mappings, alarms) for one stage, env-agnostic (no account/region
 * lookups, so `cdk synth` works offline), with cdk-nag's AwsSolutions checks and the
 * project's reasoned acknowledgements. Nothing is synthesised here; call `app.synth()`.
 */
/** CDK context key of the deployment settings: `-c riskbridge:config='{"BUREAU_DNB_URL":"https://plus.dnb.com"}'` or cdk.json. */
export const CONFIG_CONTEXT_KEY = 'riskbridge:config';

const SettingsSchema = z.partialRecord(
  z.enum(['PUBLIC_API_URL', 'BUREAU_PULL_CONFIG', 'BUREAU_TIMEOUT_MS', 'BUREAU_EXPERIAN_URL', 'BUREAU_EQUIFAX_URL', 'BUREAU_TRANSUNION_URL', 'BUREAU_DNB_URL', 'BUREAU_CREDITSAFE_URL', 'BUREAU_PBOC_URL', 'OUTBOUND_PORTS', 'DOWNLOAD_REDIRECT', 'DOWNLOAD_LINK_TTL_SECONDS', 'EXPORT_PAGE_SIZE', 'RATE_LIMITS']),
  z.string(),
);

/** Reads the settings context (an object, or a JSON string when given with -c); refuses unknown names. */
export const parseSettings = (raw: unknown): Partial<Record<DeploymentSetting, string>> => {
  if (raw === undefined) return {};
  const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  const parsed = SettingsSchema.safeParse(value);
  if (!parsed.success) throw new Error(`Invalid ${CONFIG_CONTEXT_KEY}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  if (parsed.data.RATE_LIMITS !== undefined) {
    // Checked at synth, so a mistyped limit fails the deployment instead of every request.
    let limits: unknown;
    try {
      limits = JSON.parse(parsed.data.RATE_LIMITS);
    } catch {
      throw new Error(`Invalid ${CONFIG_CONTEXT_KEY}: RATE_LIMITS is not JSON`);
    }
    const checked = RateLimitsSettingSchema.safeParse(limits);
    if (!checked.success) throw new Error(`Invalid ${CONFIG_CONTEXT_KEY}: RATE_LIMITS ${checked.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  return parsed.data;
};

/** CDK context key of the addresses that get every alarm: a list, or a comma-separated string with -c. */
export const ALARM_EMAILS_CONTEXT_KEY = 'riskbridge:alarmEmails';

export const parseAlarmEmails = (raw: unknown): string[] => {
  if (raw === undefined) return [];
  const list = typeof raw === 'string' ? raw.split(',').map((e) => e.trim()).filter(Boolean) : raw;
  const parsed = z.array(z.email()).safeParse(list);
  if (!parsed.success) throw new Error(`Invalid ${ALARM_EMAILS_CONTEXT_KEY}: expected e-mail addresses`);
  return parsed.data;
};

/** CDK context key of the hosted UI's domain prefix (`-c riskbridge:signInDomainPrefix=acme-risk`); default `riskbridge-<stage>-<account id>`. */
export const SIGN_IN_DOMAIN_PREFIX_CONTEXT_KEY = 'riskbridge:signInDomainPrefix';

/** Cognito's rule for a domain prefix: lower-case letters, digits and '-', 1–63 characters, not starting or ending with '-', no reserved words. */
export const parseSignInDomainPrefix = (raw: unknown): string | undefined => {
  if (raw === undefined) return undefined;
  const parsed = z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
    .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'must not contain aws, amazon or cognito')
    .safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid ${SIGN_IN_DOMAIN_PREFIX_CONTEXT_KEY}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
};

export const buildApp = (options: BuildAppOptions = {}): RiskBridgeApp => {
  const app = new App({ context: options.context, outdir: options.outdir });
  const contextStage: unknown = app.node.tryGetContext(STAGE_CONTEXT_KEY);
  const stage = options.stage ?? (typeof contextStage === 'string' ? contextStage : DEFAULT_STAGE);
  if (!STAGE_PATTERN.test(stage)) throw new Error(`Invalid stage "${stage}": lower-case letters, digits and '-', at most 16 characters`);
  // `local` is the stage of `npm start`, the only one where outbound calls may reach loopback sandboxes.
  if (stage === LOCAL_STAGE) throw new Error(`The stage "${LOCAL_STAGE}" is reserved for the local runtime (npm start)`);

  const names = stackNames(stage);
  const stateful = new StatefulStack(app, names.stateful, {
    stackName: names.stateful,
    description: `RiskBridge ${stage}: table, queues and buckets (retained data)`,
    terminationProtection: stage === 'prod',
    bucketRemovalPolicy: stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    alarmEmails: parseAlarmEmails(app.node.tryGetContext(ALARM_EMAILS_CONTEXT_KEY)),
    signInDomainPrefix: parseSignInDomainPrefix(app.node.tryGetContext(SIGN_IN_DOMAIN_PREFIX_CONTEXT_KEY)),
    stage,
  });
  const stateless = new StatelessStack(app, names.stateless, {
    stackName: names.stateless,
    description: `RiskBridge ${stage}: functions, HTTP API, event sources, alarms`,
    stage,
    table: stateful.table,
    requestsTable: stateful.requestsTable,
    queues: stateful.queues,
    buckets: stateful.bucketExports,
    alarmTopic: stateful.alarmTopic,
    auditCheckpoints: { key: stateful.auditKey, bucket: stateful.checkpointBucket, bucketArnExport: stateful.checkpointBucketArnExport },
    signIn: { userPoolId: stateful.userPool.userPoolId, clientId: stateful.userPoolClient.userPoolClientId, hostedUiUrl: stateful.userPoolDomain.baseUrl() },
    settings: parseSettings(app.node.tryGetContext(CONFIG_CONTEXT_KEY)),
  });
  Tags.of(app).add('service', SERVICE_NAME);
  Tags.of(app).add('stage', stage);

  acknowledgeNagFindings(stateless, stateful.bucketExports);
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stage, stateful, stateless };
};
