/**
 * Generates strings that a regular expression matches, for measuring recall on rule sets that ship
 * regexes but few literal samples (gitleaks generates its positives from each rule's regex at test
 * time). Understands the Go/RE2 syntax those rules use: classes with ranges and [[:alnum:]],
 * escapes, groups (?:) (?P<n>) (?i) (?-i:) (?s:), alternation, greedy and lazy quantifiers, anchors.
 *
 * Choices aim at plausible text rather than uniform coverage: lazy quantifiers take their minimum,
 * "glue" classes with no letters or digits (quotes, blanks) take their minimum count, an unescaped
 * "." is usually a literal dot, and a (?i) leading the whole pattern is honoured only outside the
 * secret (the first capture group, or the whole pattern when it has none): names around a secret
 * vary in case (ADAFRUIT_KEY, adafruit_key), while a token's own prefix and alphabet are written
 * as the pattern spells them, as real tokens are. A (?i) set inside the pattern is honoured. Callers should check each sample against the pattern
 * with a real engine (RE2) and discard the few that do not match.
 */

/** Case-insensitivity: 0 off; 1 from a (?i) leading the whole pattern; 2 set anywhere else. */
type Ci = 0 | 1 | 2;

type Node =
  | { t: "lit"; ch: string; ci: Ci }
  | { t: "class"; chars: string[]; ci: Ci }
  | { t: "any" }
  | { t: "capture"; body: Node }
  | { t: "seq"; items: Node[] }
  | { t: "alt"; options: Node[] }
  | { t: "rep"; body: Node; min: number; max: number; lazy: boolean }
  | { t: "empty" };

/** {n}, {n,}, {n,m} at the parse position. */
const QUANT_RE = /\{(\d+)(,(\d*))?\}/y;
/** What follows "(?": a name (<n>, P<n>) or flags (i, -i, i:, -i:). */
const GROUP_RE = /\?(?:P?<[A-Za-z_]\w*>|([a-zA-Z]*)(?:-([a-zA-Z]*))?(:|\)))/y;
const ALNUM_RE = /[A-Za-z0-9]/;
const ALNUM_SPACE_RE = /[A-Za-z0-9 ]/;

/** The regexes this module runs (on trusted rule sources only), for the global ReDoS check. */
export const PATTERNS: readonly RegExp[] = [QUANT_RE, GROUP_RE, ALNUM_RE, ALNUM_SPACE_RE];

const PRINTABLE: string[] = [];
for (let c = 0x20; c < 0x7f; c++) PRINTABLE.push(String.fromCharCode(c));
const range = (a: string, b: string): string[] => {
  const out: string[] = [];
  for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) out.push(String.fromCharCode(c));
  return out;
};
const DIGITS = range("0", "9");
const WORD = [...range("a", "z"), ...range("A", "Z"), ...DIGITS, "_"];
const SPACE = [" ", "\t", "\n", "\r"];
const POSIX: Record<string, string[]> = {
  alnum: [...range("a", "z"), ...range("A", "Z"), ...DIGITS],
  alpha: [...range("a", "z"), ...range("A", "Z")],
  digit: DIGITS,
  lower: range("a", "z"),
  upper: range("A", "Z"),
  xdigit: [...DIGITS, ...range("a", "f"), ...range("A", "F")],
  space: SPACE,
  punct: PRINTABLE.filter((c) => !ALNUM_SPACE_RE.test(c)),
};
const complement = (chars: string[]): string[] => PRINTABLE.filter((c) => !chars.includes(c));

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const n = this.alt(0);
    if (this.i < this.src.length) throw new Error(`unexpected ${this.src[this.i]} at ${this.i}`);
    return n;
  }

  private alt(ci: Ci): Node {
    const options: Node[] = [];
    const flags = { ci };
    options.push(this.seq(flags));
    while (this.src[this.i] === "|") {
      this.i++;
      options.push(this.seq(flags));
    }
    return options.length === 1 ? (options[0] as Node) : { t: "alt", options };
  }

  private seq(flags: { ci: Ci }): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      let atom = this.atom(flags);
      if (atom === null) continue;
      atom = this.quantified(atom);
      items.push(atom);
    }
    return { t: "seq", items };
  }

  private quantified(atom: Node): Node {
    const s = this.src;
    let min: number;
    let max: number;
    const c = s[this.i];
    if (c === "*" || c === "+" || c === "?") {
      this.i++;
      min = c === "+" ? 1 : 0;
      max = c === "?" ? 1 : Infinity;
    } else if (c === "{") {
      QUANT_RE.lastIndex = this.i;
      const m = QUANT_RE.exec(s);
      if (!m) return atom; // a literal "{"
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    } else return atom;
    const lazy = s[this.i] === "?";
    if (lazy) this.i++;
    return { t: "rep", body: atom, min, max, lazy };
  }

  /** One atom, or null for a flag group such as (?i) that changes the flags in place. */
  private atom(flags: { ci: Ci }): Node | null {
    const s = this.src;
    const c = s[this.i] as string;
    if (c === "(") {
      this.i++;
      let ci = flags.ci;
      const leading = this.i === 1;
      if (s[this.i] === "?") {
        GROUP_RE.lastIndex = this.i;
        const m = GROUP_RE.exec(s);
        if (!m) throw new Error(`unsupported group at ${this.i}`);
        this.i += m[0].length;
        const on = m[1] ?? "";
        const off = m[2] ?? "";
        if (on.includes("i")) ci = leading ? 1 : 2;
        if (off.includes("i")) ci = 0;
        if (m[3] === ")") {
          flags.ci = ci; // (?i) applies to the rest of the enclosing group
          return null;
        }
      }
      const capturing = s[this.i - 1] === "(" || s[this.i - 1] === ">";
      const body = this.alt(ci);
      if (s[this.i] !== ")") throw new Error(`missing ) at ${this.i}`);
      this.i++;
      return capturing ? { t: "capture", body } : body;
    }
    if (c === "[") return this.cls(flags.ci);
    if (c === ".") {
      this.i++;
      return { t: "any" };
    }
    if (c === "^" || c === "$") {
      this.i++;
      return { t: "empty" };
    }
    if (c === "\\") {
      const e = this.escape();
      return e.length === 0
        ? { t: "empty" }
        : e.length === 1
          ? { t: "lit", ch: e[0] as string, ci: flags.ci }
          : { t: "class", chars: e, ci: flags.ci };
    }
    this.i++;
    return { t: "lit", ch: c, ci: flags.ci };
  }

  /** An escape; returns its characters ([] for assertions like \b). */
  private escape(): string[] {
    const s = this.src;
    this.i++; // backslash
    const c = s[this.i++] as string;
    switch (c) {
      case "d":
        return DIGITS;
      case "D":
        return complement(DIGITS);
      case "w":
        return WORD;
      case "W":
        return complement(WORD);
      case "s":
        return SPACE;
      case "S":
        return complement(SPACE);
      case "b":
      case "B":
      case "z":
      case "A":
        return [];
      case "n":
        return ["\n"];
      case "r":
        return ["\r"];
      case "t":
        return ["\t"];
      case "x": {
        const hex = s.slice(this.i, this.i + 2);
        this.i += 2;
        return [String.fromCharCode(parseInt(hex, 16))];
      }
      default:
        return [c];
    }
  }

  private cls(ci: Ci): Node {
    const s = this.src;
    this.i++; // [
    let negate = false;
    if (s[this.i] === "^") {
      negate = true;
      this.i++;
    }
    const chars = new Set<string>();
    let first = true;
    while (this.i < s.length && (s[this.i] !== "]" || first)) {
      first = false;
      if (s.startsWith("[:", this.i)) {
        const end = s.indexOf(":]", this.i);
        const name = s.slice(this.i + 2, end);
        for (const x of POSIX[name] ?? []) chars.add(x);
        this.i = end + 2;
        continue;
      }
      let lo: string[];
      if (s[this.i] === "\\") lo = this.escape();
      else lo = [s[this.i++] as string];
      if (lo.length === 1 && s[this.i] === "-" && s[this.i + 1] !== "]") {
        this.i++;
        const hi = s[this.i] === "\\" ? this.escape() : [s[this.i++] as string];
        for (const x of range(lo[0] as string, hi[0] as string)) chars.add(x);
      } else for (const x of lo) chars.add(x);
    }
    this.i++; // ]
    const list = [...chars];
    return { t: "class", chars: negate ? complement(list).filter((x) => x !== "\n") : list, ci };
  }
}

export function parseRegex(source: string): Node {
  return new Parser(source).parse();
}

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isAlnumCh = (c: string): boolean => ALNUM_RE.test(c);

const hasCapture = (n: Node): boolean =>
  n.t === "capture" ||
  (n.t === "seq" && n.items.some(hasCapture)) ||
  (n.t === "alt" && n.options.some(hasCapture)) ||
  (n.t === "rep" && hasCapture(n.body));

export function sampleRegex(source: string, rand: () => number): string {
  const ast = parseRegex(source);
  const upper = rand() < 0.3;
  // Inside the secret, (?i) does not change how the text is written.
  let inSecret = !hasCapture(ast);
  let secretSeen = false;
  let repDepth = 0;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const hasAlnum = (n: Node): boolean => {
    switch (n.t) {
      case "any":
        return true;
      case "lit":
        return isAlnumCh(n.ch);
      case "class":
        return n.chars.some(isAlnumCh);
      case "seq":
        return n.items.some(hasAlnum);
      case "alt":
        return n.options.some(hasAlnum);
      case "rep":
      case "capture":
        return hasAlnum(n.body);
      case "empty":
        return false;
    }
  };
  const gen = (n: Node): string => {
    switch (n.t) {
      case "empty":
        return "";
      case "lit":
        return upper && (n.ci === 2 || (n.ci === 1 && !inSecret)) ? n.ch.toUpperCase() : n.ch;
      case "any":
        // A lone "." in these patterns usually stands for a literal dot (hooks.slack.com).
        return repDepth === 0 && rand() < 0.7 ? "." : pick(WORD);
      case "capture": {
        if (inSecret || secretSeen) return gen(n.body);
        secretSeen = true;
        inSecret = true;
        const s = gen(n.body);
        inSecret = false;
        return s;
      }
      case "class": {
        let chars = n.chars;
        if (n.ci === 2 || (n.ci === 1 && !inSecret))
          chars = [...new Set(chars.flatMap((c) => [c.toLowerCase(), c.toUpperCase()]))];
        const alnum = chars.filter(isAlnumCh);
        if (alnum.length > 0 && alnum.length < chars.length && rand() < 0.85) chars = alnum;
        if (chars.includes(" ") && !chars.some(isAlnumCh)) return " ";
        return pick(chars);
      }
      case "seq":
        return n.items.map(gen).join("");
      case "alt":
        return gen(pick(n.options));
      case "rep": {
        let count: number;
        if (n.lazy || !hasAlnum(n.body)) count = n.min;
        else {
          const span = Math.min(n.max === Infinity ? 8 : n.max - n.min, 24);
          count = n.min + Math.floor(rand() * (span + 1));
        }
        let out = "";
        repDepth++;
        for (let k = 0; k < count; k++) out += gen(n.body);
        repDepth--;
        return out;
      }
    }
  };
  return gen(ast);
}
