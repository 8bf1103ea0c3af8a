import { checkSync } from "recheck";
import { describe, expect, it } from "vitest";
import { PATTERNS } from "./patterns.js";

describe("text patterns", () => {
  it("are all linear (recheck)", () => {
    expect(PATTERNS.length).toBeGreaterThan(0);
    for (const re of PATTERNS) expect(checkSync(re.source, re.flags).status, re.source).toBe("safe");
  });
});
