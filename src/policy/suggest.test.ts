import { describe, expect, it } from "vitest";
import { didYouMean, editDistance, suggest } from "./suggest.js";

describe("suggestions", () => {
  it("edit distance counts insertions, deletions, substitutions and transpositions", () => {
    expect(editDistance("threshold", "threshold")).toBe(0);
    expect(editDistance("treshold", "threshold")).toBe(1);
    expect(editDistance("thresohld", "threshold")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests only plausible typos", () => {
    const ids = ["violent-crimes", "pii", "secrets", "jailbreak"];
    expect(suggest("violent-crime", ids)).toBe("violent-crimes");
    expect(suggest("Jailbrake", ids)).toBe("jailbreak");
    expect(suggest("pi", ids)).toBe("pii");
    expect(suggest("weather", ids)).toBeUndefined();
    expect(suggest("x".repeat(10_000), ids)).toBeUndefined();
    expect(didYouMean("secret", ids)).toBe(' (did you mean "secrets"?)');
    expect(didYouMean("secrets", ids)).toBe("");
  });
});
