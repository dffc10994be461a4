import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routes } from '../../../infra/topology.js';
import { buildAsyncApiDocument } from '../../../scripts/export-asyncapi.js';
import { apiVersion } from '../../../scripts/export-openapi.js';
import { contractChanges, currentDocuments, readAcknowledged, readSnapshot, runContract, type ContractDocuments } from '../../../scripts/contract.js';
import { compareEvents, compareOpenApi, renderChangelogSection, reviewChanges, type ContractChange, type JsonObject } from '../../../shared/lambda/compat.js';
import { routeSpecs, type HttpRouteSpec } from '../../../shared/lambda/http-route.js';
import { buildOpenApi } from '../../../shared/lambda/openapi.js';

// ---------------------------------------------------------------------------------------------
// Small hand-made documents
// ---------------------------------------------------------------------------------------------

type Json = any;
const json = (schema: Json): Json => ({ content: { 'application/json': { schema } } });
const strict = (properties: Record<string, Json>, required: string[] = Object.keys(properties)): Json => ({ type: 'object', properties, required, additionalProperties: false });

interface OpSpec {
  operationId?: string;
  parameters?: Json[];
  body?: Json;
  response?: Json;
  responses?: Record<string, Json>;
  extra?: Json;
}
const operation = (spec: OpSpec): Json => ({
  operationId: spec.operationId ?? 'op',
  security: [{ apiKey: ['customers:read'] }],
  'x-roles': ['admin', 'crm'],
  ...(spec.parameters ? { parameters: spec.parameters } : {}),
  ...(spec.body ? { requestBody: { required: true, ...json(spec.body) } } : {}),
  responses: spec.responses ?? { 200: { description: 'ok', ...json(spec.response ?? strict({ id: { type: 'string' } })) } },
  ...spec.extra,
});
const openapi = (paths: Record<string, Record<string, Json>>, schemas: Record<string, Json> = {}): JsonObject => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths,
  components: { schemas },
});
/** Before/after documents with one operation `method path` each. */
const pair = (before: OpSpec, after: OpSpec, method = 'post', path = '/v1/x', schemas: [Record<string, Json>, Record<string, Json>] = [{}, {}]) =>
  compareOpenApi(openapi({ [path]: { [method]: operation(before) } }, schemas[0]), openapi({ [path]: { [method]: operation(after) } }, schemas[1]));

const summary = (changes: readonly ContractChange[]): string[] => changes.map((c) => `${c.kind} ${c.rule} @ ${c.where}`);
const breaking = (changes: readonly ContractChange[]): ContractChange[] => changes.filter((c) => c.kind === 'breaking');

describe('compareOpenApi: operations', () => {
  it('reports a removed operation and a renamed path as breaking, the new path as an addition', () => {
    // Prepare
    const before = openapi({ '/v1/a': { get: operation({ operationId: 'a' }), post: operation({ operationId: 'b' }) } });
    const after = openapi({ '/v1/renamed': { get: operation({ operationId: 'a' }) } });

    // Act
    const changes = compareOpenApi(before, after);

    // Assess
    expect(summary(changes)).toEqual([
      'breaking operation-removed @ GET /v1/a',
      'breaking operation-removed @ POST /v1/a',
      'non-breaking operation-added @ GET /v1/renamed',
    ]);
  });

  it('matches paths by shape: renaming a path parameter changes no URL', () => {
    const param = (name: string): Json => ({ name, in: 'path', required: true, schema: { type: 'string' } });
    const before = openapi({ '/v1/customers/{id}': { get: operation({ parameters: [param('id')] }) } });
    const after = openapi({ '/v1/customers/{customerId}': { get: operation({ parameters: [param('customerId')] }) } });
    expect(compareOpenApi(before, after)).toEqual([]);
  });

  it('reports a changed operationId, a removed role and newly required credentials as breaking', () => {
    const changes = compareOpenApi(
      openapi({ '/v1/x': { get: operation({}), put: { ...operation({ operationId: 'pub' }), security: [] } } }),
      openapi({ '/v1/x': { get: { ...operation({ operationId: 'renamed' }), 'x-roles': ['admin', 'partner'] }, put: operation({ operationId: 'pub' }) } }),
    );
    expect(summary(changes)).toEqual([
      'breaking operation-id-changed @ GET /v1/x',
      'breaking role-removed @ GET /v1/x',
      'non-breaking role-added @ GET /v1/x',
      'breaking security-added @ PUT /v1/x',
    ]);
  });

  it('treats a new major version beside the old one as an addition, never compared with it', () => {
    // Prepare: /v2 drops a response field and requires a new body field, which would break /v1.
    const v1 = operation({ operationId: 'getV1', body: strict({ a: { type: 'string' } }), response: strict({ id: { type: 'string' }, grade: { type: 'string' } }) });
    const v2 = operation({ operationId: 'getV2', body: strict({ a: { type: 'string' }, b: { type: 'string' } }), response: strict({ id: { type: 'string' } }) });

    // Act
    const changes = compareOpenApi(openapi({ '/v1/things/{id}': { post: v1 } }), openapi({ '/v1/things/{id}': { post: v1 }, '/v2/things/{thingId}': { post: v2 } }));

    // Assess
    expect(summary(changes)).toEqual(['non-breaking version-added @ POST /v2/things/{thingId}']);
    expect(changes[0]!.message).toContain('/v1/things/{id}');
  });

  it('still reports removing the old version as breaking, naming its successor', () => {
    const changes = compareOpenApi(openapi({ '/v1/things': { get: operation({ operationId: 'v1' }) } }), openapi({ '/v2/things': { get: operation({ operationId: 'v2' }) } }));
    expect(summary(breaking(changes))).toEqual(['breaking operation-removed @ GET /v1/things']);
    expect(changes[0]!.message).toContain('successor: /v2/things');
  });

  it('reports an operation newly marked deprecated as a deprecation with its dates', () => {
    const deprecated = { deprecated: true, 'x-deprecation': { since: '2026-01-01', sunset: '2026-12-31', link: 'https://example.com/m' } };
    const changes = pair({}, { extra: deprecated });
    expect(changes).toEqual([{ kind: 'deprecation', where: 'POST /v1/x', rule: 'operation-deprecated', message: 'deprecated since 2026-01-01; answers until 2026-12-31; see https://example.com/m' }]);
    expect(pair({ extra: deprecated }, { extra: deprecated })).toEqual([]);
  });
});

describe('compareOpenApi: parameters and request bodies (requests may widen, not narrow)', () => {
  const query = (name: string, required: boolean, schema: Json = { type: 'string' }): Json => ({ name, in: 'query', required, schema });

  it('breaks on a new required parameter or one that became required, not on a new optional one', () => {
    expect(summary(pair({ parameters: [] }, { parameters: [query('a', true), query('b', false)] }))).toEqual([
      'breaking required-parameter-added @ POST /v1/x query.a',
      'non-breaking parameter-added @ POST /v1/x query.b',
    ]);
    expect(summary(pair({ parameters: [query('a', false)] }, { parameters: [query('a', true)] }))).toEqual(['breaking parameter-became-required @ POST /v1/x query.a']);
  });

  it('breaks on a removed query parameter (strict queries refuse unknown ones)', () => {
    expect(summary(pair({ parameters: [query('a', false)] }, { parameters: [] }))).toEqual(['breaking parameter-removed @ POST /v1/x query.a']);
  });

  it('breaks on a new required body field, not on a new optional one', () => {
    const changes = pair({ body: strict({ a: { type: 'string' } }) }, { body: strict({ a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } }, ['a', 'b']) });
    expect(summary(changes)).toEqual([
      'breaking required-property-added @ POST /v1/x request body.b',
      'non-breaking property-added @ POST /v1/x request body.c',
    ]);
  });

  it('breaks when an optional body field becomes required, not the other way round', () => {
    const optional = strict({ a: { type: 'string' } }, []);
    const required = strict({ a: { type: 'string' } });
    expect(summary(pair({ body: optional }, { body: required }))).toEqual(['breaking property-became-required @ POST /v1/x request body.a']);
    expect(summary(pair({ body: required }, { body: optional }))).toEqual(['non-breaking property-became-optional @ POST /v1/x request body.a']);
  });

  it('breaks on a field removed from a strict request object (senders get 422), not from an open one', () => {
    const open = (properties: Record<string, Json>): Json => ({ type: 'object', properties });
    expect(summary(pair({ body: strict({ a: { type: 'string' }, b: { type: 'string' } }, []) }, { body: strict({ a: { type: 'string' } }, []) }))).toEqual(['breaking property-removed @ POST /v1/x request body.b']);
    expect(summary(pair({ body: open({ a: { type: 'string' }, b: { type: 'string' } }) }, { body: open({ a: { type: 'string' } }) }))).toEqual(['non-breaking property-removed @ POST /v1/x request body.b']);
  });

  it('breaks on narrowed request types: string→enum, number→integer, a type removed from a union', () => {
    const body = (grade: Json, amount: Json, id: Json): Json => strict({ grade, amount, id });
    const changes = pair({ body: body({ type: 'string' }, { type: 'number' }, { type: ['string', 'integer'] }) }, { body: body({ type: 'string', enum: ['A', 'B'] }, { type: 'integer' }, { type: 'string' }) });
    expect(summary(changes)).toEqual([
      'breaking enum-added @ POST /v1/x request body.grade',
      'breaking type-narrowed @ POST /v1/x request body.amount',
      'breaking union-branch-removed @ POST /v1/x request body.id',
    ]);
  });

  it('accepts widened request types: enum→string, integer→number, a type added to a union, null accepted', () => {
    const body = (grade: Json, amount: Json, id: Json): Json => strict({ grade, amount, id });
    const changes = pair({ body: body({ type: 'string', enum: ['A'] }, { type: 'integer' }, { type: 'string' }) }, { body: body({ type: 'string' }, { type: 'number' }, { anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] }) });
    expect(breaking(changes)).toEqual([]);
    expect(summary(changes)).toEqual([
      'non-breaking enum-removed @ POST /v1/x request body.grade',
      'non-breaking type-widened @ POST /v1/x request body.amount',
      'non-breaking union-branch-added @ POST /v1/x request body.id',
      'non-breaking null-added @ POST /v1/x request body.id',
    ]);
  });

  it('breaks when a request enum loses values, not when it gains some', () => {
    const grade = (values: string[]): Json => strict({ grade: { type: 'string', enum: values } });
    expect(summary(pair({ body: grade(['A', 'B', 'C']) }, { body: grade(['A', 'B', 'D']) }))).toEqual([
      'breaking enum-value-removed @ POST /v1/x request body.grade',
      'non-breaking enum-value-added @ POST /v1/x request body.grade',
    ]);
  });

  it('breaks on tighter request bounds and a new pattern, not on looser ones', () => {
    const name = (schema: Json): Json => strict({ name: { type: 'string', ...schema } });
    expect(summary(pair({ body: name({ maxLength: 100 }) }, { body: name({ maxLength: 50, pattern: '^[a-z]+$' }) }))).toEqual([
      'breaking pattern-added @ POST /v1/x request body.name',
      'breaking constraint-tightened @ POST /v1/x request body.name',
    ]);
    expect(breaking(pair({ body: name({ maxLength: 50, minLength: 2 }) }, { body: name({ maxLength: 100 }) }))).toEqual([]);
  });

  it('breaks when a request body becomes required or loses a media type', () => {
    const before = openapi({ '/v1/x': { post: { ...operation({}), requestBody: { required: false, content: { 'application/json': { schema: {} }, 'text/csv': { schema: { type: 'string' } } } } } } });
    const after = openapi({ '/v1/x': { post: { ...operation({}), requestBody: { required: true, content: { 'application/json': { schema: {} } } } } } });
    expect(summary(compareOpenApi(before, after))).toEqual(['breaking request-body-became-required @ POST /v1/x request', 'breaking request-media-type-removed @ POST /v1/x request']);
  });
});

describe('compareOpenApi: responses (responses may narrow, not widen)', () => {
  it('breaks on a response field removed inside a $ref component, at its place in the body', () => {
    // Prepare: the field lives in components.schemas.Item, reached through items[].
    const page = { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Item' } } }, required: ['items'] };
    const item = (properties: Record<string, Json>): Json => strict(properties, ['id']);

    // Act
    const changes = pair(
      { response: page },
      { response: page },
      'get',
      '/v1/x',
      [{ Item: item({ id: { type: 'string' }, grade: { type: 'string' } }) }, { Item: item({ id: { type: 'string' }, score: { type: 'number' } }) }],
    );

    // Assess
    expect(summary(changes)).toEqual(['breaking property-removed @ GET /v1/x 200 body.items[].grade', 'non-breaking property-added @ GET /v1/x 200 body.items[].score']);
  });

  it('breaks when a response field becomes optional, not when it becomes required', () => {
    const optional = strict({ a: { type: 'string' } }, []);
    const required = strict({ a: { type: 'string' } });
    expect(summary(pair({ response: required }, { response: optional }))).toEqual(['breaking property-became-optional @ POST /v1/x 200 body.a']);
    expect(breaking(pair({ response: optional }, { response: required }))).toEqual([]);
  });

  it('breaks when a response enum gains values (strict clients), not when it loses some', () => {
    const status = (values: string[]): Json => strict({ status: { type: 'string', enum: values } });
    expect(summary(pair({ response: status(['open']) }, { response: status(['open', 'closed']) }))).toEqual(['breaking enum-value-added @ POST /v1/x 200 body.status']);
    expect(summary(pair({ response: status(['open', 'closed']) }, { response: status(['open']) }))).toEqual(['non-breaking enum-value-removed @ POST /v1/x 200 body.status']);
  });

  it('breaks on widened response types (integer→number, may now be null, a new union branch), not on narrowed ones', () => {
    const body = (count: Json, score: Json): Json => strict({ count, score });
    expect(summary(pair({ response: body({ type: 'integer' }, { type: 'number' }) }, { response: body({ type: 'number' }, { type: ['number', 'null'] }) }))).toEqual([
      'breaking type-widened @ POST /v1/x 200 body.count',
      'breaking null-added @ POST /v1/x 200 body.score',
    ]);
    expect(breaking(pair({ response: body({ type: 'number' }, { type: ['number', 'null'] }) }, { response: body({ type: 'integer' }, { type: 'number' }) }))).toEqual([]);
  });

  it('matches discriminated union branches by their constant: a new kind breaks a response, not a request', () => {
    const kind = (k: string, extra: Record<string, Json> = {}): Json => strict({ kind: { type: 'string', const: k }, ...extra });
    const before = { type: 'array', items: { oneOf: [kind('trim'), kind('map', { map: { type: 'object' } })] } };
    const after = { type: 'array', items: { oneOf: [kind('map', { map: { type: 'object' } }), kind('trim'), kind('upper')] } };
    expect(summary(pair({ response: strict({ t: before }) }, { response: strict({ t: after }) }))).toEqual(['breaking union-branch-added @ POST /v1/x 200 body.t[]']);
    expect(summary(pair({ body: strict({ t: before }) }, { body: strict({ t: after }) }))).toEqual(['non-breaking union-branch-added @ POST /v1/x request body.t[]']);
    const removed = { type: 'array', items: { oneOf: [kind('map', { map: { type: 'object' }, extra: { type: 'string' } })] } };
    expect(summary(pair({ body: strict({ t: before }) }, { body: strict({ t: removed }) }))).toEqual([
      'breaking required-property-added @ POST /v1/x request body.t[](kind=map).extra',
      'breaking union-branch-removed @ POST /v1/x request body.t[]',
    ]);
  });

  it('breaks on a removed success status, media type or header; a new problem status is an addition', () => {
    const headers = { Location: { schema: { type: 'string' } } };
    const before = { 201: { description: 'made', headers, ...json({}) }, 204: { description: 'none' } };
    const after = { 201: { description: 'made', content: { 'text/csv': { schema: { type: 'string' } } } }, 409: { $ref: '#/components/responses/Problem409' } };
    expect(summary(pair({ responses: before }, { responses: after }))).toEqual([
      'breaking response-removed @ POST /v1/x 204',
      'non-breaking response-added @ POST /v1/x 409',
      'breaking response-header-removed @ POST /v1/x 201 header.Location',
      'breaking response-media-type-removed @ POST /v1/x 201',
      'breaking response-media-type-added @ POST /v1/x 201',
    ]);
  });

  it('follows recursive components without looping and finds a change deep inside', () => {
    const node = (extra: Record<string, Json>): Json => strict({ name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, ...extra }, ['name', 'children']);
    const changes = pair({ response: { $ref: '#/components/schemas/Node' } }, { response: { $ref: '#/components/schemas/Node' } }, 'get', '/v1/x', [
      { Node: node({ size: { type: 'integer' } }) },
      { Node: node({}) },
    ]);
    expect(summary(changes)).toEqual(['breaking property-removed @ GET /v1/x 200 body.size']);
  });
});

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

const asyncapi = (messages: Record<string, Json>, channels: Record<string, string[]> = { webhook: Object.keys(messages) }): JsonObject => ({
  asyncapi: '3.0.0',
  channels: Object.fromEntries(Object.entries(channels).map(([name, keys]) => [name, { address: null, messages: Object.fromEntries(keys.map((k) => [k, { $ref: `#/components/messages/${k}` }])) }])),
  components: {
    schemas: Object.fromEntries(Object.entries(messages).map(([k, payload]) => [k, payload])),
    messages: Object.fromEntries(Object.keys(messages).map((k) => [k, { name: k.replace(/\.v\d+$/, ''), contentType: 'application/json', payload: { $ref: `#/components/schemas/${k}` } }])),
  },
});
const envelope = (data: Record<string, Json>, required = Object.keys(data)): Json => strict({ id: { type: 'string' }, data: strict(data, required) });

describe('compareEvents', () => {
  it('breaks on a removed event field or a new value of an event enum, not on a new field', () => {
    const before = asyncapi({ 'rating.changed.v1': envelope({ grade: { type: 'string', enum: ['A', 'B'] }, score: { type: 'number' } }) });
    const after = asyncapi({ 'rating.changed.v1': envelope({ grade: { type: 'string', enum: ['A', 'B', 'C'] }, pd: { type: 'number' } }) });
    expect(summary(compareEvents(before, after))).toEqual([
      'breaking property-removed @ event rating.changed.v1 payload.data.score',
      'non-breaking property-added @ event rating.changed.v1 payload.data.pd',
      'breaking enum-value-added @ event rating.changed.v1 payload.data.grade',
    ]);
  });

  it('breaks on a removed event type and on an event no longer sent on a channel', () => {
    const before = asyncapi({ 'a.v1': envelope({}), 'b.v1': envelope({}) }, { webhook: ['a.v1', 'b.v1'], results: ['a.v1', 'b.v1'] });
    const after = asyncapi({ 'a.v1': envelope({}) }, { webhook: ['a.v1'] });
    expect(summary(compareEvents(before, after))).toEqual([
      'breaking event-removed @ event b.v1',
      'breaking channel-removed @ channel results',
    ]);
    const dropped = asyncapi({ 'a.v1': envelope({}), 'b.v1': envelope({}) }, { webhook: ['a.v1'], results: ['a.v1', 'b.v1'] });
    expect(summary(compareEvents(before, dropped))).toEqual(['breaking channel-message-removed @ channel webhook event b.v1']);
  });

  it('treats type.v2 beside type.v1 as an addition, never compared with v1; dropping v1 still breaks', () => {
    const v1 = envelope({ grade: { type: 'string' } });
    const v2 = envelope({ rating: { type: 'object' } });
    expect(summary(compareEvents(asyncapi({ 'rating.changed.v1': v1 }), asyncapi({ 'rating.changed.v1': v1, 'rating.changed.v2': v2 })))).toEqual([
      'non-breaking event-version-added @ event rating.changed.v2',
    ]);
    const replaced = compareEvents(asyncapi({ 'rating.changed.v1': v1 }), asyncapi({ 'rating.changed.v2': v2 }));
    expect(summary(breaking(replaced))).toEqual(['breaking event-removed @ event rating.changed.v1']);
    expect(replaced[0]!.message).toContain('rating.changed.v2');
  });
});

// ---------------------------------------------------------------------------------------------
// The real declarations and documents
// ---------------------------------------------------------------------------------------------

const ROOT = new URL('../../../', import.meta.url);
const readDoc = (path: string): JsonObject => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8')) as JsonObject;
const VERSION = apiVersion();
const realRoutes = (): HttpRouteSpec[] => routes.map((route) => ({ ...route }));
const realOpenApi = buildOpenApi(realRoutes(), { version: VERSION });
const at = (value: unknown, ...keys: string[]): Json => keys.reduce<Json>((node, key) => node?.[key], value);

describe('the checker on the real contract', () => {
  it('finds the committed documents compatible with the last release snapshot (nothing breaking unacknowledged)', () => {
    // Prepare
    const snapshot = readSnapshot();
    expect(snapshot, 'docs/contract-snapshot is missing: npm run contract:release').toBeDefined();

    // Act
    const { http, events } = contractChanges(snapshot!, { openapi: readDoc('docs/openapi.json'), events: readDoc('docs/asyncapi.json') });
    const review = reviewChanges([...http, ...events], readAcknowledged());

    // Assess
    expect(review.unacknowledged).toEqual([]);
    expect(review.stale).toEqual([]);
  });

  it('reports a new required body field declared on a copy of a real route as breaking, and the original as clean', () => {
    // Prepare: createSubscription's body gains a required field; its other routes stay as they are.
    const broken = realRoutes().map((route) =>
      route.operation === 'createSubscription' ? { ...route, body: (route.body as z.ZodObject).extend({ callbackSecretHint: z.string().min(1) }) } : route,
    );

    // Act
    const changes = compareOpenApi(realOpenApi, buildOpenApi(broken, { version: VERSION }));
    const reverted = compareOpenApi(realOpenApi, buildOpenApi(realRoutes(), { version: VERSION }));

    // Assess
    expect(summary(changes)).toEqual(['breaking required-property-added @ POST /v1/subscriptions request body.callbackSecretHint']);
    expect(reverted).toEqual([]);
  });

  it('accepts an optional body field on a real route as non-breaking', () => {
    const widened = realRoutes().map((route) => (route.operation === 'createSubscription' ? { ...route, body: (route.body as z.ZodObject).extend({ label: z.string().optional() }) } : route));
    expect(summary(compareOpenApi(realOpenApi, buildOpenApi(widened, { version: VERSION })))).toEqual(['non-breaking property-added @ POST /v1/subscriptions request body.label']);
  });

  it('reports a field removed from a real response component as breaking at every operation that answers it', () => {
    // Prepare: CustomerProfile is a component ($ref) inside several responses.
    const broken = structuredClone(realOpenApi);
    delete at(broken, 'components', 'schemas', 'CustomerProfile', 'properties').rating;

    // Act
    const changes = compareOpenApi(realOpenApi, broken);

    // Assess
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.kind === 'breaking' && c.rule === 'property-removed' && c.where.endsWith('.rating'))).toBe(true);
    expect(changes.map((c) => c.where)).toContain('GET /v1/customers/{customerId} 200 body.profile.rating');
  });

  it('treats a /v2/ copy of a real route with an incompatible shape as an addition', () => {
    // Prepare: v2 of getCustomer requires a query parameter and answers a different body.
    const v1 = realRoutes().find((route) => route.operation === 'getCustomer')!;
    const v2: HttpRouteSpec = {
      ...v1,
      operation: 'getCustomerV2',
      path: v1.path.replace(/^\/v1\//, '/v2/'),
      query: z.strictObject({ view: z.enum(['full', 'summary']) }),
      responses: { 200: { description: 'The profile, v2', body: z.object({ customer: z.object({ id: z.string() }) }) } },
    };

    // Act
    const changes = compareOpenApi(realOpenApi, buildOpenApi([...realRoutes(), v2], { version: VERSION }));

    // Assess
    expect(summary(changes)).toEqual(['non-breaking version-added @ GET /v2/customers/{customerId}']);
  });

  it('reports a field removed from a real event as breaking; rating.changed.v2 beside v1 is an addition', () => {
    // Prepare
    const events = buildAsyncApiDocument() as JsonObject;
    const broken = structuredClone(events);
    delete at(broken, 'components', 'schemas', 'rating.changed.v1', 'properties', 'data', 'properties').current;
    const withV2 = structuredClone(events) as Json;
    const v2Payload = structuredClone(withV2.components.schemas['rating.changed.v1']);
    delete v2Payload.properties.data.properties.previous;
    v2Payload.properties.version = { type: 'number', const: 2 };
    withV2.components.schemas['rating.changed.v2'] = v2Payload;
    withV2.components.messages['rating.changed.v2'] = { ...withV2.components.messages['rating.changed.v1'], payload: { $ref: '#/components/schemas/rating.changed.v2' } };
    for (const channel of ['webhook', 'results', 'resultsFifo']) withV2.channels[channel].messages['rating.changed.v2'] = { $ref: '#/components/messages/rating.changed.v2' };

    // Act
    const removed = compareEvents(events, broken);
    const versioned = compareEvents(events, withV2);

    // Assess
    expect(summary(removed).filter((s) => s.startsWith('breaking'))).toContain('breaking property-removed @ event rating.changed.v1 payload.data.current');
    expect(breaking(versioned)).toEqual([]);
    expect(summary(versioned)).toContain('non-breaking event-version-added @ event rating.changed.v2');
  });
});

describe('the checker on a new real event type', () => {
  it('reports a new event type as an addition, although the SQS eventType attribute enum gains it', () => {
    // Prepare: a new message on every channel, its type added to the eventType attribute's enum.
    const events = buildAsyncApiDocument() as Json;
    const next = structuredClone(events);
    next.components.schemas['customer.archived.v1'] = structuredClone(events.components.schemas['customer.frozen.v1']);
    next.components.messages['customer.archived.v1'] = { ...events.components.messages['customer.frozen.v1'], name: 'customer.archived', payload: { $ref: '#/components/schemas/customer.archived.v1' } };
    for (const channel of ['webhook', 'results', 'resultsFifo']) next.channels[channel].messages['customer.archived.v1'] = { $ref: '#/components/messages/customer.archived.v1' };
    next.components.schemas.SqsMessageAttributes.properties.eventType.properties.StringValue.enum.push('customer.archived');

    // Act
    const changes = compareEvents(events, next);

    // Assess
    expect(summary(changes)).toEqual(['non-breaking event-added @ event customer.archived.v1']);
  });

  it('still reports a removed webhook header as breaking', () => {
    const events = buildAsyncApiDocument() as Json;
    const next = structuredClone(events);
    delete next.components.schemas.WebhookHeaders.properties['webhook-timestamp'];
    expect(summary(breaking(compareEvents(events, next)))).toEqual(['breaking property-removed @ webhook headers.webhook-timestamp']);
  });
});

describe('deprecation in the OpenAPI document', () => {
  const route = (deprecated: HttpRouteSpec['deprecated']): HttpRouteSpec[] =>
    routeSpecs({ oldDrill: { method: 'POST', path: '/v1/drills/old', auth: 'apiKey', roles: ['admin'], summary: 'Old drill', tag: 't', deprecated, responses: { 204: { description: 'done' } } } });

  it('marks a deprecated route deprecated with its dates and the Deprecation, Sunset and Link headers', () => {
    const doc = buildOpenApi(route({ since: '2026-01-01', sunset: '2026-12-31', link: 'https://example.com/what-if' }), { version: '1' });
    const op = at(doc, 'paths', '/v1/drills/old', 'post');
    expect(op.deprecated).toBe(true);
    expect(op['x-deprecation']).toEqual({ since: '2026-01-01', sunset: '2026-12-31', link: 'https://example.com/what-if' });
    expect(Object.keys(op.responses['204'].headers)).toEqual(['X-Request-Id', 'Deprecation', 'Sunset', 'Link']);
  });

  it('refuses deprecation dates the router could not send', () => {
    expect(() => buildOpenApi(route({ since: 'soon', sunset: '2026-12-31' }), { version: '1' })).toThrow(/since "soon" is not a date/);
    expect(() => buildOpenApi(route({ since: '2026-12-31', sunset: '2026-01-01' }), { version: '1' })).toThrow(/sunset is not after since/);
    expect(() => buildOpenApi(route({ since: '2026-01-01', sunset: '2026-12-31', link: 'docs/what-if' }), { version: '1' })).toThrow(/not an absolute URL/);
  });
});

// ---------------------------------------------------------------------------------------------
// The gate and the changelog (npm run contract:check / contract:release)
// ---------------------------------------------------------------------------------------------

describe('contract:check and contract:release', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const workspace = (): { snapshotDir: string; changelog: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-'));
    dirs.push(dir);
    return { snapshotDir: join(dir, 'snapshot'), changelog: join(dir, 'CHANGELOG-api.md') };
  };
  const quiet = { log: () => undefined, error: () => undefined };
  const released: ContractDocuments = { openapi: realOpenApi, events: buildAsyncApiDocument() as JsonObject };

  it('fails without a snapshot; the first release writes it and a baseline entry', () => {
    const files = workspace();
    expect(runContract({ command: 'check', current: released, ...files, ...quiet })).toBe(1);
    expect(runContract({ command: 'release', current: released, date: '2026-01-05', version: '1.0.0', ...files, ...quiet })).toBe(0);
    expect(readFileSync(files.changelog, 'utf8')).toMatch(/## 1\.0\.0 — 2026-01-05\n\nFirst published contract: \d+ paths, \d+ event messages\./);
    expect(runContract({ command: 'check', current: released, ...files, ...quiet })).toBe(0);
  });

  it('exits 1 on an unacknowledged breaking change, 0 once acknowledged; the release records it and moves the snapshot', () => {
    // Prepare: released contract, then a response field removed and an operation deprecated.
    const files = workspace();
    runContract({ command: 'release', current: released, date: '2026-01-05', version: '1.0.0', ...files, ...quiet });
    const next = structuredClone(released) as Json;
    delete next.openapi.components.schemas.CustomerProfile.properties.freeze;
    next.openapi.paths['/v1/drills/default'].post.deprecated = true;
    const errors: string[] = [];

    // Act
    const failing = runContract({ command: 'check', current: next, ...files, log: () => undefined, error: (line) => errors.push(line) });
    const breakingNow = breaking([...contractChanges(released, next).http]);
    writeFileSync(join(files.snapshotDir, 'acknowledged.json'), JSON.stringify({ acknowledged: breakingNow.map(({ rule, where }) => ({ rule, where, reason: 'freeze moved to GET /v1/customers/{id}/freeze; all CRM connectors updated' })) }));
    const acknowledged = runContract({ command: 'check', current: next, ...files, ...quiet });
    const release = runContract({ command: 'release', current: next, date: '2026-02-01', version: '2.0.0', ...files, ...quiet });

    // Assess
    expect(failing).toBe(1);
    expect(errors.join('\n')).toContain('"where": "GET /v1/customers/{customerId} 200 body.profile.freeze"');
    expect(acknowledged).toBe(0);
    expect(release).toBe(0);
    const changelog = readFileSync(files.changelog, 'utf8');
    expect(changelog.indexOf('## 2.0.0 — 2026-02-01')).toBeLessThan(changelog.indexOf('## 1.0.0 — 2026-01-05'));
    expect(changelog).toContain('### Breaking\n\n- `POST /v1/customers/merge 200 body.survivor.freeze`');
    expect(changelog).toContain('- `GET /v1/customers/{customerId} 200 body.profile.freeze` — optional field removed (`property-removed`). Acknowledged: freeze moved');
    expect(changelog).toContain('### Deprecated\n\n- `POST /v1/drills/default` — deprecated (`operation-deprecated`)');
    expect(readAcknowledged(files.snapshotDir)).toEqual([]);
    expect(runContract({ command: 'check', current: next, ...files, ...quiet })).toBe(0);
    expect(compareOpenApi(readSnapshot(files.snapshotDir)!.openapi, next.openapi)).toEqual([]);
  });

  it('refuses an acknowledgement without a reason', () => {
    const files = workspace();
    runContract({ command: 'release', current: released, date: '2026-01-05', version: '1.0.0', ...files, ...quiet });
    writeFileSync(join(files.snapshotDir, 'acknowledged.json'), JSON.stringify({ acknowledged: [{ rule: 'property-removed', where: 'GET /v1/x 200 body.a', reason: '' }] }));
    expect(() => runContract({ command: 'check', current: released, ...files, ...quiet })).toThrow(/say why/);
  });

  it('renders added, compatible and deprecated changes in their sections', () => {
    const section = renderChangelogSection({
      version: '1.1.0',
      date: '2026-03-01',
      acknowledged: [],
      changes: [
        { kind: 'non-breaking', where: 'GET /v1/a', rule: 'operation-added', message: 'new operation: A' },
        { kind: 'non-breaking', where: 'POST /v1/b request body.c', rule: 'property-became-optional', message: 'required → optional' },
        { kind: 'deprecation', where: 'POST /v1/drills/default', rule: 'operation-deprecated', message: 'deprecated since 2026-03-01' },
      ],
    });
    expect(section.split('\n').filter((l) => l.startsWith('#'))).toEqual(['## 1.1.0 — 2026-03-01', '### Added', '### Changed (compatible)', '### Deprecated']);
    expect(renderChangelogSection({ version: '1', date: '2026-03-01', acknowledged: [], changes: [] })).toBe('');
  });

  it('generates the same documents as committed, so check compares what npm run docs publishes', () => {
    const current = currentDocuments();
    expect(compareOpenApi(readDoc('docs/openapi.json'), current.openapi)).toEqual([]);
    expect(compareEvents(readDoc('docs/asyncapi.json'), current.events)).toEqual([]);
  });
});
