/**
 * Every built-in regular expression must run in linear time. Each module exports the patterns it uses
 * under a name ending in PATTERNS; this test imports every source module, collects them, and checks each
 * with the recheck ReDoS analyser. (User-supplied patterns go through RE2 and need no check.)
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { checkSync } from "recheck";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (p.endsWith(".ts") && !p.endsWith(".test.ts") && !p.endsWith(".d.ts") && !p.includes("/cli/main"))
      out.push(p);
  }
  return out;
}

async function collect(): Promise<Array<{ where: string; re: RegExp }>> {
  const found: Array<{ where: string; re: RegExp }> = [];
  const seen = new Set<string>();
  for (const file of sourceFiles("src")) {
    const mod = (await import(/* @vite-ignore */ `../${file}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (!name.endsWith("PATTERNS") || !Array.isArray(value)) continue;
      for (const re of value) {
        if (!(re instanceof RegExp)) continue;
        const key = `${re.source}/${re.flags}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({ where: `${relative(".", file)}:${name}`, re });
      }
    }
  }
  return found;
}

describe("built-in regular expressions", () => {
  it("are all linear-time according to recheck", async () => {
    const patterns = await collect();
    expect(patterns.length).toBeGreaterThan(50);
    const unsafe: string[] = [];
    for (const { where, re } of patterns) {
      // Real flags matter: a sticky (y) pattern is matched only at the position the caller sets, which is
      // how the detectors use bounded patterns; recheck rates it accordingly. (recheck cannot read "d".)
      const flags = re.flags.replace(/d/g, "");
      let result = checkSync(re.source, flags, { timeout: 10_000 });
      // "unknown" means the checker ran out of time (a loaded machine): try once more, longer.
      if (result.status === "unknown") result = checkSync(re.source, flags, { timeout: 60_000 });
      if (result.status === "vulnerable")
        unsafe.push(`${where} /${re.source}/${re.flags}: ${result.complexity.type}`);
      else if (result.status === "unknown")
        unsafe.push(`${where} /${re.source}/${re.flags}: could not be checked (${result.error.kind})`);
    }
    expect(unsafe).toEqual([]);
  }, 600_000);
});
