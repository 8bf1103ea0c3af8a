import { describe, expect, it } from "vitest";
import { PATTERNS } from "./rules.js";
import { MAX_VALUE } from "./assignment.js";

describe("secrets regexes", () => {
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
