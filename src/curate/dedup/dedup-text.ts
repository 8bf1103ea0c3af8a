/**
 * The text that deduplication compares: NFKC, lower case, every run of spaces, punctuation and symbols
 * folded to one space, invisible characters dropped. "Hello,  World!" and "hello world" compare equal.
 * A character loop, no regular expression.
 */

function isInvisible(c: number): boolean {
  return (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff || c === 0xad;
}

/** Characters that separate words: ASCII other than letters and digits, and Unicode punctuation blocks. */
function isSeparator(c: number): boolean {
  if (c < 128) return !((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90));
  return (
    (c >= 0x80 && c <= 0xbf && c !== 0xaa && c !== 0xb5 && c !== 0xba) ||
    c === 0xd7 ||
    c === 0xf7 ||
    (c >= 0x2000 && c <= 0x206f) ||
    (c >= 0x2190 && c <= 0x23ff) ||
    (c >= 0x2500 && c <= 0x27bf) ||
    (c >= 0x2e00 && c <= 0x2e7f) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff0f)
  );
}

export function dedupText(text: string): string {
  const s = text.normalize("NFKC").toLowerCase();
  let out = "";
  let runStart = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isInvisible(c)) {
      if (runStart >= 0) {
        out += s.slice(runStart, i);
        runStart = -1;
      }
      continue;
    }
    if (isSeparator(c)) {
      if (runStart >= 0) {
        out += s.slice(runStart, i) + " ";
        runStart = -1;
      } else if (out.length > 0 && out.charCodeAt(out.length - 1) !== 32) out += " ";
    } else if (runStart < 0) runStart = i;
  }
  if (runStart >= 0) out += s.slice(runStart);
  return out.length > 0 && out.charCodeAt(out.length - 1) === 32 ? out.slice(0, -1) : out;
}
