/** What every decoder finds: a run of encoded text and what it decodes to. */
export type Encoding = "base64" | "hex" | "url" | "html" | "rot13";

export interface EncodedRun {
  encoding: Encoding;
  /** Half-open span of the run in the text that was scanned. */
  start: number;
  end: number;
  /** The decoded text (at most `budget` characters). */
  decoded: string;
  /** Whether the decoded text was cut at the budget. */
  truncated: boolean;
}

export interface DecodeLimits {
  /** Minimum length of a candidate run. */
  minLength: number;
  /** Most characters one decoded run may produce. */
  budget: number;
}

/** Scans `text` for runs of one encoding and appends the ones that decode to readable text. */
export type RunFinder = (text: string, limits: DecodeLimits, out: EncodedRun[]) => void;
