/**
 * Places (Presidio's GPE / LOCATION): countries, regions and large cities from a gazetteer, and a
 * capitalised word or two after a cue that says "this is a place" ("originally from", "moved here
 * from", "travelling to", "grew up in", "I'm in"). Small towns without a cue are missed.
 */
import {
  CITY_NAMES,
  COUNTRY_NAMES,
  MAX_PLACE_WORDS,
  PLACE_FIRST_WORDS,
  PLACE_NAMES,
} from "../gazetteers/places.js";
import { FIRST_NAMES } from "../gazetteers/first-names.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";
import { CueIndex, type Word } from "../words.js";

const CUES = [
  "moved here from ",
  "originally from ",
  "travelling to ",
  "traveling to ",
  "travel to ",
  "coming to ",
  "flew to ",
  "fly to ",
  "moving to ",
  "moved to ",
  "grew up in ",
  "live in ",
  "lives in ",
  "living in ",
  "lived in ",
  "based in ",
  "i'm in ",
  "i am in ",
  "born in ",
  "returned to ",
  "arrived at ",
  "visit ",
  "visiting ",
  "trip to ",
  "university of ",
  "city of ",
  "town of ",
  "village of ",
  "capital of ",
  "located in ",
  "headquartered in ",
  "southern ",
  "northern ",
  "eastern ",
  "western ",
  "home city ",
];
const NOT_PLACES = new Set(
  `The A An My Your His Her Our Their This That Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
February March April May June July August September October November December Christmas Easter I We You He She They It Mr Mrs Ms Dr`.split(
    /\s+/,
  ),
);

const CUE_INDEX = new CueIndex(CUES);

function phraseAt(text: string, words: readonly Word[], i: number): number {
  if (!PLACE_FIRST_WORDS.has(words[i]!.text)) return -1;
  // longest gazetteer phrase starting at word i; returns the last word index, or -1
  let best = -1;
  let phrase = "";
  for (let k = i; k < words.length && k < i + MAX_PLACE_WORDS; k++) {
    const w = words[k]!;
    if (k > i) {
      const sep = text.slice(words[k - 1]!.end, w.start);
      if (sep !== " ") break;
      phrase += " ";
    }
    phrase += w.text;
    if (PLACE_NAMES.has(phrase)) best = k;
  }
  return best;
}

export const locationRecognizer: Recognizer = {
  name: "location",
  labels: ["location"],
  find(input: ScanInput): PiiMatch[] {
    const { text } = input;
    const words = input.words;
    const lower = input.lower;
    const out: PiiMatch[] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (!w.cap) continue;
      const last = phraseAt(text, words, i);
      if (last >= 0) {
        const phrase = text.slice(w.start, words[last]!.end);
        const score = COUNTRY_NAMES.has(phrase) ? 0.65 : CITY_NAMES.has(phrase) ? 0.6 : 0.55;
        out.push({
          start: w.start,
          end: words[last]!.end,
          label: "location",
          score,
          reason: "place gazetteer",
        });
        i = last;
        continue;
      }
      const cue = CUE_INDEX.match(lower, words, i);
      if (!cue || NOT_PLACES.has(w.text)) continue;
      if (FIRST_NAMES.has(w.text)) continue;
      // take up to three capitalised words ("Upton Scudamore", "Ben Hjel")
      let j = i;
      while (
        j + 1 < words.length &&
        j < i + 2 &&
        words[j + 1]!.cap &&
        !NOT_PLACES.has(words[j + 1]!.text) &&
        text.slice(words[j]!.end, words[j + 1]!.start) === " "
      )
        j++;
      out.push({
        start: w.start,
        end: words[j]!.end,
        label: "location",
        score: 0.6,
        reason: `after '${cue.trim()}'`,
      });
      i = j;
    }
    return out;
  },
};
