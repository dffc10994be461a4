import { compileErrors, validate } from '@readme/openapi-parser';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineRoutes, routeSpecs, type HttpRouteSpec } from '../../../shared/lambda/http-route.js';
import { buildOpenApi, contractViolations, looseObjects, UnrepresentableSchemaError } from '../../../shared/lambda/openapi.js';

const at = (value: unknown, ...keys: Array<string | number>): any => keys.reduce<any>((node, key) => node?.[key], value);

const Thing = z.object({ id: z.string(), size: z.number().int().default(1) }).meta({ id: 'TestThing' });

const sample = (): HttpRouteSpec[] =>
  routeSpecs(
    defineRoutes({
      listThings: {
        method: 'GET', path: '/v1/things', auth: 'apiKey', roles: ['admin'], scope: 'customers:read', tag: 'Things', list: true,
        summary: 'List things',
        query: z.strictObject({ colour: z.enum(['red', 'blue']).optional().describe('Only things of this colour') }),
        responses: { 200: { description: 'A page', body: z.object({ things: z.array(Thing), nextCursor: z.string().nullable(), next: z.string().nullable() }) } },
      },
      createThing: {
        method: 'POST', path: '/v1/things/{thingId}', auth: 'apiKey', roles: ['admin', 'crm'], tag: 'Things', idempotent: true,
        summary: 'Create a thing',
        params: z.strictObject({ thingId: z.string().regex(/^t_[a-z]+$/) }),
        body: Thing, accepts: ['application/json', 'text/csv', 'application/x-ndjson'],
        responses: { 201: { description: 'Created', body: Thing, headers: { Location: { description: 'The thing' } } } },
        errors: [409, 429, 503],
      },
      oldThing: {
        method: 'DELETE', path: '/v1/things/{thingId}', auth: 'apiKey', roles: ['admin'], tag: 'Things',
        summary: 'Delete a thing',
        params: z.strictObject({ thingId: z.string() }),
        deprecated: { since: '2026-01-01', sunset: '2026-12-31', link: 'https://example.com/migrate' },
        responses: { 204: { description: 'Deleted' } },
      },
      pushThing: {
        method: 'POST', path: '/v1/inbound/things', auth: 'signature', roles: [], tag: 'Inbound', convention: 'foreign',
        summary: 'A signed push', accepts: ['application/json'],
        responses: { 202: { description: 'Accepted', body: z.string(), mediaType: 'text/plain', alternatives: { 'application/json': z.object({ accepted: z.number().int() }), 'text/css': z.string() } } },
      },
    }),
  );

describe('buildOpenApi', () => {
  const doc = buildOpenApi(sample(), { version: '9.9.9' });
  const op = (path: string, method: string): any => at(doc, 'paths', path, method);

  it('documents path and query parameters from the zod shapes, and limit/cursor on list routes', () => {
    expect(op('/v1/things', 'get').parameters).toEqual([
      { name: 'colour', in: 'query', required: false, description: 'Only things of this colour', schema: { type: 'string', enum: ['red', 'blue'] } },
      { $ref: '#/components/parameters/Limit' },
      { $ref: '#/components/parameters/Cursor' },
    ]);
    expect(at(doc, 'components', 'parameters', 'Limit', 'schema')).toEqual({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
    expect(op('/v1/things/{thingId}', 'post').parameters).toEqual([
      { name: 'thingId', in: 'path', required: true, schema: { type: 'string', pattern: '^t_[a-z]+$' } },
      { $ref: '#/components/parameters/IdempotencyKey' },
    ]);
    expect(at(doc, 'components', 'parameters', 'IdempotencyKey', 'name')).toBe('Idempotency-Key');
  });

  it('describes a body per accepted media type: the input schema for JSON, a string for CSV and NDJSON', () => {
    const body = op('/v1/things/{thingId}', 'post').requestBody;
    expect(body.required).toBe(true);
    expect(body.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/TestThingInput' });
    expect(body.content['text/csv'].schema).toEqual({ type: 'string' });
    expect(body.content['application/x-ndjson'].schema).toEqual({ type: 'string' });
  });

  it('lifts schemas with an id into components, separating input and output forms when they differ', () => {
    expect(at(doc, 'components', 'schemas', 'TestThing', 'required')).toEqual(['id', 'size']);
    expect(at(doc, 'components', 'schemas', 'TestThingInput', 'required')).toEqual(['id']);
    expect(at(op('/v1/things/{thingId}', 'post'), 'responses', '201', 'content', 'application/json', 'schema')).toEqual({ $ref: '#/components/schemas/TestThing' });
    expect(at(op('/v1/things', 'get'), 'responses', '200', 'content', 'application/json', 'schema', 'properties', 'things', 'items')).toEqual({ $ref: '#/components/schemas/TestThing' });
  });

  it('answers problems as application/problem+json for every status the route or the router can produce', () => {
    const responses = op('/v1/things/{thingId}', 'post').responses;
    expect(Object.keys(responses)).toEqual(['201', '400', '401', '403', '409', '413', '415', '422', '429', '503']);
    expect(responses['409']).toEqual({ $ref: '#/components/responses/Problem409' });
    expect(at(doc, 'components', 'responses', 'Problem409', 'content')).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });
    expect(at(doc, 'components', 'responses', 'Problem409', 'x-problem-codes')).toEqual(['agreement_revoked', 'conflict', 'job_final', 'idempotency_in_progress', 'approval_transition_refused', 'alert_transition_refused', 'dispute_transition_refused', 'dispute_already_open', 'incident_transition_refused', 'second_person_required', 'measure_transition_refused', 'policy_transition_refused', 'subscription_pending_approval']);
    expect(Object.keys(at(doc, 'components', 'responses', 'Problem429', 'headers'))).toEqual(['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']);
    expect(Object.keys(at(doc, 'components', 'responses', 'Problem503', 'headers'))).toEqual(['X-Request-Id', 'Retry-After']);
    expect(Object.keys(at(doc, 'components', 'schemas', 'Problem', 'properties'))).toEqual(expect.arrayContaining(['type', 'title', 'status', 'code', 'errors']));
  });

  it('documents declared and deprecation headers, bodiless and text responses', () => {
    expect(Object.keys(op('/v1/things/{thingId}', 'post').responses['201'].headers)).toEqual(['X-Request-Id', 'Idempotent-Replayed', 'Location']);
    const old = op('/v1/things/{thingId}', 'delete');
    expect(old.deprecated).toBe(true);
    expect(old.responses['204'].content).toBeUndefined();
    expect(Object.keys(old.responses['204'].headers)).toEqual(['X-Request-Id', 'Deprecation', 'Sunset', 'Link']);
    expect(op('/v1/inbound/things', 'post').responses['202'].content['text/plain']).toEqual({ schema: { type: 'string' } });
  });

  it('documents every media type a response may come as, each with its own schema', () => {
    const content = op('/v1/inbound/things', 'post').responses['202'].content;
    expect(Object.keys(content)).toEqual(['text/plain', 'application/json', 'text/css']);
    expect(content['application/json'].schema).toMatchObject({ type: 'object', properties: { accepted: { type: 'integer' } }, required: ['accepted'] });
    expect(content['text/css'].schema).toEqual({ type: 'string' });
  });

  it('declares 400 and 422 for every route with path parameters (percent-decoding, then validation)', () => {
    expect(Object.keys(op('/v1/things/{thingId}', 'delete').responses)).toEqual(['204', '400', '401', '403', '422', '429']);
  });

  it('asks API-key routes for the bearer key with their scope, and nothing of public or signed routes', () => {
    expect(op('/v1/things', 'get').security).toEqual([{ apiKey: ['customers:read'] }]);
    expect(op('/v1/things/{thingId}', 'post').security).toEqual([{ apiKey: [] }]);
    expect(op('/v1/inbound/things', 'post').security).toEqual([]);
    expect(at(doc, 'components', 'securitySchemes', 'apiKey')).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(op('/v1/things/{thingId}', 'post')['x-roles']).toEqual(['admin', 'crm']);
  });

  it('is a valid document for the validator too', async () => {
    const result = await validate(structuredClone(doc) as never, { resolve: { external: false } });
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('fails on a transform without a declared output, naming the place and the fix; an explicit .pipe() output passes', () => {
    // Prepare
    const withTransform = (size: z.ZodType) =>
      routeSpecs(defineRoutes({ measure: { method: 'GET', path: '/v1/measure', auth: 'public', roles: [], tag: 'T', summary: 'Measure it', responses: { 200: { description: 'ok', body: z.object({ size }) } } } }));
    // Act
    const failing = () => buildOpenApi(withTransform(z.string().transform((s) => s.length)), { version: '1' });
    const passing = buildOpenApi(withTransform(z.string().transform((s) => s.length).pipe(z.number().int())), { version: '1' });
    // Assess
    expect(failing).toThrow(UnrepresentableSchemaError);
    expect(failing).toThrow(/measure response 200 at properties\.size: Transforms cannot be represented[\s\S]*\.pipe\(z\.number\(\)\)/);
    expect(at(passing, 'paths', '/v1/measure', 'get', 'responses', '200', 'content', 'application/json', 'schema', 'properties', 'size')).toEqual({ type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 });
  });

  it('refuses two different schemas with the same id', () => {
    const a = z.object({ a: z.string() }).meta({ id: 'TestClash' });
    const b = z.object({ b: z.string() }).meta({ id: 'TestClash' });
    const clash = routeSpecs(
      defineRoutes({
        one: { method: 'GET', path: '/one', auth: 'public', roles: [], tag: 'T', summary: 'One thing', responses: { 200: { description: 'ok', body: a } } },
        two: { method: 'GET', path: '/two', auth: 'public', roles: [], tag: 'T', summary: 'Two things', responses: { 200: { description: 'ok', body: b } } },
      }),
    );
    expect(() => buildOpenApi(clash, { version: '1' })).toThrow(/Two different schemas carry the id "TestClash"/);
  });
});

describe('contractViolations', () => {
  const route = (decl: Partial<HttpRouteSpec>): HttpRouteSpec => ({ method: 'POST', path: '/v1/x', auth: 'apiKey', roles: ['admin'], tag: 'T', summary: 'Do x', operation: 'doX', responses: { 200: { description: 'ok', body: z.object({}) } }, ...decl });

  it('reports a route that declares no response schema, but accepts an explicitly bodiless one', () => {
    expect(contractViolations([route({ responses: { 200: { description: 'ok' } } })])).toEqual([{ operation: 'doX', rule: 'success-response', detail: expect.stringContaining('declared: 200') }]);
    expect(contractViolations([route({ responses: { 204: { description: 'done' } } })])).toEqual([]);
    expect(contractViolations([{ ...route({}), responses: undefined as never }])).toEqual([expect.objectContaining({ operation: 'POST /v1/x', rule: 'declared' })]);
  });

  it('reports loose objects in bodies and queries by path, allows maps, exempts foreign protocols', () => {
    const loose = route({ body: z.strictObject({ outer: z.object({ inner: z.string() }), tags: z.record(z.string(), z.string()) }), query: z.object({ q: z.string().optional() }) });
    expect(contractViolations([loose]).map((v) => v.detail)).toEqual([
      expect.stringMatching(/^body object at outer accepts unknown keys/),
      expect.stringMatching(/^query object at \(root\) accepts unknown keys/),
    ]);
    expect(contractViolations([{ ...loose, convention: 'foreign' }])).toEqual([]);
    expect(contractViolations([route({ accepts: ['application/json'] })]).map((v) => v.detail)).toEqual(['accepts JSON without a body schema']);
  });

  it('follows references and unions (looseObjects)', () => {
    const components: Record<string, unknown> = { A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } }, additionalProperties: false }, B: { type: 'object', properties: {} } };
    expect(looseObjects({ anyOf: [{ $ref: '#/components/schemas/A' }, { type: 'object', additionalProperties: { type: 'string' } }] }, (ref) => components[ref.split('/').pop()!])).toEqual(['(root)/anyOf[0]→A.b→B']);
  });
});
