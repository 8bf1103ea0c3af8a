/**
 * A content hash of a conversation, used to find replayed recordings and as a cache key. It covers each
 * message's role, content, name and tool calls (name and arguments) in order, and deliberately leaves out
 * tool-call ids, which are random per run and would make identical conversations look different.
 */
import { createHash } from "node:crypto";
import type { ChatMessage } from "./types.js";

const VERSION = "guardstack-conversation-v1";

export function conversationKey(messages: readonly ChatMessage[]): string {
  const canonical = messages.map((m) => [
    m.role,
    m.content,
    m.name ?? null,
    (m.toolCalls ?? []).map((c) => [c.name, c.arguments]),
  ]);
  return createHash("sha256").update(VERSION).update("\n").update(JSON.stringify(canonical)).digest("hex");
}
