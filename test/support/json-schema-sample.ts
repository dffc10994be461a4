import fc from 'fast-check';

/** A JSON Schema (draft 2020-12) as `z.toJSONSchema` writes it. */
export type JsonSchema = { [keyword: string]: unknown };

export interface SampleOptions {
  /** Seed of the first drawn value; each further value takes the next seed. */
  seed: number;
  /** `minimal`: required properties only, arrays at `minItems`; `full`: every property as well. */
  mode?: 'minimal' | 'full';
  /** An instant for `date-time` strings (default: now). */
  now?: Date;
}

const ALPHANUMERIC = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');
const FORMATS: Readonly<Record<string, (now: Date) => string>> = {
  'date-time': (now) => now.toISOString(),
  date: (now) => now.toISOString().slice(0, 10),
  email: () => 'sweep@example.com',
  uri: () => 'https://example.com/sweep',
  url: () => 'https://example.com/sweep',
  uuid: () => '00000000-0000-4000-8000-000000000000',
};

/**
 * A value that satisfies `schema`, drawn with fast-check from a seed (the same seed gives the
 * same value): required properties (all of them in `full` mode), the first `enum` value or
 * `anyOf`/`oneOf` branch, strings by `format` (date-time, date, email, uri, uuid) or else by
 * `pattern` (`fc.stringMatching`) within their length bounds, numbers within their bounds,
 * arrays at `minItems`. Local `$ref`s (`#`, `#/$defs/…`) resolve against `schema`. The caller
 * checks the value with the zod schema it came from: keywords beyond these are not honoured.
 * @example sampleJsonSchema(z.toJSONSchema(FreezeCommandSchema, { io: 'input' }) as JsonSchema, { seed: 7 }) // { reason: 'k2x' }
 */
export const sampleJsonSchema = (schema: JsonSchema, options: SampleOptions): unknown => {
  let seed = options.seed;
  const now = options.now ?? new Date();
  const draw = <T>(arbitrary: fc.Arbitrary<T>): T => fc.sample(arbitrary, { seed: seed++, numRuns: 1 })[0] as T;

  const resolve = (ref: string): JsonSchema => {
    if (ref === '#') return schema;
    const match = /^#\/\$defs\/(.+)$/.exec(ref);
    const target = match ? (schema['$defs'] as Record<string, JsonSchema> | undefined)?.[match[1]!] : undefined;
    if (!target) throw new Error(`Cannot resolve ${ref}`);
    return target;
  };

  const string = (node: JsonSchema): string => {
    const format = typeof node['format'] === 'string' ? FORMATS[node['format']] : undefined;
    if (format) return format(now);
    const minLength = typeof node['minLength'] === 'number' ? node['minLength'] : 0;
    const maxLength = typeof node['maxLength'] === 'number' ? node['maxLength'] : undefined;
    if (typeof node['pattern'] === 'string') {
      return draw(fc.stringMatching(new RegExp(node['pattern'])).filter((s) => s.length >= minLength && s.length <= (maxLength ?? Infinity)));
    }
    return draw(fc.string({ unit: ALPHANUMERIC, minLength: Math.max(minLength, 1), maxLength: Math.min(maxLength ?? Infinity, Math.max(minLength, 12)) }));
  };

  const number = (node: JsonSchema, integer: boolean): number => {
    const bound = (key: string): number | undefined => (typeof node[key] === 'number' ? (node[key] as number) : undefined);
    const exclusiveMin = bound('exclusiveMinimum');
    const exclusiveMax = bound('exclusiveMaximum');
    const min = Math.ceil(bound('minimum') ?? (exclusiveMin !== undefined ? exclusiveMin + (integer ? 1 : Number.EPSILON) : 0));
    const max = Math.floor(bound('maximum') ?? (exclusiveMax !== undefined ? exclusiveMax - (integer ? 1 : Number.EPSILON) : min + 1_000_000));
    return draw(fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) }));
  };

  const sample = (node: JsonSchema): unknown => {
    if (typeof node['$ref'] === 'string') return sample(resolve(node['$ref']));
    if ('const' in node) return node['const'];
    if (Array.isArray(node['enum'])) return node['enum'][0];
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const branches = node[key];
      if (Array.isArray(branches) && branches.length > 0) return sample(branches[0] as JsonSchema);
    }
    const types = ([] as unknown[]).concat(node['type'] ?? (node['properties'] ? 'object' : []));
    const type = types.find((t) => t !== 'null') ?? types[0];
    switch (type) {
      case 'object': {
        const properties = (node['properties'] ?? {}) as Record<string, JsonSchema>;
        const required = new Set((node['required'] as string[] | undefined) ?? []);
        const names = Object.keys(properties).filter((name) => options.mode === 'full' || required.has(name));
        return Object.fromEntries(names.map((name) => [name, sample(properties[name]!)]));
      }
      case 'array': {
        const items = (node['items'] ?? {}) as JsonSchema;
        const count = typeof node['minItems'] === 'number' ? node['minItems'] : options.mode === 'full' ? 1 : 0;
        return Array.from({ length: count }, () => sample(items));
      }
      case 'string':
        return string(node);
      case 'integer':
        return number(node, true);
      case 'number':
        return number(node, false);
      case 'boolean':
        return draw(fc.boolean());
      case 'null':
        return null;
      default:
        return {};
    }
  };
  return sample(schema);
};
