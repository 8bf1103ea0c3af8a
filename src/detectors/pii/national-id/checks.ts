/**
 * Validators for national identity numbers. Each takes the number without separators (upper-case
 * where letters occur) and returns whether its format rules and check digit or letter hold.
 */
import { allSame, luhnValid, mod97, validDate, verhoeffValid, weightedSum } from "../checksums.js";

const NINO_SHAPE = /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;
const DNI_SHAPE = /^\d{8}[A-Z]$/;
const NIE_SHAPE = /^[XYZ]\d{7}[A-Z]$/;
const CF_SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;
const NINE_DIGITS = /^\d{9}$/;
const TEN_DIGITS = /^\d{10}$/;
const HETU_SHAPE = /^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/;
const ELEVEN_DIGITS = /^\d{11}$/;
const NIR_SHAPE = /^[12]\d{4}(?:\d{2}|2[AB])\d{6}\d{2}$/;
const AADHAAR_SHAPE = /^[2-9]\d{11}$/;
const CN_SHAPE = /^\d{17}[\dX]$/;

/** Shape checks, for the global ReDoS check. */
export const PATTERNS: readonly RegExp[] = [
  NINO_SHAPE,
  DNI_SHAPE,
  NIE_SHAPE,
  CF_SHAPE,
  NINE_DIGITS,
  TEN_DIGITS,
  HETU_SHAPE,
  ELEVEN_DIGITS,
  NIR_SHAPE,
  AADHAAR_SHAPE,
  CN_SHAPE,
];

const NINO_BAD_PREFIX = new Set(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]);

/** UK National Insurance number: two prefix letters with exclusions, six digits, suffix A–D. */
export function ukNinoValid(v: string): boolean {
  if (!NINO_SHAPE.test(v)) return false;
  return !NINO_BAD_PREFIX.has(v.slice(0, 2));
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

/** Spain DNI: eight digits and a letter equal to DNI_LETTERS[number mod 23]. */
export function esDniValid(v: string): boolean {
  if (!DNI_SHAPE.test(v)) return false;
  return DNI_LETTERS[Number(v.slice(0, 8)) % 23] === v[8];
}

/** Spain NIE: X, Y or Z (read as 0, 1, 2), seven digits and the DNI letter. */
export function esNieValid(v: string): boolean {
  if (!NIE_SHAPE.test(v)) return false;
  const n = Number(String("XYZ".indexOf(v[0]!)) + v.slice(1, 8));
  return DNI_LETTERS[n % 23] === v[8];
}

// Codice fiscale: values of characters in odd (1st, 3rd …) positions; even positions use 0–25/0–9.
const CF_ODD: Record<string, number> = {};
"1 0 5 7 9 13 15 17 19 21 2 4 18 20 11 3 6 8 12 14 16 10 22 25 24 23".split(" ").forEach((n, i) => {
  CF_ODD[String.fromCharCode(65 + i)] = Number(n);
  if (i < 10) CF_ODD[String(i)] = Number(n);
});

/** Italy codice fiscale: 16 characters whose last is a check letter over the first 15. */
export function itCodiceFiscaleValid(v: string): boolean {
  if (!CF_SHAPE.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = v[i]!;
    if (i % 2 === 0) sum += CF_ODD[ch]!;
    else sum += ch >= "0" && ch <= "9" ? Number(ch) : ch.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26)) === v[15];
}

/** Netherlands BSN: nine digits passing the "11-test" (weights 9…2 and −1). */
export function nlBsnValid(v: string): boolean {
  if (!NINE_DIGITS.test(v) || allSame(v)) return false;
  const s = weightedSum(v, [9, 8, 7, 6, 5, 4, 3, 2, -1]);
  return s > 0 && s % 11 === 0;
}

/** Sweden personnummer: YYMMDD (day +60 for coordination numbers) and NNNC, Luhn over ten digits. */
export function sePersonnummerValid(v: string): boolean {
  const ten = v.length === 12 ? v.slice(2) : v;
  if (!TEN_DIGITS.test(ten)) return false;
  const yy = Number(ten.slice(0, 2));
  const mm = Number(ten.slice(2, 4));
  let dd = Number(ten.slice(4, 6));
  if (dd > 60) dd -= 60;
  const year = v.length === 12 ? Number(v.slice(0, 4)) : 2000 + yy;
  if (!validDate(year, mm, dd)) return false;
  return luhnValid(ten);
}

const HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";
const HETU_CENTURY: Record<string, number> = {
  "+": 1800,
  "-": 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

/** Finland HETU: DDMMYY, a century sign, NNN and a check character (mod 31). */
export function fiHetuValid(v: string): boolean {
  if (!HETU_SHAPE.test(v)) return false;
  const century = HETU_CENTURY[v[6]!];
  if (century === undefined) return false;
  if (!validDate(century + Number(v.slice(4, 6)), Number(v.slice(2, 4)), Number(v.slice(0, 2)))) return false;
  return HETU_CHECK[Number(v.slice(0, 6) + v.slice(7, 10)) % 31] === v[10];
}

/** Poland PESEL: eleven digits, birth date with the century in the month, weighted check digit. */
export function plPeselValid(v: string): boolean {
  if (!ELEVEN_DIGITS.test(v) || allSame(v)) return false;
  let month = Number(v.slice(2, 4));
  const century = [1900, 2000, 2100, 2200, 1800][Math.floor(month / 20)];
  if (century === undefined) return false;
  month %= 20;
  if (!validDate(century + Number(v.slice(0, 2)), month, Number(v.slice(4, 6)))) return false;
  const check = (10 - (weightedSum(v, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10;
  return check === Number(v[10]);
}

/** France NIR (social security number): sex, YYMM, department (2A/2B for Corsica), key = 97 − n mod 97. */
export function frNirValid(v: string): boolean {
  if (!NIR_SHAPE.test(v)) return false;
  const month = Number(v.slice(3, 5));
  if (!((month >= 1 && month <= 12) || month >= 20)) return false;
  const body = v.slice(0, 13).replace("2A", "19").replace("2B", "18");
  return 97 - mod97(body) === Number(v.slice(13));
}

/** India Aadhaar: twelve digits, not starting with 0 or 1, Verhoeff check digit. */
export function inAadhaarValid(v: string): boolean {
  return AADHAAR_SHAPE.test(v) && verhoeffValid(v);
}

/** Brazil CPF: eleven digits with two mod-11 check digits; repeated digits are invalid. */
export function brCpfValid(v: string): boolean {
  if (!ELEVEN_DIGITS.test(v) || allSame(v)) return false;
  const d1 = ((weightedSum(v, [10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  if (d1 !== Number(v[9])) return false;
  const d2 = ((weightedSum(v, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  return d2 === Number(v[10]);
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = "10X98765432";

/** China resident identity number: region, YYYYMMDD birth date, sequence, ISO 7064 MOD 11-2 check. */
export function cnResidentIdValid(v: string): boolean {
  if (!CN_SHAPE.test(v)) return false;
  if (!validDate(Number(v.slice(6, 10)), Number(v.slice(10, 12)), Number(v.slice(12, 14)))) return false;
  return CN_CHECK[weightedSum(v, CN_WEIGHTS) % 11] === v[17];
}

/** Canada SIN: nine digits, Luhn; a first digit of 0 or 8 is never issued. */
export function caSinValid(v: string): boolean {
  if (!NINE_DIGITS.test(v) || v[0] === "0" || v[0] === "8" || allSame(v)) return false;
  return luhnValid(v);
}
