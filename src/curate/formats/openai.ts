/** OpenAI chat fine-tuning records: `{"messages": [{"role", "content"}, ...]}`. */
import { messageTurns } from "./messages.js";
import type { FormatAdapter } from "./types.js";
import { isObject } from "./types.js";

export const openaiFormat: FormatAdapter = {
  name: "openai",
  shape: '{"messages": [{"role", "content"}]}',
  matches: (value) => isObject(value) && Array.isArray(value.messages),
  parse(value) {
    if (!isObject(value) || !Array.isArray(value.messages)) return 'expected {"messages": [...]}';
    const turns = messageTurns(value.messages, ["messages"]);
    if (typeof turns === "string") return turns;
    return { format: "openai", turns, threads: [turns.map((_, i) => i)] };
  },
};
