import { tokenOverlap } from './similarity.js';

/** Common street-type abbreviations folded to one spelling (EN, DE, FR, CN). */
const STREET_WORDS: Record<string, string> = {
  street: 'st', str: 'st', strasse: 'st', straße: 'st', road: 'rd', avenue: 'ave', av: 'ave', boulevard: 'blvd',
  lane: 'ln', drive: 'dr', place: 'pl', square: 'sq', court: 'ct', suite: 'ste', floor: 'fl', building: 'bldg',
  rue: 'rue', 路: 'rd', 街: 'st', 号: '', no: '', number: '', apt: 'apt', unit: 'unit',
};

export interface AddressInput {
  addressLine?: string;
  postalCode?: string;
  city?: string;
  country?: string;
}

export interface NormalisedAddress {
  postalCode?: string;
  houseNumber?: string;
  streetTokens: string[];
  city?: string;
  country?: string;
}

const clean = (text: string): string => text.normalize('NFKC').toLowerCase().trim();

/**
 * Normalises an address for comparison: postal code without spaces (upper case), the first
 * house number found, street tokens with street types folded ("Straße" = "Str." = "st",
 * "Road" = "Rd"), city lower case, country as sent (upper case).
 */
export const normaliseAddress = (input: AddressInput): NormalisedAddress => {
  const line = clean(input.addressLine ?? '').replace(/straße/g, 'strasse');
  const houseNumber = /(\d+[a-z]?)(?=\s|$|号|,)/u.exec(line)?.[1];
  const words = line
    .replace(/(\p{Script=Han})/gu, ' $1 ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => {
      const folded = w.replace(/(.)(strasse|str)$/, '$1 st').split(' ');
      return folded.map((part) => STREET_WORDS[part] ?? part);
    })
    .flat()
    .filter((w) => w && w !== houseNumber && !/^\d/.test(w));
  const postal = input.postalCode?.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return {
    ...(postal ? { postalCode: postal } : {}),
    ...(houseNumber ? { houseNumber } : {}),
    streetTokens: words,
    ...(input.city?.trim() ? { city: clean(input.city) } : {}),
    ...(input.country?.trim() ? { country: input.country.trim().toUpperCase() } : {}),
  };
};

/**
 * Similarity of two addresses in [0, 1]: 0 when both carry a country or postal code and they
 * differ (different places); otherwise a weighted mix of postal code (0.4), house number (0.2),
 * street-token overlap (0.3) and city (0.1), renormalised over the parts both sides have.
 */
export const addressSimilarity = (a: AddressInput, b: AddressInput): number => {
  const x = normaliseAddress(a);
  const y = normaliseAddress(b);
  if (x.country && y.country && x.country !== y.country) return 0;
  if (x.postalCode && y.postalCode && x.postalCode !== y.postalCode) return 0;
  let weight = 0;
  let score = 0;
  const part = (w: number, both: boolean, s: number): void => {
    if (!both) return;
    weight += w;
    score += w * s;
  };
  part(0.4, !!(x.postalCode && y.postalCode), 1);
  part(0.2, !!(x.houseNumber && y.houseNumber), x.houseNumber === y.houseNumber ? 1 : 0);
  part(0.3, x.streetTokens.length > 0 && y.streetTokens.length > 0, tokenOverlap(x.streetTokens, y.streetTokens));
  part(0.1, !!(x.city && y.city), x.city === y.city ? 1 : 0);
  return weight === 0 ? 0 : score / weight;
};
