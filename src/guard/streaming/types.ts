/** Shapes of the streaming output rail: the events a guarded stream yields, and its options. */
import type { Stage } from "../../policy/stages.js";
import type { Guard } from "../create-guard.js";
import type { CheckContext, Decision } from "../types.js";

export type StreamEvent =
  /** Checked text, safe to show (redacted where the policy redacts). */
  | { type: "text"; text: string }
  /** The source ended and everything was released; the decision sums up the whole stream. */
  | { type: "end"; decision: Decision }
  /** A violation (or an error) ended the stream: show safeReply; nothing of the violating text was released. */
  | { type: "blocked"; decision: Decision; safeReply: string };

/** What the stream rail needs of a guard. */
export type StreamCheckGuard = Pick<Guard, "check" | "policy" | "policyVersion">;

export interface StreamGuardOptions {
  /** Stage the text is checked at (default "output"). */
  stage?: Stage;
  /** Facts for the detectors (canaries, system prompt, vault), passed to every check. */
  ctx?: CheckContext;
  /**
   * Unreleased text waits for a sentence end; once this much is held without one, the older part
   * is released anyway (at a space, keeping `lookaheadChars` back). Default 200: most sentences are
   * shorter, so text is usually released sentence by sentence, and run-on text or code is still
   * released in steps of about holdChars − lookaheadChars.
   */
  holdChars?: number;
  /**
   * A release that is not at a sentence end keeps at least this much checked text after the cut, so
   * any pattern up to this long that starts before the cut was seen whole (default 100: phone
   * numbers, spaced card numbers and IBANs are under 45 characters).
   */
  lookaheadChars?: number;
  /**
   * Text without any space is held up to this length before it is cut anyway (default 1000): a long
   * token (a key, a base64 blob) is best checked whole.
   */
  maxHoldChars?: number;
  /**
   * How much already-released text is checked again together with the held text, so that a pattern
   * spanning the release point is still seen (default 1000; Infinity re-checks the whole stream,
   * which costs time quadratic in its length).
   */
  contextChars?: number;
}

/** Counters of one stream, for benchmarks and logs. */
export interface StreamStats {
  chunks: number;
  /** Characters received from the source. */
  charsIn: number;
  /** Characters released (after redaction). */
  charsOut: number;
  /** Guard checks run. */
  checks: number;
  /** Characters passed to the guard over all checks (re-checked context included). */
  checkedChars: number;
  /** Most characters held back at any time. */
  maxHeldChars: number;
  /** Time spent in guard checks, in milliseconds. */
  checkMs: number;
}
