import { App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SERVICE_NAME } from '../topology.js';
import { acknowledgeNagFindings } from './nag-acknowledgements.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

/** Context key that selects the deployment stage (`-c riskbridge:stage=prod`). */
export const STAGE_CONTEXT_KEY = 'riskbridge:stage';
export const DEFAULT_STAGE = 'dev';
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
export const buildApp = (options: BuildAppOptions = {}): RiskBridgeApp => {
  const app = new App({ context: options.context, outdir: options.outdir });
  const contextStage: unknown = app.node.tryGetContext(STAGE_CONTEXT_KEY);
  const stage = options.stage ?? (typeof contextStage === 'string' ? contextStage : DEFAULT_STAGE);
  if (!STAGE_PATTERN.test(stage)) throw new Error(`Invalid stage "${stage}": lower-case letters, digits and '-', at most 16 characters`);

  const names = stackNames(stage);
  const stateful = new StatefulStack(app, names.stateful, {
    stackName: names.stateful,
    description: `RiskBridge ${stage}: table and queues (retained data)`,
    terminationProtection: stage === 'prod',
  });
  const stateless = new StatelessStack(app, names.stateless, {
    stackName: names.stateless,
    description: `RiskBridge ${stage}: functions, HTTP API, event sources, alarms`,
    stage,
    table: stateful.table,
    queues: stateful.queues,
  });
  Tags.of(app).add('service', SERVICE_NAME);
  Tags.of(app).add('stage', stage);

  acknowledgeNagFindings(stateless);
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stage, stateful, stateless };
};
