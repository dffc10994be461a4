import type { CustomerProfile, ProfileFieldName } from '../profile/customer-profile.js';
import type { IdentifierScheme } from '../profile/identifiers.js';
import { addressSimilarity } from './addresses.js';
import { normaliseIdentifier, STRONG_SCHEMES, type NormaliseOptions } from './identifiers/normalise-identifier.js';
import { companyNameSimilarity, isCjk, normaliseCompanyName } from './names.js';

/** What is being matched: a CRM customer record, a bureau subject or an API observation (same shape). */
export interface MatchSubject {
  kind?: 'business' | 'consumer';
  fields: Partial<Record<ProfileFieldName, string | number | boolean>>;
  identifiers: readonly { scheme: IdentifierScheme; value: string }[];
}

export type MatchEvidence =
  | { type: 'identifier_equal'; scheme: IdentifierScheme; strong: boolean }
  | { type: 'identifier_conflict'; scheme: IdentifierScheme }
  | { type: 'name'; similarity: number }
  | { type: 'address'; similarity: number }
  | { type: 'country_mismatch' }
  | { type: 'kind_mismatch' }
  | { type: 'candidate_merged' };

export interface MatchScore {
  /** 0…1: 1 = decisive strong identifier, 0 = vetoed or nothing in common. */
  score: number;
  /** Why: safe to store and show to a reviewer (schemes and similarities, never the values). */
  evidence: MatchEvidence[];
}

export interface MatchThresholds {
  autoMerge: number;
  review: number;
}
export const DEFAULT_THRESHOLDS: MatchThresholds = { autoMerge: 0.9, review: 0.7 };

/** Strong schemes whose disagreement vetoes a match (a company has one USCC, LEI, EIN, DUNS…). */
const VETO_SCHEMES: ReadonlySet<IdentifierScheme> = new Set(['cn_uscc', 'cn_resident_id', 'ein', 'duns', 'lei', 'vat']);

/** Soft-evidence weights, combined as a noisy-OR: 1 − Π(1 − wᵢ·sᵢ). */
export const SOFT_WEIGHTS = { name: 0.6, address: 0.45, email: 0.6, phone: 0.5 } as const;
const NAME_FLOOR = 0.75;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** A scheme's conflict bucket: VAT numbers only conflict within one country prefix. */
const conflictKey = (scheme: IdentifierScheme, value: string): string =>
  scheme === 'vat' ? `vat:${value.slice(0, 2)}` : scheme;

const normalisedIds = (ids: MatchSubject['identifiers'], options: NormaliseOptions): Map<string, { scheme: IdentifierScheme; value: string }> => {
  const out = new Map<string, { scheme: IdentifierScheme; value: string }>();
  for (const id of ids) {
    const n = normaliseIdentifier(id.scheme, id.value, options);
    if (n.ok) out.set(`${id.scheme}#${n.value}`, { scheme: id.scheme, value: n.value });
  }
  return out;
};

/** Views a golden profile as a match subject (current field values and identifiers). */
export const subjectOfProfile = (profile: CustomerProfile): MatchSubject => ({
  kind: profile.kind,
  fields: Object.fromEntries(Object.entries(profile.fields).map(([k, v]) => [k, v?.value])) as MatchSubject['fields'],
  identifiers: profile.identifiers,
});

/**
 * Scores how likely `incoming` and `candidate` are the same customer.
 * - An equal strong identifier (USCC, resident id, LEI, DUNS, EIN, VAT, same-connection CRM
 *   record id, bureau subject) is decisive: score 1.
 * - Different values of the same veto scheme (USCC, resident id, LEI, DUNS, EIN, VAT within one
 *   country) veto: score 0; if an equal strong identifier exists too, 0.8 (send to review).
 * - Otherwise name, address, e-mail and phone add weight (noisy-OR, capped at 0.99); a different
 *   country multiplies by 0.3, a different kind (business/consumer) by 0.5.
 * Identifiers are normalised on both sides first; invalid ones are ignored.
 */
export const scoreCandidate = (incoming: MatchSubject, candidate: CustomerProfile | MatchSubject, options: NormaliseOptions = {}): MatchScore => {
  const evidence: MatchEvidence[] = [];
  const other = 'customerId' in candidate ? subjectOfProfile(candidate) : candidate;
  if ('customerId' in candidate && candidate.status === 'merged') return { score: 0, evidence: [{ type: 'candidate_merged' }] };
  const mine = normalisedIds(incoming.identifiers, options);
  const theirs = normalisedIds(other.identifiers, options);

  let strongEqual = false;
  let softIdScore = 1;
  for (const [key, id] of mine) {
    if (!theirs.has(key)) continue;
    const strong = STRONG_SCHEMES.has(id.scheme);
    evidence.push({ type: 'identifier_equal', scheme: id.scheme, strong });
    if (strong) strongEqual = true;
    else if (id.scheme === 'email') softIdScore *= 1 - SOFT_WEIGHTS.email;
    else if (id.scheme === 'phone') softIdScore *= 1 - SOFT_WEIGHTS.phone;
  }
  const valuesBy = (ids: Map<string, { scheme: IdentifierScheme; value: string }>): Map<string, Set<string>> => {
    const m = new Map<string, Set<string>>();
    for (const id of ids.values()) {
      if (!VETO_SCHEMES.has(id.scheme)) continue;
      const k = conflictKey(id.scheme, id.value);
      m.set(k, (m.get(k) ?? new Set()).add(id.value));
    }
    return m;
  };
  const a = valuesBy(mine);
  const b = valuesBy(theirs);
  let conflict = false;
  for (const [k, values] of a) {
    const others = b.get(k);
    if (others && ![...values].some((v) => others.has(v))) {
      conflict = true;
      evidence.push({ type: 'identifier_conflict', scheme: k.startsWith('vat:') ? 'vat' : (k as IdentifierScheme) });
    }
  }
  if (conflict) return { score: strongEqual ? 0.8 : 0, evidence };
  if (strongEqual) return { score: 1, evidence };

  let miss = softIdScore;
  const nameA = str(incoming.fields.legalName) ?? str(incoming.fields.tradingName);
  const nameB = str(other.fields.legalName) ?? str(other.fields.tradingName);
  if (nameA && nameB) {
    const sim = Math.max(
      companyNameSimilarity(nameA, nameB),
      ...[incoming.fields.tradingName, other.fields.tradingName].every(str) ? [companyNameSimilarity(String(incoming.fields.tradingName), String(other.fields.tradingName))] : [],
    );
    evidence.push({ type: 'name', similarity: round(sim) });
    miss *= 1 - SOFT_WEIGHTS.name * Math.max(0, (sim - NAME_FLOOR) / (1 - NAME_FLOOR));
  }
  const addrA = { addressLine: str(incoming.fields.addressLine), postalCode: str(incoming.fields.postalCode), city: str(incoming.fields.city), country: str(incoming.fields.country) };
  const addrB = { addressLine: str(other.fields.addressLine), postalCode: str(other.fields.postalCode), city: str(other.fields.city), country: str(other.fields.country) };
  if ((addrA.addressLine || addrA.postalCode) && (addrB.addressLine || addrB.postalCode)) {
    const sim = addressSimilarity(addrA, addrB);
    evidence.push({ type: 'address', similarity: round(sim) });
    miss *= 1 - SOFT_WEIGHTS.address * sim;
  }
  let score = Math.min(0.99, 1 - miss);
  if (addrA.country && addrB.country && addrA.country.toUpperCase() !== addrB.country.toUpperCase()) {
    evidence.push({ type: 'country_mismatch' });
    score *= 0.3;
  }
  if (incoming.kind && other.kind && incoming.kind !== other.kind) {
    evidence.push({ type: 'kind_mismatch' });
    score *= 0.5;
  }
  return { score: round(score), evidence };
};

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Turns a score into the action: merge automatically, queue for a reviewer, or create a new customer. */
export const decide = (score: number, thresholds: MatchThresholds = DEFAULT_THRESHOLDS): 'auto_merge' | 'review' | 'new' =>
  score >= thresholds.autoMerge ? 'auto_merge' : score >= thresholds.review ? 'review' : 'new';

/**
 * Identity-index keys of a subject, `scheme#normalisedValue`, one per valid identifier. The store
 * keeps `key → customerId` items; an equal key is how strong matches are found in O(1).
 */
export const identityKeys = (subject: Pick<MatchSubject, 'identifiers'>, options: NormaliseOptions = {}): string[] =>
  [...normalisedIds(subject.identifiers, options).keys()];

/**
 * Blocking keys: the identity keys plus one name key `name#<COUNTRY|->#<prefix>` (first 4
 * characters of the normalised name, 2 for CJK names), so the store looks up only the few
 * candidates that share a key instead of scanning.
 */
export const blockingKeys = (subject: MatchSubject, options: NormaliseOptions = {}): string[] => {
  const keys = identityKeys(subject, options);
  for (const field of ['legalName', 'tradingName'] as const) {
    const name = str(subject.fields[field]);
    if (!name) continue;
    const { key } = normaliseCompanyName(name);
    if (!key) continue;
    const prefix = [...key].slice(0, isCjk(key) ? 2 : 4).join('');
    const country = str(subject.fields.country)?.trim().toUpperCase() ?? '-';
    const k = `name#${country}#${prefix}`;
    if (!keys.includes(k)) keys.push(k);
  }
  return keys;
};
