import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFunction } from '../../infra/constructs/app-function.js';
import { functions } from '../../infra/topology.js';

const outdir = mkdtempSync(join(tmpdir(), 'riskbridge-console-'));
let assetDir: string;

beforeAll(() => {
  // Prepare: bundle the console function with the locally installed esbuild (no Docker).
  const app = new App({ outdir });
  const stack = new Stack(app, 'ConsoleProbe');
  new AppFunction(stack, 'ServeConsoleFunction', { spec: functions.serveConsole, stage: 'test' });
  const fn = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0] as { Properties: { Code: { S3Key: string } } };
  assetDir = join(outdir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('serve-console bundle', () => {
  it('ships the static files next to the handler, where it reads them', () => {
    // Assess
    expect(readFileSync(join(assetDir, 'index.mjs'), 'utf8')).toMatch(/export\s*\{[^}]*handler/);
    for (const file of ['dist/index.html', 'dist/favicon.svg', 'reference/index.html', 'reference/openapi.json']) {
      expect(existsSync(join(assetDir, 'assets', file)), file).toBe(true);
    }
    // The console's build (run by the bundling hook) with the module it loads.
    const entry = /src="\/console\/(assets\/index-[\w-]+\.js)"/.exec(readFileSync(join(assetDir, 'assets', 'dist', 'index.html'), 'utf8'))?.[1];
    expect(entry && existsSync(join(assetDir, 'assets', 'dist', entry))).toBe(true);
  });

  it('serves the page from the bundle itself (the asset path resolves beside index.mjs)', async () => {
    // Act
    const bundle = (await import(pathToFileURL(join(assetDir, 'index.mjs')).href)) as { handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }> };
    const result = await bundle.handler(
      { version: '2.0', routeKey: 'GET /console', rawPath: '/console', headers: {}, requestContext: { requestId: 'r', http: { method: 'GET', path: '/console' }, authorizer: { lambda: { authenticated: 'false' } } }, isBase64Encoded: false },
      { awsRequestId: 'r', functionName: 'serveConsole', getRemainingTimeInMillis: () => 5000 },
    );
    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-security-policy']).toContain("default-src 'self'");
    expect(result.body).toMatch(/\/console\/assets\/index-[\w-]+\.js/);
  });

  it('serves the committed OpenAPI document from the bundle, without the generator in it', async () => {
    // Act
    const bundle = (await import(pathToFileURL(join(assetDir, 'index.mjs')).href)) as { handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }> };
    const result = await bundle.handler(
      { version: '2.0', routeKey: 'GET /openapi.json', rawPath: '/openapi.json', headers: {}, requestContext: { requestId: 'r', http: { method: 'GET', path: '/openapi.json' }, authorizer: { lambda: { authenticated: 'false' } } }, isBase64Encoded: false },
      { awsRequestId: 'r', functionName: 'serveConsole', getRemainingTimeInMillis: () => 5000 },
    );
    // Assess
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual(JSON.parse(readFileSync('docs/openapi.json', 'utf8')));
    expect(readFileSync(join(assetDir, 'index.mjs'), 'utf8')).not.toContain('x-problem-codes');
  });
});
