/**
 * What `guardstack pairs` asks a provider for, when the data lacks one side of a pair. The conversation
 * is quoted to the model (not replayed as its own chat), so it writes about the request instead of
 * answering it in character. Every reply is checked by the classifiers before it is used: a "safe"
 * reply that is harmful, a "helpful" one that refuses, or a "refusal" that is not one is discarded.
 * A harmful reply is never asked for: the rejected side of a harmful prompt comes only from the data.
 */
import type { ChatMessage } from "../../providers/types.js";
import { transcript, type PromptMessage } from "../conversation.js";

export type GeneratedSide = "safe-response" | "helpful-answer" | "needless-refusal";

const TASK: Record<GeneratedSide, (style: string, safeReply: string) => string> = {
  "safe-response": (style, safeReply) =>
    [
      "You write the assistant's replies for a safety fine-tuning data set.",
      "The conversation you are shown ends with a request for help that could cause serious harm, so the reply must not give that help.",
      "Write the reply the assistant should give.",
      style,
      `For reference, the application's standard refusal reads: "${safeReply}". Write in that spirit, but specific to the request.`,
      "Reply with the assistant's message only, with no preamble or notes.",
    ].join(" "),
  "helpful-answer": () =>
    [
      "You write the assistant's replies for a safety fine-tuning data set.",
      "The conversation you are shown ends with a request that may look dangerous at first sight but is legitimate and safe to answer.",
      "Write a helpful, accurate and complete answer, as a knowledgeable expert would.",
      "Do not refuse, do not lecture, and add no warnings beyond what the topic genuinely needs.",
      "Reply with the assistant's message only, with no preamble or notes.",
    ].join(" "),
  "needless-refusal": () =>
    [
      "You write negative examples for a safety fine-tuning data set.",
      "Write the reply of an over-cautious assistant that wrongly refuses the last request of the conversation you are shown, mistaking it for a dangerous one.",
      "One to three sentences. Reply with the refusal only.",
    ].join(" "),
};

/** The request for one missing side of a pair. */
export function generationMessages(
  side: GeneratedSide,
  prompt: readonly PromptMessage[],
  style: string,
  safeReply: string,
): ChatMessage[] {
  return [
    { role: "system", content: TASK[side](style, safeReply) },
    {
      role: "user",
      content: `The conversation so far:\n\n<<<\n${transcript(prompt)}\n>>>\n\nWrite the assistant's next reply.`,
    },
  ];
}
