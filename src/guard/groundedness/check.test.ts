import { describe, expect, it } from "vitest";
import { checkGroundedness, GROUNDEDNESS_DEFAULTS, type Claim } from "./check.js";

const KNOWLEDGE = [
  "Heartbreak Express is Dolly Parton's 24th solo studio album, released on March 29, 1982. \"Do I Ever Cross " +
    'Your Mind" appeared as a double-A-sided single. The album sold 1,200,000 copies in its first year.',
  "The Oberoi Group is a hotel company with its head office in Delhi. It employs twelve thousand people.",
  "Odysséas Elýtis won the Nobel Prize in Literature in 1979.",
];

const claim = (claims: Claim[], kind: Claim["kind"], text: string) =>
  claims.find((c) => c.kind === kind && c.text === text);

describe("checkGroundedness: supported answers", () => {
  it("supports names, numbers and dates the context states, however written", () => {
    const answer =
      "Heartbreak Express came out on 29 March 1982 and sold 1.2 million copies; the Oberoi Group employs 12,000 people.";
    const r = checkGroundedness(answer, KNOWLEDGE);
    expect(claim(r.claims, "date", "29 March 1982")?.supported).toBe(true);
    expect(claim(r.claims, "number", "1.2 million")?.supported).toBe(true);
    expect(claim(r.claims, "number", "12,000")?.supported).toBe(true);
    expect(claim(r.claims, "name", "Heartbreak Express")?.supported).toBe(true);
    expect(r.claims.filter((c) => c.kind !== "sentence").every((c) => c.supported)).toBe(true);
    // The sentence draws on two passages: it is matched against one window, so only partly supported.
    expect(r.claims.find((c) => c.kind === "sentence")?.support).toBeLessThan(1);
    expect(checkGroundedness("Heartbreak Express was released on 29 March 1982.", KNOWLEDGE).supported).toBe(
      true,
    );
  });

  it("folds case, accents and possessives", () => {
    const r = checkGroundedness("ODYSSEAS ELYTIS won the Nobel Prize in 1979.", KNOWLEDGE);
    expect(r.claims.filter((c) => c.kind !== "sentence").every((c) => c.supported)).toBe(true);
    expect(
      checkGroundedness("It is Dolly Parton's album.", KNOWLEDGE).claims.find((c) => c.kind === "name")
        ?.supported,
    ).toBe(true);
  });

  it("supports a quote the context contains, and gives evidence for a sentence", () => {
    const r = checkGroundedness('The single was "Do I Ever Cross Your Mind".', KNOWLEDGE);
    expect(claim(r.claims, "quote", "Do I Ever Cross Your Mind")?.supported).toBe(true);
    const s = r.claims.find((c) => c.kind === "sentence");
    expect(s?.evidence).toContain("double-A-sided single");
    expect(s?.span).toEqual([0, 43]);
  });

  it("has nothing to check in an empty answer or a bare 'Yes.'", () => {
    expect(checkGroundedness("", KNOWLEDGE)).toEqual({ supported: true, score: 1, claims: [] });
    expect(checkGroundedness("Yes.", KNOWLEDGE).score).toBe(1);
  });
});

describe("checkGroundedness: hallucinations", () => {
  it("flags a name, number, date or quote the context does not state", () => {
    const cases: Array<[string, Claim["kind"], string]> = [
      ["The Oberoi Group has its head office in Mumbai, like Taj Hotels.", "name", "Taj Hotels"],
      ["The album sold 2 million copies.", "number", "2 million"],
      ["It was released on March 30, 1982.", "date", "March 30, 1982"],
      ['The single was "Jolene".', "quote", "Jolene"],
    ];
    for (const [answer, kind, text] of cases) {
      const r = checkGroundedness(answer, KNOWLEDGE);
      expect(claim(r.claims, kind, text)?.supported, answer).toBe(false);
      expect(r.score, answer).toBeLessThan(GROUNDEDNESS_DEFAULTS.threshold);
      expect(r.supported, answer).toBe(false);
    }
  });

  it("scores a sentence by how much of it the context holds", () => {
    const faithful = checkGroundedness("The Oberoi Group is a hotel company based in Delhi.", KNOWLEDGE);
    const invented = checkGroundedness(
      "The Oberoi Group builds rockets for lunar exploration missions.",
      KNOWLEDGE,
    );
    expect(faithful.score).toBeGreaterThan(0.8);
    expect(invented.score).toBeLessThan(0.5);
    expect(invented.claims.find((c) => c.kind === "sentence")?.supported).toBe(false);
  });

  it("lowers a sentence whose negation the context does not share", () => {
    const plain = checkGroundedness("The Oberoi Group is a hotel company.", KNOWLEDGE);
    const negated = checkGroundedness("The Oberoi Group is not a hotel company.", KNOWLEDGE);
    expect(plain.score).toBe(1);
    expect(negated.score).toBeCloseTo(plain.score * GROUNDEDNESS_DEFAULTS.negationFactor, 5);
  });

  it("supports nothing against an empty context", () => {
    const r = checkGroundedness("Delhi has 12 hotels.", []);
    expect(r.score).toBe(0);
    expect(r.claims.every((c) => !c.supported)).toBe(true);
  });

  it("honours a caller threshold", () => {
    const answer = "The Oberoi Group is a hotel company based in Delhi.";
    const r = checkGroundedness(answer, KNOWLEDGE);
    expect(checkGroundedness(answer, KNOWLEDGE, { threshold: r.score + 0.01 }).supported).toBe(false);
    expect(checkGroundedness(answer, KNOWLEDGE, { threshold: r.score }).supported).toBe(true);
  });
});

describe("context index cache", () => {
  it("notices a context array changed in place", () => {
    const ctx = ["Paris is in France."];
    expect(checkGroundedness("Rome is lovely.", ctx).supported).toBe(false);
    ctx.push("Rome is lovely in spring.");
    expect(checkGroundedness("Rome is lovely.", ctx).supported).toBe(true);
  });
});
