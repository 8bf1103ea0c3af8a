/**
 * Honorifics before a name ("Dr.", "Mrs.", "Prof.") — Presidio's TITLE. Job titles ("the
 * Packager", "technical writer") are not detected: that needs a model or an occupation list.
 */
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";

export const HONORIFICS: ReadonlySet<string> = new Set([
  "Mr",
  "Mrs",
  "Ms",
  "Miss",
  "Mx",
  "Dr",
  "Prof",
  "Sir",
  "Dame",
  "Madam",
  "Lady",
  "Lord",
  "Rev",
  "Fr",
  "Capt",
  "Sgt",
  "Herr",
  "Frau",
  "Mme",
  "Mlle",
  "Sr",
  "Sra",
  "Srta",
  "Dott",
  "Dra",
]);
/** Honorifics that are also ordinary words: need the period ("Miss" and "Sir" are exceptions by use). */
const NEED_PERIOD = new Set(["Fr", "Sr", "Capt", "Sgt", "Rev", "Prof", "Dott", "Dra"]);

const CAP_START = /^\p{Lu}/u;
export const PATTERNS: readonly RegExp[] = [CAP_START];

export const titleRecognizer: Recognizer = {
  name: "title",
  labels: ["title"],
  find(input: ScanInput): PiiMatch[] {
    const { text } = input;
    const words = input.words;
    const out: PiiMatch[] = [];
    for (let i = 0; i + 1 < words.length; i++) {
      const w = words[i]!;
      if (!w.cap || !HONORIFICS.has(w.text)) continue;
      const hasPeriod = text[w.end] === ".";
      const gap = text.slice(w.end, words[i + 1]!.start);
      if (gap !== ". " && gap !== " ") continue;
      if ((NEED_PERIOD.has(w.text) || w.text === "Dr") && !hasPeriod) continue;
      // "Cheriton Dr. Reuquén": after a capitalised word, "Dr" is the street type Drive.
      const prev = i > 0 ? words[i - 1]! : undefined;
      if (prev && prev.cap && text.slice(prev.end, w.start) === " ") continue;
      const next = words[i + 1]!;
      if (!CAP_START.test(next.text)) continue;
      // "Sir bot" / "Dear Madam," are forms of address without a name.
      out.push({
        start: w.start,
        end: w.end + (hasPeriod ? 1 : 0),
        label: "title",
        score: 0.7,
        reason: "honorific before a name",
      });
    }
    return out;
  },
};
