/**
 * Payment card numbers: 12–19 digits, optionally grouped by single spaces or dashes, that pass the
 * Luhn check. A known issuer prefix with a length that issuer uses, and context words such as
 * "card" or "visa", raise the score; "order", "tracking", "invoice" lower it.
 */
import { applyContext, NOT_PII_NUMBER_WORDS } from "../context.js";
import { allSame, digitsOnly, luhnValid } from "../checksums.js";
import { eachMatch } from "../scan.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";

// A digit, then 11–18 more digits each optionally preceded by one space or dash. The repetition
// is bounded and each step consumes a digit, so a long run of digits costs a constant per start.
const CARD = /(?<![\d.,-])\d(?:[ -]?\d){11,18}(?![\d]|[.,]\d)/g;

export const PATTERNS: readonly RegExp[] = [CARD];

interface Issuer {
  name: string;
  /** Inclusive prefix ranges, compared on the first `len` digits. */
  ranges: readonly (readonly [number, number, number])[]; // [prefixLength, from, to]
  lengths: readonly number[];
}

const ISSUERS: readonly Issuer[] = [
  { name: "visa", ranges: [[1, 4, 4]], lengths: [13, 16, 19] },
  {
    name: "mastercard",
    ranges: [
      [2, 51, 55],
      [4, 2221, 2720],
    ],
    lengths: [16],
  },
  {
    name: "amex",
    ranges: [
      [2, 34, 34],
      [2, 37, 37],
    ],
    lengths: [15],
  },
  {
    name: "discover",
    ranges: [
      [4, 6011, 6011],
      [3, 644, 649],
      [2, 65, 65],
    ],
    lengths: [16, 17, 18, 19],
  },
  {
    name: "diners",
    ranges: [
      [3, 300, 305],
      [2, 36, 36],
      [2, 38, 39],
    ],
    lengths: [14, 15, 16, 17, 18, 19],
  },
  { name: "jcb", ranges: [[4, 3528, 3589]], lengths: [16, 17, 18, 19] },
  {
    name: "jcb",
    ranges: [
      [4, 1800, 1800],
      [4, 2131, 2131],
    ],
    lengths: [15],
  },
  { name: "unionpay", ranges: [[2, 62, 62]], lengths: [16, 17, 18, 19] },
  { name: "mir", ranges: [[4, 2200, 2204]], lengths: [16, 17, 18, 19] },
  {
    name: "maestro",
    ranges: [
      [2, 50, 50],
      [2, 56, 69],
    ],
    lengths: [12, 13, 14, 15, 16, 17, 18, 19],
  },
];

/** The issuer whose prefix and length fit, if any. */
export function cardIssuer(digits: string): string | undefined {
  for (const iss of ISSUERS) {
    if (!iss.lengths.includes(digits.length)) continue;
    for (const [len, from, to] of iss.ranges) {
      const p = Number(digits.slice(0, len));
      if (p >= from && p <= to) return iss.name;
    }
  }
  return undefined;
}

const CONTEXT = {
  positive: [
    "card",
    "cc",
    "credit",
    "debit",
    "visa",
    "mastercard",
    "amex",
    "american express",
    "maestro",
    "discover",
    "jcb",
    "diners",
    "payment",
    "pay",
    "charge",
    "cvv",
    "expires",
    "expiry",
  ],
  negative: NOT_PII_NUMBER_WORDS,
  boost: 0.15,
  penalty: 0.35,
};

/** Whether a grouped number uses one separator consistently (4-4-4-4, 4-6-5 …), not a random mix. */
function consistentGrouping(raw: string): boolean {
  const hasSpace = raw.includes(" ");
  const hasDash = raw.includes("-");
  if (hasSpace && hasDash) return false;
  if (!hasSpace && !hasDash) return true;
  const groups = raw.split(hasSpace ? " " : "-");
  // Real groupings have 2–6 digit groups and at most five of them.
  return groups.length <= 5 && groups.every((g) => g.length >= 2 && g.length <= 6);
}

export const paymentCardRecognizer: Recognizer = {
  name: "payment-card",
  labels: ["credit-card"],
  find(input: ScanInput): PiiMatch[] {
    if (!input.hasDigit) return [];
    const out: PiiMatch[] = [];
    eachMatch(CARD, input.text, (m) => {
      const digits = digitsOnly(m[0]);
      if (!luhnValid(digits) || allSame(digits) || !consistentGrouping(m[0])) return;
      const issuer = cardIssuer(digits);
      let base = issuer ? 0.8 : 0.45;
      if (digits.length < 13) base -= 0.15;
      const start = m.index;
      const end = m.index + m[0].length;
      const ctx = applyContext(input.lower, start, end, base, CONTEXT);
      const reason = [
        "luhn-valid",
        issuer ? `${issuer} prefix` : "unknown prefix",
        ctx.word ? `context '${ctx.word}'` : "",
      ]
        .filter(Boolean)
        .join(", ");
      out.push({ start, end, label: "credit-card", score: ctx.score, reason });
    });
    return out;
  },
};
