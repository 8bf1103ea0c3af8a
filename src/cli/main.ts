#!/usr/bin/env node
/** The `guardstack` command. Each subcommand lives in commands/; errors print as one line, exit 2. */
import { Command, CommanderError } from "commander";
import { registerCheck } from "./commands/check.js";
import { registerClassify } from "./commands/classify.js";
import { registerDetectors } from "./commands/detectors.js";
import { registerPolicy } from "./commands/policy.js";
import { registerScan } from "./commands/scan.js";
import { registerServe } from "./commands/serve.js";
import { registerEval } from "./commands/eval.js";
import { registerCompare } from "./commands/compare.js";
import { registerReport } from "./commands/report.js";
import { registerCurate } from "./commands/curate.js";
import { registerPairs } from "./commands/pairs.js";
import { registerRevise } from "./commands/revise.js";
import { registerIncidents } from "./commands/incidents.js";
import { registerDashboard } from "./commands/dashboard.js";
import { formatError } from "./errors.js";
import { version } from "./version.js";

const program = new Command()
  .name("guardstack")
  .description("layered, measured safety for LLM applications")
  .version(version())
  .exitOverride()
  .showHelpAfterError("(run with --help for usage)");

registerCheck(program);
registerScan(program);
registerClassify(program);
registerPolicy(program);
registerDetectors(program);
registerEval(program);
registerCompare(program);
registerReport(program);
registerCurate(program);
registerPairs(program);
registerRevise(program);
registerServe(program);
registerIncidents(program);
registerDashboard(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else {
    console.error(`guardstack: ${formatError(err)}`);
    process.exitCode = 2;
  }
}
