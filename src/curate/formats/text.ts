/** Plain text records: `{"text": "..."}` (pre-training or continued-pre-training corpora). */
import type { FormatAdapter } from "./types.js";
import { isObject } from "./types.js";

export const textFormat: FormatAdapter = {
  name: "text",
  shape: '{"text"}',
  matches: (value) => isObject(value) && typeof value.text === "string",
  parse(value) {
    if (!isObject(value) || typeof value.text !== "string") return 'expected {"text": "..."}';
    return { format: "text", turns: [{ role: "text", text: value.text, path: ["text"] }], threads: [[0]] };
  },
};
