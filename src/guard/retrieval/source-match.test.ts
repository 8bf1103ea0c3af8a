import { describe, expect, it } from "vitest";
import { globMatch, MAX_SOURCE_LENGTH, SourceAllowList } from "./source-match.js";

describe("globMatch", () => {
  it("matches * as any run of characters and everything else literally", () => {
    expect(globMatch("kb:*", "kb:handbook")).toBe(true);
    expect(globMatch("kb:*", "kb:")).toBe(true);
    expect(globMatch("*.example.com", "a.b.example.com")).toBe(true);
    expect(globMatch("*.example.com", "example.com")).toBe(false);
    expect(globMatch("a*b*c", "aXXbYYc")).toBe(true);
    expect(globMatch("a*b*c", "aXXbYY")).toBe(false);
    // Regex syntax means nothing here.
    expect(globMatch("a.c", "abc")).toBe(false);
    expect(globMatch("(a+)+", "aaaa")).toBe(false);
    expect(globMatch("(a+)+", "(a+)+")).toBe(true);
  });

  it("runs in linear time in the text for a fixed pattern, even a backtracking-heavy one", () => {
    const pattern = "*a*a*a*a*a*b";
    const best = (text: string) => {
      let min = Infinity;
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        globMatch(pattern, text);
        min = Math.min(min, performance.now() - t0);
      }
      return min;
    };
    const t1 = best("a".repeat(25_000));
    const t8 = best("a".repeat(200_000));
    expect(t8).toBeLessThan(Math.max(t1, 0.5) * 8 * 4);
  });
});

describe("SourceAllowList", () => {
  const list = new SourceAllowList([
    "docs.example.com",
    "*.wiki.example.org",
    "kb:*",
    "https://cdn.example.net/public/*",
  ]);

  it("trusts URLs by host, ids whole", () => {
    expect(list.trusts("https://docs.example.com/guide")).toBe(true);
    expect(list.trusts("https://DOCS.Example.COM:8443/x")).toBe(true);
    expect(list.trusts("https://team.wiki.example.org/page")).toBe(true);
    expect(list.trusts("kb:handbook")).toBe(true);
    expect(list.trusts("https://cdn.example.net/public/a.pdf")).toBe(true);
  });

  it("does not trust look-alikes and tricks (evasions)", () => {
    expect(list.trusts("https://docs.example.com.evil.test/")).toBe(false);
    expect(list.trusts("https://docs.example.com@evil.test/")).toBe(false); // user-info, host is evil.test
    expect(list.trusts("https://evil.test/docs.example.com")).toBe(false);
    expect(list.trusts("https://evil.test/?u=https://docs.example.com")).toBe(false);
    expect(list.trusts("https://wiki.example.org/")).toBe(false); // *.x needs a subdomain
    expect(list.trusts("https://cdn.example.net/private/a.pdf")).toBe(false);
    expect(list.trusts("KB:handbook")).toBe(false); // ids are case-sensitive
    expect(list.trusts("docs.example.com/guide")).toBe(false); // not a URL: an id, which must match whole
    expect(list.trusts(undefined)).toBe(false);
    expect(list.trusts("")).toBe(false);
    expect(list.trusts(`https://docs.example.com/${"a".repeat(MAX_SOURCE_LENGTH)}`)).toBe(false);
  });

  it("an empty list trusts nothing", () => {
    expect(new SourceAllowList([]).trusts("kb:x")).toBe(false);
  });
});
