/**
 * No code guardstack ships or loads may give String.prototype to an object other than a string wrapper
 * (`class X extends String`, `Object.create(String.prototype)`, `setPrototypeOf(o, String.prototype)`).
 * Once any object in the process has String.prototype as its prototype, V8 leaves its fast path for
 * `charCodeAt` and `slice` in optimised code: on this machine a charCodeAt loop ran 8x slower, and
 * normalising a 1,000-character answer 3.5x slower (14 -> 48 µs), for every check in the process.
 * ioredis 6's RESP3 decoder does this (its VerbatimString extends String), which is why ioredis is
 * pinned to 5.x; this test fails if a dependency update brings such code back.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
// Built from parts so that this file does not match itself.
const STRING_PROTO = ["String", "prototype"].join("\\.");
const CLIFF = new RegExp(
  [
    `\\bextends\\s+String\\b`,
    `Object\\.create\\(\\s*${STRING_PROTO}`,
    `setPrototypeOf\\([^,()]+,\\s*${STRING_PROTO}`,
    `__proto__\\s*[:=]\\s*${STRING_PROTO}`,
  ].join("|"),
);
const SOURCE = /\.(?:c|m)?js$|(?<!\.d)\.ts$/;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) sourceFiles(path, out);
    else if (SOURCE.test(name) && st.size < 5_000_000) out.push(path);
  }
  return out;
}

/** Every package installed for production (not dev-only), from the lockfile. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([path, meta]) => path.startsWith("node_modules/") && meta.dev !== true)
    .map(([path]) => join(ROOT, path));
}

function offenders(dirs: readonly string[]): string[] {
  const found: string[] = [];
  for (const dir of dirs) {
    let files: string[];
    try {
      files = sourceFiles(dir);
    } catch {
      continue; // an optional package not installed on this platform
    }
    for (const f of files) if (CLIFF.test(readFileSync(f, "utf8"))) found.push(f.slice(ROOT.length + 1));
  }
  return found;
}

describe("String.prototype stays the prototype of strings only", () => {
  it("the pattern catches each form (so the scan below can fail)", () => {
    for (const code of [
      "class VerbatimString extends String {}",
      `const o = Object.create(${"String"}.prototype);`,
      `Object.setPrototypeOf(o, ${"String"}.prototype)`,
    ])
      expect(CLIFF.test(code), code).toBe(true);
    expect(CLIFF.test("class Reader extends Stringifier {}")).toBe(false);
  });

  it("no production dependency does it", () => {
    const packages = productionPackages();
    expect(packages.length).toBeGreaterThan(20);
    expect(offenders(packages)).toEqual([]);
  });

  it("guardstack's own source does not", () => {
    const own = offenders([join(ROOT, "src")]);
    expect(own).toEqual([]);
  });
});
