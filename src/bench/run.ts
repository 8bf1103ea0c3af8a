/**
 * `npm run bench`: runs every benchmark module and writes BENCHMARKS.md. `--quick` for a smoke run,
 * `--only name[,name]` to run some sections (the others are kept from the existing file).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { pathToFileURL } from "node:url";
import { dataDir } from "./data-dir.js";
import type { BenchModule, BenchSection } from "./types.js";

const MODULES: Record<string, () => Promise<{ run: BenchModule }>> = {
  "stage-latency": () => import("./stage-latency.js"),
  "text-speed": () => import("./text-speed.js"),
  "pii-quality": () => import("./pii-quality.js"),
  "secrets-quality": () => import("./secrets-quality.js"),
  "misc-detectors": () => import("./misc-detectors.js"),
  "injection-phrases": () => import("./injection-phrases.js"),
  embeddings: () => import("../classifiers/embeddings/bench.js"),
  "classifiers-quality": () => import("./classifiers-quality.js"),
  "classifiers-latency": () => import("./classifiers-latency.js"),
  streaming: () => import("./streaming.js"),
  groundedness: () => import("./groundedness.js"),
  rails: () => import("./rails.js"),
  "rate-limits": () => import("./rate-limits.js"),
  cascade: () => import("./cascade.js"),
  audit: () => import("./audit.js"),
  curate: () => import("./curate.js"),
  "builtin-suites": () => import("./builtin-suites.js"),
  "eval-throughput": () => import("./eval-throughput.js"),
  "judges-quality": () => import("./judges-quality.js"),
  "proxy-latency": () => import("./proxy-latency.js"),
  "guard-throughput": () => import("./guard-throughput.js"),
};

const FILE = "BENCHMARKS.md";

function parseArgs(argv: string[]) {
  const quick = argv.includes("--quick");
  const i = argv.indexOf("--only");
  const only = i >= 0 ? (argv[i + 1] ?? "").split(",").filter(Boolean) : [];
  for (const name of only) {
    if (!(name in MODULES))
      throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(MODULES).join(", ")}`);
  }
  return { quick, only };
}

/** Keeps the sections of an existing BENCHMARKS.md, keyed by module name, for --only runs. */
function existingSections(): Map<string, string> {
  const map = new Map<string, string>();
  if (!existsSync(FILE)) return map;
  const parts = readFileSync(FILE, "utf8")
    .split(/^<!-- section: /m)
    .slice(1);
  for (const part of parts) {
    const end = part.indexOf(" -->");
    map.set(part.slice(0, end), `<!-- section: ${part}`.trimEnd());
  }
  return map;
}

async function main() {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const ctx = { dataDir: dataDir(), quick, log: (m: string) => console.error(m) };
  const kept = existingSections();
  const out: string[] = [];
  for (const [name, load] of Object.entries(MODULES)) {
    if (only.length > 0 && !only.includes(name)) {
      const old = kept.get(name);
      if (old) out.push(old);
      continue;
    }
    console.error(`bench: ${name} ...`);
    const t0 = performance.now();
    const section: BenchSection = await (await load()).run(ctx);
    console.error(`bench: ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    out.push(
      `<!-- section: ${name} -->\n## ${section.title}\n\n${section.markdown}\n\n_Produced by \`npm run bench -- --only ${name}${quick ? " --quick" : ""}\`${quick ? " (quick run: fewer iterations)" : ""}._`,
    );
  }
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const header = [
    "# Benchmarks",
    "",
    "Every figure here is produced by `npm run bench` (this file is overwritten; `--only NAME` re-runs one",
    "section). Datasets are read from `GUARDSTACK_DATA` (default `../shared/datasets`).",
    `Machine: ${cpus().length} × ${cpu}, Node ${process.version}. The machine is shared and noisy: read medians and ratios.`,
    `Generated: ${new Date().toISOString().slice(0, 10)} (each section says how it was produced; \`--quick\` runs say so).`,
    "",
  ].join("\n");
  writeFileSync(FILE, `${header}\n${out.join("\n\n")}\n`);
  console.error(`bench: wrote ${FILE}`);
}

// Run only as the entry point (importing this module, e.g. to collect its patterns, must not benchmark).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
