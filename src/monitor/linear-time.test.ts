/**
 * What monitoring does per text grows linearly with the text: building an audit event (redaction by the
 * pii and secrets detectors, hashing), the export's normalised-text hash, and the CLI's printable view —
 * on ordinary text and on pathological runs (one character, near-miss e-mails and keys).
 */
import { describe, expect, it } from "vitest";
import { buildAuditEvent } from "./audit-event.js";
import { AuditSettings } from "./config.js";
import { normalizedTextHash } from "./incidents/export-suite.js";
import { createAuditRedactor } from "./redactor.js";
import { makeDecision } from "./testing/events.js";

const settings = AuditSettings.parse({ maxStoredChars: 2_000_000 });
const redactor = createAuditRedactor();

function best(fn: () => unknown, reps = 3): number {
  let min = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

async function bestAsync(fn: () => Promise<unknown>, reps = 3): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

const SHAPES: Record<string, (n: number) => string> = {
  prose: (n) =>
    "The quick brown fox wrote to jane.roe@example.com about order 4411. "
      .repeat(Math.ceil(n / 68))
      .slice(0, n),
  "one character": (n) => "a".repeat(n),
  "near-miss e-mails": (n) => "a@".repeat(Math.ceil(n / 2)).slice(0, n),
  "near-miss keys": (n) => "ghp_".repeat(Math.ceil(n / 4)).slice(0, n),
  "digits and dots": (n) => "1.".repeat(Math.ceil(n / 2)).slice(0, n),
};

describe("monitoring runs in linear time", () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`builds audit events linearly: ${shape}`, async () => {
      const decision = makeDecision();
      const small = make(25_000);
      const big = make(200_000);
      await buildAuditEvent("w", 0, { decision, text: small }, "s", redactor, settings); // warm up
      const ts = await bestAsync(() =>
        buildAuditEvent("a", 0, { decision, text: small }, "s", redactor, settings),
      );
      const tb = await bestAsync(() =>
        buildAuditEvent("b", 0, { decision, text: big }, "s", redactor, settings),
      );
      expect(tb).toBeLessThan(ts * 8 * 3 + 50);
    }, 120_000);

    it(`hashes normalised text linearly: ${shape}`, () => {
      const small = make(25_000);
      const big = make(200_000);
      normalizedTextHash(small);
      const ts = best(() => normalizedTextHash(small));
      const tb = best(() => normalizedTextHash(big));
      expect(tb).toBeLessThan(ts * 8 * 3 + 50);
    }, 120_000);
  }

  it("still redacts inside long texts", async () => {
    const text = SHAPES.prose!(50_000);
    const e = await buildAuditEvent("x", 0, { decision: makeDecision(), text }, "s", redactor, settings);
    expect(e.text).not.toContain("jane.roe@example.com");
    expect(e.text).toContain("[EMAIL_1]");
  });
});
