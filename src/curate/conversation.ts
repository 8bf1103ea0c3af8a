/**
 * Turning a parsed record into what a model is shown: chat messages (for preference prompts) and a
 * plain transcript (for prompts that quote a conversation to a critic or a writer).
 */
import type { ParsedRecord, Turn } from "./formats/types.js";

export interface PromptMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/**
 * The turns as chat messages: system, user and assistant turns as they are; a context turn (Alpaca's
 * input) joins the user message before it. Returns an error string for turns a prompt cannot carry
 * (tool results and tool calls).
 */
export function toMessages(turns: readonly Turn[]): PromptMessage[] | string {
  const out: PromptMessage[] = [];
  for (const t of turns) {
    if (t.role === "tool" || t.role === "tool-call") return "has tool messages";
    if (t.role === "text") return "has no prompt (plain text)";
    if (t.role === "context") {
      const last = out[out.length - 1];
      if (last && last.role === "user") last.content += `\n\n${t.text}`;
      else out.push({ role: "user", content: t.text });
      continue;
    }
    out.push({ role: t.role, content: t.text });
  }
  return out;
}

/** A readable transcript for quoting to a model: "[user]: ..." blocks (any role names). */
export function transcript(messages: readonly { role: string; content: string }[]): string {
  return messages.map((m) => `[${m.role}]: ${m.content}`).join("\n\n");
}

/** The user text of the latest request: the user messages after the last assistant message. */
export function lastRequest(messages: readonly PromptMessage[]): string {
  const parts: string[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === "assistant") break;
    if (m.role === "user") parts.unshift(m.content);
  }
  return parts.join("\n");
}

/** Turn indexes of the thread's turns, for the parsed record's first thread (the chosen one for preferences). */
export function threadTurns(parsed: ParsedRecord, thread = 0): Turn[] {
  return (parsed.threads[thread] ?? []).map((i) => parsed.turns[i]!);
}
