/**
 * OpenAI chat messages as the rails see them: the last user message's text (a string, or its text parts
 * joined), the tool messages after it, the system and developer messages — and the messages rewritten
 * with what the rails passed on. Image, audio and file parts are kept as they are.
 */
import type {
  ChatCompletionContentPart,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
} from "openai/resources/chat/completions";
import type { ToolResultCheck } from "../../guard/tools/types.js";
import { passedText, stops, type InputRails, type RailToolResult } from "../../guard/wrap/rails.js";
import type { ToolCall } from "../../providers/types.js";

type Content = string | ReadonlyArray<{ type: string; text?: string }> | null | undefined;

export function contentText(content: Content): string {
  if (typeof content === "string") return content;
  if (!content) return "";
  return content
    .map((p) => (p.type === "text" && typeof p.text === "string" ? p.text : ""))
    .filter((t) => t !== "")
    .join("\n");
}

export interface OpenAIToolResult extends RailToolResult {
  index: number;
  content: string;
}

export interface OpenAITurn {
  userIndex: number;
  userText?: string;
  newTurn: boolean;
  toolResults: OpenAIToolResult[];
  systemPrompt?: string;
}

/** A tool call as the rails see it. Custom (free-text) tools are checked as `{"input": "..."}`. */
export function asRailCall(c: ChatCompletionMessageToolCall): ToolCall {
  return c.type === "function"
    ? { id: c.id, name: c.function.name, arguments: c.function.arguments }
    : { id: c.id, name: c.custom.name, arguments: JSON.stringify({ input: c.custom.input }) };
}

/** The call with the arguments the tool rail passed (redacted where the policy redacts). */
export function withArguments(c: ChatCompletionMessageToolCall, args: string): ChatCompletionMessageToolCall {
  if (c.type === "function") return { ...c, function: { ...c.function, arguments: args } };
  let input = c.custom.input;
  try {
    const parsed = JSON.parse(args) as { input?: unknown };
    if (typeof parsed.input === "string") input = parsed.input;
  } catch {
    /* the rail passed the arguments unchanged */
  }
  return { ...c, custom: { ...c.custom, input } };
}

export function readOpenAITurn(messages: readonly ChatCompletionMessageParam[]): OpenAITurn {
  let userIndex = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.role === "user") {
      userIndex = i;
      break;
    }
  }
  const names = new Map<string, string>();
  const turn: OpenAITurn = {
    userIndex,
    newTurn: userIndex >= 0 && userIndex === messages.length - 1,
    toolResults: [],
  };
  const system: string[] = [];
  messages.forEach((m, i) => {
    if (m.role === "system" || m.role === "developer") {
      const t = contentText(m.content);
      if (t !== "") system.push(t);
    } else if (m.role === "user" && i === userIndex) {
      turn.userText = contentText(m.content);
    } else if (m.role === "assistant") {
      for (const c of m.tool_calls ?? []) names.set(c.id, asRailCall(c).name);
    } else if (m.role === "tool" && i > userIndex) {
      const name = names.get(m.tool_call_id) ?? "unknown";
      turn.toolResults.push({ index: i, callId: m.tool_call_id, name, content: contentText(m.content) });
    }
  });
  if (system.length > 0) turn.systemPrompt = system.join("\n\n");
  return turn;
}

export function rewriteOpenAIMessages(
  messages: readonly ChatCompletionMessageParam[],
  turn: OpenAITurn,
  rails: InputRails,
  withheld: (check: ToolResultCheck) => string,
): ChatCompletionMessageParam[] {
  const out = messages.slice();
  const m = out[turn.userIndex];
  if (turn.userText !== undefined && m?.role === "user") {
    const text = passedText(rails.input, turn.userText);
    if (text !== turn.userText) {
      if (typeof m.content === "string") out[turn.userIndex] = { ...m, content: text };
      else {
        // The checked text replaces the text parts (joined when there were several); other parts stay.
        const parts: ChatCompletionContentPart[] = m.content.filter((p) => p.type !== "text");
        out[turn.userIndex] = { ...m, content: [{ type: "text", text }, ...parts] };
      }
    }
  }
  turn.toolResults.forEach((r, k) => {
    const check = rails.toolResults[k];
    const msg = out[r.index];
    if (!check || msg?.role !== "tool") return;
    const content = stops(check.decision) ? withheld(check) : passedText(check.decision, r.content);
    if (content !== r.content) out[r.index] = { ...msg, content };
  });
  return out;
}
