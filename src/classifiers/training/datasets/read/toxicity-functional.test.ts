/** The project's functional toxicity set: both classes share the groups, and templates stay whole. */
import { describe, expect, it } from "vitest";
import { fillGroup, readToxicityFunctional } from "./toxicity-functional.js";
import { readToxicityFunctionalSecond } from "./toxicity-functional-second.js";

describe("functional toxicity set", () => {
  const examples = readToxicityFunctional();

  it("has both classes, each mentioning the same protected groups", () => {
    const positives = examples.filter((e) => e.label === 1);
    const negatives = examples.filter((e) => e.label === 0);
    expect(positives.length).toBeGreaterThan(50);
    expect(negatives.length).toBeGreaterThan(50);
    for (const group of ["Muslims", "trans people", "immigrants", "Jews"]) {
      const mentions = (list: typeof examples) =>
        list.some((e) => e.text.toLowerCase().includes(group.toLowerCase()));
      expect(mentions(positives), group).toBe(true);
      expect(mentions(negatives), group).toBe(true);
    }
    expect(examples.every((e) => e.source === "contrast:toxicity-functional" && e.lang === "en")).toBe(true);
  });

  it("labels the functional cases as the task defines them", () => {
    const label = (start: string) => examples.find((e) => e.text.startsWith(start))?.label;
    expect(label("I don't hate ")).toBe(0); // negated hate
    expect(label("Saying that ")).toBe(0); // counter-speech quoting hate
    expect(label("Fuck yeah")).toBe(0); // profanity without a target
    expect(label("I hate this stupid printer")).toBe(0); // abuse of a thing
    expect(label("I despise ")).toBe(1);
    expect(label("Shut up, you brain-dead moron")).toBe(1); // an insult aimed at a person
  });

  it("keeps every fill of a template in one split group, with no placeholder left", () => {
    const byGroup = new Map<string, number>();
    for (const e of examples) byGroup.set(e.group!, (byGroup.get(e.group!) ?? 0) + 1);
    expect(Math.max(...byGroup.values())).toBe(2);
    expect(examples.some((e) => e.text.includes("{G}"))).toBe(false);
    expect(readToxicityFunctional()).toEqual(examples);
  });

  it("capitalises a group that starts the sentence", () => {
    expect(fillGroup("{G} are welcome here.", "refugees")).toBe("Refugees are welcome here.");
    expect(fillGroup("I like {G}.", "refugees")).toBe("I like refugees.");
  });
});

describe("second functional toxicity set", () => {
  const first = readToxicityFunctional();
  const second = readToxicityFunctionalSecond();

  it("is a source of its own, in split groups apart from the first set's, with both classes", () => {
    expect(second.every((e) => e.source === "contrast:toxicity-functional-2")).toBe(true);
    const firstGroups = new Set(first.map((e) => e.group));
    expect(second.some((e) => firstGroups.has(e.group))).toBe(false);
    expect(second.filter((e) => e.label === 1).length).toBeGreaterThan(30);
    expect(second.filter((e) => e.label === 0).length).toBeGreaterThan(25);
    expect(second.some((e) => e.text.includes("{G}"))).toBe(false);
  });

  it("shares no text with the first set", () => {
    const firstTexts = new Set(first.map((e) => e.text));
    expect(second.filter((e) => firstTexts.has(e.text))).toEqual([]);
  });

  it("keeps the first set's split groups as they were (its splits, and so its figures, do not move)", () => {
    expect(first.every((e) => /^toxicity-functional:\d+:\d+$/.test(e.group!))).toBe(true);
  });
});
