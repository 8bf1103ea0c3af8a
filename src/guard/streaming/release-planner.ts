/**
 * Decides how much of the held text may be offered for release: up to the last sentence end, or,
 * once holdChars are held, up to the last space that leaves lookaheadChars of checked text after
 * the cut (or a hard cut for text with no space at all past maxHoldChars). The scans are
 * incremental: each held character is looked at a bounded number of times however the text is
 * chunked.
 */
import { cutOnCodePoint, isSentenceBoundary, isSpace } from "./boundaries.js";

export interface ReleaseLimits {
  holdChars: number;
  lookaheadChars: number;
  maxHoldChars: number;
}

export class ReleasePlanner {
  /** Last sentence boundary in the held text, or 0. */
  private boundary = 0;
  /** Held positions up to which sentence boundaries were looked for. */
  private boundaryScanned = 0;
  /** Last cut after a space, or 0. */
  private space = 0;
  /** Held positions up to which spaces were looked for. */
  private spaceScanned = 0;

  constructor(private readonly limits: ReleaseLimits) {}

  /**
   * The furthest cut (a length of `held` to release) that may be checked and released now, or 0.
   * `held` is the whole unreleased text; it only grows between calls until `consume`.
   */
  candidate(held: string): number {
    const u = held.length;
    for (let p = this.boundaryScanned + 1; p <= u; p++) if (isSentenceBoundary(held, p)) this.boundary = p;
    this.boundaryScanned = u;
    let cut = this.boundary;
    if (u < this.limits.holdChars) return cut;

    const limit = u - this.limits.lookaheadChars;
    for (let p = this.spaceScanned + 1; p <= limit; p++) if (isSpace(held.charCodeAt(p - 1))) this.space = p;
    if (limit > this.spaceScanned) this.spaceScanned = limit;
    if (this.space > cut) cut = this.space;
    if (cut === 0 && u >= this.limits.maxHoldChars) cut = cutOnCodePoint(held, limit);
    return cut;
  }

  /** The first `n` held characters were released: shift the scan state. */
  consume(n: number): void {
    this.boundary = this.boundary > n ? this.boundary - n : 0;
    this.boundaryScanned = Math.max(0, this.boundaryScanned - n);
    this.space = this.space > n ? this.space - n : 0;
    this.spaceScanned = Math.max(0, this.spaceScanned - n);
  }
}
