import { z } from 'zod';
import { BureauIdSchema, BureauSummarySchema, type BureauSummary } from '../credit/credit-summary.js';
import type { FieldIssue } from '../errors.js';
import { CustomerAggregatesSchema } from '../profile/aggregates.js';
import type { CustomAttribute } from '../profile/custom-attributes.js';
import { ProfileFieldNameSchema, type CustomerProfile } from '../profile/customer-profile.js';
import { DERIVED_FEATURES, type PolicyFeature, type RiskPolicy } from './policy.js';

/** The type of value a canonical path holds. */
export type PathValueType = 'number' | 'integer' | 'boolean' | 'text' | 'category' | 'date';

/** A path the hub can read from every profile: its value type and how to read it. */
export interface PathInfo {
  path: string;
  type: PathValueType;
}

const DAY_MS = 86_400_000;

type Leaf = { segments: string[]; type: PathValueType };

/** The scalar leaves of a zod object schema (arrays are not paths: use a derived feature for them). */
const leaves = (schema: z.ZodType, prefix: string[] = []): Leaf[] => {
  let s = schema as unknown as { _zod: { def: { type: string; innerType?: unknown; format?: string } }; shape?: Record<string, z.ZodType>; format?: string | null };
  while (s._zod.def.innerType) s = s._zod.def.innerType as typeof s;
  const { type, format } = s._zod.def;
  if (type === 'object' && s.shape) return Object.entries(s.shape).flatMap(([k, v]) => leaves(v, [...prefix, k]));
  if (type === 'number') return [{ segments: prefix, type: s.format === 'safeint' ? 'integer' : 'number' }];
  if (type === 'boolean') return [{ segments: prefix, type: 'boolean' }];
  if (type === 'string' && format === 'datetime') return [{ segments: prefix, type: 'date' }];
  if (type === 'string' || type === 'enum') return [{ segments: prefix, type: 'text' }];
  return [];
};

/** Bureau summary leaves that identify a report rather than describe the customer: not rating inputs. */
const BUREAU_SKIP = new Set(['bureau', 'product', 'reportId']);

/**
 * Every static canonical path a feature can read, with its value type: `fields.<name>` (text),
 * `aggregates.<section>.<name>` and `bureau.<bureau>.<name>…` (scalars of the aggregates and the
 * bureau summary schemas; lists such as monthly buckets and scores are read through derived
 * features). Built from the profile schemas, so a new aggregate is a new path.
 */
export const STATIC_PATHS: ReadonlyMap<string, PathInfo> = (() => {
  const out = new Map<string, PathInfo>();
  const add = (path: string, type: PathValueType): void => void out.set(path, { path, type });
  for (const f of ProfileFieldNameSchema.options) add(`fields.${f}`, 'text');
  for (const l of leaves(CustomerAggregatesSchema)) add(['aggregates', ...l.segments].join('.'), l.type);
  const bureauLeaves = leaves(BureauSummarySchema).filter((l) => !BUREAU_SKIP.has(l.segments[0]!));
  for (const b of BureauIdSchema.options) for (const l of bureauLeaves) add(['bureau', b, ...l.segments].join('.'), l.type);
  return out;
})();

const CUSTOM_TYPES: Record<CustomAttribute['type'], PathValueType> = { number: 'number', integer: 'integer', boolean: 'boolean', category: 'category', date: 'date' };

/** What a path resolves to: its type, or why it does not resolve. */
export type Resolution = { ok: true; info: PathInfo } | { ok: false; reason: string };

/**
 * Resolves a canonical path against the static catalogue, the derived features and the declared
 * custom attributes. Deprecated attributes do not resolve (a new policy must not start using them).
 * @example resolvePath('aggregates.payments.lateCount', []) // { ok: true, info: { path, type: 'integer' } }
 */
export const resolvePath = (path: string, attributes: readonly CustomAttribute[]): Resolution => {
  const [source, ...rest] = path.split('.');
  if (source === 'derived') {
    const name = rest.join('.');
    return DERIVED_FEATURES.includes(name) ? { ok: true, info: { path, type: 'number' } } : { ok: false, reason: `unknown derived feature "${name}"` };
  }
  if (source === 'custom') {
    const attr = attributes.find((a) => a.name === rest.join('.'));
    if (!attr) return { ok: false, reason: `custom attribute "${rest.join('.')}" is not declared (declare it with PUT /v1/custom-attributes/{name})` };
    if (attr.status === 'deprecated') return { ok: false, reason: `custom attribute "${attr.name}" is deprecated` };
    return { ok: true, info: { path, type: CUSTOM_TYPES[attr.type] } };
  }
  const info = STATIC_PATHS.get(path);
  return info ? { ok: true, info } : { ok: false, reason: `"${path}" is not a canonical path of a profile` };
};

/** Whether a feature of `kind` can use a value of `type`: numbers need numbers (booleans are 0/1, dates are days elapsed); categories take anything but dates. */
export const kindAccepts = (kind: PolicyFeature['kind'], type: PathValueType): boolean =>
  kind === 'numeric' ? type !== 'text' && type !== 'category' : type !== 'date';

/**
 * Checks that every scoring input of a policy resolves to a known path of a type its feature can
 * use. Returns one issue per failing input at `scoring.features[i].path` (empty when all resolve).
 * Run when a policy is created; a stored policy is never re-checked (it keeps rating; an input
 * that stopped resolving reads as missing).
 */
export const checkFeatureInputs = (policy: Pick<RiskPolicy, 'scoring'>, attributes: readonly CustomAttribute[]): FieldIssue[] =>
  policy.scoring.features.flatMap((f, i): FieldIssue[] => {
    const path = `scoring.features[${i}].path`;
    if (f.formula) {
      return f.formula.inputs.flatMap((input, j): FieldIssue[] => {
        const at = `scoring.features[${i}].formula.inputs[${j}].path`;
        const ri = resolvePath(input.path, attributes);
        if (!ri.ok) return [{ path: at, message: ri.reason, code: 'unresolved_path' }];
        return kindAccepts('numeric', ri.info.type) ? [] : [{ path: at, message: `"${input.path}" holds ${ri.info.type} values, which a formula cannot use`, code: 'incompatible_path' }];
      });
    }
    const r = resolvePath(f.path, attributes);
    if (!r.ok) return [{ path, message: r.reason, code: 'unresolved_path' }];
    if (!kindAccepts(f.kind, r.info.type)) {
      return [{ path, message: `"${f.path}" holds ${r.info.type} values, which a ${f.kind} feature cannot use`, code: 'incompatible_path' }];
    }
    return [];
  });

/** Bureau summaries the engine may read: a report about another subject is never used. */
export const usableBureau = (profile: CustomerProfile, bureau: string): BureauSummary | undefined => {
  const s = profile.credit[bureau as keyof CustomerProfile['credit']];
  return s && s.subjectMatch !== 'mismatch' ? s : undefined;
};

const walk = (root: unknown, segments: readonly string[]): unknown => {
  let v = root;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
};

/**
 * The raw value at a static or custom path of a profile (`undefined` when absent): the field's or
 * attribute's value (not its provenance), the aggregate, the bureau summary value. Derived paths
 * are computed by features.ts.
 */
export const readPath = (profile: CustomerProfile, path: string): unknown => {
  const [source, head, ...rest] = path.split('.');
  if (head === undefined) return undefined;
  switch (source) {
    case 'fields':
      return rest.length === 0 ? (profile.fields as Record<string, { value: unknown } | undefined>)[head]?.value : undefined;
    case 'custom':
      return rest.length === 0 ? profile.custom?.[head]?.value : undefined;
    case 'aggregates':
      return walk(profile.aggregates, [head, ...rest]);
    case 'bureau': {
      const summary = usableBureau(profile, head);
      return summary ? walk(summary, rest) : undefined;
    }
    default:
      return undefined;
  }
};

/** Days from an ISO date to `now` (negative for a future date); undefined when unreadable. */
export const daysElapsed = (iso: unknown, now: Date): number | undefined => {
  if (typeof iso !== 'string') return undefined;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.floor((now.getTime() - t) / DAY_MS) : undefined;
};

/**
 * Every static and custom path that holds a value on this profile, with the raw value: the
 * profile flattened onto the canonical paths (what `readPath` reads back).
 * @example flattenProfile(p).get('aggregates.orders.count') // 12
 */
export const flattenProfile = (profile: CustomerProfile): Map<string, unknown> => {
  const out = new Map<string, unknown>();
  for (const [name, v] of Object.entries(profile.fields)) if (v !== undefined) out.set(`fields.${name}`, v.value);
  for (const [name, v] of Object.entries(profile.custom ?? {})) out.set(`custom.${name}`, v.value);
  const visit = (value: unknown, prefix: string, known: (p: string) => boolean): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) return;
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) visit(v, `${prefix}.${k}`, known);
      return;
    }
    if (known(prefix)) out.set(prefix, value);
  };
  visit(profile.aggregates, 'aggregates', (p) => STATIC_PATHS.has(p));
  for (const [bureau, summary] of Object.entries(profile.credit)) {
    if (summary && summary.subjectMatch !== 'mismatch') visit(summary, `bureau.${bureau}`, (p) => STATIC_PATHS.has(p));
  }
  return out;
};
