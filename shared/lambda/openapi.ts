/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the route declarations — the same
 * zod schemas the router validates with, so the document cannot promise what the router does
 * not check. Build-time only (scripts and tests): no function imports this module (lint rule);
 * the serve-console function serves the committed file.
 */
import { z } from 'zod';
import { JSON_MEDIA_TYPES, problemStatuses, responseContent, type HttpRouteSpec, type MediaType } from './http-route.js';
import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX } from './http.js';
import { PROBLEM_CATALOGUE, ProblemSchema, problemType } from './problem.js';

/** A JSON (Schema / OpenAPI) object as plain data. */
export type JsonObject = { [key: string]: unknown };

export interface OpenApiOptions {
  /** `info.version`: the package version. */
  version: string;
  title?: string;
}

/** One schema zod cannot express in JSON Schema (a transform's output, a custom type …), with its place and the fix. */
export interface UnrepresentableSchema {
  operation: string;
  where: string;
  path: string;
  message: string;
}

/** Thrown when a declared schema has no JSON Schema form; lists every place and how to fix it. */
export class UnrepresentableSchemaError extends Error {
  constructor(readonly sites: readonly UnrepresentableSchema[]) {
    super(
      [
        `${sites.length} declared schema part(s) have no JSON Schema form:`,
        ...sites.map((s) => `  - ${s.operation} ${s.where} at ${s.path || '(root)'}: ${s.message}`),
        'Fix: give the output an explicit schema — `.transform(fn).pipe(z.number())`, or `z.codec(input, output, { decode, encode })` —',
        'or replace a custom type by a representable one. The generator never falls back to an "any" schema.',
      ].join('\n'),
    );
    this.name = 'UnrepresentableSchemaError';
  }
}

const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const METHOD_ORDER = ['get', 'put', 'post', 'patch', 'delete'] as const;
/** Headers OpenAPI describes elsewhere (media types, security); never documented as parameters. */
const RESERVED_HEADERS = new Set(['accept', 'content-type', 'authorization']);
/** Success statuses that have no body by definition. */
export const BODILESS_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);

const isJsonMediaType = (type: MediaType): boolean => JSON_MEDIA_TYPES.includes(type);

/** API Gateway's greedy `{proxy+}` is `{proxy}` in an OpenAPI path template. */
export const openApiPath = (path: string): string => path.replace(/\{([^}+]+)\+\}/g, '{$1}');

const componentRef = (name: string): string => `#/components/schemas/${name}`;
const PENDING_REF = /^#\/components\/schemas\/(.+)~(input|output)$/;

type Io = 'input' | 'output';

/**
 * Converts zod schemas with zod's own `z.toJSONSchema` (draft 2020-12; `input` for requests,
 * `output` for responses) and lifts every schema that carries `.meta({ id })` into
 * `components.schemas`. When a schema's input and output forms differ (defaults, transforms),
 * the output keeps the id and the input becomes `<id>Input`.
 */
class SchemaConverter {
  private readonly defs = new Map<string, Partial<Record<Io, JsonObject>>>();
  readonly unrepresentable: UnrepresentableSchema[] = [];

  convert(schema: z.ZodType, io: Io, operation: string, where: string): JsonObject {
    const json = z.toJSONSchema(schema, {
      io,
      target: 'draft-2020-12',
      unrepresentable: ({ path, message }) => {
        this.unrepresentable.push({ operation, where, path: path.join('.'), message });
        return { 'x-unrepresentable': message };
      },
    }) as JsonObject;
    const { $schema: _dialect, $defs, ...root } = json;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonObject>)) {
      if (id.startsWith('__schema')) throw new Error(`${operation} ${where}: a recursive schema needs an id (\`.meta({ id: 'Name' })\`) to become a component`);
      const rewritten = rewriteRefs(def, io);
      const known = this.defs.get(id) ?? {};
      const previous = known[io];
      if (previous && JSON.stringify(previous) !== JSON.stringify(rewritten)) {
        throw new Error(`Two different schemas carry the id "${id}" (seen again in ${operation} ${where}); ids must be unique`);
      }
      this.defs.set(id, { ...known, [io]: rewritten });
    }
    return rewriteRefs(root, io);
  }

  /** The object schema behind a root that may be a component reference (params, query, headers). */
  resolve(json: JsonObject): JsonObject {
    const match = typeof json['$ref'] === 'string' ? PENDING_REF.exec(json['$ref']) : null;
    if (!match) return json;
    return this.defs.get(match[1]!)?.[match[2] as Io] ?? json;
  }

  /** Final component names, and a function that turns pending references into them. */
  finish(): { schemas: Record<string, JsonObject>; nameOf: (id: string, io: Io) => string } {
    const names = new Map<string, string>();
    const schemas: Record<string, JsonObject> = {};
    for (const id of [...this.defs.keys()].sort()) {
      const forms = this.defs.get(id)!;
      const same = !forms.input || !forms.output || JSON.stringify(forms.input) === JSON.stringify(forms.output);
      for (const io of ['output', 'input'] as const) {
        const form = forms[io];
        if (!form) continue;
        const name = same || io === 'output' ? id : `${id}Input`;
        if (this.defs.has(name) && name !== id) throw new Error(`Component name "${name}" (input form of "${id}") is already an id`);
        names.set(`${id}~${io}`, name);
        schemas[name] ??= form;
      }
    }
    return { schemas, nameOf: (id, io) => names.get(`${id}~${io}`) ?? id };
  }
}

/** Rewrites zod's local `#/$defs/X` references to pending component references tagged with their form. */
const rewriteRefs = (node: JsonObject, io: Io): JsonObject => mapJson(node, (ref) => ref.replace(/^#\/\$defs\/(.+)$/, (_m, id: string) => `${componentRef(id)}~${io}`)) as JsonObject;

/** Deep copy that applies `onRef` to every `$ref` string. */
const mapJson = (node: unknown, onRef: (ref: string) => string): unknown => {
  if (Array.isArray(node)) return node.map((item) => mapJson(item, onRef));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === '$ref' && typeof value === 'string' ? onRef(value) : mapJson(value, onRef);
  return out;
};

const header = (description: string, schema: JsonObject): JsonObject => ({ description, schema });

const HEADERS: Record<string, JsonObject> = {
  XRequestId: header('The request id; quote it when reporting a problem.', { type: 'string' }),
  RetryAfter: header('Seconds to wait before trying again.', { type: 'integer', minimum: 0 }),
  RateLimitLimit: header('Requests the caller may make in the current window.', { type: 'integer', minimum: 0 }),
  RateLimitRemaining: header('Requests left in the current window.', { type: 'integer', minimum: 0 }),
  RateLimitReset: header('Seconds until the window resets.', { type: 'integer', minimum: 0 }),
  Deprecation: header('RFC 9745: the route is deprecated since this moment (`@<unix seconds>`).', { type: 'string' }),
  Sunset: header('RFC 8594: the route stops answering after this HTTP date.', { type: 'string' }),
  DeprecationLink: header('`<url>; rel="deprecation"`: where the replacement is described.', { type: 'string' }),
  IdempotentReplayed: header('`true` when this is the stored answer to an earlier request with the same `Idempotency-Key` (absent otherwise).', { type: 'string', enum: ['true'] }),
};
const headerRef = (name: keyof typeof HEADERS): JsonObject => ({ $ref: `#/components/headers/${name}` });

const PARAMETERS: Record<string, JsonObject> = {
  Limit: {
    name: 'limit', in: 'query', required: false,
    description: `Page size (1–${LIST_LIMIT_MAX}, default ${LIST_LIMIT_DEFAULT}).`,
    schema: { type: 'integer', minimum: 1, maximum: LIST_LIMIT_MAX, default: LIST_LIMIT_DEFAULT },
  },
  Cursor: {
    name: 'cursor', in: 'query', required: false,
    description: 'Opaque, signed position from the previous page\'s `nextCursor` (or follow `next`). Bound to the caller, route and filters; expires.',
    schema: { type: 'string', minLength: 1 },
  },
  IdempotencyKey: {
    name: 'Idempotency-Key', in: 'header', required: false,
    description: 'A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  },
};

/** Problem codes of the catalogue by status, for the shared problem responses. */
const codesByStatus = (): Map<number, string[]> => {
  const out = new Map<number, string[]>();
  for (const [code, entry] of Object.entries(PROBLEM_CATALOGUE)) out.set(entry.status, [...(out.get(entry.status) ?? []), code]);
  return out;
};

/** Reason phrases of the problem statuses the API answers. */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 410: 'Gone',
  413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

const problemResponse = (status: number, codes: readonly string[]): JsonObject => ({
  description: `${STATUS_TEXT[status] ?? 'Error'} (problem details${codes.length ? `: ${codes.map((c) => `\`${c}\``).join(', ')}` : ''})`,
  headers: {
    'X-Request-Id': headerRef('XRequestId'),
    ...(status === 429 || status === 503 ? { 'Retry-After': headerRef('RetryAfter') } : {}),
    ...(status === 429 ? { 'RateLimit-Limit': headerRef('RateLimitLimit'), 'RateLimit-Remaining': headerRef('RateLimitRemaining'), 'RateLimit-Reset': headerRef('RateLimitReset') } : {}),
  },
  content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: componentRef('Problem') } } },
  'x-problem-codes': [...codes],
});

const who = (route: HttpRouteSpec): string => {
  if (route.auth === 'public') return '**Public:** no API key needed.';
  if (route.auth === 'signature') return '**Authentication:** the sender\'s own signature over the raw body (no API key).';
  return `**Roles:** ${route.roles.map((r) => `\`${r}\``).join(', ')}${route.scope ? ` · **Scope:** \`${route.scope}\`` : ''}`;
};

/**
 * A deprecated route's `x-deprecation` (`since`, `sunset`, `link`: the changelog reads it). The router
 * sends `since` as RFC 9745's `Deprecation: @<unix seconds>` and `sunset` as RFC 8594's HTTP date, so
 * dates that do not parse, a sunset not after `since`, or a link that is not an absolute URL fail
 * the build here instead of going out as `@NaN` or `Invalid Date`.
 */
const deprecationOf = (route: HttpRouteSpec): JsonObject => {
  const { since, sunset, link } = route.deprecated!;
  const sinceMs = Date.parse(since);
  const sunsetMs = Date.parse(sunset);
  const problems = [
    Number.isNaN(sinceMs) ? `since "${since}" is not a date` : undefined,
    Number.isNaN(sunsetMs) ? `sunset "${sunset}" is not a date` : undefined,
    sunsetMs <= sinceMs ? 'sunset is not after since' : undefined,
    link !== undefined && !URL.canParse(link) ? `link "${link}" is not an absolute URL` : undefined,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`${route.operation}: deprecated ${problems.join('; ')}`);
  return { since, sunset, ...(link ? { link } : {}) };
};

/** Routes declared the new way (with responses); older specs (still being converted) have none. */
export const isDeclared = (route: HttpRouteSpec): boolean => typeof route.responses === 'object' && route.responses !== null;

/**
 * Builds the OpenAPI 3.1.0 document of `routes`: paths and operations (operationId = operation
 * name), parameters from the zod shapes (list routes add `limit` and `cursor`), request bodies per
 * accepted media type, responses per declared status, the shared problem responses for every
 * status the route or the router can answer, security, and the documented headers
 * (`Idempotency-Key`, `Retry-After`, `RateLimit-*`, `Deprecation`/`Sunset`, declared ones).
 * Routes without response declarations (not yet converted) are left out; see `contractViolations`.
 * @throws UnrepresentableSchemaError listing every schema part without a JSON Schema form.
 * @example const doc = buildOpenApi(routes, { version: '0.1.0' });
 */
export const buildOpenApi = (routes: readonly HttpRouteSpec[], options: OpenApiOptions): JsonObject => {
  const converter = new SchemaConverter();
  converter.convert(ProblemSchema, 'output', 'Problem', 'schema');
  const declared = routes.filter(isDeclared);
  const paths = new Map<string, Map<string, JsonObject>>();
  const usedProblemStatuses = new Set<number>();

  for (const route of declared) {
    const parameters: JsonObject[] = [];
    const addParameters = (schema: z.ZodObject | undefined, location: 'path' | 'query' | 'header'): void => {
      if (!schema) return;
      const json = converter.resolve(converter.convert(schema, 'input', route.operation, location));
      const required = new Set((json['required'] as string[] | undefined) ?? []);
      for (const [name, property] of Object.entries((json['properties'] ?? {}) as Record<string, JsonObject>)) {
        if (location === 'header' && RESERVED_HEADERS.has(name.toLowerCase())) continue;
        const { description, ...propertySchema } = property;
        parameters.push({
          name, in: location, required: location === 'path' || required.has(name),
          ...(typeof description === 'string' ? { description } : {}),
          schema: propertySchema,
        });
      }
    };
    addParameters(route.params, 'path');
    addParameters(route.query, 'query');
    if (route.list) parameters.push({ $ref: '#/components/parameters/Limit' }, { $ref: '#/components/parameters/Cursor' });
    addParameters(route.headers, 'header');
    if (route.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });

    let requestBody: JsonObject | undefined;
    if (route.body || route.accepts) {
      const accepts = route.accepts ?? ['application/json'];
      const bodySchema = route.body ? converter.convert(route.body, 'input', route.operation, 'body') : {};
      requestBody = {
        required: route.bodyRequired !== false,
        content: Object.fromEntries(accepts.map((type) => [type, { schema: isJsonMediaType(type) ? bodySchema : { type: 'string' } }])),
      };
    }

    const successHeaders: JsonObject = {
      'X-Request-Id': headerRef('XRequestId'),
      ...(route.deprecated ? { Deprecation: headerRef('Deprecation'), Sunset: headerRef('Sunset'), ...(route.deprecated.link ? { Link: headerRef('DeprecationLink') } : {}) } : {}),
    };
    const responses: Record<string, JsonObject> = {};
    for (const [status, response] of Object.entries(route.responses).sort(([a], [b]) => Number(a) - Number(b))) {
      const declaredHeaders = Object.fromEntries(
        Object.entries(response.headers ?? {}).map(([name, h]) => [
          name,
          { description: h.description, schema: h.schema ? converter.convert(h.schema, 'output', route.operation, `response ${status} header ${name}`) : { type: 'string' } },
        ]),
      );
      const replayable = route.idempotent && Number(status) >= 200 && Number(status) < 300 ? { 'Idempotent-Replayed': headerRef('IdempotentReplayed') } : {};
      responses[status] = {
        description: response.description,
        headers: { ...successHeaders, ...replayable, ...declaredHeaders },
        ...(response.body
          ? {
              content: Object.fromEntries(
                responseContent(response).flatMap(([type, schema], i) =>
                  schema ? [[type, { schema: isJsonMediaType(type) ? converter.convert(schema, 'output', route.operation, i === 0 ? `response ${status}` : `response ${status} ${type}`) : { type: 'string' } }]] : [],
                ),
              ),
            }
          : {}),
      };
    }
    for (const status of problemStatuses(route)) {
      if (responses[status]) continue;
      usedProblemStatuses.add(status);
      responses[status] = { $ref: `#/components/responses/Problem${status}` };
    }

    const operation: JsonObject = {
      operationId: route.operation,
      tags: [route.tag],
      summary: route.summary,
      description: [route.description, who(route), route.deprecated ? `**Deprecated** since ${route.deprecated.since}; answers until ${route.deprecated.sunset}.` : undefined]
        .filter(Boolean)
        .join('\n\n'),
      ...(route.deprecated ? { deprecated: true, 'x-deprecation': deprecationOf(route) } : {}),
      security: route.auth === 'apiKey' ? [{ apiKey: route.scope ? [route.scope] : [] }] : [],
      'x-roles': [...route.roles],
      ...(route.list ? { 'x-list': true } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
    const path = openApiPath(route.path);
    const methods = paths.get(path) ?? new Map<string, JsonObject>();
    const method = route.method.toLowerCase();
    if (methods.has(method)) throw new Error(`${route.method} ${path} is declared twice (${route.operation})`);
    methods.set(method, operation);
    paths.set(path, methods);
  }

  if (converter.unrepresentable.length > 0) throw new UnrepresentableSchemaError(converter.unrepresentable);
  const operationIds = declared.map((r) => r.operation);
  const duplicate = operationIds.find((id, i) => operationIds.indexOf(id) !== i);
  if (duplicate) throw new Error(`Operation name "${duplicate}" is declared twice`);

  const { schemas, nameOf } = converter.finish();
  const byStatus = codesByStatus();
  const document: JsonObject = {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'RiskBridge API',
      version: options.version,
      summary: 'Customer credit-risk integration hub: customers, ratings, bureau pulls, policies, CRM connections, webhooks.',
      description: [
        'Generated from the route declarations (`functions/*/routes.ts`), the same schemas the router validates every request with. Do not edit by hand: run `npm run docs`.',
        '**Authentication:** `Authorization: Bearer rbk_…` (an API key; `x-api-key: rbk_…` also works). A key is bound to a role and scopes; each operation names the roles and the scope it needs. Routes under `/v1/inbound/` are called by CRMs and verified with the CRM\'s own signature scheme instead.',
        '**Errors** are RFC 9457 `application/problem+json` with a stable `code`; `errors[]` names every failing path on 422 (unknown fields and query parameters included). Each code\'s `type` URI resolves to its entry in the problem catalogue (`x-problem-codes`).',
        `**Lists** take \`limit\` (1–${LIST_LIMIT_MAX}, default ${LIST_LIMIT_DEFAULT}) and an opaque \`cursor\`; a page answers \`nextCursor\` and \`next\` (the next page's URL), both null on the last page.`,
      ].join('\n\n'),
    },
    tags: [...new Set(declared.map((r) => r.tag))].sort().map((name) => ({ name })),
    paths: Object.fromEntries(
      [...paths.keys()].sort().map((path) => {
        const methods = paths.get(path)!;
        return [path, Object.fromEntries(METHOD_ORDER.filter((m) => methods.has(m)).map((m) => [m, methods.get(m)!]))];
      }),
    ),
    components: {
      schemas,
      responses: Object.fromEntries([...usedProblemStatuses].sort((a, b) => a - b).map((status) => [`Problem${status}`, problemResponse(status, byStatus.get(status) ?? [])])),
      parameters: PARAMETERS,
      headers: HEADERS,
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'rbk_…',
          description: 'An API key: `Authorization: Bearer rbk_…` (or `x-api-key: rbk_…`). Issued with `POST /v1/admin/api-keys`, bound to a role and scopes; the scopes an operation needs are listed in its security requirement.',
        },
      },
    },
    'x-problem-codes': Object.fromEntries(
      Object.entries(PROBLEM_CATALOGUE)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, entry]) => [code, { status: entry.status, title: entry.title, type: problemType(code), description: entry.description }]),
    ),
  };
  return mapJson(document, (ref) => {
    const match = PENDING_REF.exec(ref);
    return match ? componentRef(nameOf(match[1]!, match[2] as Io)) : ref;
  }) as JsonObject;
};

/** `JSON.stringify` with 2 spaces and a final newline: the committed form of the document. */
export const serialiseOpenApi = (document: JsonObject): string => `${JSON.stringify(document, null, 2)}\n`;

/** One breach of the API contract rules, named by operation. */
export interface ContractViolation {
  operation: string;
  rule: 'success-response' | 'strict-input' | 'declared';
  detail: string;
}

/**
 * Objects in a request schema that accept keys they do not name: every object must say
 * `additionalProperties: false`, except a map (`z.record`: no `properties`, an
 * `additionalProperties` schema). Follows `$ref`s through `resolveRef`.
 * @example looseObjects({ type: 'object', properties: { a: { type: 'string' } } }) // ['(root)']
 */
export const looseObjects = (schema: unknown, resolveRef: (ref: string) => unknown = () => undefined, at = '(root)', seen = new Set<string>()): string[] => {
  if (Array.isArray(schema)) return schema.flatMap((item, i) => looseObjects(item, resolveRef, `${at}[${i}]`, seen));
  if (schema === null || typeof schema !== 'object') return [];
  const node = schema as JsonObject;
  const out: string[] = [];
  const ref = node['$ref'];
  if (typeof ref === 'string' && !seen.has(ref)) {
    seen.add(ref);
    out.push(...looseObjects(resolveRef(ref), resolveRef, `${at}→${ref.split('/').pop()}`, seen));
  }
  const types = ([] as unknown[]).concat(node['type'] ?? []);
  if (types.includes('object') || 'properties' in node) {
    const extra = node['additionalProperties'];
    const isMap = !('properties' in node) && typeof extra === 'object' && extra !== null;
    if (extra !== false && !isMap) out.push(at);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' || value === null || typeof value !== 'object') continue;
    if (key === 'properties') {
      for (const [name, property] of Object.entries(value)) out.push(...looseObjects(property, resolveRef, at === '(root)' ? name : `${at}.${name}`, seen));
    } else {
      out.push(...looseObjects(value, resolveRef, `${at}/${key}`, seen));
    }
  }
  return out;
};

/**
 * The contract rules every declared route must keep:
 * a declaration (routes still on the old spec have none); at least one success response with a
 * body schema or a bodiless status (204/205/304); request bodies and queries strict (hub
 * convention; `convention: 'foreign'` protocols are exempt). Empty when all hold.
 */
export const contractViolations = (routes: readonly HttpRouteSpec[]): ContractViolation[] => {
  const out: ContractViolation[] = [];
  const converter = new SchemaConverter();
  for (const route of routes) {
    const name = route.operation;
    if (!isDeclared(route)) {
      out.push({ operation: `${route.method} ${route.path}`, rule: 'declared', detail: 'no route declaration (responses, schemas): convert it with defineRoutes' });
      continue;
    }
    const successes = Object.entries(route.responses).filter(([status]) => Number(status) >= 200 && Number(status) < 400);
    if (!successes.some(([status, r]) => r.body !== undefined || BODILESS_STATUSES.has(Number(status)))) {
      out.push({ operation: name, rule: 'success-response', detail: `no success response with a body schema or a bodiless status (declared: ${successes.map(([s]) => s).join(', ') || 'none'})` });
    }
    if (route.convention === 'foreign') continue;
    const accepts = route.accepts ?? (route.body ? ['application/json'] : []);
    if (accepts.some(isJsonMediaType) && !route.body) out.push({ operation: name, rule: 'strict-input', detail: 'accepts JSON without a body schema' });
    for (const [where, schema] of [['body', route.body], ['query', route.query]] as const) {
      if (!schema) continue;
      const json = converter.convert(schema, 'input', name, where);
      for (const at of looseObjects(json, (ref) => converter.resolve({ $ref: ref }))) out.push({ operation: name, rule: 'strict-input', detail: `${where} object at ${at} accepts unknown keys (use z.strictObject, or z.record for a map)` });
    }
  }
  return out;
};
