/**
 * Runs the load generator in a child process (load-generator-child.js, built next to this file): the
 * options go in as an argument, one JSON line of LoadResult comes back on stdout.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadOptions, LoadResult } from "./load-generator.js";

/** The compiled script: next to this module in dist/, or under dist/ when this runs from source. */
function scriptPath(): string {
  const here = fileURLToPath(new URL("./load-generator-child.js", import.meta.url));
  if (existsSync(here)) return here;
  const built = join(process.cwd(), "dist", "server", "testing", "load-generator-child.js");
  if (existsSync(built)) return built;
  throw new Error(`load generator not built: run "npm run build" (looked for ${here} and ${built})`);
}

export function runLoadProcess(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [scriptPath(), JSON.stringify(options)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}: ${err.trim()}`));
      try {
        resolve(JSON.parse(out) as LoadResult);
      } catch {
        reject(new Error(`load generator printed no result: ${out.trim()} ${err.trim()}`));
      }
    });
  });
}
