/**
 * A judge that asks Llama Guard 3 (or any model told to answer in its format) through a Provider, and
 * maps the violated S-codes to our taxonomy.
 *
 *   const judge = llamaGuardJudge({ provider: openAICompatibleProvider({ baseURL, model: "llama-guard3" }),
 *                                   transport: "conversation" });
 *
 * Transport "prompt" (default) sends the full Llama Guard prompt as one user message: right for a
 * general instruct model used as the judge, or a server without Llama Guard's chat template.
 * "conversation" sends only the turns, for servers whose chat template builds the prompt (Ollama's
 * llama-guard3, vLLM with the model's template); their template lists all fourteen categories.
 */
import type { Provider } from "../../providers/types.js";
import type { Stage } from "../../policy/stages.js";
import { LLAMA_GUARD_3_CATEGORIES, type LlamaGuardCategory } from "./llama-guard-categories.js";
import { parseLlamaGuard } from "./llama-guard-parse.js";
import { llamaGuardConversation, llamaGuardPrompt } from "./llama-guard-prompt.js";
import { makeJudge } from "./make-judge.js";
import type { LlmJudge } from "./types.js";

export interface LlamaGuardJudgeOptions {
  provider: Provider;
  /** Overrides the provider's model for judge calls. */
  model?: string;
  /** Detector name (default "llm-judge"). */
  name?: string;
  /** Stages it runs at when registered as a detector (default input and output). */
  stages?: readonly Stage[];
  /** "prompt" (default) or "conversation"; see the file comment. */
  transport?: "prompt" | "conversation";
  /**
   * The categories listed in the prompt (default S1–S14 of Llama Guard 3). Keep each code's meaning: the
   * model learned that S4 is child exploitation. Custom categories work by prompting in "prompt" transport.
   */
  categories?: readonly LlamaGuardCategory[];
  /** Category for "unsafe" without a known code (default "non-violent-crimes", the broadest hazard). */
  fallbackCategory?: string;
  /** Answer length cap in tokens (default 20: "unsafe\nS1,S2,..."). */
  maxTokens?: number;
}

export function llamaGuardJudge(options: LlamaGuardJudgeOptions): LlmJudge {
  const name = options.name ?? "llm-judge";
  const categories = options.categories ?? LLAMA_GUARD_3_CATEGORIES;
  if (categories.length === 0) throw new Error("llamaGuardJudge: categories must not be empty");
  const fallbackCategory = options.fallbackCategory ?? "non-violent-crimes";
  const transport = options.transport ?? "prompt";
  return makeJudge({
    name,
    stages: options.stages ?? ["input", "output"],
    categories: [...new Set([...categories.map((c) => c.category), fallbackCategory])],
    provider: options.provider,
    ...(options.model !== undefined ? { model: options.model } : {}),
    maxTokens: options.maxTokens ?? 20,
    messages: (req) =>
      transport === "conversation"
        ? llamaGuardConversation(req)
        : [{ role: "user", content: llamaGuardPrompt({ ...req, categories }) }],
    parse: (reply) => parseLlamaGuard(reply, { detector: name, categories, fallbackCategory }),
  });
}
