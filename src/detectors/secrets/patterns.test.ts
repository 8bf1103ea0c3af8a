import { checkSync } from "recheck";
import { describe, expect, it } from "vitest";
import { PATTERNS as BENCH_PATTERNS } from "../../bench/secrets-quality.js";
import { PATTERNS } from "./rules.js";
import { PATTERNS as SAMPLER_PATTERNS } from "./sample-from-regex.js";
import { MAX_VALUE } from "./assignment.js";

describe("secrets regexes", () => {
  it("are all linear-time according to recheck (with the flags they run with)", { timeout: 300_000 }, () => {
    const bad: string[] = [];
    for (const re of [...PATTERNS, ...SAMPLER_PATTERNS, ...BENCH_PATTERNS]) {
      const r = checkSync(re.source, re.flags);
      if (r.status !== "safe") bad.push(`${r.status}: /${re.source}/${re.flags}`);
    }
    expect(bad).toEqual([]);
  });

  it("bound every repetition used to scan for tokens", () => {
    // Unbounded + or * only inside small anchored value checks; scanning patterns are sticky.
    for (const re of PATTERNS) {
      if (/[+*]/.test(re.source.replace(/\\./g, "").replace(/\[[^\]]*\]/g, ""))) {
        expect(re.sticky || re.source.startsWith("^") || re.global, re.source).toBe(true);
      }
    }
    expect(MAX_VALUE).toBeLessThanOrEqual(1024);
  });
});
