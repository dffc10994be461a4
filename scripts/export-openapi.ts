/**
 * Writes the API contract documents from the route declarations of infra/topology.ts:
 * - docs/openapi.json (OpenAPI 3.1), docs/api.md (Markdown reference), docs/problems.md (catalogue);
 * - the copies the serve-console function serves: functions/serve-console/assets/reference/
 *   openapi.json (`GET /openapi.json`) and index.html (`GET /docs`, built offline by
 *   `@redocly/cli build-docs` with the Redoc bundle inlined);
 * - packages/client/src/api.d.ts, the typed client's types (openapi-typescript).
 * Run: npm run docs. `--check` exits 1 when a committed file differs from a fresh rendering.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { z } from 'zod';
import { routes } from '../infra/topology.js';
import { buildOpenApi, serialiseOpenApi, type JsonObject } from '../shared/lambda/openapi.js';
import { renderApiReference, renderProblemCatalogue } from '../shared/lambda/openapi-markdown.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the generated files live, relative to the repository root. */
export const OUTPUTS = {
  openapi: 'docs/openapi.json',
  reference: 'docs/api.md',
  problems: 'docs/problems.md',
  servedOpenapi: 'functions/serve-console/assets/reference/openapi.json',
  servedPage: 'functions/serve-console/assets/reference/index.html',
  clientTypes: 'packages/client/src/api.d.ts',
} as const;

/** The API's version: the root package's. */
export const apiVersion = (): string => z.object({ version: z.string() }).parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))).version;

/** The OpenAPI document of the topology's routes. */
export const openApiDocument = (): JsonObject => buildOpenApi(routes, { version: apiVersion() });

/** The client's types: openapi-typescript's rendering of the document. */
export const clientTypes = async (document: JsonObject): Promise<string> =>
  `/**\n * The RiskBridge API's types, generated from docs/openapi.json by openapi-typescript (npm run docs).\n * Do not edit by hand.\n */\n\n${astToString(await openapiTS(structuredClone(document) as unknown as OpenAPI3))}`;

/** Every generated text file (all but the HTML page), keyed by its path relative to the root. */
export const renderApiDocuments = async (): Promise<Map<string, string>> => {
  const document = openApiDocument();
  const json = serialiseOpenApi(document);
  return new Map<string, string>([
    [OUTPUTS.openapi, json],
    [OUTPUTS.servedOpenapi, json],
    [OUTPUTS.reference, renderApiReference(document)],
    [OUTPUTS.problems, renderProblemCatalogue()],
    [OUTPUTS.clientTypes, await clientTypes(document)],
  ]);
};

/**
 * Builds the reference page with Redocly's CLI: the Redoc bundle inlined (no CDN), telemetry
 * and update checks off, so the build and the page need no network.
 */
export const buildReferencePage = (openapiFile: string, output: string): void => {
  const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
  execFileSync(process.execPath, [cli, 'build-docs', openapiFile, '--output', output, '--inlineBundle', '--title', 'RiskBridge API reference', '--lint-config', 'off'], {
    cwd: ROOT,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
};

const isCli = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isCli) {
  const files = await renderApiDocuments();
  if (process.argv.includes('--check')) {
    const stale = [...files].filter(([path, text]) => {
      try {
        return readFileSync(join(ROOT, path), 'utf8') !== text;
      } catch {
        return true;
      }
    });
    for (const [path] of stale) console.error(`${path} is stale: run npm run docs`);
    process.exit(stale.length > 0 ? 1 : 0);
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), text);
  }
  buildReferencePage(OUTPUTS.openapi, OUTPUTS.servedPage);
  const sizes = [...files.keys(), OUTPUTS.servedPage].map((path) => `${path} (${Math.round(readFileSync(join(ROOT, path)).byteLength / 1024)} KiB)`);
  console.log(`wrote ${sizes.join(', ')}`);
}
