/**
 * Street addresses without a parser model. Four shapes:
 *  - house number first: "1668 Glyn St", "14 Crown Street" — a number, then words up to a street
 *    suffix word (Street, Ave, Road, Squares, …);
 *  - street first: "Puruntie 82", "Rua do Arenque 1634", "Brucker Bundesstrasse 31" — words with a
 *    street morpheme (-katu, -straße, -vej, …) or a street prefix word (Rua, Via, Calle, …), then a
 *    house number;
 *  - units and boxes: "Apt. 595", "Suite 501", "PSC 0413, Box 8144", "APO AA 42323", "P.O. Box 12";
 *  - after a cue ("my address is", "lives at", "send it to"), the rest of the clause when it holds
 *    a number.
 * A found address goes on over the short lines right after it (unit, city, country, postcode).
 * Addresses with neither a number nor a street word ("the north side of Marina Fort") are missed.
 */
import { eachMatch } from "../scan.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";
import { wordAt, type Word } from "../words.js";

export const STREET_SUFFIXES: ReadonlySet<string> = new Set(
  `street streets st avenue avenues ave av road roads rd boulevard blvd lane lanes ln drive drives dr court courts ct
  place pl square squares sq terrace ter way ways parkway pkwy highway hwy circle circles cir trail trl park parks
  crescent close row alley plaza ridge ridges hill hills gardens grove groves green greens mews walk wharf quay loop
  pass path pike point points port ports union unions fort heights view views vista harbor harbour junction
  junctions meadow meadows mill mills springs station viaduct village villages ville causeway center centre common
  commons corner corners creek crossing crossroad estate estates expressway field fields flat flats ford fords forest
  forge forges freeway glen glens haven isle key keys knoll knolls lake lakes landing manor manors motorway oval
  orchard ranch rapids rest route shore shores spur summit turnpike underpass valley valleys well wells str utca tér
  út u rue straße strasse gasse weg vej gade gata gatan vägen veien tie katu kuja polku ulica ul odos caddesi sokak
  plein laan straat gracht kade allee platz ring stræde vænget`.split(/\s+/),
);

/** Word endings of street names in languages that write the street type into the name. */
const STREET_MORPHEMES = [
  "straße",
  "strasse",
  "str",
  "gasse",
  "weg",
  "allee",
  "platz",
  "vej",
  "vænget",
  "gade",
  "stræde",
  "gata",
  "gatan",
  "vägen",
  "veien",
  "vegen",
  "veg",
  "tie",
  "katu",
  "kuja",
  "polku",
  "tanhua",
  "rinne",
  "kaari",
  "utca",
  "útja",
  "laan",
  "straat",
  "gracht",
  "plein",
  "kade",
  "singel",
  "ulica",
  "aleja",
  "gatvė",
  "iela",
  "tänav",
  "caddesi",
  "sokak",
  "stígur",
  "vegur",
  "gata",
  "torget",
  "torg",
];
/** Words that begin a street name in Romance and other languages. */
const STREET_PREFIXES = new Set([
  "rua",
  "via",
  "viale",
  "vicolo",
  "corso",
  "piazza",
  "piazzale",
  "largo",
  "strada",
  "calle",
  "carrer",
  "avenida",
  "avinguda",
  "av",
  "paseo",
  "passeig",
  "plaza",
  "praça",
  "praca",
  "travessa",
  "rue",
  "avenue",
  "boulevard",
  "bd",
  "chemin",
  "allée",
  "impasse",
  "quai",
  "place",
  "rruga",
  "odos",
  "ulica",
  "ul",
  "aleja",
  "al",
  "calea",
  "strada",
  "bulevardul",
  "str",
  "stradă",
]);

// A house number: 1–6 digits, an optional letter, standing alone.
const HOUSE_NUMBER = /(?<![\p{L}\p{N}.,:/-])\d{1,6}[A-Za-z]?(?![\p{L}\p{N}]|[.,:/-]\d)/gu;
// After a unit word found in the word list (sticky: matched right at the word's end).
const UNIT_NUMBER = /\.? ?#? ?\d{1,5}[A-Za-z]?(?![\p{L}\p{N}])/uy;
const MILITARY =
  /(?<![\p{L}\p{N}])(?:(?:PSC|CMR|Unit) \d{3,5},? Box \d{3,5}|US[NCG]*S [\p{L} ]{2,30})\s{0,4}(?:APO|FPO|DPO) A[AEP] \d{5}(?!\d)/gu;
const PO_BOX = /(?<![\p{L}\p{N}])(?:P\.? ?O\.?|Post Office) Box \d{1,6}(?!\d)/giu;
const CUE =
  /\b(?:address(?:es)? (?:is|are|to|with)|address:|addresses, here they are:|lives? (?:at|on)|living at|lived (?:at|in)|located (?:at|on)|offices? (?:is|are) (?:located )?at|(?:sent|send (?:it|this|them|a new one)|deliver(?:ed)?|ship(?:ped)?) to|meet (?:me|you) at|return to|drops? (?:you|me) off at|pick (?:me|you) up at|corner of|taxi to|moved to|to the same:|validate the following\?|this address:?) /gi;

const NUMBER_GAP = /^ \d{1,5} $/;
const ABBREVIATION_END = /(?:^|[^\p{L}])(?:Apt|St|Ave|Rd|Dr|u|Blvd|Ste|No)$/iu;

function isSuffixWord(w: Word): boolean {
  return STREET_SUFFIXES.has(w.text.toLowerCase());
}

function hasMorpheme(w: Word): boolean {
  const l = w.text.toLowerCase();
  if (l.length < 5) return false;
  for (const m of STREET_MORPHEMES) if (l.endsWith(m) && l.length > m.length + 2) return true;
  return false;
}

/**
 * Number-first: "1668 Glyn St", "14 Crown Street", or a number, a capitalised street name and a
 * second number ("20789 Allika 46", "0138 Brisas 6802"). Returns the end offset, or -1.
 */
function numberFirst(text: string, words: readonly Word[], numEnd: number): number {
  let i = wordAt(words, numEnd);
  let best = -1;
  let prevEnd = numEnd;
  for (let k = 0; k < 6 && i < words.length; k++, i++) {
    const w = words[i]!;
    const sep = text.slice(prevEnd, w.start);
    // words of the street name: separated by one space (or a number, "Koskikatu 25")
    if (!(sep === " " || NUMBER_GAP.test(sep))) break;
    // the street name starts with a capital ("50 of the Treaty" is not an address)
    if (k === 0 && !w.cap) break;
    if (k > 0 && isSuffixWord(w)) best = text[w.end] === "." ? w.end + 1 : w.end;
    else if (hasMorpheme(w)) best = w.end;
    prevEnd = w.end;
  }
  // only when the street name starts with a capital right after the number
  if (best < 0 && isUpperAscii(text.charCodeAt(numEnd + 1))) {
    // number, 1–3 capitalised words, number
    const m = SECOND_NUMBER.exec(text.slice(numEnd, numEnd + 64));
    if (m) best = numEnd + m[0].length;
  }
  return best;
}
// " Allika 46", " Rua Igreja 25", " Brisas 6802": capitalised words then a house number.
const SECOND_NUMBER = /^(?: \p{Lu}[\p{L}\p{M}'.-]{1,30}){1,3} \d{1,5}[A-Za-z]?(?![\p{L}\p{N}]|[.,:/-]\d)/u;

function isUpperAscii(c: number): boolean {
  return (c >= 65 && c <= 90) || c > 127;
}

const PARTICLES = new Set([
  "do",
  "da",
  "de",
  "del",
  "della",
  "di",
  "dos",
  "das",
  "la",
  "le",
  "von",
  "van",
  "der",
  "den",
  "dei",
  "degli",
  "delle",
]);

/**
 * Street-first: "Rua do Arenque 1634", "Puruntie 82", "Erzsébet tér 19". Walks back over up to
 * five capitalised words, particles and street words; needs a street word, a street morpheme or a
 * street prefix among them. Returns the start offset, or -1.
 */
function streetFirst(text: string, words: readonly Word[], numStart: number): number {
  const i = wordAt(words, numStart) - 1;
  let start = -1;
  let evidence = false;
  let nextStart = numStart;
  for (let k = 0; k < 5 && i - k >= 0; k++) {
    const w = words[i - k]!;
    const sep = text.slice(w.end, nextStart);
    if (sep !== " " && !(k === 0 && sep === ". ")) break;
    const lower = w.text.toLowerCase();
    const street = isSuffixWord(w) || hasMorpheme(w) || (STREET_PREFIXES.has(lower) && w.cap);
    if (!w.cap && !street && !PARTICLES.has(lower)) break;
    if (street) evidence = true;
    if (w.cap) start = w.start;
    nextStart = w.start;
  }
  return evidence ? start : -1;
}

/**
 * An address block goes on over the short lines after it (unit, city, region, country, postcode):
 * "… Apt. 864\nArtilleros\n, CO\n Uruguay 64677". Returns the end of the last such line, or
 * `end` when the next line does not look like part of an address.
 */
function blockEnd(text: string, end: number): number {
  let pos = end;
  let blank = 0;
  for (let lines = 0; lines < 5;) {
    const nl = newlineWithin(text, pos, 4);
    // only trailing punctuation may sit between the address and the line break
    if (nl < 0 || !LINE_TAIL.test(text.slice(pos, nl))) break;
    // a block line is short: look at most 64 characters ahead (an unbounded search would make
    // many addresses in a long text quadratic)
    let lineEnd = newlineWithin(text, nl + 1, 64);
    if (lineEnd < 0) lineEnd = Math.min(text.length, nl + 1 + 64);
    let line = text.slice(nl + 1, lineEnd);
    // a sentence may go on after the last line: "Cyprus 36903? I am in …"
    const question = line.indexOf("?", 1);
    const sentenceGoesOn = question > 0 && question < line.length - 1;
    if (sentenceGoesOn) line = line.slice(0, question);
    if (line.trim() === "") {
      if (++blank > 1) break;
      pos = nl + 1;
      continue;
    }
    if (line.length > 50 || !BLOCK_LINE.test(line)) break;
    blank = 0;
    lines++;
    pos = nl + 1 + line.trimEnd().length;
    if (line.trimEnd().endsWith("?")) pos--;
    if (sentenceGoesOn || line.trimEnd().endsWith("?")) break;
  }
  return pos;
}
/** The first "\n" in text[from, from + max], or -1. */
function newlineWithin(text: string, from: number, max: number): number {
  const end = Math.min(text.length, from + max + 1);
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === 10) return i;
  return -1;
}

// A line of an address block: words, commas, a postcode, a parenthesis; no colon, no "@", no URL.
const BLOCK_LINE = /^[>? \t]{0,6}[,.]?[ \t]?[\p{L}\p{N}][\p{L}\p{M}\p{N} ,.'()#-]{0,48}[?]?$/u;
const LINE_TAIL = /^[ \t,.]{0,3}$/;

export const streetAddressRecognizer: Recognizer = {
  name: "street-address",
  labels: ["street-address"],
  find(input: ScanInput): PiiMatch[] {
    if (!input.hasDigit) return [];
    const { text } = input;
    const words = input.words;
    const out: PiiMatch[] = [];
    let lastEnd = -1;
    eachMatch(HOUSE_NUMBER, text, (m) => {
      if (m.index < lastEnd) return;
      const numStart = m.index;
      const numEnd = m.index + m[0].length;
      const fwd = text.charCodeAt(numEnd) === 32 ? numberFirst(text, words, numEnd) : -1;
      let found: [number, number] | undefined;
      if (fwd > 0) found = [numStart, fwd];
      else {
        const back =
          numStart > 0 && text.charCodeAt(numStart - 1) === 32 ? streetFirst(text, words, numStart) : -1;
        if (back >= 0) found = [back, numEnd];
      }
      if (!found) return;
      out.push({
        start: found[0],
        end: found[1],
        label: "street-address",
        score: fwd > 0 ? 0.7 : 0.65,
        reason: fwd > 0 ? "house number and street" : "street name and house number",
      });
      lastEnd = Math.max(lastEnd, found[1]);
    });
    const lower = input.lower;
    for (const w of words) {
      if (!UNIT_WORDS.has(w.text)) continue;
      UNIT_NUMBER.lastIndex = w.end;
      const m = UNIT_NUMBER.exec(text);
      if (m)
        out.push({
          start: w.start,
          end: w.end + m[0].length,
          label: "street-address",
          score: 0.6,
          reason: "unit number",
        });
    }
    // every part goes on over the short lines of its address block
    for (const o of out) o.end = Math.max(o.end, blockEnd(text, o.end));
    if (lower.includes("po "))
      eachMatch(MILITARY, text, (m) =>
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          label: "street-address",
          score: 0.85,
          reason: "military address",
        }),
      );
    if (lower.includes("box"))
      eachMatch(PO_BOX, text, (m) =>
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          label: "street-address",
          score: 0.75,
          reason: "post office box",
        }),
      );
    if (CUE_WORDS.some((c) => lower.includes(c)))
      eachMatch(CUE, text, (m) => {
        const start = m.index + m[0].length;
        const end = clauseEnd(text, start);
        const clause = text.slice(start, end);
        if (end - start < 6 || !DIGIT.test(clause)) return;
        out.push({ start, end, label: "street-address", score: 0.6, reason: `after '${m[0].trim()}'` });
      });
    return out;
  },
};

const DIGIT = /\d/;

/** Cheap substring tests before the unit and cue regexes run. */
const UNIT_WORDS: ReadonlySet<string> = new Set(
  "Apt apt APT Apartment apartment Suite suite SUITE Ste Unit unit UNIT Flat flat Room room Floor floor Fl Bldg Building".split(
    " ",
  ),
);
const CUE_WORDS = [
  "address",
  "live",
  "located",
  "office",
  "sent",
  "send",
  "deliver",
  "ship",
  "meet",
  "return",
  "drop",
  "pick",
  "corner",
  "taxi",
  "moved",
  "same:",
  "following?",
];

export const PATTERNS: readonly RegExp[] = [
  HOUSE_NUMBER,
  UNIT_NUMBER,
  MILITARY,
  PO_BOX,
  CUE,
  NUMBER_GAP,
  ABBREVIATION_END,
  SECOND_NUMBER,
  BLOCK_LINE,
  LINE_TAIL,
  DIGIT,
];

/** Where a cued address ends: sentence punctuation, a blank line, or a clause word. */
function clauseEnd(text: string, start: number): number {
  const limit = Math.min(text.length, start + 160);
  for (let i = start; i < limit; i++) {
    const c = text[i]!;
    if (c === "?" || c === "!" || c === ";") return i;
    if (
      c === "." &&
      (i + 1 >= text.length || text[i + 1] === " " || text[i + 1] === "\n") &&
      !ABBREVIATION_END.test(text.slice(Math.max(start, i - 5), i))
    )
      return i;
    if (c === "\n" && text[i + 1] === "\n") return i;
    if (c === " ") {
      const rest = text.slice(i, i + 14).toLowerCase();
      for (const w of CLAUSE_WORDS) if (rest.startsWith(w)) return i;
    }
  }
  return limit;
}
const CLAUSE_WORDS = [
  " for ",
  " after ",
  " in case",
  " last ",
  " the first",
  " and the corner",
  ", and ",
  " please",
  " when ",
  " if ",
  " because",
  " but ",
  " so ",
  " street ",
];
