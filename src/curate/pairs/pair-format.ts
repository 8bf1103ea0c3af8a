/**
 * The two preference formats `guardstack pairs` writes:
 *
 * - dpo (TRL's DPOTrainer): `{"prompt": "...", "chosen": "...", "rejected": "..."}` when the prompt is a
 *   single user message, else (or with `conversational`) the conversational variant with message lists:
 *   `{"prompt": [{role, content}...], "chosen": [{"role": "assistant", ...}], "rejected": [...]}`.
 * - openai (OpenAI preference fine-tuning, DPO): `{"input": {"messages": [...]}, "preferred_output":
 *   [{"role": "assistant", "content"}], "non_preferred_output": [...]}`.
 */
import type { PromptMessage } from "../conversation.js";

export const PAIR_FORMATS = ["dpo", "openai"] as const;
export type PairFormat = (typeof PAIR_FORMATS)[number];

export interface Pair {
  prompt: PromptMessage[];
  chosen: string;
  rejected: string;
}

export function formatPair(pair: Pair, format: PairFormat, conversational = false): Record<string, unknown> {
  const assistant = (content: string) => [{ role: "assistant", content }];
  const messages = pair.prompt.map((m) => ({ role: m.role, content: m.content }));
  if (format === "openai")
    return {
      input: { messages },
      preferred_output: assistant(pair.chosen),
      non_preferred_output: assistant(pair.rejected),
    };
  const single = pair.prompt.length === 1 && pair.prompt[0]!.role === "user";
  if (single && !conversational)
    return { prompt: pair.prompt[0]!.content, chosen: pair.chosen, rejected: pair.rejected };
  return { prompt: messages, chosen: assistant(pair.chosen), rejected: assistant(pair.rejected) };
}
