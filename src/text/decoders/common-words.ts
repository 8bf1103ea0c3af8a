/**
 * A small English dictionary for telling text from letter salad: the most frequent English words plus
 * the vocabulary of instructions to a model (the words rot13 payloads are made of). Used by the rot13
 * decoder, which compares how many words are English before and after rotating.
 */
const WORDS = `
the be to of and in that have it for not on with he as you do at this but his by from they we say her she
or an will my one all would there their what so up out if about who get which go me when make can like time
no just him know take people into year your good some could them see other than then now look only come its
over think also back after use two how our work first well way even new want because any these give day most
us is are was were been has had did does said am being done made went gone got let put set tell told ask
asked here where why very much many more less such own same each both few those through down off again
further once under above below between before during without within along across around against among
never always often still yet already should must may might shall can't don't won't isn't aren't
thing things something nothing everything anything someone everyone anyone nobody world life hand part
place case week company system program question government number night point home water room mother area
money story fact month lot right study book eye job word business issue side kind head house service friend
father power hour game line end member law car city community name president team minute idea kid body
information back parent face others level office door health person art war history party result change
morning reason research girl guy moment air teacher force education great little old big high different
small large next early young important public bad able last long best better sure free true real full
open clear easy hard late left human local major possible whole special certain personal
find found give given help keep kept begin seem show shown hear heard play run move live believe hold
bring happen write wrote written provide sit stand lose pay meet include continue learn lead understand
watch follow stop create speak read allow add spend grow offer remember love consider appear buy wait serve
die send expect build stay fall cut reach kill remain suggest raise pass sell require report decide pull
ignore previous instructions instruction prompt system rules rule secret password reveal disregard forget
above prior earlier admin administrator access key token delete remove output respond response answer
message text following code execute command file data user assistant model mode developer jailbreak
pretend act roleplay character unrestricted restrictions filter filters safety bypass override hack hacking
attack steal weapon bomb drug drugs illegal dangerous harmful explain how please now immediately
`;

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
/** Hashes are cut to 30 bits so they stay small integers (no heap numbers in the hot loop). */
export const HASH_MASK = 0x3fffffff;

/** FNV-1a hash of the lower-cased letters of a word, cut to 30 bits. */
export function wordHash(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ (word.charCodeAt(i) | 0x20), FNV_PRIME);
  return h & HASH_MASK;
}

// The dictionary's hashes in an open-addressing table (linear probing, load under 25%): a lookup is a
// couple of typed-array reads, several times cheaper than a Set of numbers in the per-word hot loop.
const TABLE_BITS = 11;
const TABLE = new Int32Array(1 << TABLE_BITS);
const SLOT_MASK = (1 << TABLE_BITS) - 1;
const EMPTY = 0;

function insert(h: number): void {
  const key = h === EMPTY ? 1 : h;
  let slot = key & SLOT_MASK;
  while (TABLE[slot] !== EMPTY && TABLE[slot] !== key) slot = (slot + 1) & SLOT_MASK;
  TABLE[slot] = key;
}

/** Whether a (masked) word hash is one of the dictionary's. */
export function isCommonWordHash(h: number): boolean {
  const key = h === EMPTY ? 1 : h;
  let slot = key & SLOT_MASK;
  for (;;) {
    const v = TABLE[slot] as number;
    if (v === key) return true;
    if (v === EMPTY) return false;
    slot = (slot + 1) & SLOT_MASK;
  }
}

/** The dictionary's words that are letters only (contractions are skipped). */
export const COMMON_WORDS: readonly string[] = WORDS.replaceAll("\n", " ")
  .split(" ")
  .filter((w) => w.length > 0 && [...w].every((ch) => ch >= "a" && ch <= "z"));

for (const w of COMMON_WORDS) insert(wordHash(w));
