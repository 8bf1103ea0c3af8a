/**
 * Alpaca records: `{"instruction", "input", "output"}`; `input` is data the instruction works on (a
 * passage to summarise), read as a context turn. LLaMA-Factory's optional `system` and `history`
 * (`[[user, assistant], ...]` before the instruction) are read too.
 */
import type { FormatAdapter, Turn } from "./types.js";
import { isObject } from "./types.js";

export const alpacaFormat: FormatAdapter = {
  name: "alpaca",
  shape: '{"instruction", "input", "output"}',
  matches: (value) => isObject(value) && typeof value.instruction === "string",
  parse(value) {
    if (!isObject(value) || typeof value.instruction !== "string")
      return 'expected {"instruction": "...", "input": "...", "output": "..."}';
    const turns: Turn[] = [];
    if (typeof value.system === "string")
      turns.push({ role: "system", text: value.system, path: ["system"] });
    if (value.history !== undefined) {
      if (!Array.isArray(value.history)) return "history must be a list of [user, assistant] pairs";
      const history = value.history as unknown[];
      for (let i = 0; i < history.length; i++) {
        const pair: unknown = history[i];
        if (!Array.isArray(pair) || typeof pair[0] !== "string" || typeof pair[1] !== "string")
          return `history[${i}] must be a [user, assistant] pair of strings`;
        turns.push({ role: "user", text: pair[0], path: ["history", i, 0] });
        turns.push({ role: "assistant", text: pair[1], path: ["history", i, 1] });
      }
    }
    turns.push({ role: "user", text: value.instruction, path: ["instruction"] });
    for (const [key, role] of [
      ["input", "context"],
      ["output", "assistant"],
    ] as const) {
      const v = value[key];
      if (v === undefined || v === null) continue;
      if (typeof v !== "string") return `${key} must be a string`;
      if (v !== "" || key === "output") turns.push({ role, text: v, path: [key] });
    }
    return { format: "alpaca", turns, threads: [turns.map((_, i) => i)] };
  },
};
