/**
 * A real HTTP server that speaks the Anthropic Messages API — `POST /v1/messages`, plain JSON and SSE
 * streaming (message_start, content_block_start/delta/stop, message_delta, message_stop), tool use
 * included — answering from a handler instead of a model. A deterministic test fixture like the mock
 * OpenAI server, with the same `MockReply` options.
 *
 * Note `url` is the server root (no `/v1`): that is the base URL the Anthropic SDK expects.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { MockReply } from "./mock-reply.js";
import {
  InFlightCounter,
  chunkText,
  closeServer,
  contentText,
  countWords,
  listen,
  mockId,
  readBody,
  sendJson,
  wait,
  write,
} from "./mock-shared.js";
import { echoReply } from "./scripted-handler.js";

export type { MockReply } from "./mock-reply.js";

export type MockAnthropicHandler = (body: {
  model: string;
  messages: { role: string; content: unknown }[];
  system?: unknown;
  stream?: boolean;
  tools?: unknown[];
  max_tokens?: number;
}) => MockReply | Promise<MockReply>;

export interface MockAnthropicServer {
  /** Server root, e.g. `http://127.0.0.1:40123` (the Anthropic SDK adds `/v1/messages`). */
  url: string;
  port: number;
  /** Parsed JSON bodies of the message requests received, in arrival order. */
  requests: unknown[];
  requestHeaders: IncomingHttpHeaders[];
  readonly inFlight: number;
  readonly maxInFlight: number;
  close(): Promise<void>;
}

export interface MockAnthropicServerOptions {
  handler?: MockAnthropicHandler;
  port?: number;
  /** When set, requests must carry the key (`x-api-key`, or `Authorization: Bearer` as SDK 1.x sends) or get a 401. */
  apiKey?: string;
}

type MessagesBody = Parameters<MockAnthropicHandler>[0];

function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const direct = headers["x-api-key"];
  if (typeof direct === "string") return direct;
  const auth = headers.authorization;
  return auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : undefined;
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  529: "overloaded_error",
};

function anthropicError(res: ServerResponse, status: number, message: string): void {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
  sendJson(res, status, { type: "error", error: { type, message } });
}

function inputWords(body: MessagesBody): number {
  let n = countWords(contentText(body.system));
  for (const m of body.messages) n += countWords(contentText(m.content));
  return n;
}

function outputWords(reply: MockReply): number {
  let n = countWords(reply.text ?? "");
  for (const call of reply.toolCalls ?? []) n += countWords(call.arguments);
  return n;
}

function sendMessage(res: ServerResponse, body: MessagesBody, reply: MockReply): void {
  const content: object[] = [];
  if (reply.text !== undefined || !reply.toolCalls?.length)
    content.push({ type: "text", text: reply.text ?? "" });
  for (const call of reply.toolCalls ?? []) {
    let input: unknown;
    try {
      input = JSON.parse(call.arguments);
    } catch {
      return anthropicError(
        res,
        500,
        `mock reply: tool call arguments must be a JSON object for ${call.name}`,
      );
    }
    content.push({ type: "tool_use", id: mockId("toolu_mock"), name: call.name, input });
  }
  sendJson(res, 200, {
    id: mockId("msg_mock"),
    type: "message",
    role: "assistant",
    model: body.model,
    content,
    stop_reason: reply.toolCalls?.length ? "tool_use" : "end_turn",
    stop_sequence: null,
    usage: { input_tokens: inputWords(body), output_tokens: outputWords(reply) },
  });
}

async function sendStream(res: ServerResponse, body: MessagesBody, reply: MockReply): Promise<void> {
  const size = reply.chunkSize ?? 4;
  const gap = reply.chunkDelayMs ?? 0;
  const event = (type: string, data: object): string =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

  const events: string[] = [
    event("message_start", {
      message: {
        id: mockId("msg_mock"),
        type: "message",
        role: "assistant",
        model: body.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: inputWords(body), output_tokens: 1 },
      },
    }),
  ];
  let index = 0;
  if (reply.text !== undefined || !reply.toolCalls?.length) {
    events.push(event("content_block_start", { index, content_block: { type: "text", text: "" } }));
    events.push(event("ping", {}));
    for (const piece of chunkText(reply.text ?? "", size))
      events.push(event("content_block_delta", { index, delta: { type: "text_delta", text: piece } }));
    events.push(event("content_block_stop", { index }));
    index++;
  }
  for (const call of reply.toolCalls ?? []) {
    events.push(
      event("content_block_start", {
        index,
        content_block: { type: "tool_use", id: mockId("toolu_mock"), name: call.name, input: {} },
      }),
    );
    events.push(
      event("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: "" } }),
    );
    for (const piece of chunkText(call.arguments, size))
      events.push(
        event("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: piece } }),
      );
    events.push(event("content_block_stop", { index }));
    index++;
  }
  events.push(
    event("message_delta", {
      delta: { stop_reason: reply.toolCalls?.length ? "tool_use" : "end_turn", stop_sequence: null },
      usage: { output_tokens: outputWords(reply) },
    }),
  );
  events.push(event("message_stop", {}));

  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  for (let i = 0; i < events.length; i++) {
    if (i > 0) await wait(gap, res);
    if (!write(res, events[i]!)) return;
  }
  res.end();
}

export async function startMockAnthropicServer(
  options: MockAnthropicServerOptions = {},
): Promise<MockAnthropicServer> {
  const handler: MockAnthropicHandler = options.handler ?? echoReply;
  const requests: unknown[] = [];
  const requestHeaders: IncomingHttpHeaders[] = [];
  const counter = new InFlightCounter();

  async function messages(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: MessagesBody;
    try {
      body = JSON.parse(await readBody(req)) as MessagesBody;
    } catch {
      return anthropicError(
        res,
        400,
        "There was an issue with the format of your request body: invalid JSON",
      );
    }
    requests.push(body);
    requestHeaders.push(req.headers);
    if (options.apiKey !== undefined && presentedKey(req.headers) !== options.apiKey)
      return anthropicError(res, 401, "invalid x-api-key");
    if (!body || typeof body.model !== "string" || !Array.isArray(body.messages))
      return anthropicError(res, 400, "model: Field required; messages: Field required");
    if (typeof body.max_tokens !== "number") return anthropicError(res, 400, "max_tokens: Field required");

    let reply: MockReply;
    try {
      reply = await handler(body);
    } catch (err) {
      return anthropicError(
        res,
        500,
        `mock handler failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    await wait(reply.delayMs ?? 0, res);
    if (res.destroyed) return;
    if (reply.status !== undefined && reply.status >= 400)
      return anthropicError(res, reply.status, reply.text ?? `mock error ${reply.status}`);
    if (reply.garbage !== undefined) {
      res.writeHead(200, { "content-type": body.stream ? "text/event-stream" : "application/json" });
      res.end(reply.garbage);
      return;
    }
    if (body.stream) await sendStream(res, body, reply);
    else sendMessage(res, body, reply);
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "POST" && path === "/v1/messages") {
      counter.enter();
      messages(req, res)
        .catch(() => {
          if (!res.headersSent) anthropicError(res, 500, "mock server failed");
          else res.destroy();
        })
        .finally(() => counter.leave());
    } else {
      req.resume();
      anthropicError(res, 404, `Not found: ${req.method ?? "?"} ${path}`);
    }
  });
  const port = await listen(server, options.port ?? 0);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    requestHeaders,
    get inFlight() {
      return counter.current;
    },
    get maxInFlight() {
      return counter.max;
    },
    close: () => closeServer(server),
  };
}
