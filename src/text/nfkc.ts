/**
 * NFKC with exact offsets. Most text is already in NFKC, which one native call confirms; otherwise the
 * text is cut into segments of about 64 units at cluster boundaries, unchanged segments are copied one
 * to one, and changed ones are normalised cluster by cluster (a code point plus the marks that attach to
 * it), every output unit of a cluster mapping to the cluster's raw span. Surrogate pairs are never split.
 *
 * ICU sorts a run of combining marks with an insertion sort, which is quadratic in the run's length, so
 * no call ever sees more than MAX_JOIN marks in a row: like the Stream-Safe Text Format of UAX #15,
 * longer runs are cut into groups of MAX_JOIN, each normalised on its own.
 */
import { joinsPrevious } from "./char-class.js";
import { stripInvisiblesText } from "./invisible.js";
import { isNfkcStableAlone, nfkcOfBmp } from "./nfkc-char.js";
import { MapBuilder, OffsetMap } from "./offset-map.js";

const SEGMENT = 64;
export const MAX_JOIN = 30;

export interface NfkcResult {
  text: string;
  map: OffsetMap;
  /** Whether the result is pure ASCII. */
  ascii: boolean;
}

export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

function isAsciiRange(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

const cpLen = (cp: number) => (cp >= 0x10000 ? 2 : 1);

/** End of the segment starting at i: about SEGMENT units, extended to the end of the current cluster. */
function segmentEnd(s: string, i: number): number {
  const n = s.length;
  let j = Math.min(i + SEGMENT, n);
  let joins = 0;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c >= 0xdc00 && c <= 0xdfff) {
      const h = s.charCodeAt(j - 1);
      if (h >= 0xd800 && h <= 0xdbff) {
        j++;
        continue;
      }
    }
    const cp = s.codePointAt(j) as number;
    if (!joinsPrevious(cp) || joins >= MAX_JOIN) break;
    joins++;
    j += cpLen(cp);
  }
  return j;
}

/** Normalises s[a, b) cluster by cluster into parts, recording the map in builder. */
function normalizeClusters(s: string, a: number, b: number, parts: string[], builder: MapBuilder): void {
  let pending = a; // start of a stretch of unchanged clusters not yet emitted
  let i = a;
  while (i < b) {
    const cs = i;
    const cp = s.codePointAt(i) as number;
    i += cpLen(cp);
    let joins = 0;
    while (i < b && joins < MAX_JOIN) {
      const cp2 = s.codePointAt(i) as number;
      if (!joinsPrevious(cp2)) break;
      i += cpLen(cp2);
      joins++;
    }
    let out: string | null;
    if (i - cs === 1) {
      if (cp < 0x80 || (cp >= 0xd800 && cp <= 0xdfff)) continue;
      out = nfkcOfBmp(cp);
    } else {
      const cluster = s.slice(cs, i);
      out = cluster.normalize("NFKC");
      if (out === cluster) out = null;
    }
    if (out === null) continue;
    if (cs > pending) {
      parts.push(s.slice(pending, cs));
      builder.copy(pending, cs - pending);
    }
    parts.push(out);
    builder.span(cs, i, out.length);
    pending = i;
  }
  if (b > pending) {
    parts.push(s.slice(pending, b));
    builder.copy(pending, b - pending);
  }
}

/**
 * NFKC of `text` (a view whose units map to raw through `parent`). The facts come from the first pass:
 * `nonAscii` (any code unit >= 0x80), `maxJoinRun` (longest run of combining characters) and
 * `charsStable` (every code point is unchanged by NFKC on its own). Without combining characters
 * nothing can compose with a neighbour (every character that composes backwards is a mark, a Hangul
 * vowel or final, or a kana voicing mark: see char-class.test.ts), and a code point that is stable alone
 * does not decompose, so such text is already in NFKC and needs no normalising or copying at all.
 */
export function applyNfkc(
  text: string,
  parent: OffsetMap,
  nonAscii: boolean,
  maxJoinRun: number,
  charsStable: boolean,
): NfkcResult {
  if (!nonAscii) return { text, map: parent, ascii: true };
  const stable = maxJoinRun === 0 ? charsStable : maxJoinRun <= MAX_JOIN && text.normalize("NFKC") === text;
  if (stable) return { text, map: parent, ascii: isAscii(text) };
  const n = text.length;
  const builder = new MapBuilder(parent, n + 16);
  const parts: string[] = [];
  let i = 0;
  while (i < n) {
    const end = segmentEnd(text, i);
    if (isAsciiRange(text, i, end)) {
      parts.push(text.slice(i, end));
      builder.copy(i, end - i);
    } else {
      const seg = text.slice(i, end);
      if (seg.normalize("NFKC") === seg) {
        parts.push(seg);
        builder.copy(i, end - i);
      } else normalizeClusters(text, i, end, parts, builder);
    }
    i = end;
  }
  const out = parts.join("");
  return { text: out, map: builder.finish(), ascii: isAscii(out) };
}

/** Invisible characters removed and NFKC applied, text only: how decoded payloads are cleaned. */
export function cleanText(s: string): string {
  const stripped = stripInvisiblesText(s);
  if (isAscii(stripped)) return stripped;
  let run = 0;
  let maxRun = 0;
  let stable = true;
  for (let i = 0; i < stripped.length;) {
    const cp = stripped.codePointAt(i) as number;
    if (joinsPrevious(cp)) {
      if (++run > maxRun) maxRun = run;
    } else run = 0;
    if (stable && !isNfkcStableAlone(cp)) stable = false;
    i += cpLen(cp);
  }
  return applyNfkc(stripped, OffsetMap.identity(stripped.length), true, maxRun, stable).text;
}
