/** The shape shared by every secret rule: a keyword prefilter, a scanner, and the regexes it uses. */

/**
 * How specific a rule is. When two findings overlap, the more specific one wins: a GitHub token
 * found by its "ghp_" format beats the generic high-entropy rule that also saw it assigned to
 * `token = ...`.
 */
export const TIER = { generic: 1, contextual: 2, format: 3 } as const;
export type Tier = (typeof TIER)[keyof typeof TIER];

export interface SecretHit {
  /** Rule id, reported as the finding's label. */
  label: string;
  /** Half-open span of the secret in the scanned view's text. */
  start: number;
  end: number;
  score: number;
  tier: Tier;
  evidence: string;
}

export interface ScanInput {
  text: string;
  /** Shannon entropy threshold for the generic rule (bits per char). */
  entropyThreshold: number;
  /** Minimum length of a generic high-entropy value. */
  minGenericLength: number;
}

export interface SecretRule {
  /** Rule id: the finding label, e.g. "github-pat". */
  id: string;
  /** Provider or kind, e.g. "github", "private-key", "generic". */
  family: string;
  description: string;
  /** Lower-case literals; the rule runs only where one of them occurs (case-insensitively). */
  keywords: readonly string[];
  tier: Tier;
  /** Labels the rule can report when they differ from its id. */
  labels?: readonly string[];
  /** Every regex the rule runs, exported for the ReDoS check. */
  patterns: readonly RegExp[];
  /** gitleaks rule ids whose secrets this rule is meant to find (for the benchmark's coverage figure). */
  gitleaks: readonly string[];
  /**
   * Scans `input.text` at the given keyword hit offsets (start of the keyword, ascending, possibly
   * repeated for different keywords) and appends hits to `out`.
   */
  scan(input: ScanInput, hits: readonly number[], out: SecretHit[]): void;
}
