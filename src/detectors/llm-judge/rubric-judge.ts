/**
 * A judge with the user's own rubric: a prompt template (or a function building the messages) and a
 * parse rule (RE2 patterns, or a function). For guard models other than Llama Guard, or a house policy.
 *
 *   rubricJudge({
 *     provider,
 *     template: "Is this request harmful? Answer YES or NO.\n\n{{text}}",
 *     parse: { unsafe: "^\\s*yes", safe: "^\\s*no" },
 *     category: "violent-crimes",
 *   });
 */
import type { ChatMessage, Provider } from "../../providers/types.js";
import type { Stage } from "../../policy/stages.js";
import { makeJudge } from "./make-judge.js";
import { compileRubricRule, rubricFindings, type RubricParser, type RubricRule } from "./rubric-parse.js";
import { compileTemplate } from "./rubric-template.js";
import type { JudgeRequest, LlmJudge } from "./types.js";

export interface RubricJudgeOptions {
  provider: Provider;
  model?: string;
  /** Detector name (default "rubric-judge"). */
  name?: string;
  stages?: readonly Stage[];
  /** A template with {{text}} (required), {{prompt}}, {{role}}, {{stage}}; or a function building the messages. */
  template: string | ((request: JudgeRequest) => ChatMessage[]);
  /** A system message sent before a string template. */
  system?: string;
  parse: RubricRule | RubricParser;
  /** Category of the findings unless the parse function names others (default "non-violent-crimes"). */
  category?: string;
  /** Every category the judge may report (default: `category`). */
  categories?: readonly string[];
  /** Answer length cap in tokens (default 200). */
  maxTokens?: number;
}

export function rubricJudge(options: RubricJudgeOptions): LlmJudge {
  const name = options.name ?? "rubric-judge";
  const category = options.category ?? "non-violent-crimes";
  const parser = typeof options.parse === "function" ? options.parse : compileRubricRule(options.parse);
  let messages: (request: JudgeRequest) => ChatMessage[];
  if (typeof options.template === "function") {
    messages = options.template;
  } else {
    const render = compileTemplate(options.template);
    const system: ChatMessage[] =
      options.system !== undefined ? [{ role: "system", content: options.system }] : [];
    messages = (req) => [...system, { role: "user", content: render(req) }];
  }
  return makeJudge({
    name,
    stages: options.stages ?? ["input", "output"],
    categories: options.categories ?? [category],
    provider: options.provider,
    ...(options.model !== undefined ? { model: options.model } : {}),
    maxTokens: options.maxTokens ?? 200,
    messages,
    parse: (reply) => rubricFindings(parser(reply), name, category, reply),
  });
}
