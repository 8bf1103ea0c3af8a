/** `guardstack check [--stage S] [--policy P] [--json] TEXT|-` — one decision; exit 1 on block or escalate. */
import type { Command } from "commander";
import { createGuard } from "../../guard/create-guard.js";
import { formatDecision } from "../format-decision.js";
import { parseStage } from "../options.js";
import { readTextArg } from "../read-input.js";

interface CheckOptions {
  stage: string;
  policy?: string;
  json?: boolean;
  systemPrompt?: string;
  canary?: string[];
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("check one text and print the decision (exit 0 allow/modify, 1 block/escalate, 2 error)")
    .argument("[text]", "the text to check, or - to read standard input")
    .option("-s, --stage <stage>", "input, retrieval, toolCall, toolResult or output", "input")
    .option("-p, --policy <policy>", "built-in policy name or YAML file", "default")
    .option("--system-prompt <text>", "system prompt, for the leakage check")
    .option("--canary <token...>", "canary tokens planted in the context")
    .option("--json", "print the decision as JSON")
    .action(async (textArg: string | undefined, opts: CheckOptions) => {
      const stage = parseStage(opts.stage);
      const text = await readTextArg(textArg);
      const guard = await createGuard({ policy: opts.policy });
      const ctx: { systemPrompt?: string; canaries?: string[] } = {};
      if (opts.systemPrompt) ctx.systemPrompt = opts.systemPrompt;
      if (opts.canary) ctx.canaries = opts.canary;
      const decision = await guard.check(stage, text, ctx);
      const { vault: _vault, ...printable } = decision;
      console.log(opts.json ? JSON.stringify(printable) : formatDecision(decision));
      process.exitCode = decision.action === "block" || decision.action === "escalate" ? 1 : 0;
    });
}
