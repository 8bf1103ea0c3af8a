/**
 * National identity numbers of twelve countries, each found by a shape regex and confirmed by its
 * check digit or letter (see checks.ts). Numbers whose shape is only digits (BSN, PESEL, SIN,
 * Aadhaar, CPF without punctuation) pass a checksum by chance one time in ten or eleven, so
 * without a context word ("BSN", "PESEL", "SIN") they score below the default threshold.
 */
import { applyContext, type ContextRule } from "../context.js";
import { eachMatch } from "../scan.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";
import {
  brCpfValid,
  caSinValid,
  cnResidentIdValid,
  esDniValid,
  esNieValid,
  fiHetuValid,
  frNirValid,
  inAadhaarValid,
  itCodiceFiscaleValid,
  nlBsnValid,
  plPeselValid,
  sePersonnummerValid,
  ukNinoValid,
} from "./checks.js";

interface IdKind {
  /** Label suffix: the finding's label is "national-id:<id>". */
  id: string;
  re: RegExp;
  valid(compact: string): boolean;
  /** Base score from the matched text (formatting is evidence: "123.456.789-09" is a CPF). */
  base(matched: string): number;
  context: ContextRule;
  /** Cheap test before running the regex. */
  needsLetter?: boolean;
  /** The separator is part of the number (Finland's century sign). */
  keepSeparators?: boolean;
  /** Fewest digits in one cluster the number has (a cheap skip for texts without one). */
  minDigits: number;
  /**
   * A cheaper pattern that every match's start also matches, tested before the full regex runs. (It was a
   * test on the PII word list; building that list cost a third of an output check's allocations.)
   */
  prefilter?: RegExp;
}

const SEPARATORS = /[ .-]/g;

const HAS_DIGIT = /\d/;

const KINDS: readonly IdKind[] = [
  {
    id: "uk-nino",
    minDigits: 2,
    // two capital letters, then a digit (after an optional space)
    prefilter: /(?<![A-Za-z0-9])[A-Z]{2} ?\d/,
    re: /(?<![A-Za-z0-9])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/g,
    valid: ukNinoValid,
    base: () => 0.6,
    context: {
      positive: ["national insurance", "ni number", "ni no", "nino", "insurance number", "nin"],
      boost: 0.3,
    },
    needsLetter: true,
  },
  {
    id: "es-dni",
    minDigits: 8,
    re: /(?<![A-Za-z0-9])\d{8}[- ]?[A-Za-z](?![A-Za-z0-9])/g,
    valid: esDniValid,
    base: () => 0.75,
    context: { positive: ["dni", "nif", "documento", "identidad", "id"], boost: 0.2 },
  },
  {
    id: "es-nie",
    minDigits: 7,
    re: /(?<![A-Za-z0-9])[XYZxyz][- ]?\d{7}[- ]?[A-Za-z](?![A-Za-z0-9])/g,
    valid: esNieValid,
    base: () => 0.85,
    context: { positive: ["nie", "nif", "extranjero", "residencia"], boost: 0.1 },
  },
  {
    id: "it-codice-fiscale",
    minDigits: 2,
    // Six letters (the surname and name code), then the birth year; written as a digit with a look back
    // for the letters, so the engine jumps from digit to digit (trying every word was ten times slower).
    prefilter: /\d(?<=(?<![A-Za-z0-9])[A-Za-z]{6}\d)/,
    re: /(?<![A-Za-z0-9])[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?![A-Za-z0-9])/g,
    valid: (v) => HAS_DIGIT.test(v) && itCodiceFiscaleValid(v),
    base: () => 0.9,
    context: { positive: ["codice fiscale", "cf", "tax code", "fiscal code"], boost: 0.08 },
  },
  {
    id: "nl-bsn",
    minDigits: 9,
    re: /(?<![\d.-])\d{4}\.?\d{2}\.?\d{3}(?!\d|[.-]\d)/g,
    valid: nlBsnValid,
    base: (t) => (t.includes(".") ? 0.45 : 0.35),
    context: { positive: ["bsn", "burgerservicenummer", "sofinummer", "sofi"], boost: 0.5 },
  },
  {
    id: "se-personnummer",
    minDigits: 10,
    re: /(?<![\d-])(?:\d{2})?\d{6}[-+]?\d{4}(?!\d|-\d)/g,
    valid: sePersonnummerValid,
    base: (t) => (t.includes("-") || t.includes("+") ? 0.6 : 0.35),
    context: {
      positive: [
        "personnummer",
        "personnr",
        "person number",
        "samordningsnummer",
        "personal identity number",
      ],
      boost: 0.35,
    },
  },
  {
    id: "fi-hetu",
    minDigits: 6,
    re: /(?<![\w])\d{6}[-+A-FU-Y]\d{3}[0-9A-Ya-y](?![\w])/g,
    valid: fiHetuValid,
    keepSeparators: true,
    base: () => 0.85,
    context: {
      positive: ["henkilötunnus", "hetu", "sotu", "personal identity code", "personbeteckning"],
      boost: 0.1,
    },
  },
  {
    id: "pl-pesel",
    minDigits: 11,
    re: /(?<![\d-])\d{11}(?!\d|-\d)/g,
    valid: plPeselValid,
    base: () => 0.45,
    context: { positive: ["pesel"], boost: 0.45 },
  },
  {
    id: "fr-nir",
    minDigits: 13,
    re: /(?<![\w])[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3} ?\d{2}(?![\w])/g,
    valid: frNirValid,
    base: () => 0.6,
    context: {
      positive: [
        "sécurité sociale",
        "securite sociale",
        "sécu",
        "secu",
        "nir",
        "insee",
        "social security",
        "carte vitale",
      ],
      boost: 0.3,
    },
  },
  {
    id: "in-aadhaar",
    minDigits: 12,
    re: /(?<![\d-])[2-9]\d{3}([ -]?)\d{4}\1\d{4}(?!\d|-\d)/g,
    valid: inAadhaarValid,
    base: (t) => (t.length > 12 ? 0.55 : 0.4),
    context: { positive: ["aadhaar", "aadhar", "uidai", "uid", "enrolment"], boost: 0.4 },
  },
  {
    id: "br-cpf",
    minDigits: 11,
    re: /(?<![\d.-])\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?!\d|[.-]\d)/g,
    valid: brCpfValid,
    base: (t) => (t.length === 14 ? 0.75 : 0.4),
    context: { positive: ["cpf", "cadastro de pessoas", "contribuinte"], boost: 0.4 },
  },
  {
    id: "cn-resident-id",
    minDigits: 17,
    re: /(?<![\w])\d{17}[\dXx](?![\w])/g,
    valid: cnResidentIdValid,
    base: () => 0.75,
    context: {
      positive: ["身份证", "resident identity", "resident id", "identity card", "id card", "id number"],
      boost: 0.2,
    },
  },
  {
    id: "ca-sin",
    minDigits: 9,
    re: /(?<![\d-])\d{3}([ -]?)\d{3}\1\d{3}(?!\d|-\d)/g,
    valid: caSinValid,
    base: (t) => (t.length > 9 ? 0.4 : 0.3),
    context: { positive: ["sin", "social insurance", "assurance sociale", "nas"], boost: 0.45 },
  },
];

const HAS_UPPER = /[A-Z]/;

export const PATTERNS: readonly RegExp[] = [
  ...KINDS.flatMap((k) => (k.prefilter ? [k.re, k.prefilter] : [k.re])),
  SEPARATORS,
  HAS_UPPER,
  HAS_DIGIT,
];

export const NATIONAL_ID_LABELS: readonly string[] = KINDS.map((k) => `national-id:${k.id}`);

export const nationalIdRecognizer: Recognizer = {
  name: "national-id",
  labels: NATIONAL_ID_LABELS,
  find(input: ScanInput): PiiMatch[] {
    if (!input.hasDigit) return [];
    const out: PiiMatch[] = [];
    const hasUpper = HAS_UPPER.test(input.text);
    for (const kind of KINDS) {
      if (kind.needsLetter && !hasUpper) continue;
      if (input.maxDigitCluster < kind.minDigits) continue;
      if (kind.prefilter && !kind.prefilter.test(input.text)) continue;
      const label = `national-id:${kind.id}`;
      eachMatch(kind.re, input.text, (m) => {
        const compact = (kind.keepSeparators ? m[0] : m[0].replace(SEPARATORS, "")).toUpperCase();
        if (!kind.valid(compact)) return;
        const start = m.index;
        const end = start + m[0].length;
        const ctx = applyContext(input.lower, start, end, kind.base(m[0]), kind.context);
        out.push({
          start,
          end,
          label,
          score: ctx.score,
          reason: ctx.word ? `check valid, context '${ctx.word}'` : "check valid",
        });
      });
    }
    return out;
  },
};
