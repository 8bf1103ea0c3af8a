import { describe, expect, it } from "vitest";
import { escapeHtml, escapeMarkdownCell, escapeTerminal, escapeXml, oneLine, truncate } from "./escape.js";

function timeOf(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

describe("escapeHtml", () => {
  it("escapes the five special characters and nothing else", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
    );
    expect(escapeHtml("plain text, ünïcödé 中文 🙂")).toBe("plain text, ünïcödé 中文 🙂");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
    expect(escapeHtml("a\u001b[31mb\u0000")).toBe("a\uFFFD[31mb\uFFFD");
  });
});

describe("escapeXml", () => {
  it("replaces characters XML cannot carry and escapes the rest", () => {
    expect(escapeXml("a\u0000b\u0008c\u001bd\tf\ng\rh")).toBe("a\uFFFDb\uFFFDc\uFFFDd\tf\ng\rh");
    expect(escapeXml("\uFFFE\uFFFF")).toBe("\uFFFD\uFFFD");
    expect(escapeXml("]]><x/>")).toBe("]]&gt;&lt;x/&gt;");
  });
  it("keeps surrogate pairs and replaces lone surrogates", () => {
    expect(escapeXml("🙂")).toBe("🙂");
    expect(escapeXml("a\uD83Db")).toBe("a\uFFFDb");
    expect(escapeXml("a\uDE42b")).toBe("a\uFFFDb");
    expect(escapeXml("\uDE42\uD83D")).toBe("\uFFFD\uFFFD");
  });
});

describe("escapeMarkdownCell", () => {
  it("neutralises table breaks, formatting, links and raw HTML", () => {
    expect(escapeMarkdownCell("a | b")).toBe("a \\| b");
    expect(escapeMarkdownCell("line1\nline2\r\nline3")).toBe("line1 line2 line3");
    expect(escapeMarkdownCell("<img src=x onerror=alert(1)>")).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(escapeMarkdownCell("[click](javascript:alert(1)) **bold** `code`")).toBe(
      "\\[click\\](javascript:alert(1)) \\*\\*bold\\*\\* \\`code\\`",
    );
    expect(escapeMarkdownCell("![x](y)")).toBe("\\!\\[x\\](y)");
    expect(escapeMarkdownCell("a\u001b[2Jb\u202Ec")).toBe("a\uFFFD\\[2Jb\uFFFDc");
  });
});

describe("escapeTerminal", () => {
  it("removes ANSI escapes, other controls and bidi overrides, on one line", () => {
    expect(escapeTerminal("\u001b[2J\u001b[31mred\u001b[0m")).toBe("\uFFFD[2J\uFFFD[31mred\uFFFD[0m");
    expect(escapeTerminal("a\nb\r\nc")).toBe("a b c");
    expect(escapeTerminal("x\u202Ey\u2066z\u009bq")).toBe("x\uFFFDy\uFFFDz\uFFFDq");
    expect(escapeTerminal("normal 中文")).toBe("normal 中文");
  });
});

describe("truncate and oneLine", () => {
  it("cuts on a code-point boundary", () => {
    expect(truncate("abcdef", 10)).toBe("abcdef");
    expect(truncate("abcdef", 4)).toBe("abc…");
    const cut = truncate("ab🙂cd", 4);
    expect(cut).toBe("ab…");
    expect(oneLine("  a \n\t b  ")).toBe("a b");
  });
});

describe("escaping runs in linear time", () => {
  const inputs = (n: number) => [
    "<".repeat(n),
    "&".repeat(n),
    "\uD83D".repeat(n),
    "\uDE42".repeat(n),
    "\uD83D\uDE42".repeat(n / 2),
    "\u001b[".repeat(n / 2),
    " \n".repeat(n / 2),
    "a".repeat(n),
  ];
  const all = (s: string) => {
    escapeHtml(s);
    escapeXml(s);
    escapeMarkdownCell(s);
    escapeTerminal(s);
    oneLine(s);
  };
  it("on 200 KB pathological inputs", () => {
    for (const s of inputs(200_000)) expect(timeOf(() => all(s))).toBeLessThan(500);
  });
  it("grows about linearly from n to 8n", () => {
    // Best of three runs each, so a GC pause or a busy machine does not decide the test.
    const best = (s: string) =>
      Math.min(
        timeOf(() => all(s)),
        timeOf(() => all(s)),
        timeOf(() => all(s)),
      );
    const large = inputs(200_000);
    inputs(25_000).forEach((small, i) => {
      const ts = best(small);
      const tl = best(large[i]!);
      expect(tl).toBeLessThan(Math.max(60, ts * 8 * 5));
    });
  });
});
