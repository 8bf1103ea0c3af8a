import { describe, expect, it } from "vitest";
import { fixture, policyError } from "../../test/fixtures/policies/helpers.js";
import { loadPolicyFile, loadPolicyText } from "./load.js";
import { formatPath, formatProblem, PolicyError } from "./problems.js";

describe("policy errors: paths, lines, messages", () => {
  it("an unknown key is reported at the key's line, with a suggestion", async () => {
    const err = await policyError(loadPolicyFile(fixture("unknown-key.yaml")));
    expect(err.problems).toEqual([
      {
        path: "rules.pii.treshold",
        file: fixture("unknown-key.yaml"),
        line: 6,
        column: 5,
        message: 'unknown key "treshold" (did you mean "threshold"?)',
      },
    ]);
  });

  it("a wrong type is reported with its full path and line", async () => {
    const err = await policyError(loadPolicyFile(fixture("wrong-type.yaml")));
    expect(err.problems).toEqual([
      {
        path: "rules.secrets.stages.output.threshold",
        file: fixture("wrong-type.yaml"),
        line: 7,
        column: 9,
        message: 'expected a number, got the string "high"',
      },
    ]);
  });

  it("a YAML syntax error is reported with its line", async () => {
    const err = await policyError(loadPolicyFile(fixture("syntax-error.yaml.txt")));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: fixture("syntax-error.yaml.txt"), line: 6, column: 1 });
    expect(err.problems[0]!.message).toMatch(/^YAML: Flow sequence/);
    expect(err.problems[0]!.message).not.toContain("\n");
  });

  it("reports every problem together, in file order, one line each", async () => {
    const err = await policyError(loadPolicyFile(fixture("many-errors.yaml")));
    const lines = err
      .format()
      .split("\n")
      .map((l) => l.replace(/^.*many-errors\.yaml:/, ""));
    expect(lines).toEqual([
      "5:5 rules.pii.threshold: Number must be less than or equal to 1 (got 1.5)",
      '7:5 rules.jailbreak.action: the string "blok" is not one of allow, redact, block, escalate (did you mean "block"?)',
      expect.stringMatching(
        /^8:3 rules\.violent-crime: unknown category "violent-crime" \(did you mean "violent-crimes"\?\)/,
      ),
      "11:3 limits.maxChars: Number must be greater than 0 (got -3)",
      '12:3 limits.onOverflow: unknown key "onOverflow"; allowed here: maxChars, onOversize',
      expect.stringMatching(
        /^16:7 terms\.patterns\[0\]\.pattern: pattern "lookahead" does not compile with RE2/,
      ),
    ]);
    expect(err.message.split("\n")[0]).toBe("invalid policy (6 problems):");
  });

  it("several YAML errors are all reported", async () => {
    const err = await policyError(loadPolicyText("a: 1\na: 2\nb: [1\nc: !!nosuch x\n", { source: "y.yaml" }));
    expect(err.problems.map((p) => p.line)).toEqual([2, 4, 4]);
    expect(err.problems[0]!.message).toBe('YAML: duplicate key "a"');
    const dup = await policyError(
      loadPolicyText("name: a\nrules:\n  pii: {}\n  pii: {}\nname: b\n", { source: "d.yaml" }),
    );
    expect(dup.format().split("\n")).toEqual([
      'd.yaml:4:3 YAML: duplicate key "pii"',
      'd.yaml:5:1 YAML: duplicate key "name"',
    ]);
  });

  it("an unknown category gets a suggestion from built-in and custom ids", async () => {
    const err = await policyError(loadPolicyFile(fixture("unknown-category.yaml")));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ path: "rules.crypto-scam", line: 6, column: 3 });
    expect(err.problems[0]!.message).toMatch(
      /^unknown category "crypto-scam" \(did you mean "crypto-scams"\?\)/,
    );
    const far = await policyError(loadPolicyText("rules:\n  weather:\n    action: block\n"));
    expect(far.problems[0]!.message).toMatch(/^unknown category "weather";/);
  });

  it("a pattern that RE2 cannot compile is named, with its line", async () => {
    const err = await policyError(loadPolicyFile(fixture("bad-pattern.yaml")));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ path: "terms.patterns[1].pattern", line: 7, column: 7 });
    expect(err.problems[0]!.message).toContain('pattern "backreference" does not compile with RE2');
  });

  it("term and pattern categories must be known", async () => {
    const text = [
      "terms:",
      "  banned:",
      "    - { term: foo, category: bannd-content }",
      "  patterns:",
      "    - { name: p, pattern: abc, category: nope }",
    ].join("\n");
    const err = await policyError(loadPolicyText(text, { source: "t.yaml" }));
    expect(err.format().split("\n")).toEqual([
      expect.stringMatching(
        /^t\.yaml:3:20 terms\.banned\[0\]\.category: unknown category "bannd-content" \(did you mean "banned-content"\?\)/,
      ),
      expect.stringMatching(/^t\.yaml:5:32 terms\.patterns\[0\]\.category: unknown category "nope"/),
    ]);
  });

  it("a custom category may not shadow a built-in one, nor be declared twice", async () => {
    const err = await policyError(loadPolicyFile(fixture("shadow-category.yaml")));
    expect(err.problems[0]).toMatchObject({ path: "categories[0].id", line: 3, column: 5 });
    expect(err.problems[0]!.message).toContain('custom category "pii" shadows the built-in category');
    const twice = "categories:\n  - { id: a-b, title: A }\n  - { id: a-b, title: B }\n";
    const dup = await policyError(loadPolicyText(twice));
    expect(dup.problems[0]).toMatchObject({ path: "categories[1].id", line: 3 });
  });

  it("a missing required field is placed at its parent", async () => {
    const err = await policyError(loadPolicyText("categories:\n  - id: my-cat\n", { source: "c.yaml" }));
    expect(err.format()).toBe("c.yaml:2:5 categories[0].title: is required (a string)");
  });

  it("errors inside YAML aliases point at the anchored text", async () => {
    const text = "rules:\n  hate: &r\n    action: block\n    treshold: 0.3\n  toxicity: *r\n";
    const err = await policyError(loadPolicyText(text, { source: "a.yaml" }));
    expect(err.format().split("\n")).toEqual([
      'a.yaml:4:5 rules.hate.treshold: unknown key "treshold" (did you mean "threshold"?)',
      'a.yaml:4:5 rules.toxicity.treshold: unknown key "treshold" (did you mean "threshold"?)',
    ]);
  });
});

describe("formatting", () => {
  it("formats paths with indices and quoted odd keys", () => {
    expect(formatPath(["rules", "pii", "threshold"])).toBe("rules.pii.threshold");
    expect(formatPath(["terms", "patterns", 0, "pattern"])).toBe("terms.patterns[0].pattern");
    expect(formatPath(["terms", "topics", "a.b c"])).toBe('terms.topics["a.b c"]');
    expect(formatPath([])).toBe("");
  });

  it("formats problems with and without file, line and path", () => {
    expect(formatProblem({ path: "a.b", file: "/elsewhere/p.yaml", line: 3, column: 2, message: "m" })).toBe(
      "/elsewhere/p.yaml:3:2 a.b: m",
    );
    expect(formatProblem({ path: "a", message: "m" })).toBe("a: m");
    expect(formatProblem({ path: "", line: 4, message: "m" })).toBe("line 4 m");
    expect(formatProblem({ path: "x", file: `${process.cwd()}/p.yaml`, message: "m" })).toBe("p.yaml x: m");
  });

  it("PolicyError carries every problem and formats one line per problem", () => {
    const err = new PolicyError([
      { path: "a", message: "one" },
      { path: "b", message: "two" },
    ]);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe("PolicyError");
    expect(err.format()).toBe("a: one\nb: two");
  });
});
