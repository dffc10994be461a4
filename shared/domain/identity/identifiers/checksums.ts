/**
 * Check-character algorithms used by the identifier schemes. Pure functions over digit/character
 * strings; each returns the expected check or a boolean, never throws.
 */

/** ISO 7064 MOD 11-2 check character ('0'-'9' or 'X') for a string of digits. */
export const iso7064Mod11_2 = (digits: string): string => {
  let sum = 0;
  for (const ch of digits) sum = ((sum + Number(ch)) * 2) % 11;
  const check = (12 - sum) % 11;
  return check === 10 ? 'X' : String(check);
};

/** ISO 7064 MOD 11,10 (hybrid) check digit, as used by German VAT numbers. */
export const iso7064Mod11_10 = (digits: string): number => {
  let product = 10;
  for (const ch of digits) {
    let sum = (Number(ch) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
};

/** Remainder mod 97 of an alphanumeric string read as a number with A=10 … Z=35 (ISO 7064 MOD 97-10). */
export const mod97 = (alnum: string): number => {
  let rest = 0;
  for (const ch of alnum) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 && code <= 90 ? code - 55 : code - 48;
    rest = value >= 10 ? (rest * 100 + value) % 97 : (rest * 10 + value) % 97;
  }
  return rest;
};

/** True when the digit string (check digit last) passes the Luhn mod-10 test. */
export const luhnValid = (digits: string): boolean => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
};
