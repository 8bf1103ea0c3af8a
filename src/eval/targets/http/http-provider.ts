/**
 * A user's own application over HTTP, as a Provider: each request renders the body template with the
 * conversation, POSTs it (or the configured method), and reads the answer at `responsePath` in the JSON
 * reply (or the whole body when the path is empty and the reply is not JSON). Failures become one-line
 * ProviderErrors naming the URL and the fix.
 */
import { connectionReason } from "../../../providers/errors.js";
import {
  ProviderError,
  type ChatChunk,
  type ChatRequest,
  type ChatResponse,
  type Provider,
} from "../../../providers/types.js";
import { renderTemplate, validateTemplate } from "./body-template.js";
import { getPath } from "./json-path.js";

export interface HttpTargetConfig {
  url: string;
  /** Default POST. */
  method?: string;
  headers?: Record<string, string>;
  /** Default {"prompt": "{{prompt}}"}. */
  bodyTemplate?: string;
  /** Where the answer text is in the JSON reply, e.g. "choices.0.message.content"; empty: the whole body. */
  responsePath?: string;
  /** Default 60 s. */
  timeoutMs?: number;
}

export const DEFAULT_BODY_TEMPLATE = '{"prompt": "{{prompt}}"}';

function excerpt(s: string): string {
  const one = s.split("\n").join(" ").trim();
  return one.length > 120 ? `${one.slice(0, 120)}…` : one;
}

export function httpProvider(config: HttpTargetConfig): Provider {
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    throw new ProviderError(
      `"${config.url}" is not a URL; give the app's endpoint, e.g. http://localhost:3000/chat`,
      "upstream",
    );
  }
  const template = config.bodyTemplate ?? DEFAULT_BODY_TEMPLATE;
  validateTemplate(template);
  const method = (config.method ?? "POST").toUpperCase();
  const timeoutMs = config.timeoutMs ?? 60_000;
  const path = config.responsePath ?? "";
  const headers: Record<string, string> = { "content-type": "application/json", ...(config.headers ?? {}) };

  async function complete(request: ChatRequest): Promise<ChatResponse> {
    const system = request.messages
      .filter((m) => m.role === "system")
      .map((m) => m.content)
      .join("\n\n");
    const turns = request.messages.filter((m) => m.role !== "system");
    const lastUser = [...turns].reverse().find((m) => m.role === "user");
    const docsAt = system.indexOf("<document 1>");
    const body = renderTemplate(template, {
      prompt: lastUser?.content ?? "",
      system,
      context: docsAt >= 0 ? system.slice(docsAt) : "",
      messages: turns,
    });
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (request.signal) signals.push(request.signal);
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        ...(method === "GET" || method === "HEAD" ? {} : { body }),
        signal: AbortSignal.any(signals),
      });
    } catch (err) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (err instanceof DOMException && (err.name === "TimeoutError" || err.name === "AbortError"))
        throw new ProviderError(
          `no response from ${url.href} within ${timeoutMs} ms (timeout); is the app running? raise timeoutMs`,
          "timeout",
        );
      throw new ProviderError(
        `cannot reach ${url.href} (${connectionReason(err)}); is the app running? check --url`,
        "unreachable",
      );
    }
    const raw = await res.text();
    if (!res.ok) {
      const kind =
        res.status === 401 || res.status === 403 ? "auth" : res.status === 429 ? "rate-limit" : "upstream";
      throw new ProviderError(
        `${res.status} from ${url.href}${raw ? ` (app said: "${excerpt(raw)}")` : ""}`,
        kind,
        res.status,
      );
    }
    let text: string;
    let doc: unknown;
    try {
      doc = JSON.parse(raw);
    } catch {
      if (path !== "")
        throw new ProviderError(
          `bad response from ${url.href}: body is not JSON ("${excerpt(raw)}"); check --response-path`,
          "bad-response",
        );
      doc = undefined;
    }
    if (doc === undefined) text = raw;
    else {
      const got = getPath(doc, path);
      if (!got.ok)
        throw new ProviderError(
          `bad response from ${url.href}: ${got.error}; check --response-path`,
          "bad-response",
        );
      if (typeof got.value === "string") text = got.value;
      else if (path === "" && doc !== null && typeof doc === "object")
        throw new ProviderError(
          `bad response from ${url.href}: the reply is JSON; set --response-path to the answer's field`,
          "bad-response",
        );
      else text = got.value === null || got.value === undefined ? "" : JSON.stringify(got.value);
    }
    return { text, toolCalls: [], finishReason: "stop" };
  }

  return {
    name: `http:${url.host}${url.pathname}`,
    complete,
    async *stream(request: ChatRequest): AsyncIterable<ChatChunk> {
      const res = await complete(request);
      if (res.text !== "") yield { type: "text", delta: res.text };
      yield { type: "finish", finishReason: res.finishReason };
    },
  };
}
