import { describe, expect, it } from "vitest";
import { thresholdForFpr, type FprThreshold } from "./operating-point.js";

const table: FprThreshold[] = [
  { fpr: 0.01, threshold: 0.9 },
  { fpr: 0.02, threshold: 0.8 },
  { fpr: 0.05, threshold: 0.5 },
];

describe("thresholdForFpr", () => {
  it("reads a stored rate's threshold exactly", () => {
    expect(thresholdForFpr(table, 0.01, "harm")).toBe(0.9);
    expect(thresholdForFpr(table, 0.02, "harm")).toBe(0.8);
    expect(thresholdForFpr(table, 0.05, "harm")).toBe(0.5);
  });

  it("interpolates between neighbouring rates", () => {
    expect(thresholdForFpr(table, 0.015, "harm")).toBeCloseTo(0.85, 12);
    expect(thresholdForFpr(table, 0.04, "harm")).toBeCloseTo(0.6, 12);
  });

  it("refuses a rate outside the table, and a model without one, saying what to do", () => {
    expect(() => thresholdForFpr(table, 0.005, "harm")).toThrow(
      /classifiers\.harm\.fpr must be from 0\.01 to 0\.05/,
    );
    expect(() => thresholdForFpr(table, 0.2, "harm")).toThrow(/must be from/);
    expect(() => thresholdForFpr(undefined, 0.01, "injection")).toThrow(
      /injection model carries no thresholds by false-positive rate.*npm run train.*classifiers\.injection\.threshold/,
    );
  });
});
