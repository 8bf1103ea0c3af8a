/**
 * ShareGPT records: `{"conversations": [{"from": "human", "value": "..."}, {"from": "gpt", ...}]}`,
 * optionally with a top-level `system` prompt (LLaMA-Factory). Entries written as `{role, content}`
 * are read too.
 */
import type { FormatAdapter, Turn, TurnRole } from "./types.js";
import { isObject } from "./types.js";

const FROM: Readonly<Record<string, TurnRole>> = {
  system: "system",
  human: "user",
  user: "user",
  gpt: "assistant",
  assistant: "assistant",
  chatgpt: "assistant",
  bard: "assistant",
  bing: "assistant",
  model: "assistant",
  tool: "tool",
  function: "tool",
  observation: "tool",
  ipython: "tool",
  function_call: "tool-call",
};

export const SHAREGPT_ROLES: readonly string[] = Object.keys(FROM);

export const sharegptFormat: FormatAdapter = {
  name: "sharegpt",
  shape: '{"conversations": [{"from", "value"}]}',
  matches: (value) => isObject(value) && Array.isArray(value.conversations),
  parse(value) {
    if (!isObject(value) || !Array.isArray(value.conversations)) return 'expected {"conversations": [...]}';
    const turns: Turn[] = [];
    if (typeof value.system === "string")
      turns.push({ role: "system", text: value.system, path: ["system"] });
    const list = value.conversations as unknown[];
    for (let i = 0; i < list.length; i++) {
      const entry: unknown = list[i];
      if (!isObject(entry)) return `conversations[${i}] is not an object`;
      const fromKey = "from" in entry ? "from" : "role";
      const textKey = "from" in entry ? "value" : "content";
      const from = entry[fromKey];
      const role = typeof from === "string" ? FROM[from.toLowerCase()] : undefined;
      if (role === undefined)
        return `conversations[${i}] has ${fromKey} ${JSON.stringify(from)}; expected one of ${SHAREGPT_ROLES.join(", ")}`;
      const text = entry[textKey];
      if (typeof text !== "string") return `conversations[${i}].${textKey} must be a string`;
      turns.push({ role, text, path: ["conversations", i, textKey] });
    }
    return { format: "sharegpt", turns, threads: [turns.map((_, i) => i)] };
  },
};
