import type { CustomerProfile, ProfileFieldName } from '../profile/customer-profile.js';
import type { IdentifierScheme } from '../profile/identifiers.js';
import { addressSimilarity } from './addresses.js';
import { cityKey, contactPoints, intersects } from './contact-points.js';
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
  | { type: 'name'; similarity: number; contribution: number }
  | { type: 'address'; similarity: number; contribution: number }
  /** An equal normalised e-mail, E.164 phone or website domain, from plain fields or identifiers. */
  | { type: 'contact_equal'; field: 'email' | 'phone' | 'website'; contribution: number }
  /** Similar names in the same city (only counted with name evidence and no address to compare). */
  | { type: 'city_equal'; contribution: number }
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
export const SOFT_WEIGHTS = { name: 0.6, address: 0.45, email: 0.6, phone: 0.5, website: 0.45, city: 0.3 } as const;

/**
 * Schemes whose value belongs to one legal entity or person (the strong schemes: USCC, resident
 * id, EIN, DUNS, LEI, VAT, CRM record id, bureau subject). At most one active profile may hold
 * each `scheme#value`; the identity index enforces it with conditional writes.
 */
export const UNIQUE_SCHEMES: ReadonlySet<IdentifierScheme> = STRONG_SCHEMES;

/** True when an identity key (`scheme#value`) is of a unique scheme. */
export const isUniqueKey = (key: string): boolean => UNIQUE_SCHEMES.has(key.slice(0, key.indexOf('#')) as IdentifierScheme);
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

/** The bucket in which two values of a veto scheme contradict each other (`vat:DE`, `cn_uscc`…); undefined for other schemes. */
export const vetoBucket = (scheme: IdentifierScheme, value: string): string | undefined => (VETO_SCHEMES.has(scheme) ? conflictKey(scheme, value) : undefined);

const vetoValues = (ids: Iterable<{ scheme: IdentifierScheme; value: string }>): Map<string, Set<string>> => {
  const m = new Map<string, Set<string>>();
  for (const id of ids) {
    if (!VETO_SCHEMES.has(id.scheme)) continue;
    const k = conflictKey(id.scheme, id.value);
    m.set(k, (m.get(k) ?? new Set()).add(id.value));
  }
  return m;
};

/**
 * Veto schemes on which two sets of normalised identifiers disagree: both carry the scheme (VAT:
 * the same country prefix) and share no value. A company has one USCC, LEI, EIN, DUNS…
 */
export const conflictingSchemes = (
  a: Iterable<{ scheme: IdentifierScheme; value: string }>,
  b: Iterable<{ scheme: IdentifierScheme; value: string }>,
): IdentifierScheme[] => {
  const x = vetoValues(a);
  const y = vetoValues(b);
  const out: IdentifierScheme[] = [];
  for (const [k, values] of x) {
    const others = y.get(k);
    if (others && ![...values].some((v) => others.has(v))) out.push(k.startsWith('vat:') ? 'vat' : (k as IdentifierScheme));
  }
  return out;
};

/**
 * Veto schemes a single subject carries more than one value of (two USCCs on one account): such
 * a record contradicts itself and must not be resolved automatically.
 */
export const selfConflictingSchemes = (subject: Pick<MatchSubject, 'identifiers'>, options: NormaliseOptions = {}): IdentifierScheme[] => {
  const out: IdentifierScheme[] = [];
  for (const [k, values] of vetoValues(normalisedIds(subject.identifiers, options).values())) {
    if (values.size > 1) out.push(k.startsWith('vat:') ? 'vat' : (k as IdentifierScheme));
  }
  return out;
};

/**
 * Scores how likely `incoming` and `candidate` are the same customer.
 * - An equal strong identifier (USCC, resident id, LEI, DUNS, EIN, VAT, same-connection CRM
 *   record id, bureau subject) is decisive: score 1.
 * - Different values of the same veto scheme (USCC, resident id, LEI, DUNS, EIN, VAT within one
 *   country) veto: score 0; if an equal strong identifier exists too, 0.8 (send to review).
 * - Otherwise soft evidence adds weight (noisy-OR, capped at 0.99): name, address (or, without
 *   addresses, the same city next to a similar name), and equal e-mail, phone and website domain
 *   read from plain fields and identifiers alike; a different country multiplies by 0.3, a
 *   different kind (business/consumer) by 0.5. Each evidence item carries its contribution w·s.
 * Identifiers are normalised on both sides first; invalid ones are ignored.
 */
export const scoreCandidate = (incoming: MatchSubject, candidate: CustomerProfile | MatchSubject, options: NormaliseOptions = {}): MatchScore => {
  const evidence: MatchEvidence[] = [];
  const other = 'customerId' in candidate ? subjectOfProfile(candidate) : candidate;
  if ('customerId' in candidate && candidate.status === 'merged') return { score: 0, evidence: [{ type: 'candidate_merged' }] };
  const mine = normalisedIds(incoming.identifiers, options);
  const theirs = normalisedIds(other.identifiers, options);

  let strongEqual = false;
  for (const [key, id] of mine) {
    if (!theirs.has(key) || !STRONG_SCHEMES.has(id.scheme)) continue;
    evidence.push({ type: 'identifier_equal', scheme: id.scheme, strong: true });
    strongEqual = true;
  }
  const conflicts = conflictingSchemes(mine.values(), theirs.values());
  for (const scheme of conflicts) evidence.push({ type: 'identifier_conflict', scheme });
  const conflict = conflicts.length > 0;
  if (conflict) return { score: strongEqual ? 0.8 : 0, evidence };
  if (strongEqual) return { score: 1, evidence };

  let miss = 1;
  const add = (weight: number, similarity: number): number => {
    miss *= 1 - weight * similarity;
    return round(weight * similarity);
  };
  const nameA = str(incoming.fields.legalName) ?? str(incoming.fields.tradingName);
  const nameB = str(other.fields.legalName) ?? str(other.fields.tradingName);
  let nameMatches = false;
  if (nameA && nameB) {
    const sim = Math.max(
      companyNameSimilarity(nameA, nameB),
      ...[incoming.fields.tradingName, other.fields.tradingName].every(str) ? [companyNameSimilarity(String(incoming.fields.tradingName), String(other.fields.tradingName))] : [],
    );
    const rescaled = Math.max(0, (sim - NAME_FLOOR) / (1 - NAME_FLOOR));
    nameMatches = rescaled > 0;
    evidence.push({ type: 'name', similarity: round(sim), contribution: add(SOFT_WEIGHTS.name, rescaled) });
  }
  const addrA = { addressLine: str(incoming.fields.addressLine), postalCode: str(incoming.fields.postalCode), city: str(incoming.fields.city), country: str(incoming.fields.country) };
  const addrB = { addressLine: str(other.fields.addressLine), postalCode: str(other.fields.postalCode), city: str(other.fields.city), country: str(other.fields.country) };
  const addressCompared = !!((addrA.addressLine || addrA.postalCode) && (addrB.addressLine || addrB.postalCode));
  if (addressCompared) {
    const sim = addressSimilarity(addrA, addrB);
    evidence.push({ type: 'address', similarity: round(sim), contribution: add(SOFT_WEIGHTS.address, sim) });
  } else if (nameMatches && addrA.city && addrB.city && cityKey(addrA.city) === cityKey(addrB.city)) {
    evidence.push({ type: 'city_equal', contribution: add(SOFT_WEIGHTS.city, 1) });
  }
  const mineContacts = contactPoints(incoming);
  const theirContacts = contactPoints(other);
  if (intersects(mineContacts.emails, theirContacts.emails)) evidence.push({ type: 'contact_equal', field: 'email', contribution: add(SOFT_WEIGHTS.email, 1) });
  if (intersects(mineContacts.phones, theirContacts.phones)) evidence.push({ type: 'contact_equal', field: 'phone', contribution: add(SOFT_WEIGHTS.phone, 1) });
  if (intersects(mineContacts.domains, theirContacts.domains)) evidence.push({ type: 'contact_equal', field: 'website', contribution: add(SOFT_WEIGHTS.website, 1) });
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

/** Identity keys of the unique (strong) identifiers of a subject: what at most one active profile may hold. */
export const uniqueKeys = (subject: Pick<MatchSubject, 'identifiers'>, options: NormaliseOptions = {}): string[] => identityKeys(subject, options).filter(isUniqueKey);

/**
 * Blocking keys: the identity keys, the contact keys read from plain fields (`email#…`,
 * `phone#+…`, `web#<domain>`; the same form as e-mail and phone identifiers) and one name key
 * `name#<COUNTRY|->#<prefix>` (first 4 characters of the normalised name, 2 for CJK names), so
 * the store looks up only the few candidates that share a key instead of scanning.
 */
export const blockingKeys = (subject: MatchSubject, options: NormaliseOptions = {}): string[] => {
  const keys = identityKeys(subject, options);
  const push = (k: string): void => {
    if (!keys.includes(k)) keys.push(k);
  };
  const contacts = contactPoints(subject);
  for (const email of contacts.emails) push(`email#${email}`);
  for (const phone of contacts.phones) push(`phone#${phone}`);
  for (const domain of contacts.domains) push(`web#${domain}`);
  for (const field of ['legalName', 'tradingName'] as const) {
    const name = str(subject.fields[field]);
    if (!name) continue;
    const { key } = normaliseCompanyName(name);
    if (!key) continue;
    const prefix = [...key].slice(0, isCjk(key) ? 2 : 4).join('');
    const country = str(subject.fields.country)?.trim().toUpperCase() ?? '-';
    push(`name#${country}#${prefix}`);
  }
  return keys;
};
