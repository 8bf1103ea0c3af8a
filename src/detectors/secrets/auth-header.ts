/**
 * Credentials in HTTP requests: `Authorization: Basic|Bearer|Token ...` headers (in curl commands,
 * HTTP dumps, code) and `curl -u user:password`.
 */
import { identifierAt, parseAssignment } from "./assignment.js";
import { isSpace } from "./chars.js";
import { passwordScore } from "./credentials-check.js";
import { charClasses, shannonEntropy } from "./entropy.js";
import { describeSecret } from "./evidence.js";
import { isPlaceholder } from "./placeholders.js";
import { TIER, type SecretHit, type SecretRule } from "./rule-types.js";

const BASE64_RE = /^[A-Za-z0-9+/]{4,}={0,2}$/;
const NON_PRINTABLE_RE = /[^\x20-\x7e]/g;

/** Basic credentials decode to "user:password". */
function basicScore(value: string): number {
  if (!BASE64_RE.test(value)) return 0;
  const decoded = Buffer.from(value, "base64").toString("latin1");
  const colon = decoded.indexOf(":");
  if (colon < 0) return 0;
  const printable = decoded.replace(NON_PRINTABLE_RE, "").length;
  if (printable < decoded.length * 0.9) return 0;
  const password = decoded.slice(colon + 1);
  if (password.length === 0) return 0.5; // a user id alone, e.g. an API key as user name
  return passwordScore(password, decoded.slice(0, colon), 0.85);
}

export const authorizationHeaderRule: SecretRule = {
  id: "authorization-header",
  family: "http",
  description: "Credentials in an Authorization header (Basic, Bearer, Token, Api-Token)",
  keywords: ["authorization"],
  tier: TIER.contextual,
  patterns: [BASE64_RE, NON_PRINTABLE_RE],
  gitleaks: ["curl-auth-header"],
  scan(input, hits, out: SecretHit[]) {
    const { text } = input;
    for (const pos of hits) {
      const ident = identifierAt(text, pos, 13);
      if (!ident) continue;
      const name = text.slice(ident[0], ident[1]).toLowerCase();
      if (name !== "authorization" && name !== "proxy-authorization") continue;
      const a = parseAssignment(text, ident[0], ident[1]);
      if (!a) continue;
      const v = a.value;
      let score: number;
      if (a.scheme === "basic") score = basicScore(v);
      else {
        if (isPlaceholder(v)) continue;
        const cls = charClasses(v);
        // Real bearer tokens are long; "token123" in docs is not.
        const long = v.length >= 16 || (v.length >= 12 && cls.count >= 3);
        const random = long && shannonEntropy(v) >= 3 && (cls.digit || (cls.upper && cls.lower));
        score = random ? (a.scheme ? 0.85 : 0.7) : 0;
      }
      if (score === 0) continue;
      out.push({
        label: "authorization-header",
        start: a.valueStart,
        end: a.valueEnd,
        score,
        tier: TIER.contextual,
        evidence: describeSecret(v, `${a.scheme ?? "raw"} credential`),
      });
    }
  },
};

const CURL_FLAG_RE = /(?:-u|--user)(?:[ \t]{1,4}|=)?/y;

/** One shell word at `i`: bare, or "double" / 'single' quoted (at most 256 chars). */
function shellWordEnd(text: string, i: number, stopAtColon: boolean): { end: number; quoted: boolean } {
  const q = text[i];
  if (q === '"' || q === "'") {
    const limit = Math.min(text.length, i + 258);
    for (let j = i + 1; j < limit; j++) {
      if (text[j] === q) return { end: j + 1, quoted: true };
      if (text[j] === "\n") break;
    }
    return { end: i, quoted: true };
  }
  let j = i;
  const limit = Math.min(text.length, i + 256);
  while (
    j < limit &&
    !isSpace(text.charCodeAt(j)) &&
    text[j] !== '"' &&
    text[j] !== "'" &&
    !(stopAtColon && text[j] === ":")
  )
    j++;
  return { end: j, quoted: false };
}

/**
 * The secret in a -u argument starting at `i`, as [start, end): the password, or the user when
 * the password is empty (`-u sk_live_...:`, an API key passed as the user name). Accepts
 * `user:pass`, "user:pass", 'user:pass' and mixed quoting such as kevin:'pass'.
 */
function curlSecret(text: string, i: number): { start: number; end: number; user?: string } | null {
  const first = shellWordEnd(text, i, true);
  if (first.end === i) return null;
  const inner = (a: number, b: number, quoted: boolean): [number, number] =>
    quoted ? [a + 1, b - 1] : [a, b];
  if (first.quoted && text[first.end] !== ":") {
    // One quoted argument holding user:password.
    const [a, b] = inner(i, first.end, true);
    const colon = text.indexOf(":", a);
    if (colon < 0 || colon >= b) return null;
    if (colon === b - 1) return { start: a, end: colon };
    return { start: colon + 1, end: b, user: text.slice(a, colon) };
  }
  if (text[first.end] !== ":") return null;
  const [ua, ub] = inner(i, first.end, first.quoted);
  const p = first.end + 1;
  const second = shellWordEnd(text, p, false);
  if (second.end === p) return ub > ua ? { start: ua, end: ub } : null;
  const [pa, pb] = inner(p, second.end, second.quoted);
  return { start: pa, end: pb, user: text.slice(ua, ub) };
}

/** A password passed on a curl command line: a "curl" must occur at most 400 characters before. */
export const curlUserRule: SecretRule = {
  id: "curl-basic-auth",
  family: "http",
  description: "user:password passed to curl with -u / --user",
  keywords: ["curl", "-u", "--user"],
  tier: TIER.contextual,
  patterns: [CURL_FLAG_RE],
  gitleaks: ["curl-auth-user"],
  scan(input, hits, out: SecretHit[]) {
    const { text } = input;
    let lastCurl = -Infinity;
    let lastFlag = -1;
    for (const pos of hits) {
      const c = text.charCodeAt(pos);
      if (c === 99 || c === 67 /* c, C */) {
        lastCurl = pos;
        continue;
      }
      // "--user" also contains "-u" one character later; handle each flag once.
      let p = pos;
      if (text.charCodeAt(p - 1) === 45) p--;
      if (p === lastFlag || pos - lastCurl > 400) continue;
      lastFlag = p;
      if (p > 0 && !isSpace(text.charCodeAt(p - 1))) continue;
      CURL_FLAG_RE.lastIndex = p;
      const m = CURL_FLAG_RE.exec(text);
      if (!m) continue;
      const sec = curlSecret(text, p + m[0].length);
      if (!sec || sec.end - sec.start < 3) continue;
      const password = text.slice(sec.start, sec.end);
      const cls = charClasses(password);
      if (cls.count < 2 && shannonEntropy(password) < 3) continue;
      const score = passwordScore(password, sec.user, 0.75);
      if (score === 0) continue;
      out.push({
        label: "curl-basic-auth",
        start: sec.start,
        end: sec.end,
        score,
        tier: TIER.contextual,
        evidence: describeSecret(password, "curl credential"),
      });
    }
  },
};
