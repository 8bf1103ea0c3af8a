/**
 * `retrieval.allowSources`: which document sources are trusted. An entry is a glob where `*` matches
 * any run of characters (dots included) and everything else matches itself; no regular expressions,
 * so a policy cannot make matching slow or match more than it says.
 *
 * - A source that is a URL ("scheme://host/...") is matched by its host name (lower-cased): the entry
 *   `*.example.com` trusts https://docs.example.com/a and https://a.b.example.com/, not
 *   https://example.com/ (write `example.com` too) and never https://evil.test/x.example.com. An entry
 *   containing "://" is matched against the whole URL instead.
 * - Any other source is an id, matched whole and case-sensitively: `kb:*` trusts "kb:handbook".
 */

/** Longer sources are not matched (and so not trusted): bounds the matching work. */
export const MAX_SOURCE_LENGTH = 2048;

/** Glob match with `*` as the only wildcard; greedy with one backtrack point, O(pattern × text) at worst. */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== "*" && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}

function hostOf(source: string): string | undefined {
  if (!source.includes("://") || !URL.canParse(source)) return undefined;
  const host = new URL(source).hostname.toLowerCase();
  return host === "" ? undefined : host;
}

export class SourceAllowList {
  private readonly urlPatterns: string[] = [];
  private readonly hostPatterns: string[] = [];
  private readonly idPatterns: string[] = [];

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      if (entry.includes("://")) this.urlPatterns.push(entry);
      else {
        this.hostPatterns.push(entry.toLowerCase());
        this.idPatterns.push(entry);
      }
    }
  }

  get empty(): boolean {
    return this.idPatterns.length === 0 && this.urlPatterns.length === 0;
  }

  /** True when `source` is on the list. */
  trusts(source: string | undefined): boolean {
    if (source === undefined || source === "" || source.length > MAX_SOURCE_LENGTH || this.empty)
      return false;
    const host = hostOf(source);
    if (host !== undefined) {
      return (
        this.hostPatterns.some((p) => globMatch(p, host)) ||
        this.urlPatterns.some((p) => globMatch(p, source))
      );
    }
    return this.idPatterns.some((p) => globMatch(p, source));
  }
}
