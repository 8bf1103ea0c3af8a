/** Base64 decoding, standard and URL-safe alphabets alike, with or without padding. */
const VALUE = new Int8Array(128).fill(-1);
for (let k = 0; k < 26; k++) {
  VALUE[0x41 + k] = k;
  VALUE[0x61 + k] = 26 + k;
}
for (let k = 0; k < 10; k++) VALUE[0x30 + k] = 52 + k;
VALUE[0x2b] = 62; // +
VALUE[0x2d] = 62; // - (URL-safe)
VALUE[0x2f] = 63; // /
VALUE[0x5f] = 63; // _ (URL-safe)

/** The 6-bit value of a base64 character, or -1. */
export function base64Value(c: number): number {
  return c < 128 ? (VALUE[c] as number) : -1;
}

/** Bytes that `chars` base64 characters encode. */
export function base64Bytes(chars: number): number {
  return Math.floor((chars * 6) / 8);
}

/**
 * Decodes the base64 characters of s[start, end), skipping line breaks and stopping at padding, into at
 * most maxBytes bytes. Trailing bits that do not fill a byte are dropped, as decoders of unpadded
 * base64 do.
 */
export function decodeBase64(s: string, start: number, end: number, maxBytes: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, Math.min(maxBytes, base64Bytes(end - start))));
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (let i = start; i < end && n < out.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3d) break;
    const v = base64Value(c);
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}
