/**
 * The stream rail's own work is linear in the stream's length, whatever the text: time on 8n
 * characters stays within a generous multiple of 8x the time on n. Measured with a guard that
 * allows everything at once (the rail's overhead alone) and with the real default guard.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createGuard, type Guard } from "../create-guard.js";
import type { Decision } from "../types.js";
import { StreamGuard } from "./stream-guard.js";
import type { StreamCheckGuard } from "./types.js";

let real: Guard;
let instant: StreamCheckGuard;

beforeAll(async () => {
  real = await createGuard({ policy: "default" });
  instant = {
    policy: real.policy,
    policyVersion: real.policyVersion,
    check: (stage, text): Promise<Decision> =>
      Promise.resolve({
        action: "allow",
        stage,
        layer: `${stage}-rail`,
        text,
        reasons: [],
        findings: [],
        latencyMs: {},
        failures: [],
        exemptions: [],
        ruleActions: {},
        policy: { name: "p", version: "v" },
        truncated: false,
      }),
  };
});

async function streamMs(guard: StreamCheckGuard, text: string, chunk: number): Promise<number> {
  const t0 = performance.now();
  const s = new StreamGuard(guard);
  for (let i = 0; i < text.length; i += chunk) await s.push(text.slice(i, i + chunk));
  const events = await s.end();
  const ms = performance.now() - t0;
  expect(events.at(-1)?.type).toBe("end");
  expect(s.releasedText.length).toBe(text.length);
  return ms;
}

/** Best of three, to keep a noisy shared machine from deciding the ratio. */
async function best(guard: StreamCheckGuard, text: string, chunk: number): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < 3; i++) min = Math.min(min, await streamMs(guard, text, chunk));
  return min;
}

/**
 * Time on 8n characters over time on n. Linear is 8x, quadratic 64x on every attempt: up to three
 * attempts, so that a burst of load on a shared machine during one of them does not decide.
 */
async function ratio8(guard: StreamCheckGuard, unit: string, n: number, chunk: number): Promise<number> {
  const small = repeatTo(unit, n);
  const large = repeatTo(unit, 8 * n);
  await best(guard, small, chunk); // warm up
  let r = Infinity;
  for (let attempt = 0; attempt < 3 && r >= 8 * 3; attempt++) {
    r = Math.min(r, (await best(guard, large, chunk)) / Math.max(await best(guard, small, chunk), 0.05));
  }
  return r;
}

const repeatTo = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

const SHAPES: Array<[string, string]> = [
  ["one character", "a"],
  ["prose", "The river bends past the old mill and the road follows it. "],
  ["sentence ends only", ". "],
  ["abbreviation dots", "Dr. "],
  ["blank lines", "\n"],
  ["near-miss emails", "user@example "],
];

describe("stream rail time is linear in the stream length", () => {
  it.each(SHAPES)("with an instant guard: %s", async (_name, unit) => {
    expect(await ratio8(instant, unit, 25_000, 4)).toBeLessThan(8 * 3);
  });

  it("with an instant guard, 200 KB of one character in 1-character chunks stays fast", async () => {
    const ms = await best(instant, "x".repeat(200_000), 1);
    expect(ms).toBeLessThan(5_000);
  });

  it.each(SHAPES)("with the default guard: %s", async (_name, unit) => {
    expect(await ratio8(real, unit, 10_000, 16)).toBeLessThan(8 * 3);
  });
});
