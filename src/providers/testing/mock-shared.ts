/**
 * Plumbing shared by the mock OpenAI and Anthropic servers: reading JSON bodies, waiting without outliving
 * a closed connection, splitting text into streamed pieces, and counting "tokens" (whitespace-split words).
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";

export async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

/** Waits `ms`, or less if the client goes away first (so a timed-out request does not pin the server). */
export function wait(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0 || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off("close", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on("close", done);
  });
}

/** Splits text into pieces of `size` code points (never halves a surrogate pair). */
export function chunkText(text: string, size: number): string[] {
  const points = Array.from(text);
  const step = Math.max(1, Math.floor(size));
  const out: string[] = [];
  for (let i = 0; i < points.length; i += step) out.push(points.slice(i, i + step).join(""));
  return out;
}

/** The mock servers' token count: whitespace-separated words. */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 160;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/**
 * Text of a message content in either API's shape: a string, or an array of parts (`{ type: "text", text }`,
 * Anthropic's `tool_result` with nested content). `typedTextOnly` keeps just the text parts, i.e. what the
 * user wrote rather than tool output riding in the same turn.
 */
export function contentText(content: unknown, typedTextOnly = false): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const texts: string[] = [];
  for (const part of content as unknown[]) {
    if (typeof part === "string") texts.push(part);
    else if (part && typeof part === "object") {
      const p = part as { type?: unknown; text?: unknown; content?: unknown };
      if (typedTextOnly && p.type !== "text") continue;
      if (typeof p.text === "string") texts.push(p.text);
      else if (p.content !== undefined) texts.push(contentText(p.content));
    }
  }
  return texts.join("\n");
}

/** The text of the last user message, which the default handlers echo and scripted rules match. */
export function lastUserText(messages: readonly { role: string; content: unknown }[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m && m.role === "user") return contentText(m.content, true);
  }
  return "";
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Writes to a stream unless the client has gone; returns false once it has. */
export function write(res: ServerResponse, text: string): boolean {
  if (res.destroyed || res.writableEnded) return false;
  res.write(text);
  return true;
}

/** Listens on 127.0.0.1 and resolves the port actually bound. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      if (address && typeof address === "object") resolve(address.port);
      else reject(new Error("mock server: could not read the bound port"));
    });
  });
}

/** Stops accepting, drops open (keep-alive or stalled) connections, and resolves once closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

/** Counts requests in flight, and the most seen at once (to check a client's concurrency limit). */
export class InFlightCounter {
  current = 0;
  max = 0;
  enter(): void {
    this.current++;
    if (this.current > this.max) this.max = this.current;
  }
  leave(): void {
    this.current--;
  }
}

let idCounter = 0;
/** A unique, readable id such as `chatcmpl-mock-7`. */
export function mockId(prefix: string): string {
  idCounter++;
  return `${prefix}${idCounter}`;
}
