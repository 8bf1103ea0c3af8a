/**
 * Person names without an NER model. A name starts at a capitalised word that is a known given
 * name (gazetteers/first-names.ts), follows an honorific ("Dr.", "Mrs."), or follows a cue phrase
 * ("my name is", "called", "Name:"), and extends over a middle initial and up to two more
 * capitalised words. Names in a list with a found name ("Anna, Derek and Andrew") are taken too,
 * and a speaker label at the start of a line ("Nicole: …") counts. Surnames alone, names in
 * lower case and names without any of these cues are missed: see BENCHMARKS.md for how often.
 */
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from "../gazetteers/first-names.js";
import { PLACE_NAMES } from "../gazetteers/places.js";
import type { PiiMatch, Recognizer, ScanInput } from "../types.js";
import { CueIndex, wordAt, type Word } from "../words.js";
import { HONORIFICS } from "./title.js";
import { STREET_SUFFIXES } from "./street-address.js";

/** Capitalised words that never start or continue a name. */
const STOP = new Set(
  `The A An And Or But If In On At To From For With By Of Off Up As Is Are Was Were Be Been Being Do Does Did Have Has Had
  Can Could Will Would Should May Might Must Shall What When Where Who Whom Whose Why How Which Yes No Not Please Thanks
  Thank Hello Hi Hey Dear My Your His Her Our Their Its This That These Those I Me We Us You He She It They Them There
  Here Then Than So Also Just Only Very All Any Some Every Each Both Either Neither Because Since Until While After
  Before About Above Below Over Under Again Once More Most Other Such Own Same Too Into Through During Without Within
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
  October November December Street St Avenue Ave Road Rd Lane Drive Court Place Square Boulevard Suite Apt Unit Box
  Inc Ltd LLC Corp Corporation Company Group Bank University College School Hospital Church Club Hotel Center Centre
  Mr Mrs Ms Miss Dr Prof Sir Madam Mx Sr Jr Bot User Assistant System Human AI Name Phone Email Address Date Time
  God Lord Jesus Allah Christmas Easter Internet Web Website Card Account Number Code Note Yours Regards Sincerely
  Best Kind Good Great New Old First Last Next Previous Today Tomorrow Yesterday Morning Evening Night OK Okay Sorry`.split(
    /\s+/,
  ),
);

/** Words at the start of a line followed by ":" that are field labels, not speakers. */
const FIELD_LABELS = new Set(
  `Name Phone Email E-mail Mail Address Date Time When Where Website Web Subject From To Cc Bcc Re Note Notes Warning
  Question Answer Summary Example Step Update Edit Source Tip Title Description Details Status Result Results Error
  Output Input Reply Response Comment Comments Message Mobile Fax Desk Office Tel Telephone Zip Country City State
  Company Organization Organisation Position Role Job Age Gender Sex Birthday Dob Id Account Card Amount Total Price
  Item Items Order Location Bot User Assistant System Human Ai Agent Customer Client Support Q A Personal Info
  Important Reminder Caution Disclaimer Conclusion Introduction Background Goal Goals Task Tasks Problem Solution
  Instructions Context Prompt Text Translation Original Hint Fact Facts Pros Cons Edit Ps Nb Via Ref`.split(
    /\s+/,
  ),
);

/** Cue phrases (lower case, ending in a space) after which a capitalised word is a name. */
const STRONG_CUES = [
  "my name is ",
  "name is ",
  "names are ",
  "name: ",
  "i'm called ",
  "call me ",
  "calls me ",
  "named ",
  "was called ",
  "is called ",
  "maiden name is ",
  "last name? ",
  "name? ",
  "signed, ",
  "regards, ",
  "sincerely, ",
  "user: ",
  "directed by ",
  "starring ",
];
const WEAK_CUES = [
  "i'm ",
  "i am ",
  "this is ",
  "dear ",
  "hi ",
  "hello ",
  "hey ",
  "thanks ",
  "thank you ",
  "ask ",
  "tell ",
  "meet ",
  "with ",
  "by ",
  "under ",
  "speak to ",
  "talk to ",
  "contact ",
  "said ",
  "says ",
  "asked ",
  "add ",
  "kid ",
  "son ",
  "daughter ",
  "wife ",
  "husband ",
  "partner ",
  "brother ",
  "sister ",
  "mother ",
  "father ",
  "friend ",
  "colleague ",
  "boss ",
  "manager ",
];

/** What people do: a capitalised word right before one of these is taken as a name. */
const HUMAN_VERBS = [
  " said",
  " says",
  " told",
  " asked",
  " shouted",
  " lives",
  " lived",
  " works",
  " worked",
  " spent",
  " began",
  " wrote",
  " explained",
  " had given",
  " will be talking",
  " is from",
  " is very",
  " was influenced",
  " points out",
  " thinks",
  " believes",
  " wants",
  " replied",
  " answered",
  " smiled",
  " laughed",
  " married",
  " died",
  " was born",
  " is a very",
  " can i",
  " has been",
  " is my",
  " is our",
];

const STRONG = new CueIndex(STRONG_CUES);
const WEAK = new CueIndex(WEAK_CUES);
/** HUMAN_VERBS by their first word. */
const VERBS_BY_FIRST = new Map<string, string[]>();
for (const v of HUMAN_VERBS) {
  const first = v.trimStart().split(" ")[0]!;
  VERBS_BY_FIRST.set(first, [...(VERBS_BY_FIRST.get(first) ?? []), v]);
}

/** Words ending an organisation or a street: a "name" followed by one is not a person. */
const NOT_AFTER_NAME = new Set([
  "Inc",
  "Ltd",
  "LLC",
  "Corp",
  "Corporation",
  "Company",
  "Group",
  "Holdings",
  "Investments",
  "Technologies",
  "Partners",
  "Associates",
  "Bank",
  "Capital",
  "Insurance",
  "Orchestra",
  "University",
  "Foundation",
  "Institute",
  "Club",
  "Hotel",
  "Bypass",
  "Extensions",
]);

const HONORIFIC_GAP = /^\.? $/;
export const PATTERNS: readonly RegExp[] = [HONORIFIC_GAP];

const SUFFIXES = new Set(["Jr", "Sr", "II", "III", "IV"]);

function isNameWord(w: Word): boolean {
  return w.cap && !w.allCaps && !STOP.has(w.text) && w.text.length > 1;
}

function isInitial(text: string, w: Word): boolean {
  return w.cap && w.text.length === 1 && w.text !== "I" && w.text !== "A";
}

/** The words a name starting at index i spans: initials and up to `max` more capitalised words. */
function extendName(text: string, words: readonly Word[], i: number, max: number): number {
  let j = i;
  let added = 0;
  while (j + 1 < words.length && added < max) {
    const cur = words[j]!;
    const next = words[j + 1]!;
    const sep = text.slice(cur.end, next.start);
    const afterInitial = cur.text.length === 1 && (sep === ". " || sep === ".");
    if (sep !== " " && !afterInitial) break;
    if (isInitial(text, next)) {
      j++;
      continue;
    }
    if (SUFFIXES.has(next.text)) {
      j++;
      break;
    }
    if (!isNameWord(next) || PLACE_NAMES.has(next.text)) break;
    j++;
    added++;
  }
  return j;
}

/** Possessive "'s" is not part of the name. */
function nameEnd(w: Word): number {
  return w.text.endsWith("'s") || w.text.endsWith("’s") ? w.end - 2 : w.end;
}
function bare(w: Word): string {
  return w.text.endsWith("'s") || w.text.endsWith("’s") ? w.text.slice(0, -2) : w.text;
}

function capitalise(w: string): string {
  return w.length > 0 ? w[0]!.toUpperCase() + w.slice(1) : w;
}

/** A human verb right after pos ("Irenka is very reliable", "Mehrudin shouted"). */
function verbFollows(lower: string, pos: number): boolean {
  if (lower.charCodeAt(pos) !== 32 && lower.charCodeAt(pos) !== 44) return false;
  let s = pos + 1;
  while (lower.charCodeAt(s) === 32) s++;
  let e = s;
  while (e < lower.length && lower.charCodeAt(e) >= 97 && lower.charCodeAt(e) <= 122) e++;
  const list = VERBS_BY_FIRST.get(lower.slice(s, e));
  if (!list) return false;
  for (const v of list) {
    if (!lower.startsWith(v, pos)) continue;
    const next = lower.charCodeAt(pos + v.length);
    if (!(next >= 97 && next <= 122)) return true;
  }
  return false;
}

/** The rest of the line after pos is empty. */
function lineEndsAt(text: string, pos: number): boolean {
  let k = pos;
  while (k < text.length && (text[k] === " " || text[k] === "\t" || text[k] === "\r")) k++;
  return k >= text.length || text[k] === "\n";
}

function atLineStart(text: string, pos: number): boolean {
  let k = pos - 1;
  while (k >= 0 && (text[k] === " " || text[k] === "\t" || text[k] === ">" || text[k] === "?")) k--;
  return k < 0 || text[k] === "\n";
}

export const personRecognizer: Recognizer = {
  name: "person",
  labels: ["person"],
  find(input: ScanInput): PiiMatch[] {
    const { text } = input;
    const words = input.words;
    if (words.length === 0) return [];
    const lower = input.lower;
    const out: PiiMatch[] = [];
    let i = 0;
    while (i < words.length) {
      const w = words[i]!;
      const strong = STRONG.match(lower, words, i) !== undefined;
      // after "my name is", a lower-case name counts too ("my name is vitoria")
      if (strong && !w.cap && !STOP.has(capitalise(bare(w))) && w.text.length > 1) {
        let j = i;
        while (
          j + 1 < words.length &&
          j < i + 2 &&
          text.slice(words[j]!.end, words[j + 1]!.start) === " " &&
          !STOP.has(capitalise(words[j + 1]!.text))
        )
          j++;
        out.push({
          start: w.start,
          end: nameEnd(words[j]!),
          label: "person",
          score: 0.7,
          reason: "after name cue",
        });
        i = j + 1;
        continue;
      }
      if (!w.cap || w.allCaps || STOP.has(bare(w)) || w.text.length < 2) {
        i++;
        continue;
      }
      const name = bare(w);
      const prev = i > 0 ? words[i - 1] : undefined;
      const afterHonorific =
        prev !== undefined && HONORIFICS.has(prev.text) && HONORIFIC_GAP.test(text.slice(prev.end, w.start));
      const weak = !strong && WEAK.match(lower, words, i) !== undefined;
      const known = FIRST_NAMES.has(name);
      const next = words[i + 1];
      const capNext = next !== undefined && next.cap && next.start - w.end <= 2;
      // Cheap exit for the common case: a capitalised word with no cue and nothing after it.
      if (
        !afterHonorific &&
        !strong &&
        !weak &&
        !known &&
        !capNext &&
        !atLineStart(text, w.start) &&
        !verbFollows(lower, nameEnd(w))
      ) {
        i++;
        continue;
      }
      const ambiguous = AMBIGUOUS_FIRST_NAMES.has(name);
      const end = w.text === name ? extendName(text, words, i, 2) : i;
      const multi = end > i;
      const last = words[end]!;
      const phrase = text.slice(w.start, nameEnd(last));
      const following = words[end + 1];
      const beforeStreetOrOrg =
        following !== undefined &&
        text.slice(last.end, following.start) === " " &&
        (STREET_SUFFIXES.has(following.text.toLowerCase()) || NOT_AFTER_NAME.has(following.text));
      const isStreetOrOrg = STREET_SUFFIXES.has(last.text.toLowerCase()) || NOT_AFTER_NAME.has(last.text);
      if (PLACE_NAMES.has(phrase) || beforeStreetOrOrg || (multi && isStreetOrOrg)) {
        i = end + 1;
        continue;
      }
      let score = 0;
      if (afterHonorific) score = 0.8;
      else if (strong) score = 0.8;
      else if (known && !ambiguous) score = multi ? 0.75 : weak ? 0.7 : 0.6;
      else if (known && ambiguous && multi) score = 0.65;
      else if (weak && multi && !PLACE_NAMES.has(name)) score = 0.55;
      else if (verbFollows(lower, nameEnd(last))) score = 0.55;
      if (score === 0 && atLineStart(text, w.start)) {
        const after = text.slice(last.end, last.end + 2);
        if (
          after.startsWith(":") &&
          (after[1] === " " || after[1] === "\n" || after[1] === '"') &&
          !FIELD_LABELS.has(name)
        )
          score = 0.55; // a speaker label
        else if (multi && lineEndsAt(text, nameEnd(last))) score = 0.55; // a name alone on a line (signature, contact card)
      }
      if (score === 0 || (PLACE_NAMES.has(name) && !afterHonorific && !strong && !multi)) {
        i++;
        continue;
      }
      out.push({
        start: w.start,
        end: nameEnd(last),
        label: "person",
        score: Math.min(0.9, score),
        reason: afterHonorific ? "after honorific" : strong ? "after name cue" : known ? "given name" : "cue",
      });
      i = end + 1;
    }
    if (out.length > 0) addListNeighbours(text, words, out);
    return out;
  },
};

/** "Anna, Derek and Andrew": capitalised single words in a list with a found name are names too. */
function addListNeighbours(text: string, words: readonly Word[], found: PiiMatch[]): void {
  const starts = new Set(found.map((m) => m.start));
  const seeds = [...found];
  for (const seed of seeds) {
    const idx = wordAt(words, seed.start);
    if (words[idx]?.start !== seed.start) continue;
    // walk right
    for (let j = idx; j + 1 < words.length; j++) {
      const sep = text.slice(words[j]!.end, words[j + 1]!.start);
      if (sep !== ", " && sep !== " and " && sep !== ", and " && sep !== " & ") break;
      const nxt = words[j + 1]!;
      if (!isNameWord(nxt) || PLACE_NAMES.has(bare(nxt))) break;
      if (!starts.has(nxt.start)) {
        starts.add(nxt.start);
        found.push({
          start: nxt.start,
          end: nameEnd(nxt),
          label: "person",
          score: 0.55,
          reason: "in a list of names",
        });
      }
    }
    // walk left
    for (let j = idx; j - 1 >= 0; j--) {
      const sep = text.slice(words[j - 1]!.end, words[j]!.start);
      if (sep !== ", " && sep !== " and " && sep !== ", and " && sep !== " & ") break;
      const prv = words[j - 1]!;
      if (!isNameWord(prv) || PLACE_NAMES.has(bare(prv))) break;
      if (!starts.has(prv.start)) {
        starts.add(prv.start);
        found.push({
          start: prv.start,
          end: nameEnd(prv),
          label: "person",
          score: 0.55,
          reason: "in a list of names",
        });
      }
    }
  }
}
