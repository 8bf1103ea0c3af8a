import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_CATEGORIES } from "../../policy/taxonomy.js";
import { normalize } from "../../text/index.js";
import type { EvalCase } from "../types.js";
import {
  BUILTIN_SUITE_NAMES,
  builtinSuite,
  builtinSuites,
  casePairs,
  loadSuiteFile,
  parseSuite,
  suiteId,
  SuiteError,
} from "./index.js";

const MLCOMMONS = BUILTIN_CATEGORIES.filter((c) => c.mlcommons !== undefined).map((c) => c.id);

function suiteError(fn: () => unknown): SuiteError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SuiteError) return err;
    throw err;
  }
  throw new Error("expected a SuiteError");
}

describe("built-in suites", () => {
  const suites = builtinSuites();

  it("all load, validate and are named after their files", () => {
    expect(suites.map((s) => s.name)).toEqual([...BUILTIN_SUITE_NAMES]);
    for (const s of suites) {
      expect(s.id).toMatch(/^sha256:[0-9a-f]{16}$/);
      expect(s.id).toBe(suiteId(s.cases));
      expect(s.version).not.toBe("");
      expect(new Set(s.cases.map((c) => c.id)).size).toBe(s.cases.length);
      for (const c of s.cases) expect(c.source).toBe(`builtin:${s.name}`);
    }
  });

  it("hold 300-500 cases in all", () => {
    const total = suites.reduce((n, s) => n + s.cases.length, 0);
    expect(total).toBeGreaterThanOrEqual(300);
    expect(total).toBeLessThanOrEqual(500);
  });

  it("harmful: about eight refuse cases for every MLCommons hazard category", () => {
    const harmful = builtinSuite("harmful");
    for (const cat of MLCOMMONS) {
      const inCat = harmful.cases.filter((c) => c.category === cat);
      expect(inCat.length, cat).toBeGreaterThanOrEqual(6);
    }
    expect(
      harmful.cases.every((c) => c.expected.behaviour === "refuse" && MLCOMMONS.includes(c.category)),
    ).toBe(true);
  });

  it("jailbreak: behaviours to cross with strategies plus hand-written framings, all refuse", () => {
    const jb = builtinSuite("jailbreak");
    expect(jb.cases.filter((c) => c.id.startsWith("jb-")).length).toBeGreaterThanOrEqual(25);
    expect(jb.cases.filter((c) => c.id.startsWith("jbf-")).length).toBeGreaterThanOrEqual(10);
    expect(jb.cases.every((c) => c.expected.behaviour === "refuse")).toBe(true);
  });

  it("injection: every case can show the injection worked (canary, marker or forbidden tool)", () => {
    const inj = builtinSuite("injection");
    const kinds = new Set(inj.cases.map((c) => c.category));
    expect([...kinds].sort()).toEqual(["direct-injection", "indirect-injection", "tool-injection"]);
    for (const c of inj.cases) {
      const checks = (c.expected.noLeak?.length ?? 0) + (c.expected.forbiddenTools?.length ?? 0);
      expect(checks, c.id).toBeGreaterThan(0);
      if (c.category === "indirect-injection") expect(c.context?.length, c.id).toBeGreaterThan(0);
      if (c.category === "tool-injection") {
        expect(
          c.messages?.some((m) => m.role === "tool"),
          c.id,
        ).toBe(true);
        for (const t of c.expected.forbiddenTools ?? [])
          expect(
            c.tools?.map((x) => x.name),
            c.id,
          ).toContain(t);
      }
    }
    // Canaries planted in the system prompt or a document are really there.
    const planted = inj.cases.filter((c) => c.expected.noLeak?.some((s) => s.includes("CANARY")));
    expect(planted.length).toBeGreaterThan(10);
    for (const c of planted) {
      const where = [c.system ?? "", ...(c.context ?? [])].join("\n");
      for (const s of c.expected.noLeak!.filter((x) => x.includes("CANARY")))
        expect(where, c.id).toContain(s);
    }
  });

  it("injection: smuggled instructions are really there for the normaliser to find", () => {
    const inj = builtinSuite("injection");
    const doc = (id: string) => inj.cases.find((c) => c.id === id)!.context!.join("\n");
    const tag = normalize(doc("inj-indirect-tag-smuggled")).views.find((v) => v.kind === "tag-smuggled");
    expect(tag?.text).toContain("TAG-MARKER-0937");
    expect(doc("inj-indirect-tag-smuggled")).not.toContain("TAG-MARKER");
    const decoded = normalize(doc("inj-indirect-base64-note")).views.filter((v) => v.kind === "decoded");
    expect(decoded.some((v) => v.text.includes("PAYLOAD-DECODED-4412"))).toBe(true);
  });

  it("privacy: every case guards personal data or a planted secret, and has benign controls", () => {
    const priv = builtinSuite("privacy");
    for (const c of priv.cases)
      expect(c.expected.noPii === true || (c.expected.noLeak?.length ?? 0) > 0, c.id).toBe(true);
    expect(priv.cases.filter((c) => c.category === "system-prompt-extraction").length).toBeGreaterThanOrEqual(
      10,
    );
    expect(priv.cases.some((c) => c.expected.behaviour === "comply")).toBe(true);
  });

  it("hallucination: context-bound cases expect grounded answers, premise cases carry references", () => {
    const hal = builtinSuite("hallucination");
    for (const c of hal.cases) {
      expect(c.expected.behaviour).toBe("comply");
      if (c.category === "ungrounded" || c.category === "grounded") {
        expect(c.expected.grounded, c.id).toBe(true);
        expect(c.context?.length, c.id).toBeGreaterThan(0);
      } else {
        expect(c.expected.correctAnswers?.length, c.id).toBeGreaterThan(0);
        expect(c.expected.incorrectAnswers?.length, c.id).toBeGreaterThan(0);
      }
    }
  });

  it("over-refusal: each benign look-alike is paired with a harmful case on the same topic", () => {
    const orf = builtinSuite("over-refusal");
    const pairs = casePairs(orf);
    expect(pairs.length).toBe(orf.cases.length / 2);
    expect(pairs.length).toBeGreaterThanOrEqual(30);
    for (const p of pairs) {
      expect(p.benign).toHaveLength(1);
      expect(p.harmful).toHaveLength(1);
      expect(p.benign[0]!.category).toBe(p.harmful[0]!.category);
    }
  });

  it("multilingual: every item in at least eight languages, harmful and benign look-alikes", () => {
    const ml = builtinSuite("multilingual");
    const languages = new Set(ml.cases.map((c) => c.language));
    expect(languages.size).toBeGreaterThanOrEqual(8);
    for (const lang of ["en", "de", "fr", "es", "zh", "ja", "ar", "hi", "ru", "pt"])
      expect(languages).toContain(lang);
    const byBehaviour = new Map<string, EvalCase[]>();
    for (const c of ml.cases) byBehaviour.set(c.behaviour!, [...(byBehaviour.get(c.behaviour!) ?? []), c]);
    for (const [b, cases] of byBehaviour) {
      expect(new Set(cases.map((c) => c.language)).size, b).toBe(languages.size);
      expect(new Set(cases.map((c) => c.expected.behaviour)).size, b).toBe(1);
    }
    const behaviours = new Set(ml.cases.map((c) => c.expected.behaviour));
    expect([...behaviours].sort()).toEqual(["comply", "refuse"]);
    // Each translation differs from the English text (no untranslated copies).
    for (const cases of byBehaviour.values()) {
      const en = cases.find((c) => c.language === "en")!.prompt;
      for (const c of cases) if (c.language !== "en") expect(c.prompt, c.id).not.toBe(en);
    }
  });

  it("builtinSuite returns a copy, and an unknown name lists the names with a suggestion", () => {
    const a = builtinSuite("harmful");
    a.cases.pop();
    expect(builtinSuite("harmful").cases.length).toBe(a.cases.length + 1);
    expect(() => builtinSuite("harmfull")).toThrow(/did you mean "harmful"\?.*harmful, jailbreak, injection/);
  });
});

describe("suiteId", () => {
  const cases: EvalCase[] = [
    {
      id: "a",
      prompt: "hi",
      expected: { behaviour: "comply" },
      category: "x",
      severity: "low",
      language: "en",
    },
    {
      id: "b",
      prompt: "bye",
      expected: { behaviour: "refuse", noLeak: ["K"] },
      category: "y",
      severity: "high",
      language: "de",
    },
  ];

  it("is sha256: and 16 hex digits, stable", () => {
    expect(suiteId(cases)).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(suiteId(structuredClone(cases))).toBe(suiteId(cases));
  });

  it("changes when any value of a case changes", () => {
    const changed = structuredClone(cases);
    changed[1]!.expected.noLeak = ["L"];
    expect(suiteId(changed)).not.toBe(suiteId(cases));
    const reordered = [cases[1]!, cases[0]!];
    expect(suiteId(reordered)).not.toBe(suiteId(cases));
  });

  it("does not change with key order", () => {
    const reKeyed = cases.map((c) => {
      const entries = Object.entries(c).reverse();
      const out = Object.fromEntries(entries) as unknown as EvalCase;
      out.expected = Object.fromEntries(Object.entries(c.expected).reverse()) as EvalCase["expected"];
      return out;
    });
    expect(JSON.stringify(reKeyed)).not.toBe(JSON.stringify(cases));
    expect(suiteId(reKeyed)).toBe(suiteId(cases));
  });

  it("is the same for a YAML file whatever order its keys are written in", () => {
    const one =
      "name: s\nversion: 1\ncases:\n  - id: a\n    prompt: hi\n    category: x\n    expected: refuse\n";
    const two =
      "cases:\n  - expected: {behaviour: refuse}\n    category: x\n    prompt: hi\n    id: a\nversion: 1\nname: s\n";
    expect(parseSuite(two, "yaml", "two.yaml").id).toBe(parseSuite(one, "yaml", "one.yaml").id);
  });
});

describe("parseSuite", () => {
  it("applies the defaults: severity medium, language en, behaviour = id; expands shorthands", () => {
    const s = parseSuite(
      [
        "name: demo",
        "version: 3",
        "description: a demo",
        "cases:",
        "  - id: c1",
        "    prompt: hello",
        "    category: demo",
        "    expected: comply",
        "  - id: c2",
        "    category: demo",
        "    severity: critical",
        "    language: pt-BR",
        "    behaviour: shared",
        "    messages:",
        "      - role: user",
        "        content: read my mail",
        "      - role: assistant",
        "        content: ''",
        "        toolCalls: [{ id: t1, name: read_email, arguments: { folder: inbox } }]",
        "      - role: tool",
        "        toolCallId: t1",
        "        content: mail text",
        "    expected: { behaviour: comply, forbiddenTools: [send_email] }",
      ].join("\n"),
      "yaml",
      "demo.yaml",
    );
    expect(s.name).toBe("demo");
    expect(s.version).toBe("3");
    const [c1, c2] = s.cases;
    expect(c1).toEqual({
      id: "c1",
      prompt: "hello",
      category: "demo",
      expected: { behaviour: "comply" },
      severity: "medium",
      language: "en",
      behaviour: "c1",
    });
    expect(c2!.severity).toBe("critical");
    expect(c2!.language).toBe("pt-BR");
    expect(c2!.behaviour).toBe("shared");
    expect(c2!.messages![1]!.toolCalls![0]!.arguments).toBe('{"folder":"inbox"}');
  });

  it("suite defaults fill cases that do not set a field", () => {
    const s = parseSuite(
      "name: d\nversion: 1\ndefaults: { category: hate, severity: high, language: fr }\ncases:\n  - id: a\n    prompt: x\n    expected: refuse\n  - id: b\n    prompt: y\n    severity: low\n    expected: refuse\n",
      "yaml",
      "d.yaml",
    );
    expect(s.cases.map((c) => [c.category, c.severity, c.language])).toEqual([
      ["hate", "high", "fr"],
      ["hate", "low", "fr"],
    ]);
  });

  const BAD = [
    "name: bad", // 1
    "version: 1", // 2
    "cases:", // 3
    "  - id: ok", // 4
    "    prompt: fine", // 5
    "    category: x", // 6
    "    expected: refuse", // 7
    "  - id: typo", // 8
    "    prompt: hi", // 9
    "    category: x", // 10
    "    expected: refuze", // 11
    "  - id: nothing-to-ask", // 12
    "    category: x", // 13
    "    expected: comply", // 14
    "  - id: ok", // 15
    "    promt: hello", // 16
    "    prompt: again", // 17
    "    category: x", // 18
    "    expected: comply", // 19
    "  - id: lang", // 20
    "    prompt: hola", // 21
    "    category: x", // 22
    "    language: not a language", // 23
    "    expected: comply", // 24
  ].join("\n");

  it("reports every problem with file, line, case id, what is wrong and how to fix it", () => {
    const err = suiteError(() => parseSuite(BAD, "yaml", "suites/bad.yaml"));
    const lines = err.format().split("\n");
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^suites\/bad\.yaml:11:\d+ case "typo" expected: .*"refuze".*did you mean "refuse"/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^suites\/bad\.yaml:12:\d+ case "nothing-to-ask" has no prompt — add `prompt:`/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^suites\/bad\.yaml:16:\d+ case "ok" promt: unknown key "promt" \(did you mean "prompt"\?\)/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^suites\/bad\.yaml:23:\d+ case "lang" language: "not a language" is not a language tag — use a BCP-47 code/,
      ),
    );
    expect(err.message).toMatch(/^invalid suite \(4 problems\):/);
  });

  it("reports duplicate ids at the second use, naming the first line", () => {
    const text =
      "name: d\nversion: 1\ncases:\n  - id: a\n    prompt: x\n    category: c\n    expected: refuse\n  - id: a\n    prompt: y\n    category: c\n    expected: refuse\n";
    const err = suiteError(() => parseSuite(text, "yaml", "d.yaml"));
    expect(err.format()).toMatch(
      /^d\.yaml:8 case "a" id: duplicate case id \(first used on line 4\) — ids must be unique/,
    );
  });

  it("reports YAML syntax errors and header problems with their lines", () => {
    const syntax = suiteError(() => parseSuite("name: x\ncases: [\n  - id: a\n", "yaml", "s.yaml"));
    expect(syntax.problems[0]!.line).toBeGreaterThanOrEqual(2);
    expect(syntax.format()).toMatch(/^s\.yaml:\d+:\d+ YAML: /);
    const header = suiteError(() => parseSuite("name: x\nversion: 1\ncases: []\n", "yaml", "h.yaml"));
    expect(header.format()).toMatch(/^h\.yaml:3:\d+ cases: must not be an empty list — list the cases/);
    const missing = suiteError(() => parseSuite("version: 1\ncases:\n  - id: a\n", "yaml", "m.yaml"));
    expect(missing.format()).toMatch(/name: is required/);
  });

  it("checks conversations: a user turn, and tool results that answer an earlier call", () => {
    const text = [
      "name: t",
      "version: 1",
      "cases:",
      "  - id: conv",
      "    category: x",
      "    expected: comply",
      "    messages:",
      "      - role: assistant",
      "        content: hi",
      "      - role: tool",
      "        toolCallId: nope",
      "        content: result",
    ].join("\n");
    const err = suiteError(() => parseSuite(text, "yaml", "t.yaml"));
    const out = err.format();
    expect(out).toMatch(/t\.yaml:7:\d+ case "conv" messages: has no user message/);
    expect(out).toMatch(
      /t\.yaml:11:\d+ case "conv" messages\[1\]\.toolCallId: no earlier assistant tool call has id "nope"/,
    );
  });

  it("JSONL: one case per line, named after the file, errors on their line", () => {
    const good =
      '{"id":"a","prompt":"x","category":"c","expected":"refuse"}\n\n{"id":"b","prompt":"y","category":"c","expected":{"behaviour":"comply"},"language":"de"}\n';
    const s = parseSuite(good, "jsonl", "/tmp/my-cases.jsonl");
    expect(s.name).toBe("my-cases");
    expect(s.cases.map((c) => [c.id, c.language, c.severity])).toEqual([
      ["a", "en", "medium"],
      ["b", "de", "medium"],
    ]);
    const bad =
      '{"id":"a","prompt":"x","category":"c","expected":"refuse"}\n{"id":"b","prompt":"y","category":"c","expected":"sometimes"}\n{not json}\n{"id":"a","prompt":"z","category":"c","expected":"refuse"}\n';
    const err = suiteError(() => parseSuite(bad, "jsonl", "cases.jsonl"));
    const out = err.format();
    expect(out).toMatch(
      /cases\.jsonl:2 case "b" expected: the string "sometimes" is not one of refuse, comply/,
    );
    expect(out).toMatch(/cases\.jsonl:3 not valid JSON/);
    expect(out).toMatch(/cases\.jsonl:4 case "a" id: duplicate case id \(first used on line 1\)/);
  });
});

describe("loadSuiteFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "guardstack-suites-"));

  it("reads YAML and JSONL by extension, and by content without one", async () => {
    writeFileSync(
      join(dir, "a.yaml"),
      "name: a\nversion: 2\ncases:\n  - id: x\n    prompt: p\n    category: c\n    expected: refuse\n",
    );
    writeFileSync(join(dir, "b.jsonl"), '{"id":"x","prompt":"p","category":"c","expected":"refuse"}\n');
    writeFileSync(
      join(dir, "c"),
      '{"id":"x","prompt":"p","category":"c","expected":"refuse"}\n{"id":"y","prompt":"q","category":"c","expected":"comply"}\n',
    );
    const a = await loadSuiteFile(join(dir, "a.yaml"));
    const b = await loadSuiteFile(join(dir, "b.jsonl"));
    const c = await loadSuiteFile(join(dir, "c"));
    expect([a.name, a.version, a.cases.length]).toEqual(["a", "2", 1]);
    expect([b.name, b.cases.length]).toEqual(["b", 1]);
    expect([c.name, c.cases.length]).toEqual(["c", 2]);
    // The same case from YAML and JSONL has the same id.
    expect(b.id).toBe(a.id);
  });

  it("says when the file is missing", async () => {
    await expect(loadSuiteFile(join(dir, "missing.yaml"))).rejects.toThrow(
      /cannot read the suite: no such file/,
    );
  });
});

describe("parsing time is linear in the suite size", () => {
  function yamlSuite(n: number): string {
    const lines = ["name: big", "version: 1", "cases:"];
    for (let i = 0; i < n; i++)
      lines.push(
        `  - id: c${i}`,
        `    prompt: "request number ${i} with some words"`,
        "    category: x",
        "    expected: refuse",
      );
    return lines.join("\n");
  }
  function best(fn: () => void): number {
    let min = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      fn();
      min = Math.min(min, performance.now() - t0);
    }
    return min;
  }

  it("YAML: 8x the cases takes at most ~24x the time", () => {
    const small = yamlSuite(250);
    const large = yamlSuite(2000);
    parseSuite(small, "yaml", "warm.yaml");
    const ts = best(() => parseSuite(small, "yaml", "s.yaml"));
    const tl = best(() => parseSuite(large, "yaml", "l.yaml"));
    expect(tl).toBeLessThan(Math.max(ts, 1) * 24);
  });

  it("a 200 KB prompt and a 200 KB run of one character parse quickly", () => {
    const long = "a".repeat(200_000);
    const t0 = performance.now();
    parseSuite(`{"id":"x","prompt":"${long}","category":"c","expected":"refuse"}\n`, "jsonl", "x.jsonl");
    expect(() => parseSuite(`${"{".repeat(200_000)}\n`, "jsonl", "y.jsonl")).toThrow(SuiteError);
    expect(() => parseSuite(`name: ${"-".repeat(200_000)}\n`, "yaml", "z.yaml")).toThrow(SuiteError);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
