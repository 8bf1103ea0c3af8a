/** Shapes shared by the PII recognizers. A recognizer scans one view's text and returns matches. */
import { scanWords, type Word } from "./words.js";

/** One candidate entity in a view's text (offsets are the view's, half-open). */
export interface PiiMatch {
  start: number;
  end: number;
  /** Entity label, e.g. "email", "credit-card", "national-id:es-dni". */
  label: string;
  /** Confidence 0..1 that the span is this entity. */
  score: number;
  /** Why, without the value itself, e.g. "luhn-valid, visa prefix, context 'card'". */
  reason?: string;
}

/** What a recognizer gets: the text plus cheap facts computed once per view. */
export interface ScanInput {
  text: string;
  /** text.toLowerCase(), computed on first use (same length as text for the scripts we match). */
  readonly lower: string;
  /** Whether the text has any ASCII digit: most structured entities need one. */
  readonly hasDigit: boolean;
  /** ISO 3166 alpha-2 region for phone numbers without a country code. */
  region: string;
  /** Letter-run words, computed on first use and shared by the heuristic recognizers. */
  readonly words: readonly Word[];
  /** Most digits in one cluster of digits joined by single separators (" ", ".", "-", "/"). */
  readonly maxDigitCluster: number;
}

export interface Recognizer {
  /** Short name for diagnostics and tests. */
  name: string;
  /** Labels it can emit; national IDs use "national-id:<cc>-<kind>". */
  labels: readonly string[];
  find(input: ScanInput): PiiMatch[];
}

const HAS_DIGIT = /\d/;
/**
 * Digits joined by single separators. The regular expression skips the text between digit runs in
 * machine code; a character loop over a 1,000-character answer cost five times as much, and most texts
 * have few digits. Linear: the separators are not digits, so each character has one way to match.
 */
const DIGIT_CLUSTER = /\d+(?:[ ./-]\d+)*/g;
export const PATTERNS: readonly RegExp[] = [HAS_DIGIT, DIGIT_CLUSTER];

/**
 * A class, not an object literal with getters over closure variables: the literal kept a context alive
 * per call, which made most of an output check's allocations survive the young-generation GC (the
 * proxy's p99 was its GC pauses); a class instance with plain fields is one small object.
 */
class LazyScanInput implements ScanInput {
  private lowerText: string | undefined = undefined;
  private digit: boolean | undefined = undefined;
  private wordList: Word[] | undefined = undefined;
  private cluster: number | undefined = undefined;

  constructor(
    readonly text: string,
    public region: string,
  ) {}

  get lower(): string {
    // toLowerCase can change length for a few characters (e.g. İ); fall back to a per-char fold.
    if (this.lowerText === undefined) {
      const l = this.text.toLowerCase();
      this.lowerText = l.length === this.text.length ? l : foldPerChar(this.text);
    }
    return this.lowerText;
  }

  get words(): readonly Word[] {
    this.wordList ??= scanWords(this.text);
    return this.wordList;
  }

  get maxDigitCluster(): number {
    this.cluster ??= longestDigitCluster(this.text);
    return this.cluster;
  }

  get hasDigit(): boolean {
    this.digit ??= HAS_DIGIT.test(this.text);
    return this.digit;
  }
}

export function makeScanInput(text: string, region: string): ScanInput {
  return new LazyScanInput(text, region);
}

function foldPerChar(text: string): string {
  let out = "";
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

export function longestDigitCluster(text: string): number {
  let best = 0;
  DIGIT_CLUSTER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIGIT_CLUSTER.exec(text)) !== null) {
    const cluster = m[0];
    if (cluster.length <= best) continue; // cannot hold more digits than characters
    let digits = 0;
    for (let i = 0; i < cluster.length; i++) if (isDigitCode(cluster.charCodeAt(i))) digits++;
    if (digits > best) best = digits;
  }
  DIGIT_CLUSTER.lastIndex = 0;
  return best;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
