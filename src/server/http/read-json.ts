/**
 * Reads a request's JSON body with a size limit: a declared Content-Length over the limit is refused
 * before reading, and a body that grows past it while streaming in is cut off there (413 either way),
 * so an oversized body never sits whole in memory. Under Node the body is read straight from the
 * IncomingMessage (much cheaper than through a web ReadableStream).
 */
import type { IncomingMessage } from "node:http";
import { HttpError } from "./openai-error.js";

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    `The request body is larger than the server's limit of ${maxBytes} bytes (limits.maxBodyBytes).`,
    "invalid_request_error",
    "request_too_large",
    null,
    // The rest of the body is not read: close the connection rather than keep it for another request.
    { connection: "close" },
  );
}

function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let failed = false;
    incoming.on("data", (part: Buffer) => {
      if (failed) return; // discarded: the 413 closes the connection
      size += part.length;
      if (size > maxBytes) {
        failed = true;
        reject(tooLarge(maxBytes));
      } else parts.push(part);
    });
    incoming.once("end", () => {
      if (!failed) resolve(Buffer.concat(parts, size).toString("utf8"));
    });
    incoming.once("error", reject);
  });
}

export async function readBodyText(
  request: Request,
  maxBytes: number,
  incoming?: IncomingMessage,
): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (incoming) return readIncoming(incoming, maxBytes);
  if (!request.body) return "";
  const reader: ReadableStreamDefaultReader<Uint8Array> = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    parts.push(value);
  }
  return Buffer.concat(parts, size).toString("utf8");
}

/** The parsed body; 400 in OpenAI's words when it is not JSON. */
export async function readJson(
  request: Request,
  maxBytes: number,
  incoming?: IncomingMessage,
): Promise<unknown> {
  return parseJsonBody(await readBodyText(request, maxBytes, incoming));
}

/** The same, straight from Node's request (no web Request in between). */
export async function readIncomingJson(incoming: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = incoming.headers["content-length"];
  if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  return parseJsonBody(await readIncoming(incoming, maxBytes));
}

function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new HttpError(
      400,
      `We could not parse the JSON body of your request (${why}). The body must be a JSON object.`,
      "invalid_request_error",
      "invalid_json",
    );
  }
}
