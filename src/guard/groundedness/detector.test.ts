import { beforeAll, describe, expect, it } from "vitest";
import type { DetectorContext, Finding } from "../../detectors/types.js";
import type { PolicyInput } from "../../policy/schema.js";
import { BUILTIN_CATEGORY_IDS } from "../../policy/taxonomy.js";
import { normalize } from "../../text/normalize.js";
import { createGuard, type Guard } from "../create-guard.js";
import { GROUNDEDNESS_DEFAULTS } from "./check.js";
import { GROUNDEDNESS_CATEGORY, groundednessDetector } from "./detector.js";

const CONTEXT = [
  "The Oberoi Group is a hotel company with its head office in Delhi. It was founded in 1934.",
];

function detect(answer: string, context?: string[]) {
  const ctx = { stage: "output", settings: {} } as unknown as DetectorContext;
  if (context) ctx.context = context;
  return groundednessDetector.detect(normalize(answer), ctx) as Finding[];
}

describe("groundednessDetector", () => {
  it("reports nothing without a context, or for an empty answer", () => {
    expect(detect("The Oberoi Group is in Mumbai.")).toEqual([]);
    expect(detect("The Oberoi Group is in Mumbai.", [])).toEqual([]);
    expect(detect("   ", CONTEXT)).toEqual([]);
  });

  it("reports nothing for a supported answer", () => {
    expect(detect("The Oberoi Group has its head office in Delhi.", CONTEXT)).toEqual([]);
  });

  it("reports each unsupported claim with its span and the answer's score", () => {
    const answer = "The Oberoi Group was founded in 1950 by Conrad Hilton.";
    const findings = detect(answer, CONTEXT);
    const labels = findings.map((f) => `${f.label}:${answer.slice(f.span![0], f.span![1])}`);
    expect(labels).toContain("unsupported-date:1950");
    expect(labels).toContain("unsupported-name:Conrad Hilton");
    expect(findings.every((f) => f.category === GROUNDEDNESS_CATEGORY)).toBe(true);
    const scores = new Set(findings.map((f) => f.score));
    expect(scores.size).toBe(1);
    expect([...scores][0]).toBeGreaterThan(1 - GROUNDEDNESS_DEFAULTS.threshold);
    expect(findings[0]?.evidence).toMatch(/answer groundedness/);
  });
});

describe("groundedness in the guard", () => {
  let guard: Guard;
  beforeAll(async () => {
    // "ungrounded" is declared here unless the taxonomy already has it.
    const categories = BUILTIN_CATEGORY_IDS.has(GROUNDEDNESS_CATEGORY)
      ? []
      : [{ id: GROUNDEDNESS_CATEGORY, title: "Ungrounded answer" }];
    const policy: PolicyInput = {
      extends: "default",
      categories,
      rules: {
        [GROUNDEDNESS_CATEGORY]: {
          action: "block",
          threshold: 1 - GROUNDEDNESS_DEFAULTS.threshold,
          safeReply: "I could not find that in the documents.",
        },
      },
    };
    guard = await createGuard({ policy, detectors: [groundednessDetector] });
  });

  it("blocks an answer the context does not support, passing the context through CheckContext", async () => {
    const d = await guard.checkOutput("The Oberoi Group was founded in 1950 by Conrad Hilton.", {
      context: CONTEXT,
    });
    expect(d.action).toBe("block");
    expect(d.safeReply).toBe("I could not find that in the documents.");
    expect(d.reasons.some((r) => r.detector === "groundedness")).toBe(true);
  });

  it("allows a grounded answer, and does not act without a context", async () => {
    const grounded = await guard.checkOutput("The Oberoi Group was founded in 1934.", { context: CONTEXT });
    expect(grounded.action).toBe("allow");
    const noContext = await guard.checkOutput("The Oberoi Group was founded in 1950 by Conrad Hilton.");
    expect(noContext.action).toBe("allow");
  });
});
