/**
 * The compatibility checker of the published contract: compares two OpenAPI 3.1 documents
 * (`compareOpenApi`) or two AsyncAPI 3.0 event documents (`compareEvents`) and lists every change
 * a client could notice, each classified as `breaking`, `non-breaking` or `deprecation`.
 * Build- and test-time only (scripts/contract.ts, tests): no function imports this module (lint rule).
 *
 * The rules follow the common rule sets (oasdiff, Redocly's diff rules), with direction mattering:
 * a request may widen but not narrow (a client's valid request must stay valid), a response may
 * narrow but not widen (a client must understand everything it receives). So:
 * - removed path, operation, operation id, event type or version, channel: breaking;
 * - request: a new required field or parameter, a field or parameter that became required, a
 *   narrowed type (number→integer, a type or union branch removed, string→enum, enum values
 *   removed, tighter bounds, a new or changed pattern or format), a removed field of a strict
 *   object (`additionalProperties: false`: clients sending it get 422): breaking;
 * - response and event payload: a removed field, a field that became optional, a widened type
 *   (integer→number, a new type or union branch, null allowed), enum values added or an enum
 *   dropped, looser bounds, a removed or changed pattern or format, a removed success status,
 *   media type or header: breaking;
 * - the opposite directions and every addition (optional request field, response field, path,
 *   operation, event type): non-breaking; an operation newly marked `deprecated`: deprecation.
 * A new major version is not a change to the old one: `/v2/...` beside `/v1/...` and a message
 * `type.v2` beside `type.v1` are additions, never compared with the old version.
 */

/** A JSON (Schema / OpenAPI / AsyncAPI) object as plain data. */
export type JsonObject = { [key: string]: unknown };

export type ChangeKind = 'breaking' | 'non-breaking' | 'deprecation';

/** One difference between two contract documents. */
export interface ContractChange {
  kind: ChangeKind;
  /** Where, for people: `GET /v1/x 200 body.items[].grade`, `POST /v1/x request body.name`, `event rating.changed.v1 payload.data.grade`. */
  where: string;
  /** Stable rule id (`property-removed`, `enum-value-added` …): what an acknowledgement names. */
  rule: string;
  message: string;
}

type Direction = 'request' | 'response';

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const obj = (value: unknown): JsonObject => (isObject(value) ? value : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] => list(value).filter((v): v is string => typeof v === 'string');
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
/** Equal and free of `$ref`s: the same text can reference different targets in the two documents. */
const identical = (a: unknown, b: unknown): boolean => {
  const text = JSON.stringify(a);
  return text === JSON.stringify(b) && !text.includes('"$ref"');
};
const show = (value: unknown): string => JSON.stringify(value);

/**
 * Follows local `$ref`s (`#/components/...`) inside one document; siblings of a `$ref` (3.1)
 * override the target's keys. Cycles end at the last reference.
 */
const resolverFor = (document: JsonObject) => {
  const pointer = (ref: string): unknown => {
    if (!ref.startsWith('#/')) return undefined;
    let node: unknown = document;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      node = isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
    }
    return node;
  };
  return (node: unknown): { node: unknown; refs: string[] } => {
    const refs: string[] = [];
    let current = node;
    while (isObject(current) && typeof current['$ref'] === 'string' && !refs.includes(current['$ref'])) {
      const { $ref, ...siblings } = current;
      refs.push($ref as string);
      const target = pointer($ref as string);
      current = isObject(target) ? { ...target, ...siblings } : target;
    }
    return { node: current, refs };
  };
};
type Resolver = ReturnType<typeof resolverFor>;

/** Collects changes; `direction` decides which of a pair of opposite changes breaks. */
class Findings {
  readonly changes: ContractChange[] = [];

  add(kind: ChangeKind, where: string, rule: string, message: string): void {
    this.changes.push({ kind, where, rule, message });
  }

  /** A change that breaks in one direction only: `breaksIn` is the direction where it breaks. */
  directed(direction: Direction, breaksIn: Direction | 'both', where: string, rule: string, message: string): void {
    this.add(breaksIn === 'both' || breaksIn === direction ? 'breaking' : 'non-breaking', where, rule, message);
  }
}

// ---------------------------------------------------------------------------------------------
// JSON Schema trees
// ---------------------------------------------------------------------------------------------

interface SchemaContext {
  direction: Direction;
  before: Resolver;
  after: Resolver;
  findings: Findings;
}

/** Lower bounds (a larger value is tighter) and upper bounds (a smaller value is tighter). */
const LOWER_BOUNDS = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'] as const;
const UPPER_BOUNDS = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'] as const;

const typesOf = (schema: JsonObject): string[] | undefined => {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return strings(type);
  return undefined;
};

/** The enum a schema allows (`const` is an enum of one), or undefined when it allows any value of its type. */
const enumOf = (schema: JsonObject): unknown[] | undefined => {
  if (Array.isArray(schema['enum'])) return schema['enum'];
  if ('const' in schema) return [schema['const']];
  return undefined;
};

/**
 * The branches of a schema: its `anyOf`/`oneOf` alternatives (flattened) and one branch per type of
 * a `type` array, so `type: ['string', 'null']` and `anyOf: [string, null]` compare alike.
 */
const branchesOf = (schema: unknown, resolve: Resolver, depth = 0): JsonObject[] => {
  const { node } = resolve(schema);
  if (node === true || node === undefined) return [{}];
  if (!isObject(node)) return [{ not: {} }];
  const union = Array.isArray(node['anyOf']) ? node['anyOf'] : Array.isArray(node['oneOf']) ? node['oneOf'] : undefined;
  if (union && depth < 8) {
    const { anyOf: _a, oneOf: _o, ...rest } = node;
    return union.flatMap((branch) => branchesOf(branch, resolve, depth + 1).map((b) => ({ ...rest, ...b })));
  }
  const types = typesOf(node);
  if (types && types.length > 1) return types.map((type) => ({ ...node, type }));
  return [node];
};

/** What identifies a union branch across versions: its discriminating constants, else its const, else its type. */
const branchKey = (branch: JsonObject): string => {
  const discriminators = Object.entries(obj(branch['properties']))
    .filter(([, property]) => isObject(property) && 'const' in property)
    .map(([name, property]) => `${name}=${String((property as JsonObject)['const'])}`)
    .sort();
  const type = (typesOf(branch) ?? ['any']).join('|');
  if (discriminators.length > 0) return `${type} ${discriminators.join(',')}`;
  if ('const' in branch) return `const ${show(branch['const'])}`;
  return type;
};

/** `object kind=map` → `kind=map`, `const "trim"` → `"trim"`, `string` → `string`. */
const branchLabel = (key: string): string => key.replace(/^const /, '').replace(/^\S+ (?=\S+=)/, '');

/** `number` accepts every `integer`: the one pair of JSON Schema types where one contains the other. */
const WIDER_TYPE: Readonly<Record<string, string>> = { integer: 'number' };

/**
 * Compares two schemas at `where` in a direction (the OpenAPI and event walkers share it); each
 * document's resolver follows its `$ref`s into its own components. A reference cycle is compared once.
 */
const compareSchema = (before: unknown, after: unknown, where: string, ctx: SchemaContext, trail: readonly string[] = []): void => {
  const b = ctx.before(before);
  const a = ctx.after(after);
  const pair = `${b.refs.join('>')}|${a.refs.join('>')}`;
  if ((b.refs.length > 0 || a.refs.length > 0) && trail.includes(pair)) return; // recursive schema: compared once
  const nextTrail = b.refs.length > 0 || a.refs.length > 0 ? [...trail, pair] : trail;
  if (identical(b.node, a.node)) return;

  const beforeBranches = branchesOf(b.node, ctx.before);
  const afterBranches = branchesOf(a.node, ctx.after);
  if (beforeBranches.length === 1 && afterBranches.length === 1) {
    compareSingle(beforeBranches[0]!, afterBranches[0]!, where, ctx, nextTrail);
    return;
  }
  compareUnion(beforeBranches, afterBranches, where, ctx, nextTrail);
};

const compareUnion = (before: JsonObject[], after: JsonObject[], where: string, ctx: SchemaContext, trail: readonly string[]): void => {
  const { direction, findings } = ctx;
  const unmatchedAfter = new Map<string, JsonObject[]>();
  for (const branch of after) unmatchedAfter.set(branchKey(branch), [...(unmatchedAfter.get(branchKey(branch)) ?? []), branch]);
  const take = (key: string): JsonObject | undefined => {
    const candidates = unmatchedAfter.get(key);
    const found = candidates?.shift();
    if (candidates && candidates.length === 0) unmatchedAfter.delete(key);
    return found;
  };
  const removed: Array<[string, JsonObject]> = [];
  const pairs: Array<[string, JsonObject, JsonObject]> = [];
  for (const branch of before) {
    const key = branchKey(branch);
    const match = take(key);
    if (match) pairs.push([key, branch, match]);
    else removed.push([key, branch]);
  }
  // integer ⊂ number: a branch whose type widened or narrowed is the same branch, compared as such.
  for (const [i, [key, branch]] of [...removed.entries()].reverse()) {
    const partner = WIDER_TYPE[key] ?? Object.entries(WIDER_TYPE).find(([, wider]) => wider === key)?.[0];
    const match = partner ? take(partner) : undefined;
    if (match) {
      pairs.push([key, branch, match]);
      removed.splice(i, 1);
    }
  }
  const nonNull = (branches: JsonObject[]): number => branches.filter((branch) => branchKey(branch) !== 'null').length;
  const several = Math.max(nonNull(before), nonNull(after)) > 1;
  for (const [key, b, a] of pairs) compareSingle(b, a, several && key !== 'null' ? `${where}(${branchLabel(key)})` : where, ctx, trail);
  for (const [key] of removed) {
    if (key === 'null') findings.directed(direction, 'request', where, 'null-removed', direction === 'request' ? 'null is no longer accepted' : 'null is no longer sent');
    else findings.directed(direction, 'request', where, 'union-branch-removed', `${branchLabel(key)} is no longer ${direction === 'request' ? 'accepted' : 'sent'}`);
  }
  for (const [key] of unmatchedAfter) {
    if (key === 'null') findings.directed(direction, 'response', where, 'null-added', direction === 'request' ? 'null is now accepted' : 'may now be null');
    else findings.directed(direction, 'response', where, 'union-branch-added', `${branchLabel(key)} is now ${direction === 'request' ? 'accepted' : 'possible'}`);
  }
};

const compareSingle = (b: JsonObject, a: JsonObject, where: string, ctx: SchemaContext, trail: readonly string[]): void => {
  const { direction, findings } = ctx;
  if (identical(b, a)) return;
  if (isObject(b['not']) !== isObject(a['not'])) {
    findings.directed(direction, isObject(a['not']) ? 'request' : 'response', where, isObject(a['not']) ? 'schema-closed' : 'schema-opened', isObject(a['not']) ? 'no value is allowed any more' : 'values are allowed where none were');
    return;
  }

  // Types
  const bTypes = typesOf(b);
  const aTypes = typesOf(a);
  const bType = bTypes?.[0];
  const aType = aTypes?.[0];
  if (bType !== aType) {
    if (bType === undefined) {
      findings.directed(direction, 'request', where, 'type-narrowed', `any value → ${aType}`);
    } else if (aType === undefined) {
      findings.directed(direction, 'response', where, 'type-widened', `${bType} → any value`);
    } else if (WIDER_TYPE[aType] === bType) {
      findings.directed(direction, 'request', where, 'type-narrowed', `${bType} → ${aType}`);
    } else if (WIDER_TYPE[bType] === aType) {
      findings.directed(direction, 'response', where, 'type-widened', `${bType} → ${aType}`);
    } else {
      findings.add('breaking', where, 'type-changed', `${bType} → ${aType}`);
      return;
    }
  }

  // Enumerations (const is an enum of one)
  const bEnum = enumOf(b);
  const aEnum = enumOf(a);
  if (bEnum && aEnum) {
    const removed = bEnum.filter((v) => !aEnum.some((w) => same(v, w)));
    const added = aEnum.filter((v) => !bEnum.some((w) => same(v, w)));
    if (removed.length > 0) findings.directed(direction, 'request', where, 'enum-value-removed', `lost ${removed.map(show).join(', ')}`);
    if (added.length > 0) findings.directed(direction, 'response', where, 'enum-value-added', `gained ${added.map(show).join(', ')}`);
  } else if (aEnum) {
    findings.directed(direction, 'request', where, 'enum-added', `restricted to ${aEnum.map(show).join(', ')}`);
  } else if (bEnum) {
    findings.directed(direction, 'response', where, 'enum-removed', `no longer restricted to ${bEnum.map(show).join(', ')}`);
  }

  // Format and pattern: added narrows, removed widens, changed may do either.
  for (const keyword of ['format', 'pattern'] as const) {
    const before = b[keyword];
    const after = a[keyword];
    if (same(before, after)) continue;
    if (before === undefined) findings.directed(direction, 'request', where, `${keyword}-added`, `${keyword} ${show(after)} added`);
    else if (after === undefined) findings.directed(direction, 'response', where, `${keyword}-removed`, `${keyword} ${show(before)} removed`);
    else findings.add('breaking', where, `${keyword}-changed`, `${keyword} ${show(before)} → ${show(after)}`);
  }

  // Bounds
  for (const [keywords, tighter] of [[LOWER_BOUNDS, (x: number, y: number) => y > x], [UPPER_BOUNDS, (x: number, y: number) => y < x]] as const) {
    for (const keyword of keywords) {
      const before = typeof b[keyword] === 'number' ? (b[keyword] as number) : undefined;
      const after = typeof a[keyword] === 'number' ? (a[keyword] as number) : undefined;
      if (before === after) continue;
      const tightened = before === undefined || (after !== undefined && tighter(before, after));
      findings.directed(
        direction,
        tightened ? 'request' : 'response',
        where,
        tightened ? 'constraint-tightened' : 'constraint-loosened',
        `${keyword} ${before ?? 'none'} → ${after ?? 'none'}`,
      );
    }
  }

  compareObject(b, a, where, ctx, trail);

  // Arrays: items, and tuples (prefixItems; draft-07's items array)
  const tuple = (schema: JsonObject): unknown[] | undefined => (Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : Array.isArray(schema['items']) ? schema['items'] : undefined);
  const bTuple = tuple(b);
  const aTuple = tuple(a);
  if (bTuple || aTuple) {
    const length = Math.max(bTuple?.length ?? 0, aTuple?.length ?? 0);
    for (let i = 0; i < length; i += 1) compareSchema(bTuple?.[i], aTuple?.[i], `${where}[${i}]`, ctx, trail);
  }
  const bItems = Array.isArray(b['items']) ? undefined : b['items'];
  const aItems = Array.isArray(a['items']) ? undefined : a['items'];
  if ((bItems !== undefined || aItems !== undefined) && !(bTuple && aTuple)) compareSchema(bItems, aItems, `${where}[]`, ctx, trail);

  for (const keyword of ['allOf'] as const) {
    const before = list(b[keyword]);
    const after = list(a[keyword]);
    for (let i = 0; i < Math.max(before.length, after.length); i += 1) compareSchema(before[i], after[i], where, ctx, trail);
  }
};

const compareObject = (b: JsonObject, a: JsonObject, where: string, ctx: SchemaContext, trail: readonly string[]): void => {
  const { direction, findings } = ctx;
  const bProps = obj(b['properties']);
  const aProps = obj(a['properties']);
  const bRequired = new Set(strings(b['required']));
  const aRequired = new Set(strings(a['required']));
  const at = (name: string): string => `${where}.${name}`;

  for (const name of Object.keys(bProps)) {
    if (name in aProps) continue;
    if (direction === 'response') findings.add('breaking', at(name), 'property-removed', bRequired.has(name) ? 'required field removed' : 'optional field removed');
    else if (a['additionalProperties'] === false) findings.add('breaking', at(name), 'property-removed', 'field removed from a strict object: requests that send it are refused');
    else findings.add('non-breaking', at(name), 'property-removed', 'field no longer read');
  }
  for (const name of Object.keys(aProps)) {
    if (name in bProps) continue;
    if (direction === 'request' && aRequired.has(name)) findings.add('breaking', at(name), 'required-property-added', 'new required field');
    else findings.add('non-breaking', at(name), 'property-added', `new ${direction === 'request' ? 'optional ' : ''}field`);
  }
  for (const name of Object.keys(bProps)) {
    if (!(name in aProps)) continue;
    const wasRequired = bRequired.has(name);
    const isRequired = aRequired.has(name);
    if (!wasRequired && isRequired) findings.directed(direction, 'request', at(name), 'property-became-required', 'optional → required');
    if (wasRequired && !isRequired) findings.directed(direction, 'response', at(name), 'property-became-optional', 'required → optional');
    compareSchema(bProps[name], aProps[name], at(name), ctx, trail);
  }

  // Additional properties: closing a map or an open object narrows it; opening widens it.
  const bExtra = b['additionalProperties'];
  const aExtra = a['additionalProperties'];
  if (bExtra === false && aExtra !== undefined && aExtra !== false) {
    findings.directed(direction, 'response', `${where}.*`, 'additional-properties-allowed', 'other keys are now allowed');
  } else if (aExtra === false && bExtra !== false && (b['type'] === 'object' || 'properties' in b)) {
    findings.directed(direction, 'request', `${where}.*`, 'additional-properties-refused', 'other keys are no longer allowed');
  } else if (isObject(bExtra) || isObject(aExtra)) {
    compareSchema(bExtra, aExtra, `${where}.*`, ctx, trail);
  }
  if (isObject(b['propertyNames']) || isObject(a['propertyNames'])) compareSchema(b['propertyNames'], a['propertyNames'], `${where}{key}`, ctx, trail);
};

// ---------------------------------------------------------------------------------------------
// OpenAPI
// ---------------------------------------------------------------------------------------------

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const;
/** Headers that come and go with `deprecated` (reported as the deprecation itself). */
const DEPRECATION_HEADERS = new Set(['deprecation', 'sunset', 'link']);

/** `/v1/customers/{customerId}` → `/v1/customers/{}`: renaming a path parameter changes no URL. */
const pathShape = (path: string): string => path.replace(/\{[^}]*\}/g, '{}');
/** `/v2/customers/{}` → `/customers/{}`: paths of different major versions share a family but are never compared. */
const versionless = (path: string): string => path.replace(/^\/v\d+(?=\/|$)/, '');
const versionOf = (path: string): string | undefined => /^\/(v\d+)(?:\/|$)/.exec(path)?.[1];

interface Operation {
  method: string;
  path: string;
  node: JsonObject;
  pathItem: JsonObject;
}

const operationsOf = (document: JsonObject): Map<string, Operation> => {
  const out = new Map<string, Operation>();
  for (const [path, item] of Object.entries(obj(document['paths']))) {
    for (const method of HTTP_METHODS) {
      const node = obj(item)[method];
      if (isObject(node)) out.set(`${method.toUpperCase()} ${pathShape(path)}`, { method: method.toUpperCase(), path, node, pathItem: obj(item) });
    }
  }
  return out;
};

interface Parameter {
  key: string;
  label: string;
  node: JsonObject;
}

/** An operation's parameters (path-item ones included), keyed by location and name; path parameters by position. */
const parametersOf = (operation: Operation, resolve: Resolver): Map<string, Parameter> => {
  const out = new Map<string, Parameter>();
  const pathNames = [...operation.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  for (const raw of [...list(operation.pathItem['parameters']), ...list(operation.node['parameters'])]) {
    const node = obj(resolve(raw).node);
    const name = String(node['name'] ?? '');
    const location = String(node['in'] ?? '');
    const key = location === 'path' ? `path:#${pathNames.indexOf(name)}` : `${location}:${location === 'header' ? name.toLowerCase() : name}`;
    out.set(key, { key, label: `${location}.${name}`, node });
  }
  return out;
};

const deprecationNote = (operation: JsonObject): string => {
  const details = obj(operation['x-deprecation']);
  const sunset = typeof details['sunset'] === 'string' ? `; answers until ${details['sunset']}` : '';
  const link = typeof details['link'] === 'string' ? `; see ${details['link']}` : '';
  const since = typeof details['since'] === 'string' ? ` since ${details['since']}` : '';
  return `deprecated${since}${sunset}${link}`;
};

const scopesOf = (operation: JsonObject): string[] | undefined => {
  const security = operation['security'];
  if (!Array.isArray(security) || security.length === 0) return undefined;
  return security.flatMap((requirement) => Object.entries(obj(requirement)).flatMap(([scheme, scopes]) => [`${scheme}:`, ...strings(scopes).map((s) => `${scheme}:${s}`)])).sort();
};

const isSuccess = (status: string): boolean => /^[23]/.test(status);

/**
 * Lists the changes from `before` to `after`, two OpenAPI 3.1 documents. Paths are matched by
 * shape (parameter names do not matter), operations by method; `$ref`s are followed into each
 * document's components. A path of a new major version (`/v2/...`) is an addition, never compared
 * with `/v1/...`. Shared problem responses (`#/components/responses/...`) are compared once.
 * @example compareOpenApi(snapshot, fresh).filter((c) => c.kind === 'breaking')
 */
export const compareOpenApi = (before: JsonObject, after: JsonObject): ContractChange[] => {
  const findings = new Findings();
  const resolveBefore = resolverFor(before);
  const resolveAfter = resolverFor(after);
  const schemas = (direction: Direction): SchemaContext => ({ direction, before: resolveBefore, after: resolveAfter, findings });
  const beforeOps = operationsOf(before);
  const afterOps = operationsOf(after);
  const families = (ops: Map<string, Operation>): Map<string, string[]> => {
    const out = new Map<string, string[]>();
    for (const op of ops.values()) out.set(versionless(pathShape(op.path)), [...(out.get(versionless(pathShape(op.path))) ?? []), op.path]);
    return out;
  };
  const beforeFamilies = families(beforeOps);

  for (const [key, op] of beforeOps) {
    if (!afterOps.has(key)) {
      const name = typeof op.node['operationId'] === 'string' ? ` (${op.node['operationId']})` : '';
      const successors = [...afterOps.values()].filter((o) => o.method === op.method && versionless(pathShape(o.path)) === versionless(pathShape(op.path))).map((o) => o.path);
      findings.add('breaking', `${op.method} ${op.path}`, 'operation-removed', `operation removed${name}${successors.length > 0 ? `; its successor: ${successors.join(', ')}` : ''}`);
    }
  }
  for (const [key, op] of afterOps) {
    const where = `${op.method} ${op.path}`;
    const old = beforeOps.get(key);
    if (!old) {
      const siblings = (beforeFamilies.get(versionless(pathShape(op.path))) ?? []).filter((p) => versionOf(p) !== versionOf(op.path));
      findings.add('non-breaking', where, siblings.length > 0 ? 'version-added' : 'operation-added', siblings.length > 0 ? `new version of ${[...new Set(siblings)].join(', ')}: ${String(op.node['summary'] ?? '')}` : `new operation: ${String(op.node['summary'] ?? '')}`);
      if (op.node['deprecated'] === true) findings.add('deprecation', where, 'operation-deprecated', deprecationNote(op.node));
      continue;
    }
    compareOperation(old, op, where, schemas, findings, resolveBefore, resolveAfter);
  }

  // Shared problem responses, once each.
  const beforeResponses = obj(obj(before['components'])['responses']);
  const afterResponses = obj(obj(after['components'])['responses']);
  for (const [name, response] of Object.entries(beforeResponses)) {
    if (name in afterResponses) compareResponse(response, afterResponses[name], name, false, schemas('response'), findings, resolveBefore, resolveAfter);
  }
  return findings.changes;
};

const compareOperation = (
  old: Operation,
  op: Operation,
  where: string,
  schemas: (direction: Direction) => SchemaContext,
  findings: Findings,
  resolveBefore: Resolver,
  resolveAfter: Resolver,
): void => {
  const b = old.node;
  const a = op.node;
  if (b['operationId'] !== a['operationId']) findings.add('breaking', where, 'operation-id-changed', `operationId ${show(b['operationId'])} → ${show(a['operationId'])} (generated clients call it by name)`);
  if (b['deprecated'] !== true && a['deprecated'] === true) findings.add('deprecation', where, 'operation-deprecated', deprecationNote(a));
  if (b['deprecated'] === true && a['deprecated'] !== true) findings.add('non-breaking', where, 'operation-undeprecated', 'no longer deprecated');

  // Who may call it
  const bScopes = scopesOf(b);
  const aScopes = scopesOf(a);
  if (!same(bScopes, aScopes)) {
    if (aScopes === undefined) findings.add('non-breaking', where, 'security-removed', 'no credentials needed any more');
    else if (bScopes === undefined) findings.add('breaking', where, 'security-added', `credentials now required (${aScopes.join(' ')})`);
    else findings.add('breaking', where, 'security-changed', `required credentials ${bScopes.join(' ')} → ${aScopes.join(' ')}`);
  }
  const bRoles = strings(b['x-roles']);
  const aRoles = strings(a['x-roles']);
  const lostRoles = bRoles.filter((r) => !aRoles.includes(r));
  const newRoles = aRoles.filter((r) => !bRoles.includes(r));
  if (lostRoles.length > 0) findings.add('breaking', where, 'role-removed', `role ${lostRoles.join(', ')} may no longer call it`);
  if (newRoles.length > 0) findings.add('non-breaking', where, 'role-added', `role ${newRoles.join(', ')} may now call it`);

  // Parameters
  const bParams = parametersOf(old, resolveBefore);
  const aParams = parametersOf(op, resolveAfter);
  for (const [key, param] of bParams) {
    if (aParams.has(key)) continue;
    // Hub queries are strict (an unknown parameter answers 422), so a removed query parameter breaks callers that send it.
    const breaks = param.node['in'] === 'query' || param.node['in'] === 'path';
    findings.add(breaks ? 'breaking' : 'non-breaking', `${where} ${param.label}`, 'parameter-removed', breaks ? 'parameter removed: requests that send it are refused' : 'parameter no longer read');
  }
  for (const [key, param] of aParams) {
    const previous = bParams.get(key);
    const at = `${where} ${param.label}`;
    if (!previous) {
      if (param.node['required'] === true) findings.add('breaking', at, 'required-parameter-added', 'new required parameter');
      else findings.add('non-breaking', at, 'parameter-added', 'new optional parameter');
      continue;
    }
    if (previous.node['required'] !== true && param.node['required'] === true) findings.add('breaking', at, 'parameter-became-required', 'optional → required');
    if (previous.node['required'] === true && param.node['required'] !== true) findings.add('non-breaking', at, 'parameter-became-optional', 'required → optional');
    compareSchema(previous.node['schema'], param.node['schema'], at, schemas('request'));
  }

  // Request body
  const bBody = obj(resolveBefore(b['requestBody']).node);
  const aBody = obj(resolveAfter(a['requestBody']).node);
  const bHas = 'requestBody' in b;
  const aHas = 'requestBody' in a;
  const bodyAt = `${where} request`;
  if (bHas && !aHas) findings.add('breaking', bodyAt, 'request-body-removed', 'the request body is no longer taken');
  if (!bHas && aHas) {
    if (aBody['required'] === true) findings.add('breaking', bodyAt, 'request-body-added', 'a request body is now required');
    else findings.add('non-breaking', bodyAt, 'request-body-added', 'an optional request body is now taken');
  }
  if (bHas && aHas) {
    if (bBody['required'] !== true && aBody['required'] === true) findings.add('breaking', bodyAt, 'request-body-became-required', 'the request body is now required');
    if (bBody['required'] === true && aBody['required'] !== true) findings.add('non-breaking', bodyAt, 'request-body-became-optional', 'the request body may now be empty');
    const bContent = obj(bBody['content']);
    const aContent = obj(aBody['content']);
    for (const type of Object.keys(bContent)) if (!(type in aContent)) findings.add('breaking', bodyAt, 'request-media-type-removed', `${type} is no longer accepted`);
    for (const type of Object.keys(aContent)) if (!(type in bContent)) findings.add('non-breaking', bodyAt, 'request-media-type-added', `${type} is now accepted`);
    for (const type of Object.keys(bContent)) {
      if (type in aContent) compareSchema(obj(bContent[type])['schema'], obj(aContent[type])['schema'], `${bodyAt} ${type === 'application/json' ? '' : `${type} `}body`, schemas('request'));
    }
  }

  // Responses
  const bResponses = obj(b['responses']);
  const aResponses = obj(a['responses']);
  for (const status of Object.keys(bResponses)) {
    if (status in aResponses) continue;
    findings.add(isSuccess(status) ? 'breaking' : 'non-breaking', `${where} ${status}`, 'response-removed', isSuccess(status) ? 'success response no longer answered' : 'problem status no longer answered');
  }
  for (const status of Object.keys(aResponses)) {
    if (!(status in bResponses)) findings.add('non-breaking', `${where} ${status}`, 'response-added', isSuccess(status) ? 'new success response' : 'new problem status');
  }
  for (const status of Object.keys(bResponses)) {
    if (!(status in aResponses)) continue;
    const bRef = obj(bResponses[status])['$ref'];
    const aRef = obj(aResponses[status])['$ref'];
    if (typeof bRef === 'string' && bRef === aRef && bRef.startsWith('#/components/responses/')) continue; // compared once as a component
    compareResponse(bResponses[status], aResponses[status], `${where} ${status}`, isSuccess(status), schemas('response'), findings, resolveBefore, resolveAfter);
  }
};

const compareResponse = (
  before: unknown,
  after: unknown,
  where: string,
  success: boolean,
  ctx: SchemaContext,
  findings: Findings,
  resolveBefore: Resolver,
  resolveAfter: Resolver,
): void => {
  const b = obj(resolveBefore(before).node);
  const a = obj(resolveAfter(after).node);
  const bHeaders = new Map(Object.entries(obj(b['headers'])).map(([name, h]) => [name.toLowerCase(), { name, h }]));
  const aHeaders = new Map(Object.entries(obj(a['headers'])).map(([name, h]) => [name.toLowerCase(), { name, h }]));
  for (const [key, { name, h }] of bHeaders) {
    if (DEPRECATION_HEADERS.has(key)) continue;
    const next = aHeaders.get(key);
    if (!next) findings.add('breaking', `${where} header.${name}`, 'response-header-removed', 'header no longer sent');
    else compareSchema(obj(resolveBefore(h).node)['schema'], obj(resolveAfter(next.h).node)['schema'], `${where} header.${name}`, ctx);
  }
  for (const [key, { name }] of aHeaders) {
    if (!bHeaders.has(key) && !DEPRECATION_HEADERS.has(key)) findings.add('non-breaking', `${where} header.${name}`, 'response-header-added', 'new header');
  }
  const bContent = obj(b['content']);
  const aContent = obj(a['content']);
  for (const type of Object.keys(bContent)) {
    if (!(type in aContent)) findings.add(success ? 'breaking' : 'non-breaking', where, 'response-media-type-removed', `${type} is no longer answered`);
  }
  for (const type of Object.keys(aContent)) {
    if (type in bContent) continue;
    // A body where there was none is an addition; a second media type may reach clients that expect the first.
    const kind = Object.keys(bContent).length > 0 && success ? 'breaking' : 'non-breaking';
    findings.add(kind, where, 'response-media-type-added', `${type} may now be answered`);
  }
  for (const type of Object.keys(bContent)) {
    if (!(type in aContent)) continue;
    const label = type === 'application/json' || type === 'application/problem+json' ? 'body' : `${type} body`;
    compareSchema(obj(bContent[type])['schema'], obj(aContent[type])['schema'], `${where} ${label}`, ctx);
  }
};

// ---------------------------------------------------------------------------------------------
// Events (AsyncAPI 3.0)
// ---------------------------------------------------------------------------------------------

/** `rating.changed.v1` → `{ type: 'rating.changed', version: 1 }`. */
const messageId = (key: string): { type: string; version: number | undefined } => {
  const match = /^(.*)\.v(\d+)$/.exec(key);
  return match ? { type: match[1]!, version: Number(match[2]) } : { type: key, version: undefined };
};

/** Schemas consumers read beside the payloads: headers and attributes of every message. */
const ENVELOPE_SCHEMAS: Readonly<Record<string, string>> = { WebhookHeaders: 'webhook headers', SqsMessageAttributes: 'SQS message attributes' };

/**
 * The SQS `eventType` attribute enumerates the event types: a new type is an added message (consumers
 * ignore types they do not know), so the enum itself is left to the message comparison.
 */
const withoutEventTypeEnum = (schema: unknown): unknown => {
  const attributes = obj(schema);
  const eventType = obj(obj(attributes['properties'])['eventType']);
  const value = obj(obj(eventType['properties'])['StringValue']);
  if (!('enum' in value)) return schema;
  const { enum: _types, ...rest } = value;
  return { ...attributes, properties: { ...obj(attributes['properties']), eventType: { ...eventType, properties: { ...obj(eventType['properties']), StringValue: rest } } } };
};

const refName = (value: unknown): string | undefined => {
  const ref = obj(value)['$ref'];
  return typeof ref === 'string' ? ref.split('/').pop() : undefined;
};

/**
 * Lists the changes from `before` to `after`, two AsyncAPI 3.0 documents of the outbound events.
 * A message is one event type and version (`rating.changed.v1`); its payload is compared as a
 * response (consumers read it): a removed field or a new enum value breaks, a new field does not.
 * A removed message, channel or message of a channel breaks; a new version (`.v2` beside `.v1`) is
 * an addition, never compared with the old one. Webhook headers and SQS attributes are compared too.
 * @example compareEvents(snapshot, buildAsyncApiDocument()).filter((c) => c.kind === 'breaking')
 */
export const compareEvents = (before: JsonObject, after: JsonObject): ContractChange[] => {
  const findings = new Findings();
  const resolveBefore = resolverFor(before);
  const resolveAfter = resolverFor(after);
  const ctx: SchemaContext = { direction: 'response', before: resolveBefore, after: resolveAfter, findings };
  const bMessages = obj(obj(before['components'])['messages']);
  const aMessages = obj(obj(after['components'])['messages']);

  for (const key of Object.keys(bMessages)) {
    if (key in aMessages) continue;
    const { type } = messageId(key);
    const successor = Object.keys(aMessages).filter((k) => messageId(k).type === type);
    findings.add('breaking', `event ${key}`, 'event-removed', successor.length > 0 ? `no longer sent (still sent: ${successor.join(', ')})` : 'no longer sent');
  }
  for (const key of Object.keys(aMessages)) {
    if (key in bMessages) continue;
    const { type } = messageId(key);
    const older = Object.keys(bMessages).filter((k) => messageId(k).type === type);
    findings.add('non-breaking', `event ${key}`, older.length > 0 ? 'event-version-added' : 'event-added', older.length > 0 ? `new version beside ${older.join(', ')}` : `new event type: ${String(obj(resolveAfter(aMessages[key]).node)['summary'] ?? '')}`);
  }
  for (const key of Object.keys(bMessages)) {
    if (!(key in aMessages)) continue;
    const b = obj(resolveBefore(bMessages[key]).node);
    const a = obj(resolveAfter(aMessages[key]).node);
    compareSchema(b['payload'], a['payload'], `event ${key} payload`, ctx);
    if (b['contentType'] !== a['contentType']) findings.add('breaking', `event ${key}`, 'content-type-changed', `${show(b['contentType'])} → ${show(a['contentType'])}`);
  }

  // Channels and the messages each carries
  const bChannels = obj(before['channels']);
  const aChannels = obj(after['channels']);
  for (const [name, channel] of Object.entries(bChannels)) {
    const next = aChannels[name];
    if (!isObject(next)) {
      findings.add('breaking', `channel ${name}`, 'channel-removed', 'channel removed');
      continue;
    }
    if (!same(obj(channel)['address'], next['address'])) findings.add('breaking', `channel ${name}`, 'channel-address-changed', `address ${show(obj(channel)['address'])} → ${show(next['address'])}`);
    const carried = (c: unknown): Set<string> => new Set(Object.values(obj(obj(c)['messages'])).map(refName).filter((n): n is string => n !== undefined));
    const bCarried = carried(channel);
    const aCarried = carried(next);
    for (const message of bCarried) {
      if (!aCarried.has(message) && message in aMessages) findings.add('breaking', `channel ${name} event ${message}`, 'channel-message-removed', 'no longer sent on this channel');
    }
    for (const message of aCarried) {
      if (!bCarried.has(message) && message in bMessages) findings.add('non-breaking', `channel ${name} event ${message}`, 'channel-message-added', 'now also sent on this channel');
    }
  }
  for (const name of Object.keys(aChannels)) if (!(name in bChannels)) findings.add('non-breaking', `channel ${name}`, 'channel-added', 'new channel');

  const bSchemas = obj(obj(before['components'])['schemas']);
  const aSchemas = obj(obj(after['components'])['schemas']);
  for (const [name, label] of Object.entries(ENVELOPE_SCHEMAS)) {
    if (name in bSchemas && !(name in aSchemas)) findings.add('breaking', label, 'schema-removed', `${name} removed`);
    else if (name in bSchemas) compareSchema(withoutEventTypeEnum(bSchemas[name]), withoutEventTypeEnum(aSchemas[name]), label, ctx);
  }

  const aOperations = obj(after['operations']);
  for (const [name, operation] of Object.entries(obj(before['operations']))) {
    const next = aOperations[name];
    if (!isObject(next)) findings.add('breaking', `operation ${name}`, 'operation-removed', 'the hub no longer performs it');
    else if (obj(operation)['action'] !== next['action']) findings.add('breaking', `operation ${name}`, 'operation-action-changed', `${show(obj(operation)['action'])} → ${show(next['action'])}`);
  }
  return findings.changes;
};

// ---------------------------------------------------------------------------------------------
// Acknowledgements, reports, changelog
// ---------------------------------------------------------------------------------------------

/** A breaking change accepted on purpose: its rule and where, exactly as the checker prints them, and why. */
export interface Acknowledgement {
  rule: string;
  where: string;
  reason: string;
}

const keyOf = (change: { rule: string; where: string }): string => `${change.rule} @ ${change.where}`;

/** The changes split into what fails the check and what is acknowledged, plus acknowledgements that match nothing. */
export const reviewChanges = (
  changes: readonly ContractChange[],
  acknowledged: readonly Acknowledgement[],
): { unacknowledged: ContractChange[]; acknowledged: Array<ContractChange & { reason: string }>; stale: Acknowledgement[] } => {
  const reasons = new Map(acknowledged.map((a) => [keyOf(a), a.reason]));
  const breaking = changes.filter((c) => c.kind === 'breaking');
  const matched = new Set<string>();
  const out = { unacknowledged: [] as ContractChange[], acknowledged: [] as Array<ContractChange & { reason: string }> };
  for (const change of breaking) {
    const reason = reasons.get(keyOf(change));
    if (reason === undefined) out.unacknowledged.push(change);
    else {
      matched.add(keyOf(change));
      out.acknowledged.push({ ...change, reason });
    }
  }
  return { ...out, stale: acknowledged.filter((a) => !matched.has(keyOf(a))) };
};

const line = (change: ContractChange, reason?: string): string =>
  `- \`${change.where}\` — ${change.message} (\`${change.rule}\`)${reason ? `. Acknowledged: ${reason}` : ''}`;

/**
 * One changelog section (Markdown) for a release: breaking (with the acknowledged reason),
 * added, other compatible changes, deprecated. Empty string when nothing changed.
 * @example renderChangelogSection({ version: '0.2.0', date: '2026-03-01', changes, acknowledged: [] })
 */
export const renderChangelogSection = (release: { version: string; date: string; changes: readonly ContractChange[]; acknowledged: readonly Acknowledgement[] }): string => {
  const { changes } = release;
  if (changes.length === 0) return '';
  const reasons = new Map(release.acknowledged.map((a) => [keyOf(a), a.reason]));
  const added = (c: ContractChange): boolean => c.kind === 'non-breaking' && /-added$/.test(c.rule) && c.rule !== 'null-added' && c.rule !== 'enum-added';
  const sections: Array<[string, ContractChange[]]> = [
    ['Breaking', changes.filter((c) => c.kind === 'breaking')],
    ['Added', changes.filter(added)],
    ['Changed (compatible)', changes.filter((c) => c.kind === 'non-breaking' && !added(c))],
    ['Deprecated', changes.filter((c) => c.kind === 'deprecation')],
  ];
  return [
    `## ${release.version} — ${release.date}`,
    '',
    ...sections.filter(([, items]) => items.length > 0).flatMap(([title, items]) => [`### ${title}`, '', ...items.map((c) => line(c, reasons.get(keyOf(c)))), '']),
  ].join('\n');
};

/** The changes as console lines, grouped by kind. */
export const formatChanges = (title: string, changes: readonly ContractChange[]): string => {
  if (changes.length === 0) return `${title}: no changes`;
  const counts = (['breaking', 'non-breaking', 'deprecation'] as const).map((k) => `${changes.filter((c) => c.kind === k).length} ${k}`).join(', ');
  return [`${title}: ${counts}`, ...changes.map((c) => `  ${c.kind.padEnd(12)} ${c.where} — ${c.message} [${c.rule}]`)].join('\n');
};
