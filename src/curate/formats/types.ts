/**
 * The common shape every training-data format is read into: a record's texts as turns, each with the
 * place it came from, so checks see one shape and repairs (redaction) are written back where the text
 * was. Threads list the turns that form one dialogue, in order: a chat is one thread; a preference
 * record is two (prompt + chosen, prompt + rejected).
 */

export const FORMAT_NAMES = ["openai", "sharegpt", "alpaca", "preference", "text"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/**
 * Who wrote a turn. "context" is data attached to a request (Alpaca's `input`), "text" a plain document,
 * "tool-call" the JSON arguments of an assistant's tool call.
 */
export type TurnRole = "system" | "user" | "assistant" | "tool" | "tool-call" | "context" | "text";

/** A key path into a record: object keys and array indexes. */
export type RecordPath = readonly (string | number)[];

export interface Turn {
  role: TurnRole;
  text: string;
  /** Where the text lives in the record. */
  path: RecordPath;
  /** For a turn inside a transcript string (HH "Human:/Assistant:"): its UTF-16 range in that string. */
  range?: readonly [number, number];
  /** In a preference record: the shared prompt, or the chosen or rejected response. */
  side?: "prompt" | "chosen" | "rejected";
}

export interface ParsedRecord {
  format: FormatName;
  turns: Turn[];
  /** Each dialogue in the record, as turn indexes in order. */
  threads: number[][];
}

/** Reads one record of a format; returns an error message (no line number) when it does not fit. */
export interface FormatAdapter {
  name: FormatName;
  /** One line for error messages: the shape of a record. */
  shape: string;
  /** True when a JSON value looks like this format (used to auto-detect). */
  matches(value: unknown): boolean;
  parse(value: unknown): ParsedRecord | string;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
