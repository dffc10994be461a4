import { H2_PREFIX, sha256Canonical, stableHash } from '../canonical-json.js';
import type { RatingInputs } from './compile-policy.js';

const num = (n: number | null): string => (n === null || !Number.isFinite(n) ? 'n' : String(n));
const val = (v: number | string | null): string => (typeof v === 'string' ? JSON.stringify(v) : num(v));

/**
 * The version 2 inputs hash (`h2:…`): the rating inputs written in a fixed order (policy version,
 * feature ids and values in policy order, worst DPD, RFM raw values, limit inputs) and hashed once.
 * Computed only when a rating is persisted.
 */
export const ratingInputsHash = (inputs: RatingInputs): string => {
  const parts: string[] = [`v${inputs.policyVersion}`];
  for (const id of inputs.featureIds) parts.push(`${JSON.stringify(id)}=${val(inputs.features[id] ?? null)}`);
  parts.push(num(inputs.worstDaysPastDue));
  const rfm = inputs.rfm;
  parts.push(rfm ? `${num(rfm.recencyDays)},${num(rfm.frequency)},${num(rfm.monetaryMinor)}` : 'n');
  if (inputs.rfmFit !== undefined) parts.push(`fit:${inputs.rfmFit}`);
  const l = inputs.limit;
  parts.push(JSON.stringify(l.currency), num(l.averageMonthlyPurchasesMinor), l.bureauLimits.map((m) => `${num(m.amountMinor)}${JSON.stringify(m.currency)}`).join(','), num(l.openMinor), l.frozen ? 'F' : '-');
  return stableHash(parts.join('|'));
};

/** The version 1 inputs hash (bare hex SHA-256 of canonical JSON), kept to compare with ratings stored before h2. */
export const legacyInputsHash = (inputs: RatingInputs): string =>
  sha256Canonical({ policyVersion: inputs.policyVersion, features: inputs.features, worstDaysPastDue: inputs.worstDaysPastDue, rfm: inputs.rfm, limit: inputs.limit });

/**
 * Whether a stored inputs hash describes `inputs`, whatever hash version it was written with: an
 * `h2:` hash is compared with the h2 hash, a bare 64-hex hash with the version 1 hash. So a change
 * of algorithm alone never reads as changed inputs.
 */
export const inputsMatch = (stored: string | undefined, inputs: RatingInputs, h2 = ratingInputsHash(inputs)): boolean => {
  if (stored === undefined) return false;
  if (stored.startsWith(H2_PREFIX)) return stored === h2;
  return /^[0-9a-f]{64}$/.test(stored) && stored === legacyInputsHash(inputs);
};
