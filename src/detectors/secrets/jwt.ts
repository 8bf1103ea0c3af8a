/** JSON Web Tokens: three base64url parts whose first part decodes to a JSON header with "alg". */
import { TIER } from "./rule-types.js";
import { tokenRule } from "./token-rule.js";

export const JWT_SHAPE_RE = /^eyJ[\w-]{8,4096}\.[\w-]{8,16384}\.[\w-]{0,4096}$/;

function jwtHeader(token: string): Record<string, unknown> | null {
  const dot = token.indexOf(".");
  if (dot <= 0 || dot > 2048) return null;
  try {
    const json = Buffer.from(token.slice(0, dot), "base64url").toString("utf8");
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A base64-encoded JWT ("ZXlK" is base64 of "eyJ"), e.g. in a config or a header value. */
export const jwtBase64Rule = tokenRule({
  id: "jwt-base64",
  family: "jwt",
  description: "Base64-encoded JSON Web Token",
  keywords: ["zxlk"],
  pattern: /ZXlK[A-Za-z0-9+/]{40,8192}={0,2}(?![A-Za-z0-9+/=])/y,
  score: 0.85,
  minEntropy: 3.5,
  validate: (s) => {
    const inner = Buffer.from(s, "base64").toString("latin1").trim();
    return JWT_SHAPE_RE.test(inner) && jwtHeader(inner) !== null;
  },
  what: "base64 JWT",
  gitleaks: ["jwt-base64"],
});

export const jwtRule = tokenRule({
  id: "jwt",
  family: "jwt",
  description: "JSON Web Token (header.payload.signature, header is JSON with alg)",
  keywords: ["eyj"],
  notAfter: (c) =>
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45,
  pattern: /eyJ[A-Za-z0-9_-]{8,2048}\.[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{0,2048}={0,2}(?![\w.=-])/y,
  score: 0.9,
  minEntropy: 3,
  tier: TIER.format,
  validate: (s) => {
    const h = jwtHeader(s);
    if (!h || typeof h.alg !== "string") return false;
    // An unsigned token (alg "none", empty signature) still carries claims but proves nothing.
    return s.endsWith(".") || String(h.alg).toLowerCase() === "none" ? 0.7 : 0.9;
  },
  what: "JWT",
  gitleaks: ["jwt"],
});
