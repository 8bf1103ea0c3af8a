/**
 * The AI SDK prompt (LanguageModelV3Prompt) as the rails see it: the last user message's text parts,
 * the tool results after it, the system messages — and the same prompt rewritten with what the rails
 * passed on (redacted text, checked or withheld tool results). File parts are kept as they are.
 */
import type {
  JSONValue,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3ToolResultOutput,
  LanguageModelV3ToolResultPart,
} from "@ai-sdk/provider";
import { passedText, stops, type InputRails, type RailToolResult } from "../../guard/wrap/rails.js";
import type { ToolResultCheck } from "../../guard/tools/types.js";

export interface PromptToolResult extends RailToolResult {
  /** Message index and part index of the tool-result part. */
  at: [number, number];
  output: LanguageModelV3ToolResultOutput;
  /** The text the rail checks, when the output is text (not JSON data). */
  text?: string;
}

export interface PromptTurn {
  userIndex: number;
  userText?: string;
  newTurn: boolean;
  toolResults: PromptToolResult[];
  systemPrompt?: string;
}

function outputContent(
  output: LanguageModelV3ToolResultOutput,
): { content: unknown; text?: string } | undefined {
  switch (output.type) {
    case "text":
    case "error-text":
      return { content: output.value, text: output.value };
    case "json":
    case "error-json":
      return { content: output.value };
    case "content": {
      const text = output.value.map((p) => (p.type === "text" ? p.text : "")).join("\n");
      return { content: text, text };
    }
    default:
      return undefined; // execution-denied: nothing the tool returned
  }
}

export function readPromptTurn(prompt: LanguageModelV3Prompt): PromptTurn {
  let userIndex = -1;
  for (let i = prompt.length - 1; i >= 0; i--) {
    if (prompt[i]!.role === "user") {
      userIndex = i;
      break;
    }
  }
  const turn: PromptTurn = {
    userIndex,
    newTurn: userIndex >= 0 && userIndex === prompt.length - 1,
    toolResults: [],
  };
  const system: string[] = [];
  prompt.forEach((m, i) => {
    if (m.role === "system" && m.content !== "") system.push(m.content);
    if (m.role === "user" && i === userIndex) {
      turn.userText = m.content
        .map((p) => (p.type === "text" ? p.text : ""))
        .filter((t) => t !== "")
        .join("\n");
    }
    if (m.role === "tool" && i > userIndex) {
      m.content.forEach((part, j) => {
        if (part.type !== "tool-result") return;
        const got = outputContent(part.output);
        if (!got) return;
        const r: PromptToolResult = {
          callId: part.toolCallId,
          name: part.toolName,
          content: got.content,
          at: [i, j],
          output: part.output,
        };
        if (got.text !== undefined) r.text = got.text;
        turn.toolResults.push(r);
      });
    }
  });
  if (system.length > 0) turn.systemPrompt = system.join("\n\n");
  return turn;
}

function parseJson(text: string): JSONValue | undefined {
  try {
    return JSON.parse(text) as JSONValue;
  } catch {
    return undefined;
  }
}

/** The output the model reads after the toolResult rail. */
function checkedOutput(
  r: PromptToolResult,
  check: ToolResultCheck,
  withheld: (check: ToolResultCheck) => string,
): LanguageModelV3ToolResultOutput {
  const o = r.output;
  if (stops(check.decision)) return { type: "error-text", value: withheld(check) };
  const text = check.decision.text;
  if (text === undefined) return o;
  if (o.type === "text" || o.type === "error-text") return text === o.value ? o : { ...o, value: text };
  if (o.type === "json" || o.type === "error-json") {
    if (check.decision.action !== "modify") return o;
    const value = parseJson(text);
    // Redactions that could not be written back into the JSON come back as checked lines of text.
    return value !== undefined
      ? { ...o, value }
      : { type: o.type === "json" ? "text" : "error-text", value: text };
  }
  if (o.type === "content") {
    if (text === r.text) return o;
    return { ...o, value: [{ type: "text", text }, ...o.value.filter((p) => p.type !== "text")] };
  }
  return o;
}

export function rewritePrompt(
  prompt: LanguageModelV3Prompt,
  turn: PromptTurn,
  rails: InputRails,
  withheld: (check: ToolResultCheck) => string,
): LanguageModelV3Prompt {
  const out: LanguageModelV3Message[] = prompt.slice();
  if (turn.userText !== undefined) {
    const text = passedText(rails.input, turn.userText);
    const m = out[turn.userIndex]!;
    if (text !== turn.userText && m.role === "user") {
      // The checked text replaces the message's text parts (joined when there were several); files stay.
      const first = m.content.findIndex((p) => p.type === "text");
      const content = m.content.filter((p, k) => p.type !== "text" || k === first);
      const at = content.findIndex((p) => p.type === "text");
      if (at >= 0) content[at] = { ...(content[at] as { type: "text"; text: string }), text };
      out[turn.userIndex] = { ...m, content };
    }
  }
  turn.toolResults.forEach((r, k) => {
    const check = rails.toolResults[k];
    if (!check) return;
    const output = checkedOutput(r, check, withheld);
    if (output === r.output) return;
    const [i, j] = r.at;
    const m = out[i]!;
    if (m.role !== "tool") return;
    const content = m.content.slice();
    content[j] = { ...(content[j] as LanguageModelV3ToolResultPart), output };
    out[i] = { ...m, content };
  });
  return out;
}
