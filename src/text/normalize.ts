/**
 * normalize(raw) builds the GuardText every detector receives: the raw view plus, when they differ from
 * every earlier view,
 *   normalized   - NFKC without default-ignorables, bidi controls and tag characters;
 *   tag-smuggled - ASCII hidden in Unicode tag characters, decoded;
 *   skeleton     - normalized, lower-cased, look-alike letters folded to ASCII;
 *   leet         - skeleton with leetspeak read as letters;
 *   decoded      - each base64 / hex / URL / HTML / rot13 payload, recursively;
 * and flags for what it removed or found (invisible, bidi-control, tag-characters, mixed-script,
 * confusables, encoded, decode-limit). Every view maps its offsets back to raw spans.
 *
 * Plain ASCII text takes a fast path: no copies, no offset tables, one lower-casing for the skeleton.
 */
import {
  decodeViews,
  isNewText,
  DEFAULT_MAX_DECODE_DEPTH,
  DEFAULT_MAX_DECODED_CHARS,
  DEFAULT_MIN_ENCODED_LENGTH,
} from "./decode.js";
import { FlagCollector } from "./flags.js";
import { stripInvisibles } from "./invisible.js";
import { foldLeet } from "./leet.js";
import { applyNfkc } from "./nfkc.js";
import { toRawFn, type OffsetMap } from "./offset-map.js";
import { rawView } from "./raw.js";
import { buildSkeleton } from "./skeleton.js";
import { buildTagView } from "./tag-view.js";
import type { GuardText, NormalizeOptions, Span, TextView, ViewKind } from "./types.js";

const normalized = new WeakSet<GuardText>();

/** Whether a GuardText came from normalize() (rawText() results carry no views or flags). */
export function isNormalized(text: GuardText): boolean {
  return normalized.has(text);
}

function intOption(value: number | undefined, fallback: number, min: number): number {
  return value === undefined || !Number.isFinite(value) ? fallback : Math.max(min, Math.floor(value));
}

/** The raw view, with spans outside the text clamped to it (callers may pass any span). */
function clampedRawView(raw: string): TextView {
  const base = rawView(raw);
  const clamp = (v: number) => (v > 0 ? Math.min(Math.floor(v), raw.length) : 0);
  return {
    ...base,
    toRaw: (span: Span): Span => {
      const [s, e] = base.toRaw([clamp(span[0]), clamp(span[1])]);
      return s <= e ? [s, e] : [e, s];
    },
  };
}

export function normalize(raw: string, opts: NormalizeOptions = {}): GuardText {
  const flags = new FlagCollector();
  const views: TextView[] = [clampedRawView(raw)];
  const add = (kind: ViewKind, text: string, map: OffsetMap): void => {
    if (isNewText(views, text)) views.push({ kind, text, toRaw: toRawFn(raw, map) });
  };

  const strip = stripInvisibles(raw, flags);
  const norm = applyNfkc(strip.text, strip.map, strip.nonAscii, strip.maxJoinRun, strip.charsStable);
  add("normalized", norm.text, norm.map);
  if (strip.tagRuns.length > 0) {
    const tags = buildTagView(raw.length, strip.tagRuns);
    if (tags !== null) add("tag-smuggled", tags.text, tags.map);
  }
  const skeleton = buildSkeleton(norm.text, norm.map, norm.ascii, flags);
  add("skeleton", skeleton.text, skeleton.map);
  const leet = foldLeet(skeleton.text);
  if (leet !== null) add("leet", leet, skeleton.map);

  const normToRaw = toRawFn(raw, norm.map);
  decodeViews(
    norm.text,
    normToRaw,
    {
      maxDepth: intOption(opts.maxDecodeDepth, DEFAULT_MAX_DECODE_DEPTH, 0),
      maxChars: intOption(opts.maxDecodedChars, DEFAULT_MAX_DECODED_CHARS, 0),
      minLength: intOption(opts.minEncodedLength, DEFAULT_MIN_ENCODED_LENGTH, 4),
    },
    views,
    flags,
  );

  const text: GuardText = { raw, views, flags: flags.list };
  normalized.add(text);
  return text;
}
