/**
 * Does the subject a bureau returned describe our customer? Strong identifiers decide first:
 * a shared scheme whose values disagree is a mismatch whatever the name says. Names are compared
 * after normalisation (Unicode NFKC so full-width becomes half-width, case, punctuation,
 * legal-form suffixes such as Ltd / GmbH / Inc / 有限公司) with a bigram similarity score.
 * Anything not clearly decided is `review`. A mismatch is flagged for review, never merged.
 */
import type { ReportSubject } from '../credit-report.js';

export interface SubjectIdentity {
  name?: string | undefined;
  identifiers: ReadonlyArray<{ scheme: string; value: string }>;
  address?: { line?: string | undefined; city?: string | undefined; postalCode?: string | undefined; country?: string | undefined } | undefined;
  dateOfBirth?: string | undefined;
}

export interface SubjectMatch {
  outcome: 'match' | 'mismatch' | 'review';
  /** Stable reason codes, e.g. `identifier_match:duns`, `identifier_conflict:cn_uscc`, `name_similar`. */
  reasons: string[];
  /** Name similarity in [0, 1], when both names are known. */
  nameSimilarity?: number;
}

/** Thresholds of the name comparison. */
export const NAME_SIMILAR = 0.85;
export const NAME_DIFFERENT = 0.4;

const LEGAL_FORMS = new Set([
  'ltd', 'limited', 'plc', 'llc', 'llp', 'lp', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company',
  'gmbh', 'ag', 'kg', 'ohg', 'ug', 'mbh', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'aps',
  'kk', 'pte', 'pty', 'bhd', 'sdn', 'the',
]);
const CJK_LEGAL_SUFFIX = /(股份有限公司|有限责任公司|有限公司|股份公司|集团|公司)$/u;

/**
 * Canonical form of a company or person name for comparison.
 * @example normaliseName('ＡＣＭＥ Trading Co., Ltd.') // 'acme trading'
 */
export const normaliseName = (name: string): string => {
  let text = name.normalize('NFKC').toLowerCase();
  text = text.replace(/[（(][^)）]*[)）]/gu, ' ');
  text = text.replace(/&/g, ' and ').replace(/[\p{P}\p{S}]+/gu, ' ');
  let tokens = text.split(/\s+/u).filter(Boolean);
  while (tokens.length > 1 && LEGAL_FORMS.has(tokens[tokens.length - 1]!)) tokens = tokens.slice(0, -1);
  if (tokens.length > 1 && tokens[0] === 'the') tokens = tokens.slice(1);
  let joined = tokens.join(' ');
  while (CJK_LEGAL_SUFFIX.test(joined) && joined.replace(CJK_LEGAL_SUFFIX, '').length > 0) joined = joined.replace(CJK_LEGAL_SUFFIX, '');
  return joined.trim();
};

const bigrams = (text: string): Map<string, number> => {
  const compact = [...text.replace(/\s+/gu, '')];
  const grams = new Map<string, number>();
  if (compact.length === 1) grams.set(compact[0]!, 1);
  for (let i = 0; i < compact.length - 1; i += 1) {
    const gram = compact[i]! + compact[i + 1]!;
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
};

/** Sørensen–Dice similarity of the character bigrams of two normalised names, in [0, 1]. */
export const nameSimilarity = (a: string, b: string): number => {
  const left = normaliseName(a);
  const right = normaliseName(b);
  if (left === right) return 1;
  const x = bigrams(left);
  const y = bigrams(right);
  let total = 0;
  let shared = 0;
  for (const count of x.values()) total += count;
  for (const [gram, count] of y) {
    total += count;
    shared += Math.min(count, x.get(gram) ?? 0);
  }
  return total === 0 ? 0 : (2 * shared) / total;
};

/** Canonical identifier value: NFKC, upper case, no spaces, dashes or dots (DUNS `15-048-3782` = `150483782`). */
export const normaliseIdentifier = (value: string): string => value.normalize('NFKC').toUpperCase().replace(/[\s.\-/]/g, '');

/** Schemes that identify one legal entity or person: a disagreement is a conflict. */
const STRONG_SCHEMES = new Set(['cn_uscc', 'cn_resident_id', 'ein', 'duns', 'lei', 'vat', 'company_number', 'creditsafe_id']);

/** Compares the customer with the subject a bureau returned. See the module comment for the rules. */
export const matchSubject = (customer: SubjectIdentity, returned: SubjectIdentity): SubjectMatch => {
  const reasons: string[] = [];
  let conflict = false;
  let strongMatch = false;
  const ours = new Map<string, Set<string>>();
  for (const id of customer.identifiers) {
    const set = ours.get(id.scheme) ?? new Set<string>();
    set.add(normaliseIdentifier(id.value));
    ours.set(id.scheme, set);
  }
  const theirs = new Map<string, Set<string>>();
  for (const id of returned.identifiers) {
    const set = theirs.get(id.scheme) ?? new Set<string>();
    set.add(normaliseIdentifier(id.value));
    theirs.set(id.scheme, set);
  }
  for (const [scheme, values] of theirs) {
    const mine = ours.get(scheme);
    if (mine === undefined || !STRONG_SCHEMES.has(scheme)) continue;
    if ([...values].some((value) => mine.has(value))) {
      strongMatch = true;
      reasons.push(`identifier_match:${scheme}`);
    } else {
      conflict = true;
      reasons.push(`identifier_conflict:${scheme}`);
    }
  }
  if (customer.dateOfBirth !== undefined && returned.dateOfBirth !== undefined) {
    if (customer.dateOfBirth.slice(0, 10) === returned.dateOfBirth.slice(0, 10)) reasons.push('date_of_birth_match');
    else {
      conflict = true;
      reasons.push('date_of_birth_conflict');
    }
  }
  const postcodeOurs = customer.address?.postalCode;
  const postcodeTheirs = returned.address?.postalCode;
  const addressMatch =
    postcodeOurs !== undefined && postcodeTheirs !== undefined && normaliseIdentifier(postcodeOurs) === normaliseIdentifier(postcodeTheirs);
  if (addressMatch) reasons.push('postal_code_match');

  let similarity: number | undefined;
  if (customer.name !== undefined && returned.name !== undefined && customer.name.trim() && returned.name.trim()) {
    similarity = Math.round(nameSimilarity(customer.name, returned.name) * 1000) / 1000;
    reasons.push(similarity >= NAME_SIMILAR ? 'name_similar' : similarity < NAME_DIFFERENT ? 'name_different' : 'name_partial');
  } else {
    reasons.push('name_unknown');
  }
  const result = (outcome: SubjectMatch['outcome']): SubjectMatch =>
    similarity === undefined ? { outcome, reasons } : { outcome, reasons, nameSimilarity: similarity };

  if (conflict) return result('mismatch');
  if (strongMatch) return result(similarity === undefined || similarity >= NAME_DIFFERENT ? 'match' : 'review');
  if (similarity === undefined) return result('review');
  if (similarity < NAME_DIFFERENT) return result('mismatch');
  if (similarity >= NAME_SIMILAR && (addressMatch || reasons.includes('date_of_birth_match'))) return result('match');
  return result('review');
};

/**
 * The identity a normalised report returned, in the shape `matchSubject` compares: the legal
 * (else primary, else first) name, every identifier, the first address and the date of birth.
 * @example matchSubject(customerIdentity, subjectIdentityFromReport(report.subject))
 */
export const subjectIdentityFromReport = (subject: ReportSubject): SubjectIdentity => {
  const name = subject.names.find((n) => n.type === 'legal') ?? subject.names.find((n) => n.type === 'primary') ?? subject.names[0];
  const fullName = name?.full ?? ([name?.first, name?.middle, name?.last].filter(Boolean).join(' ') || undefined);
  const address = subject.addresses[0];
  return {
    name: fullName,
    identifiers: subject.identifiers,
    address: address === undefined ? undefined : { line: address.lines[0], city: address.city, postalCode: address.postalCode, country: address.country },
    dateOfBirth: subject.dateOfBirth?.precision === 'day' ? subject.dateOfBirth.value : undefined,
  };
};
