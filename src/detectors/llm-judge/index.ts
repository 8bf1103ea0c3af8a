/** LLM judges: a guard model asked through a Provider (Llama Guard 3's format, or a user rubric). */
export { llamaGuardJudge, type LlamaGuardJudgeOptions } from "./llama-guard-judge.js";
export { LLAMA_GUARD_3_CATEGORIES, type LlamaGuardCategory } from "./llama-guard-categories.js";
export {
  llamaGuardPrompt,
  llamaGuardConversation,
  neutralizeText,
  roleFor,
  PATTERNS as LLAMA_GUARD_PROMPT_PATTERNS,
  type LlamaGuardPromptInput,
} from "./llama-guard-prompt.js";
export { parseLlamaGuard, type LlamaGuardParseOptions } from "./llama-guard-parse.js";
export { rubricJudge, type RubricJudgeOptions } from "./rubric-judge.js";
export { compileRubricRule, type RubricAnswer, type RubricParser, type RubricRule } from "./rubric-parse.js";
export { compileTemplate, PLACEHOLDERS as JUDGE_TEMPLATE_PLACEHOLDERS } from "./rubric-template.js";
export { makeJudge, type JudgeSpec } from "./make-judge.js";
export {
  JudgeParseError,
  type JudgeRequest,
  type JudgeVerdict,
  type LlmJudge,
  type ParsedVerdict,
} from "./types.js";
