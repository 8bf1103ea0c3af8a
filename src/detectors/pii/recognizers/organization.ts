/**
 * Organisations without an NER model: capitalised words ending in a legal-form or sector word
 * ("Aunt Bertha Inc", "Microbilt Corporation", "Acme GmbH"), and capitalised words after an
 * employment cue ("I work for …", "works at …", "employed by …"). Brand names used alone
 * ("Propublica", "Zillow") are missed.
 */
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";
import { CueIndex, type Word } from "../words.js";

const LEGAL_FORMS = new Set([
  "Inc",
  "Incorporated",
  "LLC",
  "LLP",
  "Ltd",
  "Limited",
  "Corp",
  "Corporation",
  "Co",
  "Company",
  "GmbH",
  "AG",
  "KG",
  "plc",
  "PLC",
  "SA",
  "SAS",
  "SARL",
  "SpA",
  "Srl",
  "BV",
  "NV",
  "Oy",
  "Oyj",
  "AB",
  "ASA",
  "AS",
  "ApS",
  "Pty",
  "Sons",
  "Brothers",
  "Bros",
]);
const SECTOR_WORDS = new Set([
  "Group",
  "Holdings",
  "Technologies",
  "Technology",
  "Systems",
  "Solutions",
  "Software",
  "Labs",
  "Partners",
  "Associates",
  "Consulting",
  "Capital",
  "Ventures",
  "Bank",
  "Insurance",
  "Pharmaceuticals",
  "Industries",
  "Enterprises",
  "Foundation",
  "Institute",
  "Agency",
  "Networks",
  "Media",
  "Logistics",
  "Motors",
  "Airlines",
  "Energy",
  "Analytics",
  "Insights",
  "Health",
  "Healthcare",
]);
const CUES = [
  "work for ",
  "works for ",
  "worked for ",
  "working for ",
  "work at ",
  "works at ",
  "worked at ",
  "working at ",
  "employed by ",
  "employed at ",
  "job at ",
  "joined ",
  "position at ",
  "intern at ",
  "ceo of ",
  "cto of ",
  "founder of ",
  "founded ",
  "acquired by ",
  "spent a year at ",
  "year at ",
  "became ",
  "support ",
  "recorded for ",
  "resignation from ",
];
const CUE_INDEX = new CueIndex(CUES);
const NOT_ORG = new Set([
  "The",
  "A",
  "An",
  "My",
  "Your",
  "Our",
  "Their",
  "His",
  "Her",
  "This",
  "That",
  "I",
  "We",
  "You",
  "He",
  "She",
  "They",
  "It",
]);

function capRunBefore(text: string, words: readonly Word[], i: number, max: number): number {
  // walk left over capitalised words separated by one space; return the first index
  let k = i;
  while (k - 1 >= 0 && i - (k - 1) <= max) {
    const prev = words[k - 1]!;
    const sep = text.slice(prev.end, words[k]!.start);
    if (
      !prev.cap ||
      NOT_ORG.has(prev.text) ||
      (sep !== " " && sep !== ", " && sep !== " and " && sep !== " & " && sep !== "-")
    )
      break;
    k--;
  }
  return k;
}

export const organizationRecognizer: Recognizer = {
  name: "organization",
  labels: ["organization"],
  find(input: ScanInput): PiiMatch[] {
    const { text } = input;
    const words = input.words;
    const lower = input.lower;
    const out: PiiMatch[] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (!w.cap) continue;
      const legal = LEGAL_FORMS.has(w.text);
      if ((legal || SECTOR_WORDS.has(w.text)) && i > 0) {
        const first = capRunBefore(text, words, i, 4);
        if (first < i) {
          const end = legal && text[w.end] === "." ? w.end + 1 : w.end;
          out.push({
            start: words[first]!.start,
            end,
            label: "organization",
            score: legal ? 0.7 : 0.55,
            reason: legal ? "legal form" : "sector word",
          });
          continue;
        }
      }
      const cued = CUE_INDEX.match(lower, words, i) !== undefined;
      if (!cued || NOT_ORG.has(w.text)) continue;
      // capitalised words, also joined by "-", "," and "and" ("Davis, Reynolds and Williamson")
      let j = i;
      while (j + 1 < words.length && j < i + 5) {
        const sep = text.slice(words[j]!.end, words[j + 1]!.start);
        if (!words[j + 1]!.cap || (sep !== " " && sep !== ", " && sep !== " and " && sep !== " & ")) break;
        j++;
      }
      out.push({
        start: w.start,
        end: words[j]!.end,
        label: "organization",
        score: 0.55,
        reason: "after an employment cue",
      });
      i = j;
    }
    return out;
  },
};
