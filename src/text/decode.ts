/**
 * The recursive walk over encoded payloads. The normalized text is scanned by every decoder; each run
 * that decodes to readable text becomes a "decoded" view whose `encodings` list the chain so far, and
 * its text is scanned again, up to `maxDecodeDepth` levels. Every decoded view maps any offset to the
 * raw span of the outermost encoded run, so redacting something found inside a payload redacts the
 * whole payload as it appears in the raw text.
 *
 * Work is bounded: the decoded text of all views together is at most `maxDecodedChars` characters, and
 * at most MAX_DECODED_VIEWS views are made. Each scan is linear in the text scanned, and every text is
 * scanned once, so the whole walk is linear in the raw length plus the budget. Reaching a limit adds a
 * `decode-limit` flag.
 */
import { findBase64AndHex } from "./decoders/alnum-runs.js";
import { findEscapedHex } from "./decoders/hex.js";
import { findHtmlEntities } from "./decoders/html.js";
import { findPercentEncoded } from "./decoders/percent.js";
import { findRot13 } from "./decoders/rot13.js";
import type { DecodeLimits, EncodedRun, RunFinder } from "./decoders/types.js";
import type { FlagCollector } from "./flags.js";
import { cleanText } from "./nfkc.js";
import type { Span, TextView } from "./types.js";

export const DEFAULT_MAX_DECODE_DEPTH = 3;
export const DEFAULT_MAX_DECODED_CHARS = 64 * 1024;
export const DEFAULT_MIN_ENCODED_LENGTH = 16;
export const MAX_DECODED_VIEWS = 64;

const FINDERS: readonly RunFinder[] = [
  findBase64AndHex,
  findEscapedHex,
  findPercentEncoded,
  findHtmlEntities,
  findRot13,
];

/** All decodable runs of a text, in order of position. */
export function findEncodedRuns(text: string, limits: DecodeLimits): EncodedRun[] {
  const runs: EncodedRun[] = [];
  for (const find of FINDERS) find(text, limits, runs);
  if (runs.length > 1) runs.sort((a, b) => a.start - b.start || b.end - a.end);
  return runs;
}

/** Whether no view has this text yet (views are few; comparing lengths first makes this cheap). */
export function isNewText(views: readonly TextView[], text: string): boolean {
  for (const v of views) if (v.text.length === text.length && v.text === text) return false;
  return true;
}

export interface DecodeOptions {
  maxDepth: number;
  maxChars: number;
  minLength: number;
}

interface Item {
  text: string;
  encodings: string[];
  /** Raw span of the outermost encoded run; null for the top-level text. */
  rawSpan: Span | null;
  depth: number;
}

/**
 * Decodes the payloads nested in `text` (the normalized view; `toRaw` maps its spans to raw), appending
 * decoded views to `views` (skipping texts some view already has) and flags to `flags`.
 */
export function decodeViews(
  text: string,
  toRaw: (span: Span) => Span,
  opts: DecodeOptions,
  views: TextView[],
  flags: FlagCollector,
): void {
  let budget = opts.maxChars;
  let budgetFlagged = false;
  let viewCount = 0;
  const limitFlag = (span: Span, count: number, detail: string) =>
    flags.add("decode-limit", span, count, detail);
  const stack: Item[] = [{ text, encodings: [], rawSpan: null, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as Item;
    if (budget <= 0) break;
    const runs = findEncodedRuns(item.text, { minLength: opts.minLength, budget });
    if (runs.length === 0) continue;
    if (item.depth >= opts.maxDepth) {
      const span =
        item.rawSpan ?? toRaw([(runs[0] as EncodedRun).start, (runs[runs.length - 1] as EncodedRun).end]);
      const chain = item.encodings.length > 0 ? item.encodings.join(">") + ">" : "";
      limitFlag(
        span,
        item.depth,
        `depth ${opts.maxDepth} reached: ${chain}${(runs[0] as EncodedRun).encoding} not unwrapped`,
      );
      continue;
    }
    const children: Item[] = [];
    for (const run of runs) {
      const rawSpan = item.rawSpan ?? toRaw([run.start, run.end]);
      if (budget <= 0 || viewCount >= MAX_DECODED_VIEWS) {
        if (!budgetFlagged) {
          budgetFlagged = true;
          const what =
            budget <= 0 ? `${opts.maxChars} decoded characters` : `${MAX_DECODED_VIEWS} decoded views`;
          limitFlag(rawSpan, 1, `limit of ${what} reached`);
        }
        break;
      }
      let decoded = cleanText(run.decoded);
      let truncated = run.truncated;
      if (decoded.length > budget) {
        decoded = decoded.slice(0, budget);
        truncated = true;
      }
      budget -= decoded.length;
      const encodings = [...item.encodings, run.encoding];
      flags.add("encoded", rawSpan, decoded.length, encodings.join(">"));
      if (truncated && !budgetFlagged) {
        budgetFlagged = true;
        limitFlag(rawSpan, 1, `payload cut at ${opts.maxChars} decoded characters`);
      }
      if (!isNewText(views, decoded)) continue;
      viewCount++;
      const span: Span = [rawSpan[0], rawSpan[1]];
      views.push({ kind: "decoded", text: decoded, encodings, toRaw: (): Span => [span[0], span[1]] });
      children.push({ text: decoded, encodings, rawSpan: span, depth: item.depth + 1 });
    }
    // Depth first, in text order: the first child is scanned next.
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k] as Item);
  }
}
