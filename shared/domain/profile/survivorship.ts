import { z } from 'zod';
import { ProfileFieldNameSchema, type ProfileFieldName } from './customer-profile.js';
import type { ProvenancedValue } from './provenance.js';

/**
 * Field-level survivorship: which observation of a profile field wins.
 * - `most_recent` (default): the newest `observedAt` wins.
 * - `source_priority`: the first matching source pattern in `sources` wins (`bureau:*`,
 *   `crm:salesforce:*`, exact sources); unlisted sources rank last; equal rank → most recent.
 * - `most_trusted_then_recent`: the higher `sourceTrust` wins (config-wide, default 0); equal → most recent.
 * - `never_overwrite_non_empty`: the first non-empty value stays (for manually curated fields).
 * In every rule an older observation never replaces a newer one of the same rank, and an exact
 * tie on time is broken deterministically (source, recordId, value), so arrival order does not matter.
 */
export const SurvivorshipRuleSchema = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('most_recent') }),
  z.object({ rule: z.literal('source_priority'), sources: z.array(z.string().min(1)).min(1) }),
  z.object({ rule: z.literal('most_trusted_then_recent') }),
  z.object({ rule: z.literal('never_overwrite_non_empty') }),
]);
export type SurvivorshipRule = z.infer<typeof SurvivorshipRuleSchema>;

export const SurvivorshipConfigSchema = z.object({
  default: SurvivorshipRuleSchema.default({ rule: 'most_recent' }),
  fields: z.partialRecord(ProfileFieldNameSchema, SurvivorshipRuleSchema).default({}),
  /** Source pattern (exact, or prefix ending in `*`) → trust; the most specific match applies. */
  sourceTrust: z.record(z.string(), z.number()).default({}),
});
export type SurvivorshipConfig = z.infer<typeof SurvivorshipConfigSchema>;

export const DEFAULT_SURVIVORSHIP: SurvivorshipConfig = { default: { rule: 'most_recent' }, fields: {}, sourceTrust: {} };

/** Why an observation did not replace the current value. */
export type IgnoreReason = 'empty' | 'older' | 'same_value' | 'lower_priority' | 'less_trusted' | 'non_empty_kept' | 'deleted' | 'tombstoned';

export type Choice = { take: true; valueChanged: boolean } | { take: false; reason: IgnoreReason };

const matches = (pattern: string, source: string): boolean =>
  pattern.endsWith('*') ? source.startsWith(pattern.slice(0, -1)) : pattern === source;

const priorityOf = (sources: readonly string[], source: string): number => {
  const i = sources.findIndex((p) => matches(p, source));
  return i < 0 ? sources.length : i;
};

/** Trust of a source: the value of the longest matching pattern, 0 when none matches. */
export const trustOf = (config: SurvivorshipConfig, source: string): number => {
  let best: [number, number] | undefined;
  for (const [pattern, trust] of Object.entries(config.sourceTrust)) {
    if (matches(pattern, source) && (!best || pattern.length > best[0])) best = [pattern.length, trust];
  }
  return best?.[1] ?? 0;
};

const isEmpty = (v: ProvenancedValue['value'] | undefined): boolean => v === undefined || (typeof v === 'string' && v.trim() === '');

/** Positive when `a` is the more recent observation; ties broken by source, recordId, value. */
export const recency = (a: ProvenancedValue, b: ProvenancedValue): number => {
  const dt = Date.parse(a.observedAt) - Date.parse(b.observedAt);
  if (dt !== 0) return dt;
  const ka = `${a.source}\u0000${a.recordId ?? ''}\u0000${String(a.value)}`;
  const kb = `${b.source}\u0000${b.recordId ?? ''}\u0000${String(b.value)}`;
  return ka > kb ? 1 : ka < kb ? -1 : 0;
};

/** The rule that governs `field`. */
export const ruleFor = (config: SurvivorshipConfig, field: ProfileFieldName): SurvivorshipRule => config.fields[field] ?? config.default;

/**
 * Decides whether `candidate` replaces `current` for `field`. A winning candidate with the same
 * value still "takes" (its provenance is newer) but reports `valueChanged: false`.
 */
export const choose = (config: SurvivorshipConfig, field: ProfileFieldName, current: ProvenancedValue | undefined, candidate: ProvenancedValue): Choice => {
  if (isEmpty(candidate.value)) return { take: false, reason: 'empty' };
  if (current === undefined || isEmpty(current.value)) return { take: true, valueChanged: true };
  const rule = ruleFor(config, field);
  const sameValue = current.value === candidate.value;
  const win = (): Choice => ({ take: true, valueChanged: !sameValue });
  const byRecency = (): Choice => {
    const r = recency(candidate, current);
    if (r > 0) return win();
    return { take: false, reason: r === 0 || sameValue ? 'same_value' : 'older' };
  };
  switch (rule.rule) {
    case 'most_recent':
      return byRecency();
    case 'source_priority': {
      const diff = priorityOf(rule.sources, current.source) - priorityOf(rule.sources, candidate.source);
      if (diff > 0) return win();
      if (diff < 0) return { take: false, reason: 'lower_priority' };
      return byRecency();
    }
    case 'most_trusted_then_recent': {
      const diff = trustOf(config, candidate.source) - trustOf(config, current.source);
      if (diff > 0) return win();
      if (diff < 0) return { take: false, reason: 'less_trusted' };
      return byRecency();
    }
    case 'never_overwrite_non_empty':
      return sameValue ? { take: false, reason: 'same_value' } : { take: false, reason: 'non_empty_kept' };
  }
};
