/**
 * Linear time on pathological inputs: the scan time for 8n characters stays within a generous
 * multiple of 8x the time for n (best of 5 runs each), for inputs built to trigger every keyword
 * and near-match.
 */
import { describe, expect, it } from "vitest";
import { rawText } from "../../text/raw.js";
import { findSecrets } from "./detector.js";

const SETTINGS = { entropyThreshold: 3.5, minGenericLength: 16 };

function best(text: string): number {
  const g = rawText(text);
  let min = Infinity;
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    findSecrets(g, SETTINGS);
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

/** Repeats `unit` up to about n characters. */
const fill = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

const CASES: [string, (n: number) => string, number][] = [
  ["one character (1 MB of 'A')", (n) => "A".repeat(n), 128 * 1024],
  ["'-----BEGIN ' repeated (200 KB)", (n) => fill("-----BEGIN ", n), 25 * 1024],
  [
    "PEM header then an endless body",
    (n) => "-----BEGIN RSA PRIVATE KEY-----\n" + fill("QUJD", n),
    25 * 1024,
  ],
  [
    "many headers, one footer at the end",
    (n) => fill("-----BEGIN EC PRIVATE KEY-----\nQUJDRA==\n", n) + "-----END EC PRIVATE KEY-----",
    25 * 1024,
  ],
  ["long 'xoxb-' runs", (n) => fill("xoxb-", n), 25 * 1024],
  ["near-miss Slack tokens", (n) => fill("xoxb-1234567890-1234567890-", n), 25 * 1024],
  ["'a=b=c=...' (200 KB)", (n) => fill("a=", n), 25 * 1024],
  ["'password=' repeated", (n) => fill("password=", n), 25 * 1024],
  ["'key: key: key:'", (n) => fill("key: ", n), 25 * 1024],
  ["one giant identifier of keywords", (n) => fill("tokensecretpassword_", n), 25 * 1024],
  ["'ghp_' then letters forever", (n) => "ghp_" + "a".repeat(n), 25 * 1024],
  ["'ghp_' repeated", (n) => fill("ghp_", n), 25 * 1024],
  ["'://' repeated", (n) => fill("a://b:", n), 25 * 1024],
  ["URL user-info without '@'", (n) => "postgres://user:" + "p".repeat(n), 25 * 1024],
  ["'eyJ' repeated with dots", (n) => fill("eyJhbGciOi.", n), 25 * 1024],
  ["'curl -u ' repeated", (n) => fill("curl -u a:", n), 25 * 1024],
  ["digits and pipes (Facebook token shape)", (n) => fill("1234567890123456|", n), 25 * 1024],
  ["digits and ':A' (Telegram shape)", (n) => fill("123456789:A", n), 25 * 1024],
  ["'Q~' repeated (Azure shape)", (n) => fill("abc8Q~", n), 25 * 1024],
  ["'Authorization: Basic ' repeated", (n) => fill("Authorization: Basic ", n), 25 * 1024],
  ["connection-string pairs without context", (n) => fill(";Password=x", n), 25 * 1024],
  ["base64-like run", (n) => fill("Ab1+Zx9/", n), 128 * 1024],
];

describe("secrets detector: linear time", () => {
  for (const [name, make, n] of CASES) {
    it(`scales linearly on ${name}`, () => {
      best(make(1024)); // warm up
      const small = best(make(n));
      const big = best(make(8 * n));
      expect(big, `n=${n}: ${small.toFixed(2)} ms, 8n: ${big.toFixed(2)} ms`).toBeLessThan(
        small * 8 * 3 + 15,
      );
      expect(big).toBeLessThan(1500);
    });
  }
});
