#!/usr/bin/env node
/** The `guardstack` command. Each subcommand lives in commands/; errors print as one line, exit 2. */
import { Command, CommanderError } from "commander";
import { registerCheck } from "./commands/check.js";
import { registerClassify } from "./commands/classify.js";
import { registerDetectors } from "./commands/detectors.js";
import { registerPolicy } from "./commands/policy.js";
import { registerScan } from "./commands/scan.js";
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
