import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { longestDigitCluster, makeScanInput } from "./types.js";

/** The definition, one character at a time: digits joined by single " ", ".", "-" or "/". */
function reference(text: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c >= "0" && c <= "9") best = Math.max(best, ++run);
    else if (!(" .-/".includes(c) && run > 0 && /\d/.test(text[i + 1] ?? ""))) run = 0;
  }
  return best;
}

describe("longestDigitCluster", () => {
  it("counts the digits of the longest cluster", () => {
    expect(longestDigitCluster("no digits here")).toBe(0);
    expect(longestDigitCluster("born 1990, card 4111 1111 1111 1111")).toBe(16);
    expect(longestDigitCluster("12/05/1990 and 123.456.789-09")).toBe(11);
    expect(longestDigitCluster("12  34")).toBe(2); // two spaces break the cluster
    expect(longestDigitCluster("1-2-3-")).toBe(3);
  });

  it("agrees with the character-by-character definition on any text", () => {
    const alphabet = fc.constantFrom(..."0123456789 .-/,ax\n".split(""));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (chars) => {
        const text = chars.join("");
        expect(longestDigitCluster(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("backs the scan input's maxDigitCluster", () => {
    expect(makeScanInput("call 555-123-4567", "US").maxDigitCluster).toBe(10);
  });
});
