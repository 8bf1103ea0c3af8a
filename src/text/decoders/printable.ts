/**
 * Turning decoded bytes into text, and deciding whether a decode produced text at all. Random bytes
 * (hashes, keys, compressed data, images) almost never decode to mostly printable UTF-8, so a decode is
 * kept only when the result reads like text.
 */
const UTF8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** Bytes as UTF-8 text (invalid sequences become U+FFFD). */
export function bytesToText(bytes: Uint8Array): string {
  return UTF8.decode(bytes);
}

/** UTF-16 code units as a string (in chunks: apply takes the array-like without spreading it). */
export function unitsToText(units: Uint16Array): string {
  let out = "";
  for (let k = 0; k < units.length; k += 8192) {
    out += String.fromCharCode.apply(null, units.subarray(k, k + 8192) as unknown as number[]);
  }
  return out;
}

/** The bytes without a trailing, incomplete UTF-8 sequence (a prefix may end inside a character). */
export function trimIncompleteUtf8(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back] as number;
    if (b < 0x80) return bytes; // ASCII: complete
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? bytes.subarray(0, n - back) : bytes;
    }
  }
  return bytes;
}

/**
 * Whether a decoded string reads like text: at least 4 characters, at most 5% control characters or
 * U+FFFD, and at least half letters, digits or whitespace.
 */
export function looksLikeText(s: string): boolean {
  const n = s.length;
  if (n < 4) return false;
  let bad = 0;
  let wordy = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      if (c === 0x20 || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))
        wordy++;
    } else if (c === 9 || c === 10 || c === 13) wordy++;
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0xfffd) bad++;
    else wordy++;
  }
  return bad * 20 <= n && wordy * 2 >= n;
}

/** s cut to at most max UTF-16 units, never inside a surrogate pair. */
export function cutText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (end > 0 && c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}
