/**
 * The first pass over the raw text: finds default-ignorable characters (zero-width characters,
 * variation selectors, fillers, ...), bidi controls and Unicode tag characters, removes them, and flags
 * the ones that look like obfuscation. Ordinary uses are not flagged: a ZWJ inside an emoji sequence, a
 * single variation selector after a symbol, ZWJ/ZWNJ between letters of Arabic, Persian or Indic text,
 * Mongolian variation selectors, a byte-order mark at the very start, and emoji subdivision flags
 * (black flag + tag letters + cancel tag). Everything else is flagged, with its raw span.
 *
 * The same pass notes whether the text has any non-ASCII character and the longest run of combining
 * characters, which the NFKC step needs to stay linear.
 */
import { isEmojiLike, isJoiningScript, joinsPrevious } from "./char-class.js";
import type { FlagCollector } from "./flags.js";
import { unitsToText } from "./decoders/printable.js";
import { isNfkcStableAlone } from "./nfkc-char.js";
import { MapBuilder, OffsetMap } from "./offset-map.js";

const KEEP = 0;
const INVISIBLE = 1;
const BIDI = 2;
const TAG = 3;

/** What the normaliser does with a code point: keep it, or remove it as invisible, bidi or tag. */
export function removableKind(cp: number): number {
  if (cp < 0xad) return KEEP;
  if (cp < 0x2000) {
    if (cp === 0xad || cp === 0x34f || cp === 0x115f || cp === 0x1160 || cp === 0x17b4 || cp === 0x17b5)
      return INVISIBLE;
    if (cp >= 0x180b && cp <= 0x180f) return INVISIBLE;
    return cp === 0x61c ? BIDI : KEEP;
  }
  if (cp <= 0x206f) {
    if (cp >= 0x200b && cp <= 0x200d) return INVISIBLE;
    if (cp === 0x200e || cp === 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
      return BIDI;
    return cp >= 0x2060 ? INVISIBLE : KEEP;
  }
  if (cp === 0x3164 || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff || cp === 0xffa0) return INVISIBLE;
  if (cp >= 0xfff0 && cp <= 0xfff8) return INVISIBLE;
  if (cp < 0x10000) return KEEP;
  if ((cp >= 0x1bca0 && cp <= 0x1bca3) || (cp >= 0x1d173 && cp <= 0x1d17a)) return INVISIBLE;
  if (cp >= 0xe0000 && cp <= 0xe007f) return TAG;
  return cp >= 0xe0080 && cp <= 0xe0fff ? INVISIBLE : KEEP;
}

/** A run of tag characters that spells ASCII text: the smuggled payload and where each character sits. */
export interface TagRun {
  start: number;
  end: number;
  payload: string;
  /** Raw offset of the tag character behind each payload character (each is two UTF-16 units). */
  positions: Int32Array;
}

export interface StripResult {
  /** The raw text without default-ignorables, bidi controls and tags (the raw string itself if none). */
  text: string;
  map: OffsetMap;
  /** Whether any code unit is >= 0x80. */
  nonAscii: boolean;
  /** Longest run of characters that attach to the previous one (combining marks etc.). */
  maxJoinRun: number;
  /** Whether every kept code point is unchanged by NFKC on its own. */
  charsStable: boolean;
  tagRuns: TagRun[];
}

function codePointAt(s: string, i: number): number {
  return i < s.length ? (s.codePointAt(i) as number) : -1;
}

function codePointBefore(s: string, i: number): number {
  if (i <= 0) return -1;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return (h - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000;
  }
  return c;
}

const names = new Map<number, string>();
/** "U+200B" for a code point (cached: details name the same few characters over and over). */
function hex(cp: number): string {
  let name = names.get(cp);
  if (name === undefined) {
    name = "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
    if (names.size < 4096) names.set(cp, name);
  }
  return name;
}
const isVariationSelector = (cp: number) =>
  (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
const isKeycapBase = (cp: number) => (cp >= 0x30 && cp <= 0x39) || cp === 0x23 || cp === 0x2a;

/** Whether a run of invisible characters (one or two code points) is an ordinary, non-deceptive use. */
function isBenignInvisible(
  first: number,
  second: number,
  count: number,
  prev: number,
  next: number,
  atStart: boolean,
): boolean {
  if (count === 1) {
    if (isVariationSelector(first))
      return prev >= 0x80 ? prev !== 0x3000 && !(prev >= 0x2000 && prev <= 0x200a) : isKeycapBase(prev);
    if (first === 0x200d)
      return (isEmojiLike(prev) && isEmojiLike(next)) || (isJoiningScript(prev) && isJoiningScript(next));
    if (first === 0x200c) return isJoiningScript(prev) && isJoiningScript(next);
    if (first >= 0x180b && first <= 0x180f) return prev >= 0x1800 && prev <= 0x18af;
    if (first === 0xfeff) return atStart;
    return false;
  }
  // An emoji presentation selector followed by a joiner, inside an emoji ZWJ sequence.
  return count === 2 && first === 0xfe0f && second === 0x200d && isEmojiLike(prev) && isEmojiLike(next);
}

/** Decodes a run of tag characters; null for an emoji subdivision flag (black flag + tag letters + cancel). */
function decodeTags(raw: string, start: number, end: number, prev: number): TagRun | null {
  const count = (end - start) >> 1; // every tag character is a surrogate pair
  const positions = new Int32Array(count);
  const codes = new Uint16Array(count);
  let n = 0;
  let flagLike = prev === 0x1f3f4 && count >= 3 && count <= 8;
  for (let i = start; i < end; i += 2) {
    const cp = raw.codePointAt(i) as number;
    if (flagLike) {
      const isLast = i + 2 >= end;
      const ok = isLast
        ? cp === 0xe007f
        : (cp >= 0xe0030 && cp <= 0xe0039) || (cp >= 0xe0061 && cp <= 0xe007a);
      if (!ok) flagLike = false;
    }
    if (cp >= 0xe0020 && cp <= 0xe007e) {
      positions[n] = i;
      codes[n++] = cp - 0xe0000;
    }
  }
  if (flagLike) return null;
  return { start, end, payload: unitsToText(codes.subarray(0, n)), positions: positions.subarray(0, n) };
}

const DETAIL_MAX = 200;

/** Handles one maximal run of removable characters [start, end): flags it by kind, collects tag payloads. */
function classifyRun(raw: string, start: number, end: number, flags: FlagCollector, tagRuns: TagRun[]): void {
  const prev = codePointBefore(raw, start);
  const next = codePointAt(raw, end);
  let i = start;
  while (i < end) {
    const cp0 = raw.codePointAt(i) as number;
    const kind = removableKind(cp0);
    const subStart = i;
    let count = 0;
    let first = -1;
    let second = -1;
    const distinct: number[] = []; // up to 4 distinct code points, for the flag's detail
    while (i < end) {
      const cp = raw.codePointAt(i) as number;
      if (removableKind(cp) !== kind) break;
      if (count === 0) first = cp;
      else if (count === 1) second = cp;
      if (distinct.length < 4 && !distinct.includes(cp)) distinct.push(cp);
      count++;
      i += cp >= 0x10000 ? 2 : 1;
    }
    const detail = () => distinct.map(hex).join(" ");
    if (kind === TAG) {
      const run = decodeTags(raw, subStart, i, prev);
      if (run !== null) {
        tagRuns.push(run);
        const detail = run.payload.length > DETAIL_MAX ? run.payload.slice(0, DETAIL_MAX) + "…" : run.payload;
        flags.add("tag-characters", [subStart, i], count, detail);
      }
    } else if (kind === BIDI) {
      flags.add("bidi-control", [subStart, i], count, flags.full("bidi-control") ? undefined : detail());
    } else if (!isBenignInvisible(first, second, count, prev, next, start === 0)) {
      flags.add("invisible", [subStart, i], count, flags.full("invisible") ? undefined : detail());
    }
  }
}

/** Removes invisible, bidi and tag characters from the raw text, flagging deceptive ones. */
export function stripInvisibles(raw: string, flags: FlagCollector): StripResult {
  const n = raw.length;
  let nonAscii = false;
  let joinRun = 0;
  let maxJoinRun = 0;
  let charsStable = true;
  const tagRuns: TagRun[] = [];
  let builder: MapBuilder | null = null;
  const parts: string[] = [];
  let kept = 0; // start of the stretch of raw text not yet copied to parts
  let i = 0;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c < 0x80) {
      joinRun = 0;
      i++;
      continue;
    }
    nonAscii = true;
    let cp = c;
    let len = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = raw.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        len = 2;
      }
    }
    if (removableKind(cp) === KEEP) {
      if (joinsPrevious(cp)) {
        if (++joinRun > maxJoinRun) maxJoinRun = joinRun;
      } else joinRun = 0;
      if (charsStable && !isNfkcStableAlone(cp)) charsStable = false;
      i += len;
      continue;
    }
    // A maximal run of removable characters; the join run carries across it (they vanish).
    const start = i;
    i += len;
    while (i < n) {
      const cp2 = raw.codePointAt(i) as number;
      if (removableKind(cp2) === KEEP) break;
      i += cp2 >= 0x10000 ? 2 : 1;
    }
    classifyRun(raw, start, i, flags, tagRuns);
    builder ??= new MapBuilder(OffsetMap.identity(n), n);
    if (start > kept) {
      parts.push(raw.slice(kept, start));
      builder.copy(kept, start - kept);
    }
    kept = i;
  }
  if (builder === null)
    return { text: raw, map: OffsetMap.identity(n), nonAscii, maxJoinRun, charsStable, tagRuns };
  if (n > kept) {
    parts.push(raw.slice(kept, n));
    builder.copy(kept, n - kept);
  }
  return { text: parts.join(""), map: builder.finish(), nonAscii, maxJoinRun, charsStable, tagRuns };
}

/** The text of a decoded payload without invisible characters (no map, no flags): for nested decoding. */
export function stripInvisiblesText(s: string): string {
  let i = 0;
  const n = s.length;
  for (; i < n; i++) if (s.charCodeAt(i) >= 0xad) break;
  if (i === n) return s;
  let out = "";
  let kept = 0;
  while (i < n) {
    const cp = s.codePointAt(i) as number;
    const len = cp >= 0x10000 ? 2 : 1;
    if (cp >= 0xad && removableKind(cp) !== KEEP) {
      out += s.slice(kept, i);
      kept = i + len;
    }
    i += len;
  }
  return kept === 0 ? s : out + s.slice(kept);
}
