import { describe, expect, it } from "vitest";
import { allSame, digitsOnly, luhnValid, mod97, validDate, verhoeffValid, weightedSum } from "./checksums.js";

describe("checksums", () => {
  it("Luhn accepts valid numbers and rejects one-digit changes", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("79927398710")).toBe(false);
    expect(luhnValid("")).toBe(false);
    expect(luhnValid("41a1")).toBe(false);
  });

  it("mod 97 handles letters and long numbers without overflow", () => {
    // GB82WEST12345698765432 rearranged: the IBAN check is mod 97 == 1
    expect(mod97("WEST12345698765432GB82")).toBe(1);
    expect(mod97("WEST12345698765432GB83")).not.toBe(1);
    expect(mod97("12345678901234567890123456789")).toBe(Number(12345678901234567890123456789n % 97n));
    expect(mod97("ab")).toBe(-1);
  });

  it("Verhoeff catches substitutions and adjacent transpositions", () => {
    expect(verhoeffValid("2363")).toBe(true);
    expect(verhoeffValid("234123412346")).toBe(true);
    expect(verhoeffValid("234123412347")).toBe(false);
    expect(verhoeffValid("243123412346")).toBe(false);
  });

  it("helpers", () => {
    expect(weightedSum("123", [1, 2, 3])).toBe(14);
    expect(allSame("0000")).toBe(true);
    expect(allSame("0001")).toBe(false);
    expect(digitsOnly("4111-1111 1111.1111")).toBe("4111111111111111");
    expect(validDate(2024, 2, 29)).toBe(true);
    expect(validDate(2023, 2, 29)).toBe(false);
    expect(validDate(1900, 2, 29)).toBe(false);
    expect(validDate(2000, 2, 29)).toBe(true);
    expect(validDate(2020, 13, 1)).toBe(false);
  });
});
