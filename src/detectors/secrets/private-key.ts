/**
 * PEM private keys (PKCS#1 RSA, SEC1 EC, DSA, OpenSSH, PKCS#8 incl. encrypted, PGP) and PuTTY keys.
 * Header, body and footer are matched in one linear pass: bodies are cut at the next BEGIN, so the
 * body of every header is scanned at most once, and footers are looked up in the sorted hit list.
 */
import { isAlnum, isSpace } from "./chars.js";
import { shannonEntropy } from "./entropy.js";
import { TIER, type SecretHit, type SecretRule } from "./rule-types.js";
import { tokenRule } from "./token-rule.js";

const HEADER_RE = /-----BEGIN ((?:[A-Z0-9]{1,12} ){0,3})PRIVATE KEY( BLOCK)?-----/iy;
const FOOTER_RE = /-----END [A-Z0-9 ]{0,40}-----/iy;
/** Largest body we look for a footer in (an 8192-bit RSA key is ~6.5 KB; PGP blocks can be larger). */
const MAX_BODY = 64 * 1024;

const startsWithCI = (text: string, pos: number, lit: string): boolean =>
  text.length >= pos + lit.length && text.slice(pos, pos + lit.length).toLowerCase() === lit;

/** Base64 characters of a PEM body, skipping blanks, literal "\n" escapes and string quoting. */
function bodyStats(text: string, from: number, to: number): { b64: number; other: number; sample: string } {
  let b64 = 0;
  let other = 0;
  let sample = "";
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isAlnum(c) || c === 43 || c === 47 || c === 61) {
      // "\n" / "\r" escapes in JSON or code strings: the letter is not key material.
      if ((c === 110 || c === 114) && text.charCodeAt(i - 1) === 92) continue;
      b64++;
      if (sample.length < 512) sample += text[i];
    } else if (!isSpace(c) && c !== 92 && c !== 34 && c !== 39 && c !== 44) other++;
  }
  return { b64, other, sample };
}

/** End of a truncated body: base64, blanks, escapes and quotes only. */
function truncatedBodyEnd(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isAlnum(c) || c === 43 || c === 47 || c === 61 || isSpace(c) || c === 92 || c === 34 || c === 39) i++;
    else break;
  }
  // Do not swallow trailing blanks and quotes.
  while (i > from && !isAlnum(text.charCodeAt(i - 1)) && text.charCodeAt(i - 1) !== 61) i--;
  return i;
}

export const privateKeyRule: SecretRule = {
  id: "private-key",
  family: "private-key",
  description: "PEM private key block (RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8, PGP)",
  keywords: ["-----begin", "-----end"],
  tier: TIER.format,
  patterns: [HEADER_RE, FOOTER_RE],
  gitleaks: ["private-key"],
  scan(input, hits, out: SecretHit[]) {
    const { text } = input;
    const begins: number[] = [];
    const ends: number[] = [];
    let prev = -1;
    for (const pos of hits) {
      if (pos === prev) continue;
      prev = pos;
      if (startsWithCI(text, pos, "-----begin")) begins.push(pos);
      else ends.push(pos);
    }
    let ei = 0;
    for (let bi = 0; bi < begins.length; bi++) {
      const b = begins[bi] as number;
      HEADER_RE.lastIndex = b;
      const h = HEADER_RE.exec(text);
      if (!h) continue;
      const kind = `${h[1] ?? ""}PRIVATE KEY${h[2] ?? ""}`.toUpperCase();
      const bodyStart = b + h[0].length;
      const limit = Math.min(begins[bi + 1] ?? text.length, bodyStart + MAX_BODY);
      while (ei < ends.length && (ends[ei] as number) < bodyStart) ei++;
      const footer = ei < ends.length && (ends[ei] as number) < limit ? (ends[ei] as number) : -1;
      let end: number;
      let bodyEnd: number;
      let score: number;
      if (footer >= 0) {
        bodyEnd = footer;
        FOOTER_RE.lastIndex = footer;
        const f = FOOTER_RE.exec(text);
        end = f ? footer + f[0].length : footer + 8;
        score = 0.99;
      } else {
        bodyEnd = truncatedBodyEnd(text, bodyStart, limit);
        end = bodyEnd;
        score = 0.85;
      }
      const st = bodyStats(text, bodyStart, bodyEnd);
      const minB64 = footer >= 0 ? 40 : 64;
      if (st.b64 < minB64 || st.other > st.b64 * 0.25) continue;
      // Real key material is near-uniform base64 (~5.5-6 bits/char); fillers are not.
      if (shannonEntropy(st.sample) < (st.sample.length >= 128 ? 4.5 : 4)) continue;
      out.push({
        label: "private-key",
        start: b,
        end,
        score,
        tier: TIER.format,
        evidence: `${kind} block${footer >= 0 ? "" : " (no footer)"} (${end - b} chars)`,
      });
    }
  },
};

export const puttyKeyRule: SecretRule = tokenRule({
  id: "putty-private-key",
  family: "private-key",
  description: "PuTTY private key file (Private-Lines: followed by base64 lines)",
  keywords: ["private-lines:"],
  notAfter: null,
  pattern: /Private-Lines: ?\d{1,3}\r?\n([A-Za-z0-9+/=\r\n]{40,16384})/y,
  group: 1,
  score: 0.95,
  minEntropy: 4,
  what: "PuTTY private key",
});
