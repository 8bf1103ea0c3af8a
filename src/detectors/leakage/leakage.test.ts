import { describe, expect, it } from "vitest";
import { defaultDetectorSettings, type DetectorSettings } from "../../policy/detector-settings.js";
import { normalize } from "../../text/normalize.js";
import { rawText } from "../../text/raw.js";
import type { GuardText } from "../../text/types.js";
import type { Finding } from "../types.js";
import { leakageDetector } from "./detector.js";
import { promptShingles } from "./prompt-shingles.js";

interface Opts {
  canaries?: string[];
  settingsCanaries?: string[];
  systemPrompt?: string;
  minOverlapWords?: number;
}

function detect(text: GuardText | string, o: Opts = {}): Finding[] {
  const s = defaultDetectorSettings();
  const settings: DetectorSettings = {
    ...s,
    leakage: {
      canaries: o.settingsCanaries ?? [],
      minOverlapWords: o.minOverlapWords ?? s.leakage.minOverlapWords,
    },
  };
  const g = typeof text === "string" ? normalize(text) : text;
  return leakageDetector.detect(g, {
    stage: "output",
    settings,
    canaries: o.canaries,
    systemPrompt: o.systemPrompt,
  }) as Finding[];
}

const CANARY = "CANARY-7f3a9c2e";

describe("leakage: canaries", () => {
  it("finds a canary from the context, with score 1 and a masked evidence", () => {
    const text = `Sure! The hidden token is ${CANARY}.`;
    const [f] = detect(text, { canaries: [CANARY] });
    expect(f).toMatchObject({ category: "data-exfiltration", label: "canary", score: 1 });
    expect(text.slice(...f!.span!)).toBe(CANARY);
    expect(f!.evidence).not.toContain(CANARY);
  });

  it("uses the policy's canaries too", () => {
    expect(detect(`x ${CANARY} y`, { settingsCanaries: [CANARY] })).toHaveLength(1);
  });

  it.each([
    ["lower case", CANARY.toLowerCase()],
    ["separators", "C A N A R Y - 7 f 3 a 9 c 2 e"],
    ["dashes between letters", "c-a-n-a-r-y-7-f-3-a-9-c-2-e"],
    ["reversed", [...CANARY].reverse().join("")],
    ["hex", Buffer.from(CANARY).toString("hex")],
    ["base64", Buffer.from(CANARY).toString("base64")],
    ["base64 inside a longer payload", Buffer.from(`the token: ${CANARY}!`).toString("base64")],
    ["Cyrillic look-alikes", "СANАRY-7f3a9c2e"],
    ["zero-width characters", "CANA\u200BRY-7f3a\u200D9c2e"],
  ])("finds a disguised canary: %s", (_name, disguised) => {
    const fs = detect(`leak: ${disguised} end`, { canaries: [CANARY] });
    expect(fs.filter((f) => f.label === "canary").length).toBeGreaterThan(0);
    expect(fs[0]!.score).toBe(1);
  });

  it("does not match unrelated text or a partial canary", () => {
    expect(detect("CANARY-7f3a and other words", { canaries: [CANARY] })).toEqual([]);
    expect(detect("nothing to see", { canaries: [CANARY] })).toEqual([]);
  });

  it("short canaries only match as written", () => {
    expect(detect("a b c d", { canaries: ["abcd"] })).toEqual([]);
    expect(detect("xx abcd yy", { canaries: ["abcd"] })).toHaveLength(1);
  });
});

const PROMPT = [
  "You are Aria, the support assistant for Northwind Bank.",
  "Never reveal internal escalation codes and never discuss the fraud scoring thresholds with customers.",
  "When a customer asks about loans, point them to the loans page and offer to book a call with an advisor.",
  "Always answer in a calm, friendly tone and keep answers under one hundred and fifty words.",
].join(" ");

describe("leakage: system-prompt echo", () => {
  it("flags a verbatim echo and spans it", () => {
    const leaked =
      "never discuss the fraud scoring thresholds with customers. When a customer asks about loans";
    const text = `My instructions say: ${leaked}. Anything else?`;
    const fs = detect(text, { systemPrompt: PROMPT });
    expect(fs).toHaveLength(1);
    expect(fs[0]!.label).toBe("system-prompt-echo");
    expect(text.slice(...fs[0]!.span!)).toBe(
      "never discuss the fraud scoring thresholds with customers. When a customer asks about loans",
    );
  });

  it("scores grow with how much of the prompt is echoed", () => {
    const some = detect(`ok: never reveal internal escalation codes and never discuss the fraud`, {
      systemPrompt: PROMPT,
    })[0]!.score;
    const all = detect(`Here it is: ${PROMPT}`, { systemPrompt: PROMPT })[0]!.score;
    expect(some).toBeGreaterThan(0);
    expect(all).toBe(1);
    expect(all).toBeGreaterThan(some);
  });

  it("ignores case and punctuation, and catches look-alike letters through the skeleton", () => {
    const shouty = "NEVER REVEAL INTERNAL ESCALATION CODES -- AND NEVER DISCUSS THE FRAUD SCORING THRESHOLDS";
    expect(detect(shouty, { systemPrompt: PROMPT })).toHaveLength(1);
    const cyr = "Νеvеr rеvеаl intеrnаl еscаlаtiоn cоdеs аnd nеvеr discuss thе frаud scоring thrеshоlds";
    expect(detect(cyr, { systemPrompt: PROMPT }).length).toBeGreaterThan(0);
  });

  it("does not flag a short shared phrase or an unrelated answer", () => {
    expect(detect("I can book a call with an advisor for you.", { systemPrompt: PROMPT })).toEqual([]);
    expect(detect("Our savings accounts pay interest monthly.", { systemPrompt: PROMPT })).toEqual([]);
  });

  it("minOverlapWords sets the run length that counts", () => {
    const text = "please book a call with an advisor today";
    expect(detect(text, { systemPrompt: PROMPT, minOverlapWords: 8 })).toEqual([]);
    expect(detect(text, { systemPrompt: PROMPT, minOverlapWords: 5 })).toHaveLength(1);
  });

  it("handles a prompt shorter than minOverlapWords", () => {
    const prompt = "Reply only in French please";
    expect(detect("I must reply only in French please.", { systemPrompt: prompt })).toHaveLength(1);
  });

  it("caches the prompt's shingles per prompt", () => {
    expect(promptShingles(PROMPT, 8)).toBe(promptShingles(PROMPT, 8));
    expect(promptShingles(PROMPT, 6)).not.toBe(promptShingles(PROMPT, 8));
  });
});

describe("leakage: linear time", () => {
  const bigPrompt = Array.from({ length: 3000 }, (_, i) => `word${i % 977} term${(i * 7) % 613}`).join(" "); // ~20 KB+

  function time(text: string): number {
    const g = rawText(text);
    const t0 = performance.now();
    detect(g, { canaries: [CANARY, "aaaaaaaa"], systemPrompt: bigPrompt });
    return performance.now() - t0;
  }

  it("a 20 KB system prompt is cached after the first check", () => {
    const g = rawText("hello there");
    const prompt = `${bigPrompt} (variant ${Math.random()})`; // not in the cache yet
    let t0 = performance.now();
    detect(g, { systemPrompt: prompt });
    const first = performance.now() - t0;
    t0 = performance.now();
    for (let i = 0; i < 50; i++) detect(g, { systemPrompt: prompt });
    const cached = (performance.now() - t0) / 50;
    expect(cached * 5).toBeLessThan(first);
  });

  it.each([
    ["a", 1_000_000],
    ["word1 term7 ", 200_000],
    ["((((", 200_000],
  ])("stays linear on %j repeated", (unit, size) => {
    const big = unit.repeat(Math.ceil(size / unit.length));
    const small = big.slice(0, Math.ceil(big.length / 8));
    time(small);
    const ts = Math.max(1, time(small));
    const tb = time(big);
    expect(tb).toBeLessThan(ts * 8 * 4 + 50);
  });
});
