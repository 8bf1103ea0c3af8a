/**
 * `POST /v1/chat/completions` served straight on Node's request and response: the server's own path for
 * its busiest route, without a web Request, router or web Response in between (the Hono app serves the
 * same handler for embedders, and every other route). Same behaviour: the API key first, then the body
 * (413 over the limit, 400 if not JSON), errors in OpenAI's format, and the upstream call cancelled when
 * the client goes away.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ANONYMOUS } from "../auth/key-ring.js";
import { HttpError, toHttpError } from "../http/openai-error.js";
import { readIncomingJson } from "../http/read-json.js";
import type { ServerState } from "../runtime/state.js";
import { handleChat } from "./handler.js";
import { writeReply } from "./reply.js";

export const CHAT_PATH = "/v1/chat/completions";

function writeError(res: ServerResponse, e: HttpError): void {
  if (res.destroyed) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(e.body());
  res.writeHead(e.status, {
    "content-type": "application/json",
    ...e.headers,
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

export async function serveChat(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort(new Error("the client closed the connection"));
  });
  try {
    const caller = state.keys.size === 0 ? ANONYMOUS : state.keys.authenticate(req.headers.authorization);
    const json = await readIncomingJson(req, state.config.limits.maxBodyBytes);
    await writeReply(res, await handleChat(state, caller, json, controller.signal));
  } catch (err) {
    const e = toHttpError(err);
    if (e.status >= 500 && !(err instanceof HttpError))
      state.logger.error({ err, path: CHAT_PATH }, "request failed");
    writeError(res, e);
  }
}
