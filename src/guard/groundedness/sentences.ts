/**
 * Sentence spans of a text, by character scan: a sentence ends at ".", "!" or "?" followed by white
 * space or the end, at a line break, or at a "." run straight into a capital letter after a
 * lower-case one ("century.First": passages pasted together without a space).
 */

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Half-open [start, end) spans, trimmed of white space; empty ones are dropped. */
export function sentenceSpans(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push([s, e]);
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      push(i + 1);
      continue;
    }
    if (c !== 46 && c !== 33 && c !== 63 && c !== 0x3002) continue;
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
    if (next === -1 || isSpace(next) || c === 0x3002) push(i + 1);
    else if (c === 46 && isUpperAscii(next) && i > 0 && isLowerAscii(text.charCodeAt(i - 1))) push(i + 1);
  }
  push(text.length);
  return out;
}
