/**
 * IBANs: a country code, two check digits and a national account number of the length that
 * country uses (ISO 13616 registry), optionally in groups of four; the whole must satisfy
 * mod 97 = 1. Lower-case input is accepted (people type it that way).
 */
import { applyContext } from "../context.js";
import { mod97 } from "../checksums.js";
import { eachMatch } from "../scan.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";

/** Total IBAN length by country (SWIFT IBAN registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

// Country code and check digits, then up to 30 more alphanumerics, each optionally after one
// space (groups of four). Bounded repetition; the exact length is cut in code.
const IBAN = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){10,30}/g;

const ALNUM = /^[A-Za-z0-9]$/;

export const PATTERNS: readonly RegExp[] = [IBAN, ALNUM];

const CONTEXT = {
  positive: ["iban", "bank", "account", "transfer", "wire", "sepa", "bic", "swift"],
  boost: 0.08,
};

/** Whether a compact, upper-case IBAN has the right length and check digits. */
export function ibanValid(compact: string): boolean {
  const len = IBAN_LENGTHS[compact.slice(0, 2)];
  if (len === undefined || compact.length !== len) return false;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
}

export const ibanRecognizer: Recognizer = {
  name: "iban",
  labels: ["iban"],
  find(input: ScanInput): PiiMatch[] {
    if (!input.hasDigit) return [];
    const out: PiiMatch[] = [];
    eachMatch(IBAN, input.text, (m) => {
      const country = m[0].slice(0, 2).toUpperCase();
      const len = IBAN_LENGTHS[country];
      if (len === undefined) return;
      // Walk the match, keeping alphanumerics until the country's length is reached.
      let compact = "";
      let endInMatch = 0;
      for (let i = 0; i < m[0].length && compact.length < len; i++) {
        const ch = m[0][i]!;
        if (ch !== " ") compact += ch.toUpperCase();
        endInMatch = i + 1;
      }
      if (compact.length !== len) return;
      // The IBAN must end at a word boundary (not in the middle of a longer token).
      const next = input.text[m.index + endInMatch];
      if (next !== undefined && ALNUM.test(next)) return;
      if (!ibanValid(compact)) return;
      const start = m.index;
      const end = m.index + endInMatch;
      const ctx = applyContext(input.lower, start, end, 0.9, CONTEXT);
      out.push({
        start,
        end,
        label: "iban",
        score: ctx.score,
        reason: `mod-97 valid, ${country} length ${len}`,
      });
    });
    return out;
  },
};
