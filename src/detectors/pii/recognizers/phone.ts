/**
 * Phone numbers. A cheap regex finds phone-shaped digit runs (7–15 digits with the separators
 * people use); each candidate is then validated with libphonenumber-js (full metadata): valid in
 * international form or in the default region scores high, valid only in one of a few other
 * common regions scores lower, and phone words nearby ("call", "phone", "fax") raise the score.
 */
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { applyContext, nearWord, NOT_PII_NUMBER_WORDS } from "../context.js";
import { digitsOnly } from "../checksums.js";
import { eachMatch } from "../scan.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";

// Optional "+" (or "(" for an area code), a digit, 5–22 characters of digits and separators, a
// final digit, then an optional extension. Bounded, and every candidate is cut at line breaks.
const CANDIDATE =
  /(?<![\w+./-])(?:\+ ?|\()?\d[\d ()./-]{5,22}\d(?: ?(?:x|ext\.?|#) ?\d{1,5})?(?!\w|[./-]\d)/g;
const EXTENSION = / ?(?:x|ext\.?|#) ?\d{1,5}$/;
// A date, possibly followed by a clock time ("2000-04-16 11:34"): not a phone number.
const DATE_LIKE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{2}|\d{4}))(?: \d{1,2})?$/;
const IPV4_LIKE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const SEPARATOR = /[ ()./-]/;

export const PATTERNS: readonly RegExp[] = [CANDIDATE, EXTENSION, DATE_LIKE, IPV4_LIKE, SEPARATOR];

/** Regions tried, at a lower score, when the number is not valid in the default region. */
export const FALLBACK_REGIONS: readonly CountryCode[] = [
  "GB",
  "DE",
  "FR",
  "IT",
  "ES",
  "NL",
  "SE",
  "AU",
  "CA",
  "IN",
  "BR",
];

const CONTEXT = {
  positive: [
    "phone",
    "telephone",
    "tel",
    "call",
    "calling",
    "mobile",
    "cell",
    "fax",
    "text me",
    "sms",
    "whatsapp",
    "contact",
    "reach me",
    "number",
    "messages",
    "office",
    "desk",
    "landline",
    "ring",
    "dial",
    "answering",
  ],
  negative: [
    ...NOT_PII_NUMBER_WORDS,
    "card",
    "ssn",
    "social security",
    "iban",
    "account",
    "zip",
    "postal",
    "isbn",
  ],
  boost: 0.3,
  penalty: 0.3,
  before: 40,
  after: 24,
};

type Validity = "international" | "region" | "fallback" | "none";

function validity(candidate: string, region: string, tryFallback: boolean): Validity {
  const international = candidate.startsWith("+") || candidate.startsWith("00");
  if (international) {
    const intl = candidate.startsWith("00") ? "+" + candidate.slice(2) : candidate;
    return parsePhoneNumberFromString(intl)?.isValid() ? "international" : "none";
  }
  if (parsePhoneNumberFromString(candidate, region as CountryCode)?.isValid()) return "region";
  if (!tryFallback) return "none";
  for (const r of FALLBACK_REGIONS) {
    if (r !== region && parsePhoneNumberFromString(candidate, r)?.isValid()) return "fallback";
  }
  return "none";
}

export const phoneRecognizer: Recognizer = {
  name: "phone",
  labels: ["phone"],
  find(input: ScanInput): PiiMatch[] {
    if (!input.hasDigit) return [];
    const out: PiiMatch[] = [];
    eachMatch(CANDIDATE, input.text, (m) => {
      let text = m[0];
      // A "(" that does not close belongs to the prose, not the number.
      let start = m.index;
      if (text.startsWith("(") && !text.includes(")")) {
        text = text.slice(1);
        start++;
      }
      const core = text.replace(EXTENSION, "");
      const digits = digitsOnly(core);
      if (digits.length < 7 || digits.length > 15) return;
      if (DATE_LIKE.test(core) || IPV4_LIKE.test(core)) return;
      const grouped = SEPARATOR.test(core) || core.startsWith("+");
      // Other regions are tried only for grouped numbers or next to phone words: parsing is the
      // costly step, and a bare digit run valid only abroad scores below any threshold anyway.
      const phoneWord =
        nearWord(input.lower, start, start + text.length, CONTEXT.positive, CONTEXT.before, CONTEXT.after) !==
        undefined;
      const v = validity(core, input.region, grouped || phoneWord);
      let base: number;
      if (v === "international") base = 0.85;
      else if (v === "region") base = grouped ? 0.75 : 0.5;
      else if (v === "fallback") base = grouped ? 0.45 : 0.3;
      else if (grouped && (core.startsWith("+") || core.includes("("))) base = 0.25;
      else return;
      const end = start + text.length;
      const ctx = applyContext(input.lower, start, end, base, CONTEXT);
      if (ctx.score < 0.2) return;
      const reason = [v === "none" ? "phone-shaped" : `valid (${v})`, ctx.word ? `context '${ctx.word}'` : ""]
        .filter(Boolean)
        .join(", ");
      out.push({ start, end, label: "phone", score: ctx.score, reason });
    });
    return out;
  },
};
