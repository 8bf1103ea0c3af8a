/**
 * IP addresses. IPv4 candidates are four dotted numbers each 0–255 with no leading zeros, not part
 * of a longer dotted sequence; "version 1.2.3.4" and similar context lowers the score. IPv6
 * candidates are runs of hex digits and colons, parsed by Node's own address parser.
 */
import { isIPv6 } from "node:net";
import { applyContext } from "../context.js";
import { eachMatch } from "../scan.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";

const IPV4 = /(?<![\w.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w]|\.\d)/g;
// Hex digits and colons (at least two colons, checked in code), optionally ending in a dotted IPv4.
const IPV6 = /(?<![\w:.])[0-9A-Fa-f:]{2,39}(?:\.\d{1,3}){0,3}(?![\w:]|\.\d)/g;

const HEX_DIGIT = /[0-9A-Fa-f]/;

export const PATTERNS: readonly RegExp[] = [IPV4, IPV6, HEX_DIGIT];

const IPV4_CONTEXT = {
  positive: [
    "ip",
    "ip address",
    "ipv4",
    "address",
    "host",
    "server",
    "client",
    "connect",
    "ping",
    "blocked",
    "firewall",
    "login from",
    "remote",
  ],
  negative: [
    "version",
    "ver",
    "v",
    "release",
    "build",
    "firmware",
    "section",
    "chapter",
    "figure",
    "table",
    "step",
  ],
  boost: 0.15,
  penalty: 0.45,
  before: 24,
  after: 8,
};

function octetsValid(s: string): boolean {
  const parts = s.split(".");
  for (const p of parts) {
    if (p.length > 1 && p.startsWith("0")) return false;
    if (Number(p) > 255) return false;
  }
  return true;
}

function colonCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 58) n++;
  return n;
}

export const ipAddressRecognizer: Recognizer = {
  name: "ip-address",
  labels: ["ip-address"],
  find(input: ScanInput): PiiMatch[] {
    const out: PiiMatch[] = [];
    const text = input.text;
    if (input.hasDigit && text.includes(".")) {
      eachMatch(IPV4, text, (m) => {
        if (!octetsValid(m[0])) return;
        const start = m.index;
        const end = start + m[0].length;
        // "v1.2.3.4" is a version, not an address.
        const prev = start > 0 ? text[start - 1] : "";
        const base = prev === "v" || prev === "V" ? 0.2 : 0.75;
        const ctx = applyContext(input.lower, start, end, base, IPV4_CONTEXT);
        out.push({
          start,
          end,
          label: "ip-address",
          score: ctx.score,
          reason: ctx.word ? `IPv4, context '${ctx.word}'` : "IPv4",
        });
      });
    }
    if (text.includes(":")) {
      eachMatch(IPV6, text, (m) => {
        if (colonCount(m[0]) < 2 || !isIPv6(m[0])) return;
        // "::" alone or a run of colons is punctuation, not an address.
        if (!HEX_DIGIT.test(m[0])) return;
        const start = m.index;
        const end = start + m[0].length;
        out.push({ start, end, label: "ip-address", score: 0.8, reason: "IPv6" });
      });
    }
    return out;
  },
};
