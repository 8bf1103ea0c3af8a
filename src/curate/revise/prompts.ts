/**
 * The critique and revision requests of `guardstack revise` (Constitutional AI's critique-and-revise
 * loop). The conversation and the reply are quoted to the model, never replayed as its own chat. The
 * critique must open with a machine-readable verdict line, "VIOLATION: yes" or "VIOLATION: no".
 */
import type { ChatMessage } from "../../providers/types.js";
import type { PrincipleT } from "../config.js";
import { transcript } from "../conversation.js";

const CRITIC =
  "You review an AI assistant's replies against one principle at a time. You are strict about the principle and fair to the reply: you do not flag what the principle does not cover.";

export function critiqueMessages(
  principle: PrincipleT,
  context: readonly { role: string; content: string }[],
  reply: string,
): ChatMessage[] {
  return [
    { role: "system", content: CRITIC },
    {
      role: "user",
      content: [
        `Principle: ${principle.text}`,
        `Conversation before the reply:\n<<<\n${context.length > 0 ? transcript(context) : "(none)"}\n>>>`,
        `Reply to review:\n<<<\n${reply}\n>>>`,
        'Does the reply violate the principle? Answer on the first line with exactly "VIOLATION: yes" or "VIOLATION: no". Then explain briefly, quoting the parts that violate it, if any.',
      ].join("\n\n"),
    },
  ];
}

export function revisionMessages(
  principle: PrincipleT,
  context: readonly { role: string; content: string }[],
  reply: string,
  critique: string,
): ChatMessage[] {
  return [
    {
      role: "system",
      content:
        "You rewrite an AI assistant's reply so that it follows a principle, keeping everything in it that is helpful and safe.",
    },
    {
      role: "user",
      content: [
        `Principle: ${principle.text}`,
        `Conversation before the reply:\n<<<\n${context.length > 0 ? transcript(context) : "(none)"}\n>>>`,
        `Reply:\n<<<\n${reply}\n>>>`,
        `Critique:\n<<<\n${critique}\n>>>`,
        "Rewrite the reply so that it follows the principle. Answer with the rewritten reply only, with no preamble or notes.",
      ].join("\n\n"),
    },
  ];
}
