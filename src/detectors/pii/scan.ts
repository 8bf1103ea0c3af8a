/** A tiny helper to run a shared global regex over a text without leaking lastIndex state. */
export function eachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) re.lastIndex++;
    fn(m);
  }
  re.lastIndex = 0;
}
