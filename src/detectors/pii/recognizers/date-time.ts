/**
 * Dates and times (Presidio's DATE_TIME): ISO dates and timestamps, numeric dates with a valid
 * day and month, dates with month names, weekdays, clock times, and years after a date word
 * ("in 1977", "since 2001"). A date is personal data mostly as a birth date: "born", "birthday"
 * and "date of birth" raise the score.
 */
import { validDate } from "../checksums.js";
import { applyContext } from "../context.js";
import { eachMatch } from "../scan.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";

const ISO = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(?![\d])/g;
const NUMERIC = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[/.-]\d)/g;
const MONTHS =
  "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const MONTH_DATE = new RegExp(
  `\\b(?:(?:${MONTHS})\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?|\\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:${MONTHS})\\.?(?:,? \\d{4})?|(?:${MONTHS}) \\d{4})\\b`,
  "gi",
);
const WEEKDAY = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b/g;
const CLOCK = /(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?: ?[ap]\.?m\.?)?(?![\d:])/gi;
const YEAR = /(?<![\d.,-])(?:1[89]|20)\d{2}(?![\d]|-\d|[.,]\d)/g;
/** Words before a year that make it a date ("in 1977", "since 2001"). */
const YEAR_WORDS = new Set([
  "in",
  "since",
  "of",
  "during",
  "from",
  "until",
  "till",
  "by",
  "year",
  "founded",
  "born",
  "around",
  "circa",
  "c.",
]);
const MONTH_STEMS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export const PATTERNS: readonly RegExp[] = [ISO, NUMERIC, MONTH_DATE, WEEKDAY, CLOCK, YEAR];

const BIRTH = {
  positive: ["born", "birthday", "date of birth", "dob", "birth date", "d.o.b"],
  boost: 0.2,
  before: 40,
  after: 16,
};

export const dateTimeRecognizer: Recognizer = {
  name: "date-time",
  labels: ["date-time"],
  find(input: ScanInput): PiiMatch[] {
    const { text } = input;
    const out: PiiMatch[] = [];
    const add = (start: number, end: number, base: number, reason: string) => {
      const ctx = applyContext(input.lower, start, end, base, BIRTH);
      out.push({
        start,
        end,
        label: "date-time",
        score: ctx.score,
        reason: ctx.word ? `${reason}, context '${ctx.word}'` : reason,
      });
    };
    if (input.hasDigit) {
      eachMatch(ISO, text, (m) => {
        if (!validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return;
        add(m.index, m.index + m[0].length, 0.8, "ISO date");
      });
      eachMatch(NUMERIC, text, (m) => {
        const a = Number(m[1]);
        const b = Number(m[3]);
        let y = Number(m[4]);
        if (m[4]!.length === 2) y += 2000;
        // month/day or day/month: either reading must be a real date
        if (!validDate(y, a, b) && !validDate(y, b, a)) return;
        // "1.2.30" is more often a version than a date
        if (m[2] === "." && m[4]!.length === 2) return;
        add(m.index, m.index + m[0].length, 0.7, "numeric date");
      });
      eachMatch(CLOCK, text, (m) => add(m.index, m.index + m[0].length, 0.5, "clock time"));
      eachMatch(YEAR, text, (m) => {
        if (m.index < 2 || text[m.index - 1] !== " ") return;
        const before = input.lower.lastIndexOf(" ", m.index - 2);
        if (!YEAR_WORDS.has(input.lower.slice(before + 1, m.index - 1))) return;
        add(m.index, m.index + 4, 0.55, "year");
      });
      // Every month-name form has a number, so a bare "may" or "march" (a verb) never matches.
      if (MONTH_STEMS.some((ms) => input.lower.includes(ms)))
        eachMatch(MONTH_DATE, text, (m) => add(m.index, m.index + m[0].length, 0.7, "date"));
    }
    if (input.lower.includes("day")) {
      eachMatch(WEEKDAY, text, (m) => add(m.index, m.index + m[0].length, 0.55, "weekday"));
    }
    return out;
  },
};
