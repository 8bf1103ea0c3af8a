/** PEM / PGP / OpenSSH / PuTTY private keys. Key bodies are FAKE: seeded random base64. */
import { describe, expect, it } from "vitest";
import { rawText } from "../../text/raw.js";
import { findSecrets } from "./detector.js";
import { prng } from "./sample-from-regex.js";

const rand = prng(99);
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const body = (lines: number, sep = "\n"): string => {
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    let s = "";
    for (let i = 0; i < 64; i++) s += B64[Math.floor(rand() * 64)];
    out.push(s);
  }
  return out.join(sep);
};
const SETTINGS = { entropyThreshold: 3.5, minGenericLength: 16 };
const find = (text: string) => findSecrets(rawText(text), SETTINGS).filter((f) => f.score >= 0.5);
const pem = (kind: string, lines = 8, sep = "\n") =>
  `-----BEGIN ${kind}-----${sep}${body(lines, sep)}${sep}-----END ${kind}-----`;

describe("private keys", () => {
  for (const kind of [
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
    "DSA PRIVATE KEY",
    "OPENSSH PRIVATE KEY",
    "PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
    "PGP PRIVATE KEY BLOCK",
  ]) {
    it(`finds a ${kind} block and spans all of it`, () => {
      const block = pem(kind);
      const text = `Here is my key:\n${block}\nthanks`;
      const found = find(text);
      expect(found).toHaveLength(1);
      expect(found[0]!.label).toBe("private-key");
      expect(text.slice(found[0]!.span![0], found[0]!.span![1])).toBe(block);
      expect(found[0]!.evidence).toContain(kind);
      expect(found[0]!.score).toBeGreaterThan(0.95);
    });
  }

  it("finds a key inside a JSON string with \\n escapes (service-account file)", () => {
    const block = pem("PRIVATE KEY", 10, "\\n");
    const json = `{"type": "service_account", "project_id": "demo", "private_key": "${block}\\n", "client_email": "x@demo.iam.gserviceaccount.com"}`;
    const labels = find(json).map((f) => f.label);
    expect(labels).toContain("private-key");
    expect(labels).toContain("gcp-service-account");
  });

  it("finds a key with encryption headers (Proc-Type, DEK-Info)", () => {
    const text = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0A1B2C3D4E5F60718293A4B5C6D7E8F9\n\n${body(10)}\n-----END RSA PRIVATE KEY-----`;
    expect(find(text).map((f) => f.label)).toEqual(["private-key"]);
  });

  it("finds a truncated key (no footer) with a lower score", () => {
    const text = `-----BEGIN OPENSSH PRIVATE KEY-----\n${body(4)}`;
    const found = find(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.score).toBeLessThan(0.95);
    expect(found[0]!.evidence).toContain("no footer");
  });

  it("finds two keys in one text as two findings", () => {
    const text = `${pem("RSA PRIVATE KEY")}\n\nand\n\n${pem("EC PRIVATE KEY", 3)}`;
    expect(find(text)).toHaveLength(2);
  });

  it("finds a PuTTY private key", () => {
    const text = `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 2\n${body(2)}\nPrivate-Lines: 1\n${body(1)}\nPrivate-MAC: 0123`;
    expect(find(text).map((f) => f.label)).toEqual(["putty-private-key"]);
  });

  it("ignores public keys, certificates, empty and placeholder bodies, and prose", () => {
    const negatives = [
      pem("PUBLIC KEY"),
      pem("CERTIFICATE"),
      pem("PGP PUBLIC KEY BLOCK"),
      "-----BEGIN OPENSSH PRIVATE KEY----------END OPENSSH PRIVATE KEY-----",
      "-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----",
      "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
      `-----BEGIN RSA PRIVATE KEY-----\n${"A".repeat(64)}\n${"A".repeat(64)}\n-----END RSA PRIVATE KEY-----`,
      "Paste the block that starts with -----BEGIN RSA PRIVATE KEY----- into the field.",
    ];
    for (const text of negatives) expect(find(text), text.slice(0, 60)).toEqual([]);
  });
});
