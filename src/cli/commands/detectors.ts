/** `guardstack detectors` — the registered detectors, their stages and categories. */
import type { Command } from "commander";
import { builtinDetectors } from "../../detectors/builtin.js";

export function registerDetectors(program: Command): void {
  program
    .command("detectors")
    .description("list the built-in detectors")
    .action(() => {
      for (const d of builtinDetectors().sort((a, b) => a.name.localeCompare(b.name))) {
        console.log(
          `${d.name.padEnd(12)} ${d.cost.padEnd(6)} stages: ${d.stages.join(",")}  categories: ${d.categories.join(",")}`,
        );
      }
    });
}
