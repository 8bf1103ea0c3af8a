/**
 * Every built-in regular expression must run in linear time. Each module exports the patterns it uses
 * under a name ending in PATTERNS; this test imports every source module, collects them, and checks each
 * with the recheck ReDoS analyser. (User-supplied patterns go through RE2 and need no check.)
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { checkSync, type Diagnostics } from "recheck";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    // Entry points run when imported: the CLI, and child-process scripts that tests spawn (*-child.ts).
    else if (
      p.endsWith(".ts") &&
      !p.endsWith(".test.ts") &&
      !p.endsWith(".d.ts") &&
      !p.endsWith("-child.ts") &&
      !p.includes("/cli/main")
    )
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

/**
 * recheck's fuzz checker (used when a pattern's automaton is too large, as bounded repetitions make it)
 * is randomised and may rate a pattern "polynomial" from step counts that stop growing at the pattern's
 * repetition bounds. Such a verdict is checked against the clock: the attack string it found, pumped 8x
 * more, must cost well under 8^2 the time. A real super-linear pattern fails this; a bounded one passes.
 */
function refutedByTiming(re: RegExp, result: Diagnostics): boolean {
  if (result.status !== "vulnerable" || result.checker !== "fuzz" || result.complexity.type !== "polynomial")
    return false;
  const { pumps, suffix } = result.attack;
  const build = (n: number) => pumps.map((p) => p.prefix + p.pump.repeat(n)).join("") + suffix;
  const time = (text: string) => {
    const g = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      g.lastIndex = 0;
      for (let m = g.exec(text); m !== null; m = g.exec(text)) if (m[0] === "") g.lastIndex++;
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  const small = build(2_000);
  const large = build(16_000);
  return time(large) < 24 * Math.max(time(small), 0.05);
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
      if (result.status === "vulnerable" && !refutedByTiming(re, result))
        unsafe.push(`${where} /${re.source}/${re.flags}: ${result.complexity.type}`);
      else if (result.status === "unknown")
        unsafe.push(`${where} /${re.source}/${re.flags}: could not be checked (${result.error.kind})`);
    }
    expect(unsafe).toEqual([]);
  }, 600_000);
});
