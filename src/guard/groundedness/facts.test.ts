import { describe, expect, it } from "vitest";
import { extractFacts } from "./facts.js";
import { canonical, parseDigits, readNumberWords } from "./numbers.js";
import { sentenceSpans } from "./sentences.js";
import { tokenize } from "./tokens.js";

const facts = (text: string) => extractFacts(text, tokenize(text));
const slices = (text: string, spans: Array<{ start: number; end: number }>) =>
  spans.map((s) => text.slice(s.start, s.end));

describe("numbers", () => {
  it("reads digit groupings as values", () => {
    expect(parseDigits("1,000")).toBe(1000);
    expect(parseDigits("1,000,000.5")).toBe(1000000.5);
    expect(parseDigits("1.000.000")).toBe(1000000);
    expect(parseDigits("3.5")).toBe(3.5);
    expect(parseDigits("3,5")).toBe(3.5);
    expect(parseDigits("1,00,0")).toBeUndefined();
  });

  it("reads number words, with scales and 'and'", () => {
    expect(readNumberWords("one thousand".split(" "), 0)?.value).toBe(1000);
    expect(readNumberWords("two hundred and five people".split(" "), 0)).toEqual({ value: 205, used: 4 });
    expect(readNumberWords("twenty five".split(" "), 0)?.value).toBe(25);
    expect(readNumberWords("two three".split(" "), 0)).toEqual({ value: 2, used: 1 });
    expect(readNumberWords("million".split(" "), 0, 1.5)?.value).toBe(1_500_000);
    expect(readNumberWords("cats".split(" "), 0)).toBeUndefined();
  });

  it("gives one canonical string per value", () => {
    expect(canonical(1000)).toBe(canonical(1e3));
    expect(canonical(0.1 + 0.2)).toBe("0.3");
  });

  it("finds number claims however they are written, but not a lone 'one'", () => {
    const text =
      "It has 1,000 rooms, one thousand beds, 1.5 million visitors, the 4th floor and twenty-five lifts. One of them.";
    const f = facts(text);
    expect(f.numbers.map((n) => n.value)).toEqual(["1000", "1000", "1500000", "4", "25"]);
    expect(slices(text, f.numbers)).toEqual(["1,000", "one thousand", "1.5 million", "4th", "twenty-five"]);
  });
});

describe("dates", () => {
  it("reads month-day-year, day-month-year, ISO, month-year and bare years", () => {
    const text = "Born March 2, 1991 or 2 March 1991, filed 1991-03-02, moved in June 2004, left in 1989.";
    const f = facts(text);
    expect(f.dates.map((d) => d.keys[0])).toEqual([
      "ymd:1991-3-2",
      "ymd:1991-3-2",
      "ymd:1991-3-2",
      "ym:2004-6",
      "y:1989",
    ]);
    expect(slices(text, f.dates)).toEqual([
      "March 2, 1991",
      "2 March 1991",
      "1991-03-02",
      "June 2004",
      "1989",
    ]);
  });

  it("does not read a lower-case month word as a date", () => {
    expect(facts("They march 20 miles.").dates).toEqual([]);
  });
});

describe("names", () => {
  it("joins capitalised words and connectors, skipping a lone sentence-initial word", () => {
    const text =
      "Yesterday the Bank of America met Jean-Luc Picard and President Richard Nixon's aide in New York.";
    const f = facts(text);
    expect(slices(text, f.names)).toEqual([
      "Bank of America",
      "Jean-Luc Picard",
      "President Richard Nixon's",
      "New York",
    ]);
    expect(f.names[2]?.norms).toEqual(["president", "richard", "nixon"]);
  });

  it("keeps a sentence-initial name of two words, drops an opening function word", () => {
    const text = "The Oberoi Group is in Delhi. Milhouse was named.";
    expect(slices(text, facts(text).names)).toEqual(["Oberoi Group", "Delhi"]);
  });
});

describe("quotes and sentences", () => {
  it("reads straight and curly quotes", () => {
    const text = 'He sang "Never Give Up" and “A Long Way Home”.';
    expect(slices(text, facts(text).quotes)).toEqual(["Never Give Up", "A Long Way Home"]);
  });

  it("splits sentences, also where passages were pasted together without a space", () => {
    const text = "In the 19th century.First for Women is a magazine! Is it? Yes\nNext line";
    expect(sentenceSpans(text).map(([s, e]) => text.slice(s, e))).toEqual([
      "In the 19th century.",
      "First for Women is a magazine!",
      "Is it?",
      "Yes",
      "Next line",
    ]);
  });
});
