/** The policy sections for the tool, retrieval and session rails: defaults, merging and errors. */
import { describe, expect, it } from "vitest";
import { policyError } from "../../test/fixtures/policies/helpers.js";
import { explainPolicy } from "./explain.js";
import { loadBuiltinPolicy, loadPolicyText } from "./load.js";
import { PolicySchema } from "./schema.js";

describe("tools, retrieval and session: defaults", () => {
  it("a policy that says nothing gets every default stated", () => {
    const p = PolicySchema.parse({});
    expect(p.tools).toEqual({ default: { allowed: true, risk: "medium" } });
    expect(p.retrieval).toEqual({ onViolation: "drop", allowSources: [], spotlight: "delimit" });
    expect(p.session).toEqual({
      riskThreshold: 2,
      decay: 0.7,
      window: 6,
      floor: 0.5,
      action: "escalate",
      taint: "turn",
    });
  });

  it("tools.default keeps its defaults when a policy sets only some fields or only other tools", () => {
    expect(PolicySchema.parse({ tools: { shell: { risk: "high" } } }).tools.default).toEqual({
      allowed: true,
      risk: "medium",
    });
    expect(PolicySchema.parse({ tools: { default: { approval: true } } }).tools.default).toEqual({
      allowed: true,
      risk: "medium",
      approval: true,
    });
  });

  it("the built-in policies load with the sections, and a child merges tool by tool", async () => {
    for (const name of ["default", "strict", "permissive"]) {
      const { policy } = await loadBuiltinPolicy(name);
      expect(policy.tools.default.allowed).toBe(true);
      expect(policy.retrieval.spotlight).toBe("delimit");
    }
    const strict = (await loadBuiltinPolicy("strict")).policy;
    expect(strict.tools.default).toEqual({ allowed: true, risk: "medium", untrustedInput: "approve" });
    expect(strict.retrieval.onViolation).toBe("quarantine");
    expect(strict.session.riskThreshold).toBe(1.5);
    // Stating the defaults in default.yaml changes nothing: it equals the schema's own defaults.
    const stated = (await loadBuiltinPolicy("default")).policy;
    const bare = PolicySchema.parse({});
    expect([stated.tools, stated.retrieval, stated.session]).toEqual([
      bare.tools,
      bare.retrieval,
      bare.session,
    ]);
    const child = await loadPolicyText(
      "extends: default\nname: agent\ntools:\n  default: { risk: low }\n  send_email: { risk: high, approval: true }\n",
    );
    expect(child.policy.tools).toEqual({
      default: { allowed: true, risk: "low" },
      send_email: { risk: "high", approval: true },
    });
  });

  it("explain prints YAML that loads back to the same policy, argument schema included", async () => {
    const loaded = await loadPolicyText(
      [
        "name: agent",
        "tools:",
        "  send_email:",
        "    risk: high",
        "    rateLimit: { max: 5, perSeconds: 60 }",
        "    schema:",
        "      type: object",
        "      properties: { to: { type: string, format: email }, body: { type: string, pattern: '^[^<]*$' } }",
        "      required: [to]",
        "retrieval: { onViolation: sanitise, allowSources: ['*.example.com', 'kb:*'], spotlight: datamark }",
        "session: { riskThreshold: 1.5, window: 4 }",
        "",
      ].join("\n"),
    );
    const again = await loadPolicyText(explainPolicy(loaded));
    expect(again.version).toBe(loaded.version);
    expect(again.policy.tools.send_email?.schema).toEqual(loaded.policy.tools.send_email?.schema);
  });
});

describe("tools, retrieval and session: errors", () => {
  it("reports every problem at its line, with suggestions", async () => {
    const err = await policyError(
      loadPolicyText(
        [
          "name: bad", // 1
          "tools:", // 2
          "  send_email:", // 3
          "    risk: hgh", // 4
          "    aproval: true", // 5
          "    untrustedInput: ask", // 6
          "    rateLimit: { max: 0, perSeconds: 60 }", // 7
          "  shell:", // 8
          "    schema:", // 9
          "      type: object", // 10
          "      requried: [cmd]", // 11
          "  lookup:", // 12
          "    schema: { type: string, pattern: '(?=a)b' }", // 13
          "  fetch:", // 14
          "    schema: { type: string, format: emale }", // 15
          "  remote:", // 16
          "    schema: { $ref: 'https://schemas.example.com/x.json' }", // 17
          "retrieval: { onViolation: sanitize, allowSources: [''], spotlight: marks }", // 18
          "session: { decay: 1.5, windw: 3, action: warn }", // 19
          "",
        ].join("\n"),
        { source: "bad.yaml" },
      ),
    );
    const lines = err.format().split("\n");
    expect(lines).toEqual([
      'bad.yaml:4:5 tools.send_email.risk: the string "hgh" is not one of low, medium, high (did you mean "high"?)',
      'bad.yaml:5:5 tools.send_email.aproval: unknown key "aproval" (did you mean "approval"?)',
      'bad.yaml:6:5 tools.send_email.untrustedInput: the string "ask" is not one of block, approve, allow',
      "bad.yaml:7:18 tools.send_email.rateLimit.max: Number must be greater than 0 (got 0)",
      'bad.yaml:9:5 tools.shell.schema: not a usable JSON Schema (draft-07): unknown keyword: "requried"',
      expect.stringMatching(
        /^bad\.yaml:13:5 tools\.lookup\.schema: not a usable JSON Schema \(draft-07\): pattern "\(\?=a\)b" does not compile with RE2 \(.*\); lookarounds and backreferences are not supported$/,
      ),
      'bad.yaml:15:5 tools.fetch.schema: not a usable JSON Schema (draft-07): unknown format "emale" ignored in schema at path "#"; formats supported: date, date-time, email, hostname, ipv4, ipv6, uri, uuid',
      expect.stringMatching(
        /^bad\.yaml:17:5 tools\.remote\.schema: not a usable JSON Schema \(draft-07\): can't resolve reference https:\/\/schemas\.example\.com\/x\.json/,
      ),
      'bad.yaml:18:14 retrieval.onViolation: the string "sanitize" is not one of drop, quarantine, sanitise (did you mean "sanitise"?)',
      "bad.yaml:18:52 retrieval.allowSources[0]: must not be empty",
      'bad.yaml:18:57 retrieval.spotlight: the string "marks" is not one of none, delimit, datamark',
      "bad.yaml:19:12 session.decay: Number must be less than or equal to 1 (got 1.5)",
      'bad.yaml:19:24 session.windw: unknown key "windw" (did you mean "window"?)',
      'bad.yaml:19:34 session.action: the string "warn" is not one of escalate, block',
    ]);
  });
});
