/** The guard-alone target's recordings for the built-in suites (see recordings/builtin-responses.ts). */
import type { ChatResponse } from "../../providers/types.js";
import type { EvalCase } from "../types.js";
import { BUILTIN_RESPONSES } from "./recordings/builtin-responses.js";

export const BUILTIN_RECORDINGS_LABEL = "builtin-recordings";

/** "builtin:injection" → "injection"; other sources have no built-in recordings. */
function suiteOf(c: EvalCase): string | undefined {
  return c.source?.startsWith("builtin:") ? c.source.slice("builtin:".length) : undefined;
}

/** The recorded response for a built-in case (a strategy variant gets its seed's), if there is one. */
export function builtinRecordings(c: EvalCase): ChatResponse | undefined {
  const suite = suiteOf(c);
  if (suite === undefined) return undefined;
  const r =
    BUILTIN_RESPONSES[`${suite}/${c.id}`] ??
    (c.behaviour ? BUILTIN_RESPONSES[`${suite}/${c.behaviour}`] : undefined);
  if (!r) return undefined;
  const toolCalls = (r.toolCalls ?? []).map((t, i) => ({
    id: `call_rec_${i}`,
    name: t.name,
    arguments: t.arguments,
  }));
  return { text: r.text, toolCalls, finishReason: toolCalls.length > 0 ? "tool_calls" : "stop" };
}
