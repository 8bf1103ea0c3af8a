/** Character tests on UTF-16 code units, for hand-written scanning around keyword hits. */

export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Characters of a config key or variable name: letters, digits, "_", "." and "-". */
export function isIdent(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 46 || c === 45;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}
