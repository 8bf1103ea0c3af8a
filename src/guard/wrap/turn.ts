/**
 * The part of a conversation the rails look at on each model call: the last user message, and the tool
 * results that came after it (the agent loop's current turn). Earlier turns were checked when they were
 * new; re-checking the current turn's tool results on every step keeps a stateless caller safe.
 */
import type { ChatMessage } from "../../providers/types.js";

export interface TurnToolResult {
  /** Index in the messages. */
  index: number;
  callId: string;
  name: string;
  content: string;
}

export interface Turn {
  /** Index of the last user message, or -1. */
  userIndex: number;
  userText?: string;
  /** True when the conversation ends with the user message: a new user turn begins. */
  newTurn: boolean;
  toolResults: TurnToolResult[];
  /** The system messages' text, for leakage checks. */
  systemPrompt?: string;
}

export function readTurn(messages: readonly ChatMessage[]): Turn {
  let userIndex = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.role === "user") {
      userIndex = i;
      break;
    }
  }
  const toolNames = new Map<string, string>();
  const toolResults: TurnToolResult[] = [];
  const system: string[] = [];
  messages.forEach((m, i) => {
    if (m.role === "system" && m.content !== "") system.push(m.content);
    if (m.role === "assistant") for (const c of m.toolCalls ?? []) toolNames.set(c.id, c.name);
    if (m.role === "tool" && i > userIndex) {
      const name =
        m.name ?? (m.toolCallId !== undefined ? toolNames.get(m.toolCallId) : undefined) ?? "unknown";
      toolResults.push({ index: i, callId: m.toolCallId ?? name, name, content: m.content });
    }
  });
  const turn: Turn = { userIndex, newTurn: userIndex >= 0 && userIndex === messages.length - 1, toolResults };
  if (userIndex >= 0) turn.userText = messages[userIndex]!.content;
  if (system.length > 0) turn.systemPrompt = system.join("\n\n");
  return turn;
}
