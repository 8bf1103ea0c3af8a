/**
 * A real HTTP server that speaks the OpenAI Chat Completions API — `POST /v1/chat/completions` (plain JSON
 * and SSE streaming, tool calls included) and `GET /v1/models` — answering from a handler instead of a
 * model. It is a deterministic test fixture: tests and offline demos point the official SDK (or the
 * guard's proxy) at `url` and get exactly the replies the handler scripts, byte-compatible with OpenAI's
 * wire format (chunk objects, tool-call fragments, `data: [DONE]`, error JSON).
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
export { scriptedHandler, echoReply, type ScriptRule } from "./scripted-handler.js";

export type MockHandler = (body: {
  model: string;
  messages: { role: string; content: unknown }[];
  stream?: boolean;
  tools?: unknown[];
}) => MockReply | Promise<MockReply>;

export interface MockOpenAIServer {
  /** Base URL ending in /v1, e.g. `http://127.0.0.1:40123/v1`. */
  url: string;
  port: number;
  /** Parsed JSON bodies of the chat-completion requests received, in arrival order. */
  requests: unknown[];
  /** Headers of those requests, same order (to check auth or custom headers). */
  requestHeaders: IncomingHttpHeaders[];
  /** Chat-completion requests being answered right now, and the most ever at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  close(): Promise<void>;
}

export interface MockOpenAIServerOptions {
  handler?: MockHandler;
  /** 0 (default) picks a free port. */
  port?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` or get OpenAI's 401. */
  apiKey?: string;
  /** Model ids listed by `GET /v1/models`; default `["mock-model"]`. */
  models?: string[];
}

type ChatBody = Parameters<MockHandler>[0] & { stream_options?: { include_usage?: boolean } };

const ERROR_TYPES: Record<number, { type: string; code: string | null }> = {
  400: { type: "invalid_request_error", code: null },
  401: { type: "invalid_request_error", code: "invalid_api_key" },
  403: { type: "invalid_request_error", code: "unsupported_country_region_territory" },
  404: { type: "invalid_request_error", code: "model_not_found" },
  429: { type: "requests", code: "rate_limit_exceeded" },
};

function openAIError(res: ServerResponse, status: number, message: string): void {
  const kind = ERROR_TYPES[status] ?? {
    type: status >= 500 ? "server_error" : "invalid_request_error",
    code: null,
  };
  sendJson(res, status, { error: { message, type: kind.type, param: null, code: kind.code } });
}

function promptWords(messages: ChatBody["messages"]): number {
  let n = 0;
  for (const m of messages) n += countWords(contentText(m.content));
  return n;
}

function completionWords(reply: MockReply): number {
  let n = countWords(reply.text ?? "");
  for (const call of reply.toolCalls ?? []) n += countWords(call.arguments);
  return n;
}

function usageOf(body: ChatBody, reply: MockReply) {
  const prompt = promptWords(body.messages);
  const completion = completionWords(reply);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function sendCompletion(res: ServerResponse, body: ChatBody, reply: MockReply): void {
  const toolCalls = (reply.toolCalls ?? []).map((call) => ({
    id: mockId("call_mock"),
    type: "function",
    function: { name: call.name, arguments: call.arguments },
  }));
  const hasTools = toolCalls.length > 0;
  sendJson(res, 200, {
    id: mockId("chatcmpl-mock-"),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: reply.text ?? (hasTools ? null : ""),
          refusal: null,
          ...(hasTools ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: hasTools ? "tool_calls" : "stop",
      },
    ],
    usage: usageOf(body, reply),
    system_fingerprint: null,
  });
}

async function sendStream(res: ServerResponse, body: ChatBody, reply: MockReply): Promise<void> {
  const id = mockId("chatcmpl-mock-");
  const created = Math.floor(Date.now() / 1000);
  const includeUsage = body.stream_options?.include_usage === true;
  const size = reply.chunkSize ?? 4;
  const gap = reply.chunkDelayMs ?? 0;
  const chunk = (delta: object, finish: string | null = null): string =>
    `data: ${JSON.stringify({
      id,
      object: "chat.completion.chunk",
      created,
      model: body.model,
      system_fingerprint: null,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(includeUsage ? { usage: null } : {}),
    })}\n\n`;

  // Each event is written, then the configured gap is waited, so a slow stream is slow between pieces.
  const events: string[] = [chunk({ role: "assistant", content: reply.text === undefined ? null : "" })];
  for (const piece of chunkText(reply.text ?? "", size)) events.push(chunk({ content: piece }));
  (reply.toolCalls ?? []).forEach((call, index) => {
    events.push(
      chunk({
        tool_calls: [
          { index, id: mockId("call_mock"), type: "function", function: { name: call.name, arguments: "" } },
        ],
      }),
    );
    for (const piece of chunkText(call.arguments, size))
      events.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  events.push(chunk({}, (reply.toolCalls?.length ?? 0) > 0 ? "tool_calls" : "stop"));
  if (includeUsage)
    events.push(
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, system_fingerprint: null, choices: [], usage: usageOf(body, reply) })}\n\n`,
    );
  events.push("data: [DONE]\n\n");

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

export async function startMockOpenAIServer(
  options: MockOpenAIServerOptions = {},
): Promise<MockOpenAIServer> {
  const handler: MockHandler = options.handler ?? echoReply;
  const models = options.models ?? ["mock-model"];
  const requests: unknown[] = [];
  const requestHeaders: IncomingHttpHeaders[] = [];
  const counter = new InFlightCounter();

  async function chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: ChatBody;
    try {
      body = JSON.parse(await readBody(req)) as ChatBody;
    } catch {
      return openAIError(res, 400, "We could not parse the JSON body of your request.");
    }
    requests.push(body);
    requestHeaders.push(req.headers);
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`)
      return openAIError(
        res,
        401,
        "Incorrect API key provided. You can find your API key in your account settings.",
      );
    if (!body || typeof body.model !== "string" || !Array.isArray(body.messages))
      return openAIError(res, 400, "'model' and 'messages' are required properties.");

    let reply: MockReply;
    try {
      reply = await handler(body);
    } catch (err) {
      return openAIError(
        res,
        500,
        `mock handler failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    await wait(reply.delayMs ?? 0, res);
    if (res.destroyed) return;
    if (reply.status !== undefined && reply.status >= 400)
      return openAIError(res, reply.status, reply.text ?? `mock error ${reply.status}`);
    if (reply.garbage !== undefined) {
      res.writeHead(200, { "content-type": body.stream ? "text/event-stream" : "application/json" });
      res.end(reply.garbage);
      return;
    }
    if (body.stream) await sendStream(res, body, reply);
    else sendCompletion(res, body, reply);
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "POST" && path === "/v1/chat/completions") {
      counter.enter();
      chat(req, res)
        .catch(() => {
          if (!res.headersSent) openAIError(res, 500, "mock server failed");
          else res.destroy();
        })
        .finally(() => counter.leave());
    } else if (req.method === "GET" && path === "/v1/models") {
      const created = Math.floor(Date.now() / 1000);
      sendJson(res, 200, {
        object: "list",
        data: models.map((id) => ({ id, object: "model", created, owned_by: "guardstack-mock" })),
      });
    } else {
      req.resume();
      openAIError(res, 404, `Invalid URL (${req.method ?? "?"} ${path})`);
    }
  });
  const port = await listen(server, options.port ?? 0);

  return {
    url: `http://127.0.0.1:${port}/v1`,
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
