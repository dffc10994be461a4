/**
 * CDK entry point (`cdk.json`: `npx tsx infra/app.ts`). Stage from `-c riskbridge:stage=<name>`
 * (default `dev`); cdk-nag runs during synth and fails it on any unacknowledged finding.
 */
import { buildApp } from './stacks/build-app.js';

buildApp().app.synth();
