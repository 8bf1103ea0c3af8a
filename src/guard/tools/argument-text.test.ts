import { describe, expect, it } from "vitest";
import { applyEdits, MAX_DEPTH, parseArguments, pathOf, type ArgumentText } from "./argument-text.js";

function parsed(json: string): ArgumentText {
  const r = parseArguments(json);
  if (!r.ok) throw new Error(r.error);
  return r.args;
}

/** Best of 5 timings of fn, in ms. */
function best(fn: () => unknown): number {
  let min = Infinity;
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

describe("parseArguments", () => {
  it("flattens to one `key: value` line per value, nested containers headed by their key", () => {
    const a = parsed(
      JSON.stringify({ to: "bob@example.com", cc: ["a@x.io", "b@x.io"], opts: { html: false, n: 3 }, e: {} }),
    );
    expect(a.text).toBe(
      [
        "to: bob@example.com",
        "cc:",
        "[0]: a@x.io",
        "[1]: b@x.io",
        "opts:",
        "html: false",
        "n: 3",
        "e: {}",
      ].join("\n"),
    );
    expect(a.leaves.map((l) => [pathOf(l.at), a.text.slice(l.start, l.end)])).toEqual([
      [["to"], "bob@example.com"],
      [["cc", 0], "a@x.io"],
      [["cc", 1], "b@x.io"],
      [["opts", "n"], "3"],
    ]);
  });

  it("decodes JSON escapes, so detectors see the real characters", () => {
    const a = parsed('{"command": "\\u0072m -rf /\\nshutdown"}');
    expect(a.text).toBe("command: rm -rf /\nshutdown");
  });

  it("treats empty arguments as an empty object and reports invalid JSON", () => {
    expect(parsed("  ").value).toEqual({});
    const bad = parseArguments('{"a": ');
    expect(bad.ok).toBe(false);
  });

  it("handles a top-level string or array", () => {
    expect(parsed('"hello"').text).toBe("hello");
    expect(parsed('["a", 1]').text).toBe("[0]: a\n[1]: 1");
  });

  it("refuses nesting deeper than MAX_DEPTH without recursing", () => {
    const deep = "[".repeat(MAX_DEPTH + 1) + "]".repeat(MAX_DEPTH + 1);
    expect(parseArguments(deep)).toMatchObject({ ok: false });
    const ok = "[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH);
    expect(parseArguments(ok).ok).toBe(true);
  });

  it("keeps the text proportional to the JSON: a long key is written once, not on every item", () => {
    const key = "k".repeat(1000);
    const json = JSON.stringify({ [key]: Array.from({ length: 5000 }, () => 1) });
    const a = parsed(json);
    expect(a.text.length).toBeLessThan(json.length * 5);
  });

  it("runs in linear time on wide and on deep input", () => {
    const wide = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ to: `v${i}`, n: i })));
    const deep = (n: number) => JSON.stringify({ a: Array.from({ length: n }, () => [[[["x"]]]]) });
    for (const make of [wide, deep]) {
      const small = make(1000);
      const large = make(8000);
      const t1 = best(() => parseArguments(small));
      const t8 = best(() => parseArguments(large));
      expect(t8).toBeLessThan(Math.max(t1, 0.5) * 8 * 4);
    }
  });
});

describe("applyEdits", () => {
  it("writes replacements into their values and returns valid JSON", () => {
    const a = parsed(JSON.stringify({ to: "bob@example.com", body: "call 555-0100 now", n: 4155550123 }));
    const at = (s: string) => a.text.indexOf(s);
    const edits = [
      {
        span: [at("bob@example.com"), at("bob@example.com") + 15] as [number, number],
        replacement: "[EMAIL_1]",
      },
      { span: [at("555-0100"), at("555-0100") + 8] as [number, number], replacement: "[PHONE_1]" },
      { span: [at("4155550123"), at("4155550123") + 10] as [number, number], replacement: "[PHONE_2]" },
    ];
    const out = applyEdits(a, edits);
    expect(out.unplaced).toEqual([]);
    expect(JSON.parse(out.json)).toEqual({ to: "[EMAIL_1]", body: "call [PHONE_1] now", n: "[PHONE_2]" });
    // The parsed original is untouched.
    expect((a.value as Record<string, unknown>).to).toBe("bob@example.com");
  });

  it("reports edits that fall in a field name as unplaced", () => {
    const a = parsed(JSON.stringify({ "bob@example.com": "x" }));
    const out = applyEdits(a, [{ span: [0, 15], replacement: "[EMAIL_1]" }]);
    expect(out.unplaced).toHaveLength(1);
    expect(JSON.parse(out.json)).toEqual({ "bob@example.com": "x" });
  });

  it("treats __proto__ as an ordinary key", () => {
    const a = parsed('{"__proto__": {"x": "secret"}}');
    const at = a.text.indexOf("secret");
    const out = applyEdits(a, [{ span: [at, at + 6], replacement: "[S]" }]);
    expect(out.json).toBe('{"__proto__":{"x":"[S]"}}');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
