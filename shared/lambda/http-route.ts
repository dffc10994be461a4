import type { z } from 'zod';
import type { Principal, Role, Scope } from '../domain/auth/principal.js';
import type { RateClass } from '../domain/rate-limit/token-bucket.js';

/** Media types a route may accept or answer. JSON-like types are parsed and validated; the others arrive as text. */
export type MediaType =
  | 'application/json'
  | 'application/merge-patch+json'
  | 'text/csv'
  | 'application/x-ndjson'
  | 'text/html'
  | 'text/plain'
  | 'application/octet-stream'
  | 'text/markdown'
  | 'text/css'
  | 'text/javascript'
  | 'image/svg+xml';

export const JSON_MEDIA_TYPES: readonly MediaType[] = ['application/json', 'application/merge-patch+json'];

/** Problem statuses a route may answer besides its declared successes (RFC 9457 bodies). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503;

/** One declared response of a route: its schema is what the route promises to send. */
export interface ResponseDecl {
  description: string;
  /** Body schema; absent for bodiless answers (204). For text media types the body is a string. */
  body?: z.ZodType;
  /** Default `application/json`. */
  mediaType?: MediaType;
  /**
   * Other media types the same status may come as, each with its own body schema. The handler
   * picks one with its `content-type` header; a JSON one is serialised as JSON by the router.
   * @example alternatives: { 'application/json': TrainingPageSchema } // beside an NDJSON `body`
   */
  alternatives?: Readonly<Partial<Record<MediaType, z.ZodType>>>;
  /** Response headers the route sets, for the documentation (`Location`, `Retry-After`, `Deprecation` …). */
  headers?: Readonly<Record<string, { description: string; schema?: z.ZodType }>>;
}

/**
 * Each media type a declared response may come as, with its body schema: the response's own
 * (default `application/json`) first, then its alternatives.
 * @example responseContent({ description: 'rows', body: z.string(), mediaType: 'application/x-ndjson', alternatives: { 'application/json': Page } })
 * // [['application/x-ndjson', z.string()], ['application/json', Page]]
 */
export const responseContent = (response: ResponseDecl): Array<[MediaType, z.ZodType | undefined]> => [
  [response.mediaType ?? 'application/json', response.body],
  ...(Object.entries(response.alternatives ?? {}) as Array<[MediaType, z.ZodType]>),
];

/**
 * The one declaration of an HTTP route: method, path, who may call it, what it takes and what it
 * answers. The topology (API Gateway routes), the CDK app, the local bridge, the router (which
 * parses and validates before any handler runs) and the generated documents all read it.
 */
export interface RouteDecl {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path template, e.g. `/v1/customers/{customerId}`. */
  path: string;
  /**
   * `apiKey`: the authorizer resolves a principal (API key or person).
   * `signature`: the sender signs with its own scheme (HubSpot v3, Zoho channel token, ...)
   * and the handler verifies it on the raw body; such routes live under SIGNED_ROUTE_PREFIX.
   * `public`: no principal is needed (static files of the risk console, the API documents).
   */
  auth: 'apiKey' | 'signature' | 'public';
  roles: readonly Role[];
  scope?: Scope;
  summary: string;
  /** Longer Markdown description for the reference page. */
  description?: string;
  /** Grouping in the reference documents. */
  tag: string;
  /**
   * `hub` (default): the hub's conventions (strict queries, problem+json, signed cursors).
   * `foreign`: a protocol that is not ours (signed CRM pushes, Delta Sharing): unknown query
   * parameters are tolerated and the route may answer in the protocol's own error format.
   */
  convention?: 'hub' | 'foreign';
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  /**
   * Body schema for JSON media types. Text media types arrive raw in `input.text`; so does every
   * body of a route that declares `accepts` without `body` (signed pushes: `input.body` is undefined).
   */
  body?: z.ZodType;
  /** Accepted request media types; default `application/json` when a body is declared. */
  accepts?: readonly MediaType[];
  /** False when the body may be empty (then `input.body` is the schema's value for `{}`). */
  bodyRequired?: boolean;
  /** Largest accepted body in bytes (default 1 MB). */
  maxBodyBytes?: number;
  /** A list route: `limit` (1–200, default 50) and a signed `cursor` join the query; see `ListPage`. */
  list?: boolean;
  /**
   * POST routes that create: an `Idempotency-Key` header (1–255 characters) makes a retry with the
   * same key and request answer the first 2xx result again (`Idempotent-Replayed: true`) instead
   * of acting twice; the key with another request is a 422, one still running a 409. Keys are
   * scoped to the caller (principal) and the operation and kept 24 h.
   */
  idempotent?: boolean;
  /**
   * Which rate-limit bucket of the caller a request takes a token from (API-key routes):
   * default `read` for GET, `write` otherwise; `bulk` for routes that start heavy work (imports,
   * exports, backtests). See docs/rate-limits.md.
   */
  rateClass?: RateClass;
  responses: Readonly<Record<number, ResponseDecl>>;
  /** Problem statuses beyond the ones the router adds itself (see `problemStatuses`). */
  errors?: readonly ProblemStatus[];
  /** Deprecated routes answer with `Deprecation` and `Sunset` headers (RFC 9745 / RFC 8594). */
  deprecated?: { since: string; sunset: string; link?: string };
  /** Pairs (status) the e2e suite does not exercise, each with its reason; see the contract test. */
  unexercised?: Readonly<Partial<Record<number, string>>>;
}

/** Reasons for `unexercised` pairs that only contention produces: the e2e suite has none (a resilience suite would inject it). */
export const UNEXERCISED = {
  storageBusy: 'Storage throttling or transaction conflicts (storage_busy): DynamoDB Local does not throttle; needs injected faults',
  versionConflict: 'A version conflict (after any optimistic retries): needs a concurrent writer between read and commit; the suite cannot interleave one',
  rateLimited: 'Rate limit (429 rate_limited): the router answers it alike on every API-key route, before the handler; test/e2e/rate-limits.test.ts exercises it on representative routes of each class',
  idempotencyInProgress: 'Idempotency-Key in progress (409 idempotency_in_progress): the router answers it alike on every idempotent route; test/e2e/idempotency.test.ts exercises it on a representative route',
} as const;

/**
 * Reasons that one representative test covers for every route: the contract coverage does not
 * count these pairs against its 10 % allowance, as long as the status was seen with the same
 * reason on at least one route.
 */
export const REPRESENTATIVE_REASONS: ReadonlySet<string> = new Set([UNEXERCISED.rateLimited, UNEXERCISED.idempotencyInProgress]);

/**
 * The reasons of a route's unexercised pairs: its own, plus the router's shared ones for the
 * statuses the router adds (429 on API-key routes; 409 on idempotent routes that do not answer
 * 409 themselves).
 */
export const unexercisedReasons = (route: RouteDecl): Readonly<Partial<Record<number, string>>> => ({
  ...(route.auth === 'apiKey' ? { 429: UNEXERCISED.rateLimited } : {}),
  ...(route.idempotent && !route.errors?.includes(409) ? { 409: UNEXERCISED.idempotencyInProgress } : {}),
  ...route.unexercised,
});

/** The rate-limit class of a route: its declared one, else `read` for GET and `write` otherwise. */
export const rateClassOf = (route: RouteDecl): RateClass => route.rateClass ?? (route.method === 'GET' ? 'read' : 'write');

/** Every signature-verified route lives under this prefix; the authorizer lets them through. */
export const SIGNED_ROUTE_PREFIX = '/v1/inbound/';

/** A route declaration with its operation name (the key it was declared under). */
export type HttpRouteSpec = RouteDecl & { operation: string };

/**
 * Declares a function's routes, keyed by operation name. The `const` type parameter keeps each
 * schema's type so that `httpFunction` can type every handler's input and output.
 * @example export const routes = defineRoutes({ getThing: { method: 'GET', path: '/v1/things/{id}', ... } });
 */
export const defineRoutes = <const T extends Record<string, RouteDecl>>(routes: T): T => routes;

/** The declarations as a list with their operation names (topology, docs). */
export const routeSpecs = (routes: Record<string, RouteDecl>): HttpRouteSpec[] =>
  Object.entries(routes).map(([operation, decl]) => ({ ...decl, operation }));

/** Statuses a route can answer as problems: its own plus those the router itself produces. */
export const problemStatuses = (route: RouteDecl): ProblemStatus[] => {
  const statuses = new Set<ProblemStatus>(route.errors ?? []);
  if (route.auth === 'apiKey') {
    statuses.add(401);
    statuses.add(403);
    // Rate limits per principal (docs/rate-limits.md).
    statuses.add(429);
  }
  if (route.body || route.accepts) {
    statuses.add(400);
    statuses.add(413);
    statuses.add(415);
    statuses.add(422);
  }
  // Path parameters are percent-decoded first (400 when that fails), then validated (422).
  if (route.params) statuses.add(400);
  if (route.params || route.query || route.headers || route.list) statuses.add(422);
  if (route.idempotent) {
    statuses.add(409);
    statuses.add(422);
  }
  return [...statuses].sort((a, b) => a - b);
};

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
type JsonOnly<R extends RouteDecl> = R['accepts'] extends readonly MediaType[]
  ? Exclude<R['accepts'][number], 'application/json' | 'application/merge-patch+json'> extends never
    ? true
    : false
  : true;

/** Position in a list, as the handler gives it back (any JSON value); the router signs it into a cursor. */
export type ListPosition = string | number | boolean | null | { [key: string]: ListPosition } | ListPosition[];

/** What a handler receives: validated, typed input. Nothing in it needs parsing any more. */
export interface RouteInput<R extends RouteDecl> {
  params: Out<R['params']>;
  query: Out<R['query']>;
  headers: Out<R['headers']>;
  body: R['body'] extends z.ZodType ? (JsonOnly<R> extends true ? z.output<R['body']> : z.output<R['body']> | undefined) : undefined;
  /** The raw body for text media types (CSV, NDJSON) and for signature checks. */
  text: string;
  mediaType: MediaType | undefined;
  principal: R['auth'] extends 'apiKey' ? Principal : Principal | undefined;
  /** Present on list routes: the page size and the position the verified cursor carried. */
  page: R['list'] extends true ? { limit: number; after: ListPosition | undefined } : undefined;
  request: HttpRequestInfo;
}

/** The request's raw pieces that some handlers need (signatures, public URLs). */
export interface HttpRequestInfo {
  method: string;
  path: string;
  requestId: string;
  rawBody: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  params: Record<string, string>;
}

type AlternativeBodyOf<D> = D extends { alternatives: infer A } ? { [K in keyof A]: A[K] extends z.ZodType ? z.input<A[K]> : never }[keyof A] : never;
type BodyOf<D> = D extends { body: infer B extends z.ZodType } ? z.input<B> | AlternativeBodyOf<D> : undefined;

/** What a handler answers: one of the route's declared statuses with a body of its schema. */
export type RouteOutput<R extends RouteDecl> = {
  [S in keyof R['responses'] & number]: {
    status: S;
    headers?: Record<string, string>;
    /** List routes: where the next page starts (absent on the last page). */
    next?: ListPosition;
  } & (BodyOf<R['responses'][S]> extends undefined ? { body?: undefined } : { body: BodyOf<R['responses'][S]> });
}[keyof R['responses'] & number];

export type RouteHandlers<T extends Record<string, RouteDecl>> = {
  [K in keyof T]: (input: RouteInput<T[K]>) => Promise<RouteOutput<T[K]>>;
};
