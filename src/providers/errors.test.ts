import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { connectionReason, statusError, toProviderError } from "./errors.js";
import { ProviderError } from "./types.js";

const ctx = { baseURL: "http://127.0.0.1:9/v1", apiKeyEnv: "OPENAI_API_KEY", timeoutMs: 500, model: "m" };

describe("toProviderError", () => {
  it("passes ProviderErrors through", () => {
    const e = new ProviderError("x", "auth");
    expect(toProviderError(e, ctx)).toBe(e);
  });

  it("names the reason of a connection failure from the cause chain", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const err = toProviderError(
      new OpenAI.APIConnectionError({ cause: new TypeError("fetch failed", { cause: refused }) }),
      ctx,
    ) as ProviderError;
    expect(err.kind).toBe("unreachable");
    expect(err.message).toBe(
      "cannot reach http://127.0.0.1:9/v1 (connection refused); is the server running? set baseURL",
    );
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND nohost"), { code: "ENOTFOUND" });
    expect(connectionReason(new TypeError("fetch failed", { cause: dns }))).toBe("host not found");
    expect(connectionReason(new AggregateError([refused]))).toBe("connection refused");
    expect(connectionReason(new TypeError("fetch failed"))).toBe("connection failed");
    expect(connectionReason(new TypeError("fetch failed", { cause: new Error("bad port") }))).toContain(
      "port blocked by fetch",
    );
  });

  it("maps both SDKs' timeouts", () => {
    for (const e of [new OpenAI.APIConnectionTimeoutError(), new Anthropic.APIConnectionTimeoutError()]) {
      const err = toProviderError(e, ctx) as ProviderError;
      expect(err.kind).toBe("timeout");
      expect(err.message).toContain("within 500 ms (timeout)");
    }
  });

  it("maps status errors from either SDK", () => {
    const oa = OpenAI.APIError.generate(429, { message: "Rate limit reached" }, undefined, new Headers());
    expect(toProviderError(oa, ctx)).toMatchObject({ kind: "rate-limit", status: 429 });
    const an = Anthropic.APIError.generate(
      401,
      { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } },
      undefined,
      new Headers(),
    );
    const auth = toProviderError(an, { ...ctx, apiKeyEnv: "ANTHROPIC_API_KEY" }) as ProviderError;
    expect(auth.message).toBe(
      '401 from http://127.0.0.1:9/v1: set ANTHROPIC_API_KEY (server said: "invalid x-api-key")',
    );
  });

  it("re-throws the caller's abort reason instead of wrapping it", () => {
    const controller = new AbortController();
    const reason = new Error("cancelled by user");
    controller.abort(reason);
    expect(toProviderError(new OpenAI.APIUserAbortError(), { ...ctx, signal: controller.signal })).toBe(
      reason,
    );
  });

  it("calls unparsable bodies bad responses, and anything else upstream", () => {
    expect(toProviderError(new SyntaxError("Unexpected token <"), ctx)).toMatchObject({
      kind: "bad-response",
    });
    expect(toProviderError("weird", ctx)).toMatchObject({ kind: "upstream" });
  });
});

describe("statusError", () => {
  it("words each status for what the user can do", () => {
    expect(statusError(401, ctx).message).toBe("401 from http://127.0.0.1:9/v1: set OPENAI_API_KEY");
    expect(statusError(403, ctx).kind).toBe("auth");
    expect(statusError(429, ctx).message).toContain("lower concurrency or retry later");
    expect(statusError(502, ctx)).toMatchObject({ kind: "upstream", status: 502 });
    expect(statusError(404, ctx).message).toContain('the model name "m"');
    expect(statusError(400, ctx, "bad\n\n  field").message).toBe(
      '400 from http://127.0.0.1:9/v1: request rejected (server said: "bad field")',
    );
  });

  it("keeps a long server message to one bounded line", () => {
    const msg = statusError(500, ctx, "x ".repeat(5000)).message;
    expect(msg).not.toContain("\n");
    expect(msg.length).toBeLessThan(260);
  });
});
