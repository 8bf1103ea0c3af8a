/** Every regular expression the text package uses, for the global ReDoS check. */
import { PATTERNS as CHAR_CLASS_PATTERNS } from "./char-class.js";
import { PATTERNS as ROT13_PATTERNS } from "./decoders/rot13.js";
import { PATTERNS as ENGLISH_WORDS_PATTERNS } from "./english-words.js";

export const PATTERNS: readonly RegExp[] = [
  ...CHAR_CLASS_PATTERNS,
  ...ROT13_PATTERNS,
  ...ENGLISH_WORDS_PATTERNS,
];
