/** Why the curator rejects or repairs a record: one id per check, with the sentence the report prints. */

export const REASONS = [
  "harmful-compliance",
  "toxicity",
  "injection",
  "pii",
  "secret",
  "duplicate",
  "near-duplicate",
  "language",
] as const;

export type Reason = (typeof REASONS)[number];

export const REASON_TEXT: Readonly<Record<Reason, string>> = {
  "harmful-compliance":
    "an assistant turn carries out a harmful request (harmful-response classifier on the reply, with the harm classifier on the request and the refusal classifier on the reply)",
  toxicity: "toxic text in a turn the model learns from (toxicity classifier)",
  injection:
    "instructions planted in text that is not the user's — system prompt, reply, tool output, attached data or document (injection classifier): possible data poisoning",
  pii: "personal data (pii detector): redacted in place, or the record dropped with --pii drop",
  secret: "credentials or keys (secrets detector): redacted in place, or the record dropped with --pii drop",
  duplicate: "the same text as an earlier kept record, after normalising case, spacing and punctuation",
  "near-duplicate": "nearly the same text as an earlier kept record (MinHash estimate of Jaccard similarity)",
  language: "not in one of the languages asked for with --languages",
};

/** The checks a run can switch on or off (`--checks`). */
export const CHECKS = ["safety", "toxicity", "injection", "privacy", "dedup", "language"] as const;
export type CheckName = (typeof CHECKS)[number];

/** One finding of the curator on a record. */
export interface Hit {
  reason: Reason;
  /** Turn index in the parsed record, when the hit is about one turn. */
  turn?: number;
  role?: string;
  score?: number;
  /** Hazard category, PII label, language... */
  label?: string;
  detail: string;
}
