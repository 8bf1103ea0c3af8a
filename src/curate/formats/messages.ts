/**
 * OpenAI-style message lists (`[{role, content}]`), shared by the OpenAI chat format and the
 * conversational preference format. Content may be a string, a list of parts (`{type: "text", text}`)
 * or null (an assistant message that only calls tools); tool-call arguments are turns of their own.
 */
import type { RecordPath, Turn, TurnRole } from "./types.js";
import { isObject } from "./types.js";

const ROLES: Readonly<Record<string, TurnRole>> = {
  system: "system",
  developer: "system",
  user: "user",
  assistant: "assistant",
  tool: "tool",
  function: "tool",
};

export const MESSAGE_ROLES: readonly string[] = Object.keys(ROLES);

function contentTurns(content: unknown, role: TurnRole, path: RecordPath, out: Turn[]): string | undefined {
  if (content === null || content === undefined) return undefined;
  if (typeof content === "string") {
    out.push({ role, text: content, path: [...path, "content"] });
    return undefined;
  }
  if (!Array.isArray(content)) return "content must be a string, a list of parts or null";
  content.forEach((part: unknown, j) => {
    if (typeof part === "string") out.push({ role, text: part, path: [...path, "content", j] });
    else if (isObject(part) && typeof part.text === "string")
      out.push({ role, text: part.text, path: [...path, "content", j, "text"] });
    // Non-text parts (images, audio) carry no text to check.
  });
  return undefined;
}

function toolCallTurns(calls: unknown, path: RecordPath, out: Turn[]): void {
  if (!Array.isArray(calls)) return;
  calls.forEach((call: unknown, k) => {
    if (isObject(call) && isObject(call.function) && typeof call.function.arguments === "string")
      out.push({
        role: "tool-call",
        text: call.function.arguments,
        path: [...path, "tool_calls", k, "function", "arguments"],
      });
  });
}

/** The turns of a message list at `base`; an error message when a message is malformed. */
export function messageTurns(messages: unknown, base: RecordPath, side?: Turn["side"]): Turn[] | string {
  if (!Array.isArray(messages)) return `${base.join(".")} must be a list of messages`;
  const out: Turn[] = [];
  for (let i = 0; i < messages.length; i++) {
    const m: unknown = messages[i];
    const where = `${base.join(".")}[${i}]`;
    if (!isObject(m)) return `${where} is not an object`;
    const role = typeof m.role === "string" ? ROLES[m.role] : undefined;
    if (role === undefined)
      return `${where} has role ${JSON.stringify(m.role)}; expected one of ${MESSAGE_ROLES.join(", ")}`;
    const start = out.length;
    const error = contentTurns(m.content, role, [...base, i], out);
    if (error) return `${where}: ${error}`;
    toolCallTurns(m.tool_calls, [...base, i], out);
    if (side) for (let t = start; t < out.length; t++) out[t]!.side = side;
  }
  return out;
}
