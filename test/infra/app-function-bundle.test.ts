import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFunction } from '../../infra/constructs/app-function.js';
import { functions } from '../../infra/topology.js';

const outdir = mkdtempSync(join(tmpdir(), 'riskbridge-bundle-'));
let bundle: string;
let bundlePath: string;

beforeAll(() => {
  // Prepare: bundle one real handler with the locally installed esbuild (no Docker).
  const app = new App({ outdir });
  const stack = new Stack(app, 'BundleProbe');
  new AppFunction(stack, 'SweepDeliveriesFunction', { spec: functions.sweepDeliveries, stage: 'test' });
  const fn = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0] as {
    Properties: { Code: { S3Key: string } };
  };
  bundlePath = join(outdir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs');
  bundle = readFileSync(bundlePath, 'utf8');
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('AppFunction bundling', () => {
  it('emits a minified ESM bundle that defines require for CommonJS dependencies', () => {
    // Assess
    expect(bundle.startsWith("import { createRequire as __rbCreateRequire } from 'node:module'; const require = __rbCreateRequire(import.meta.url);")).toBe(true);
    expect(bundle).toMatch(/export\s*\{[^}]*handler/);
    expect(bundle.length / bundle.split('\n').length).toBeGreaterThan(1_000);
  });

  it('leaves the AWS SDK to the Lambda runtime and ships a source map', () => {
    // Assess
    expect(bundle).toMatch(/from\s*"@aws-sdk\/client-sqs"/);
    expect(statSync(`${bundlePath}.map`).size).toBeGreaterThan(0);
    expect(bundle).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
  });

  it('stays within the bundle size budget (1 MB without its source map)', () => {
    // Assess
    expect(statSync(bundlePath).size).toBeLessThanOrEqual(1024 * 1024);
  });
});
