/**
 * What the chat handler answers, before it is put on the wire: a whole JSON body, or a stream of SSE
 * events made one at a time as the client reads. Served two ways: written straight to Node's
 * ServerResponse (the server's own request path), or as a web Response (the Hono app, for embedders).
 */
import type { ServerResponse } from "node:http";

export const JSON_HEADERS: Readonly<Record<string, string>> = { "content-type": "application/json" };

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  "x-accel-buffering": "no",
};

export type ChatReply =
  | { status: number; headers: Readonly<Record<string, string>>; body: string }
  | {
      status: number;
      headers: Readonly<Record<string, string>>;
      /** SSE events ("" is skipped); returning early (client gone) cancels what makes them. */
      events: AsyncGenerator<string, void, undefined>;
    };

export function jsonReply(value: unknown, status = 200): ChatReply {
  return { status, headers: JSON_HEADERS, body: JSON.stringify(value) };
}

const encoder = new TextEncoder();

/** A pull-driven byte stream over an event generator: the next event is made only when the client reads. */
function readable(events: AsyncGenerator<string, void, undefined>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (;;) {
          const step = await events.next();
          if (step.done) return controller.close();
          if (step.value !== "") return controller.enqueue(encoder.encode(step.value));
        }
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
}

/** The reply as a web Response (the Hono app's route). */
export function toResponse(reply: ChatReply): Response {
  const init = { status: reply.status, headers: { ...reply.headers } };
  return "body" in reply ? new Response(reply.body, init) : new Response(readable(reply.events), init);
}

/**
 * Writes the reply to Node's response: a whole body in one write, or the events as they come, waiting
 * for the client to drain what it was sent. A client that goes away ends the event generator.
 */
export async function writeReply(res: ServerResponse, reply: ChatReply): Promise<void> {
  if (res.destroyed) {
    if ("events" in reply) await reply.events.return(undefined);
    return;
  }
  if ("body" in reply) {
    res.writeHead(reply.status, { ...reply.headers, "content-length": Buffer.byteLength(reply.body) });
    res.end(reply.body);
    return;
  }
  res.writeHead(reply.status, reply.headers);
  res.flushHeaders();
  const events = reply.events;
  try {
    for (;;) {
      const step = await events.next();
      if (step.done) break;
      if (res.destroyed) return;
      if (step.value === "") continue;
      if (!res.write(step.value)) {
        // Wait for the client to catch up, or to go away.
        await drainedOrClosed(res);
        if (res.destroyed) return;
      }
    }
    res.end();
  } finally {
    // Done already (a no-op), or stopped early: the generator's cleanup cancels the upstream.
    await events.return(undefined);
  }
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
