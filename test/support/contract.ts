import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { compileRoutes } from '../../infra/local/event-sources.js';
import { routes } from '../../infra/topology.js';
import { openApiPath } from '../../shared/lambda/openapi.js';
import { REPRESENTATIVE_REASONS, unexercisedReasons } from '../../shared/lambda/http-route.js';

/** One (operation, status) pair the e2e suite saw, as written to the run's coverage files. */
export interface SeenPair {
  operation: string;
  status: number;
}

interface OpenApiResponse {
  content?: Record<string, { schema?: unknown }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, OpenApiResponse | { $ref: string }> }>>;
  components?: { schemas?: Record<string, unknown>; responses?: Record<string, OpenApiResponse> };
}

const DOCUMENT_PATH = new URL('../../docs/openapi.json', import.meta.url);
let published: { document: OpenApiDocument; ajv: Ajv2020; validators: Map<string, ValidateFunction> } | undefined;
const compiled = compileRoutes(routes);

const load = () => {
  if (!published) {
    const document = JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8')) as OpenApiDocument;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: 'openapi.json', components: document.components ?? {} });
    published = { document, ajv, validators: new Map() };
  }
  return published;
};

/** Rewrites local `#/components/...` references so they resolve against the registered document. */
const rebase = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\/components\//g, '"$ref":"openapi.json#/components/'));

/**
 * Checks one response of the local hub against the PUBLISHED OpenAPI document (docs/openapi.json):
 * the status must be declared for the route, and a JSON body must validate against the declared
 * schema (ajv, draft 2020-12). Returns the violation as text, or undefined when it conforms.
 */
export const checkResponse = (method: string, path: string, status: number, contentType: string | null, body: string): { operation?: string; violation?: string } => {
  const pathname = new URL(path, 'http://hub').pathname;
  const route = compiled.find((r) => r.spec.method === method.toUpperCase() && r.pattern.test(pathname));
  if (!route) return {};
  const { document, ajv, validators } = load();
  const operation = document.paths[openApiPath(route.spec.path)]?.[method.toLowerCase()];
  if (!operation) return { operation: route.spec.operation, violation: `${route.routeKey} is not in docs/openapi.json` };
  let declared = operation.responses[String(status)];
  if (declared && '$ref' in declared) declared = document.components?.responses?.[declared.$ref.split('/').pop() ?? ''];
  if (!declared) return { operation: route.spec.operation, violation: `${route.routeKey} answered ${status}, which it does not declare` };
  const mediaType = contentType?.split(';')[0]?.trim() ?? '';
  const content = declared.content;
  if (!content || Object.keys(content).length === 0) return { operation: route.spec.operation };
  const entry = content[mediaType];
  if (!entry) return { operation: route.spec.operation, violation: `${route.routeKey} ${status} came as ${mediaType || 'no content type'}, declared ${Object.keys(content).join(', ')}` };
  if (!(mediaType === 'application/json' || mediaType.endsWith('+json')) || entry.schema === undefined) return { operation: route.spec.operation };
  const key = `${route.routeKey} ${status} ${mediaType}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(rebase(entry.schema) as object);
    validators.set(key, validate);
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { operation: route.spec.operation, violation: `${key}: the body is not JSON` };
  }
  if (validate(value)) return { operation: route.spec.operation };
  const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
  return { operation: route.spec.operation, violation: `${key}: ${errors}` };
};

/** Appends what one worker saw to the run's coverage directory (read by the e2e global teardown). */
export const recordPair = (directory: string | undefined, pair: SeenPair & { violation?: boolean }): void => {
  if (!directory) return;
  mkdirSync(directory, { recursive: true });
  appendFileSync(join(directory, `seen-${process.pid}.ndjson`), `${JSON.stringify(pair)}\n`);
};

/**
 * What the e2e suite covered of the published contract: every declared (operation, status) pair
 * is seen, or listed in its route's `unexercised` with a reason, and those stay ≤ 10 % of all.
 */
export const contractCoverage = (directory: string): { summary: string; failures: string[] } => {
  const seen = new Set<string>();
  let responses = 0;
  let violations = 0;
  for (const file of existsSync(directory) ? readdirSync(directory) : []) {
    for (const line of readFileSync(join(directory, file), 'utf8').split('\n')) {
      if (!line) continue;
      const pair = JSON.parse(line) as SeenPair & { violation?: boolean };
      responses++;
      if (pair.violation) violations++;
      seen.add(`${pair.operation} ${pair.status}`);
    }
  }
  const { document } = load();
  const declared: string[] = [];
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      for (const status of Object.keys(operation.responses)) declared.push(`${operation.operationId} ${status}`);
    }
  }
  const reasons = new Map(routes.flatMap((r) => Object.entries(unexercisedReasons(r)).map(([status, why]) => [`${r.operation} ${status}`, why ?? ''])));
  const unseen = declared.filter((pair) => !seen.has(pair));
  const unexplained = unseen.filter((pair) => !reasons.get(pair));
  // Router-wide statuses (429, Idempotency-Key 409) are exercised on representative routes: such a
  // reason holds when its status was seen on at least one route that carries the same reason.
  const statusOf = (pair: string): string => pair.slice(pair.lastIndexOf(' ') + 1);
  const represented = (why: string, status: string): boolean =>
    [...reasons].some(([pair, reason]) => reason === why && statusOf(pair) === status && seen.has(pair));
  const byRepresentative = unseen.filter((pair) => REPRESENTATIVE_REASONS.has(reasons.get(pair) ?? ''));
  const unrepresented = byRepresentative.filter((pair) => !represented(reasons.get(pair) ?? '', statusOf(pair)));
  const excused = unseen.length - unexplained.length - byRepresentative.length;
  const failures = [
    ...unexplained.map((pair) => `not exercised and no reason given: ${pair}`),
    ...[...reasons.keys()].filter((pair) => !declared.includes(pair)).map((pair) => `a reason for a pair that is not declared: ${pair}`),
    ...unrepresented.map((pair) => `covered by a representative test that saw it on no route: ${pair}`),
    ...(excused > declared.length * 0.1 ? [`${excused} of ${declared.length} pairs are unexercised (more than 10 %)`] : []),
    ...(violations > 0 ? [`${violations} responses broke the published contract`] : []),
  ];
  if (process.env['RB_CONTRACT_UNSEEN']) {
    console.log([...unexplained, ...unseen.filter((pair) => reasons.get(pair)).map((pair) => `${pair} (unexercised: ${reasons.get(pair)})`)].join('\n'));
  }
  const summary = `Contract: ${responses} responses checked against docs/openapi.json, ${violations} violations; ${declared.length - unseen.length} of ${declared.length} (route, status) pairs seen, ${byRepresentative.length} covered by a representative route, ${excused} unexercised with a reason (${((100 * excused) / Math.max(1, declared.length)).toFixed(1)} %), ${unexplained.length} without`;
  return { summary, failures };
};
