import { z } from 'zod';
import { NotFoundError, ValidationError, type FieldIssue } from '../errors.js';

/**
 * Custom attributes: a tenant's own customer columns (`custom.<name>` on the profile), declared
 * before any value is accepted: type, unit, bounds, allowed categories, PII flag. The API and the
 * CRM mappings refuse values of undeclared attributes and values outside the declaration; the
 * rating engine reads them as `custom.<name>` features.
 */

/** camelCase or snake_case, starting with a lower-case letter; usable as a path segment. */
export const CustomAttributeNameSchema = z.string().regex(/^[a-z][A-Za-z0-9_]{0,63}$/, 'a name: letters, digits and _, starting with a lower-case letter (at most 64)');

export const CustomAttributeTypeSchema = z.enum(['number', 'integer', 'boolean', 'category', 'date']);

/** What an admin declares (the body of `PUT /v1/custom-attributes/{name}`). */
export const CustomAttributeDeclarationSchema = z
  .strictObject({
    type: CustomAttributeTypeSchema,
    label: z.string().trim().min(1).max(200).optional(),
    /** Unit of a number, e.g. `EUR`, `days`, `employees`. */
    unit: z.string().trim().min(1).max(32).optional(),
    /** Inclusive bounds of a number or integer. */
    min: z.number().optional(),
    max: z.number().optional(),
    /** The allowed values of a category. */
    values: z.array(z.string().trim().min(1).max(100)).min(1).max(200).optional(),
    /** Personal data: never sent to webhooks, CRM write-backs or other non-admin consumers. */
    pii: z.boolean().default(false),
  })
  .superRefine((d, ctx) => {
    const numeric = d.type === 'number' || d.type === 'integer';
    if (!numeric && (d.min !== undefined || d.max !== undefined)) ctx.addIssue({ code: 'custom', path: [d.min !== undefined ? 'min' : 'max'], message: 'bounds apply to number and integer attributes only' });
    if (!numeric && d.unit !== undefined) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'a unit applies to number and integer attributes only' });
    if (d.min !== undefined && d.max !== undefined && d.min > d.max) ctx.addIssue({ code: 'custom', path: ['min'], message: 'min must not exceed max' });
    if (d.type === 'category' && d.values === undefined) ctx.addIssue({ code: 'custom', path: ['values'], message: 'a category needs its allowed values' });
    if (d.type !== 'category' && d.values !== undefined) ctx.addIssue({ code: 'custom', path: ['values'], message: 'allowed values apply to category attributes only' });
    if (d.values && new Set(d.values).size !== d.values.length) ctx.addIssue({ code: 'custom', path: ['values'], message: 'allowed values must be unique' });
  });
export type CustomAttributeDeclaration = z.infer<typeof CustomAttributeDeclarationSchema>;

export const CustomAttributeSchema = z
  .object({
    name: CustomAttributeNameSchema,
    type: CustomAttributeTypeSchema,
    label: z.string().optional(),
    unit: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    values: z.array(z.string()).optional(),
    pii: z.boolean(),
    /** `deprecated`: values are still accepted and kept, but no new policy may read it. */
    status: z.enum(['active', 'deprecated']),
    declaredAt: z.iso.datetime({ offset: true }),
    declaredBy: z.string(),
    deprecatedAt: z.iso.datetime({ offset: true }).optional(),
    deprecatedBy: z.string().optional(),
  })
  .meta({ id: 'CustomAttribute' });
export type CustomAttribute = z.infer<typeof CustomAttributeSchema>;

/** A value of a custom attribute as sent (API body, CRM record): number, boolean or text. */
export const CustomValueSchema = z.union([z.string().max(300), z.number(), z.boolean()]);
export type CustomValue = z.infer<typeof CustomValueSchema>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Checks one value against its declaration and returns it in its canonical form: a number for
 * number and integer (numeric text such as `"12.5"` from a CRM is read as a number), a boolean
 * (`true`/`false` text too), a category value exactly as declared, a date as ISO 8601 text.
 */
export const coerceCustomValue = (attr: Pick<CustomAttribute, 'type' | 'min' | 'max' | 'values'>, raw: unknown): { ok: true; value: string | number | boolean } | { ok: false; message: string } => {
  switch (attr.type) {
    case 'number':
    case 'integer': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : Number.NaN;
      if (!Number.isFinite(n)) return { ok: false, message: `expected a${attr.type === 'integer' ? 'n integer' : ' number'}` };
      if (attr.type === 'integer' && !Number.isInteger(n)) return { ok: false, message: 'expected an integer' };
      if (attr.min !== undefined && n < attr.min) return { ok: false, message: `must be at least ${attr.min}` };
      if (attr.max !== undefined && n > attr.max) return { ok: false, message: `must be at most ${attr.max}` };
      return { ok: true, value: n };
    }
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
      return { ok: false, message: 'expected true or false' };
    case 'category': {
      const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : undefined;
      if (text === undefined || !(attr.values ?? []).includes(text)) return { ok: false, message: `expected one of ${(attr.values ?? []).join(', ')}` };
      return { ok: true, value: text };
    }
    case 'date':
      if (typeof raw === 'string' && ISO_DATE.test(raw.trim()) && Number.isFinite(Date.parse(raw.trim()))) return { ok: true, value: raw.trim() };
      return { ok: false, message: 'expected an ISO 8601 date (2026-01-31 or 2026-01-31T12:00:00Z)' };
  }
};

/**
 * Validates a set of custom attribute values (`{ name: value }`) against the declarations. Every
 * problem is an issue at `<prefix><name>`: an undeclared attribute, or a value that does not fit.
 * @example validateCustomValues({ employees: '12' }, attrs) // { values: { employees: 12 }, issues: [] }
 */
export const validateCustomValues = (
  input: Readonly<Record<string, unknown>>,
  attributes: readonly CustomAttribute[],
  prefix = 'custom.',
): { values: Record<string, string | number | boolean>; issues: FieldIssue[] } => {
  const byName = new Map(attributes.map((a) => [a.name, a]));
  const values: Record<string, string | number | boolean> = {};
  const issues: FieldIssue[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const attr = byName.get(name);
    if (!attr) {
      issues.push({ path: `${prefix}${name}`, message: `custom attribute "${name}" is not declared`, code: 'undeclared_attribute' });
      continue;
    }
    const r = coerceCustomValue(attr, raw);
    if (r.ok) values[name] = r.value;
    else issues.push({ path: `${prefix}${name}`, message: r.message, code: 'invalid_value' });
  }
  return { values, issues };
};

/** Names of the attributes flagged as personal data: removed from everything sent to non-admin consumers. */
export const piiAttributeNames = (attributes: readonly CustomAttribute[]): Set<string> => new Set(attributes.filter((a) => a.pii).map((a) => a.name));

/** Port: the declared custom attributes. */
export interface CustomAttributeRepository {
  list(): Promise<CustomAttribute[]>;
  get(name: string): Promise<CustomAttribute | undefined>;
  /** Creates the declaration; ConflictError when the name is declared already. */
  create(attribute: CustomAttribute): Promise<void>;
  /** Replaces a declaration (deprecation). */
  save(attribute: CustomAttribute): Promise<void>;
}

/** Most attributes one hub declares: a profile carries them all, so the set stays bounded. */
export const MAX_CUSTOM_ATTRIBUTES = 200;

/**
 * Applies validated custom values of one observation to a profile, newest observation wins per
 * attribute (a tie keeps the stored value, like fields). Mutates `profile`; returns the names that
 * changed.
 */
export const applyCustomValues = (
  profile: { custom?: Record<string, { value: string | number | boolean; source: string; observedAt: string; recordId?: string }> },
  values: Readonly<Record<string, string | number | boolean>>,
  provenance: { source: string; observedAt: string; recordId?: string },
): string[] => {
  const changed: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const stored = profile.custom?.[name];
    if (stored && (stored.observedAt >= provenance.observedAt || stored.value === value)) continue;
    profile.custom = { ...profile.custom, [name]: { value, ...provenance } };
    changed.push(name);
  }
  return changed;
};

/** Audit entries: names and types only. */
interface AuditSink {
  append(input: { actor: string; action: string; target: string; details: Record<string, string | number | boolean | null> }): Promise<unknown>;
}

/**
 * Declaring, listing, reading and deprecating custom attributes. A name is declared once (409 on
 * a second declaration: a type change would reinterpret stored values); deprecation keeps stored
 * values and mappings working but stops new policies from reading the attribute. Audited.
 */
export const manageCustomAttributes = ({ attributes, audit, clock }: { attributes: CustomAttributeRepository; audit: AuditSink; clock: { now(): Date } }) => ({
  async declare(name: string, declaration: CustomAttributeDeclaration, actor: string): Promise<CustomAttribute> {
    const all = await attributes.list();
    if (all.length >= MAX_CUSTOM_ATTRIBUTES) throw new ValidationErrorFor('name', `at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes can be declared`);
    const attribute: CustomAttribute = { name, ...declaration, status: 'active', declaredAt: clock.now().toISOString(), declaredBy: actor };
    await attributes.create(attribute);
    await audit.append({ actor, action: 'custom_attribute.declared', target: `custom-attribute:${name}`, details: { type: declaration.type, pii: declaration.pii } });
    return attribute;
  },
  list: (): Promise<CustomAttribute[]> => attributes.list(),
  async get(name: string): Promise<CustomAttribute> {
    const found = await attributes.get(name);
    if (!found) throw new NotFoundError(`Custom attribute ${name}`);
    return found;
  },
  async deprecate(name: string, actor: string): Promise<CustomAttribute> {
    const found = await attributes.get(name);
    if (!found) throw new NotFoundError(`Custom attribute ${name}`);
    if (found.status === 'deprecated') return found;
    const next: CustomAttribute = { ...found, status: 'deprecated', deprecatedAt: clock.now().toISOString(), deprecatedBy: actor };
    await attributes.save(next);
    await audit.append({ actor, action: 'custom_attribute.deprecated', target: `custom-attribute:${name}`, details: {} });
    return next;
  },
});

const ValidationErrorFor = class extends ValidationError {
  constructor(path: string, message: string) {
    super('The custom attribute is not valid', [{ path, message }]);
  }
};

/**
 * The profile as a non-admin consumer may see it: custom attributes flagged as personal data
 * removed. Webhooks, result queues and CRM write-backs never carry custom attributes at all.
 * @example redactPiiAttributes(profile, await attributes.list())
 */
export const redactPiiAttributes = <P extends { custom?: Record<string, unknown> }>(profile: P, attributes: readonly CustomAttribute[]): P => {
  const pii = piiAttributeNames(attributes);
  if (!profile.custom || pii.size === 0) return profile;
  return { ...profile, custom: Object.fromEntries(Object.entries(profile.custom).filter(([name]) => !pii.has(name))) };
};
