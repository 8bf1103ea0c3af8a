/** `guardstack policy check FILE` and `guardstack policy explain FILE`. */
import type { Command } from "commander";
import { builtinDetectors } from "../../detectors/builtin.js";
import { explainPolicy } from "../../policy/explain.js";
import { loadPolicyFile, resolvePolicy } from "../../policy/load.js";

const knownDetectors = () => builtinDetectors().map((d) => d.name);

export function registerPolicy(program: Command): void {
  const policy = program.command("policy").description("validate and explain policies");
  policy
    .command("check")
    .description("validate a policy file; report every error with its YAML path and line")
    .argument("<file>", "policy YAML")
    .action(async (file: string) => {
      const loaded = await loadPolicyFile(file, { knownDetectors: knownDetectors() });
      console.log(
        `${file}: ok (policy "${loaded.policy.name}", version ${loaded.version}, from ${loaded.sources.join(" <- ")})`,
      );
    });
  policy
    .command("explain")
    .description("print the effective policy after extends: are merged")
    .argument("<file>", "policy YAML, or a built-in name: default, strict, permissive")
    .action(async (file: string) => {
      console.log(explainPolicy(await resolvePolicy(file, { knownDetectors: knownDetectors() })));
    });
}
