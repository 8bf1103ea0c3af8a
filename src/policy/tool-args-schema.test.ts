import { describe, expect, it } from "vitest";
import { isDate, isDateTime, isEmail, isHostname, isUri, isUuid } from "./json-schema-formats.js";
import { argsSchemaError, compileArgsSchema, MAX_ERRORS } from "./tool-args-schema.js";

describe("tool argument schemas", () => {
  it("validates, reporting each error with its JSON Pointer", () => {
    const v = compileArgsSchema({
      type: "object",
      properties: { n: { type: "integer", minimum: 1 }, mode: { enum: ["a", "b"] } },
      required: ["n"],
      additionalProperties: false,
    });
    expect(v.validate({ n: 2, mode: "a" })).toEqual([]);
    expect(v.validate({ n: 0, mode: "c", x: 1 })).toEqual([
      { path: "", message: 'must not have the property "x"' },
      { path: "/n", message: "must be >= 1" },
      { path: "/mode", message: 'must be one of "a", "b"' },
    ]);
  });

  it("caps the errors reported", () => {
    const v = compileArgsSchema({ type: "array", items: { type: "string" } });
    expect(v.validate(Array.from({ length: 50 }, (_, i) => i))).toHaveLength(MAX_ERRORS);
  });

  it("compiles each distinct schema once", () => {
    const a = compileArgsSchema({ type: "object", properties: { q: { type: "string" } } });
    const b = compileArgsSchema({ properties: { q: { type: "string" } }, type: "object" });
    expect(b).toBe(a);
  });

  it("a schema with an $id can be compiled again (a policy reloaded)", () => {
    const schema = { $id: "https://example.com/tool.json", type: "object" };
    expect(argsSchemaError(schema)).toBeUndefined();
    expect(argsSchemaError({ ...schema, required: ["x"] })).toBeUndefined();
  });

  it("compiles patterns with RE2: linear time on input built to make a backtracking engine hang", () => {
    const v = compileArgsSchema({ type: "string", pattern: "^(a|a)*$" });
    const t0 = performance.now();
    expect(v.validate("a".repeat(100_000) + "b")).toHaveLength(1);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(argsSchemaError({ type: "string", pattern: "(a)\\1" })).toMatch(/does not compile with RE2/);
    expect(argsSchemaError({ patternProperties: { "(?<=x)y": { type: "string" } } })).toMatch(
      /does not compile with RE2/,
    );
  });

  it("rejects unknown keywords and formats instead of ignoring them", () => {
    expect(argsSchemaError({ type: "object", requried: ["x"] })).toBe(
      'not a usable JSON Schema (draft-07): unknown keyword: "requried"',
    );
    expect(argsSchemaError({ type: "string", format: "phone" })).toMatch(/unknown format "phone"/);
    expect(argsSchemaError({ type: "strin" })).toMatch(/^not a usable JSON Schema/);
  });
});

describe("formats", () => {
  it("email", () => {
    expect(isEmail("bob@example.com")).toBe(true);
    for (const bad of [
      "bob",
      "@example.com",
      "bob@localhost",
      "a b@example.com",
      "a@b@example.com",
      "bob@-x.com",
    ])
      expect(isEmail(bad), bad).toBe(false);
  });
  it("uri", () => {
    expect(isUri("https://example.com/a?b=c")).toBe(true);
    expect(isUri("mailto:bob@example.com")).toBe(true);
    for (const bad of ["example.com", "/relative", "http://exa mple.com", "https://"])
      expect(isUri(bad), bad).toBe(false);
  });
  it("date and date-time (RFC 3339)", () => {
    expect(isDate("2024-02-29")).toBe(true);
    expect(isDate("2023-02-29")).toBe(false);
    expect(isDate("2024-13-01")).toBe(false);
    expect(isDateTime("2024-02-29T23:59:60.123+05:30")).toBe(true);
    expect(isDateTime("2024-02-29T12:00:00Z")).toBe(true);
    for (const bad of ["2024-02-29", "2024-02-29T24:00:00Z", "2024-02-29T12:00:00", "2024-02-29T12:00:00.Z"])
      expect(isDateTime(bad), bad).toBe(false);
  });
  it("hostname and uuid", () => {
    expect(isHostname("a-b.example.com")).toBe(true);
    for (const bad of ["-a.com", "a..com", "a_b.com", "x".repeat(64) + ".com", ""])
      expect(isHostname(bad), bad).toBe(false);
    expect(isUuid("123e4567-e89b-12d3-a456-426614174000")).toBe(true);
    expect(isUuid("123e4567e89b-12d3-a456-426614174000-")).toBe(false);
  });
  it("every check is linear: 8x the input, well under 32x the time", () => {
    const checks = [isEmail, isUri, isDateTime, isHostname];
    const best = (fn: () => unknown) => {
      let min = Infinity;
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        fn();
        min = Math.min(min, performance.now() - t0);
      }
      return min;
    };
    for (const check of checks) {
      const small = "a.".repeat(12_500);
      const large = "a.".repeat(100_000);
      const t1 = best(() => check(small));
      const t8 = best(() => check(large));
      expect(t8).toBeLessThan(Math.max(t1, 0.5) * 8 * 4);
    }
  });
});
