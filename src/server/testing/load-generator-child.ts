/** Child-process entry of the load generator: `node load-generator-child.js '<LoadOptions JSON>'`. */
import { generateLoad, type LoadOptions } from "./load-generator.js";

generateLoad(JSON.parse(process.argv[2] ?? "{}") as LoadOptions).then(
  (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
  (e: unknown) => {
    process.stderr.write(`load generator failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
