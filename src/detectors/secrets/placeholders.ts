/** Values that look like a secret's slot rather than a secret: documentation and templates. */
import { hasSequentialRun, longestRepeat } from "./entropy.js";

const MARKERS = [
  "example",
  "placeholder",
  "your_",
  "your-",
  "yourkey",
  "yourtoken",
  "yoursecret",
  "yourpass",
  "redacted",
  "changeme",
  "change_me",
  "dummy",
  "xxxxx",
  "*****",
  "...",
  "${",
  "{{",
  "}}",
  "%s",
  "<",
  ">",
  "…",
];

/**
 * True when the value is a template or an obviously made-up filler: a marker word, a variable
 * reference ($VAR, ${VAR}, {{var}}, <var>), a truncation ("..."), or one character repeated over
 * much of it.
 */
export function isPlaceholder(value: string): boolean {
  const c0 = value.charCodeAt(0);
  if (c0 === 36 /* $ */ || c0 === 37 /* % */) return true;
  const lower = value.toLowerCase();
  for (const m of MARKERS) if (lower.includes(m)) return true;
  return longestRepeat(value) >= Math.max(6, Math.ceil(value.length * 0.3));
}

/**
 * True for hand-typed fakes with a long alphabet or digit run ("abcdefgh", "1234567"): random keys
 * essentially never contain one. Format rules report such values with a low score instead of
 * dropping them, since the format itself is still evidence.
 */
export function looksHandTyped(value: string): boolean {
  return hasSequentialRun(value, 7);
}
