/**
 * Turns a whole response into the chunks a stream would have carried, for providers that only produce
 * whole responses (a user's function, a replayed recording).
 */
import type { ChatChunk, ChatResponse } from "./types.js";

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160;
}

/** Splits text into words, each with the whitespace that follows it; joining them gives the text back. */
export function wordChunks(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    out.push(text.slice(start, i));
    start = i;
  }
  return out;
}

export function responseToChunks(response: ChatResponse): ChatChunk[] {
  const chunks: ChatChunk[] = wordChunks(response.text).map((delta) => ({ type: "text", delta }));
  for (const call of response.toolCalls) chunks.push({ type: "tool-call", call });
  chunks.push(
    response.usage
      ? { type: "finish", finishReason: response.finishReason, usage: response.usage }
      : { type: "finish", finishReason: response.finishReason },
  );
  return chunks;
}
