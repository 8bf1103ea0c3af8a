import { describe, expect, it } from "vitest";
import { functionProvider } from "./custom.js";
import { ProviderError, type ChatChunk, type ChatRequest } from "./types.js";

const ask = (content: string): ChatRequest => ({ messages: [{ role: "user", content }] });

async function all(it: AsyncIterable<ChatChunk>): Promise<ChatChunk[]> {
  const out: ChatChunk[] = [];
  for await (const c of it) out.push(c);
  return out;
}

describe("functionProvider", () => {
  it("wraps a function returning a string", async () => {
    const p = functionProvider("shout", (req) => Promise.resolve(req.messages[0]!.content.toUpperCase()));
    expect(p.name).toBe("shout");
    expect(await p.complete(ask("hi there"))).toEqual({
      text: "HI THERE",
      toolCalls: [],
      finishReason: "stop",
    });
  });

  it("streams the result word by word, then tool calls, then the finish", async () => {
    const p = functionProvider("f", () => ({
      text: "Calling  the tool.\n",
      toolCalls: [{ id: "c1", name: "t", arguments: "{}" }],
      finishReason: "tool_calls" as const,
      usage: { inputTokens: 1, outputTokens: 2 },
    }));
    const chunks = await all(p.stream(ask("x")));
    expect(chunks).toEqual([
      { type: "text", delta: "Calling  " },
      { type: "text", delta: "the " },
      { type: "text", delta: "tool.\n" },
      { type: "tool-call", call: { id: "c1", name: "t", arguments: "{}" } },
      { type: "finish", finishReason: "tool_calls", usage: { inputTokens: 1, outputTokens: 2 } },
    ]);
  });

  it("turns a thrown error into a ProviderError naming the provider", async () => {
    const p = functionProvider("gateway", () => Promise.reject(new Error("socket hang up")));
    const err = await p.complete(ask("x")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).message).toBe("gateway failed: socket hang up");
    expect((err as ProviderError).kind).toBe("upstream");
    expect(await all(p.stream(ask("x"))).catch((e: unknown) => e)).toBeInstanceOf(ProviderError);
  });

  it("rejects a result that is not a response", async () => {
    const p = functionProvider("bad", () => ({}) as unknown as string);
    const err = (await p.complete(ask("x")).catch((e: unknown) => e)) as ProviderError;
    expect(err.kind).toBe("bad-response");
  });

  it("retries retryable failures when asked, and not others", async () => {
    let calls = 0;
    const flaky = functionProvider(
      "flaky",
      () => {
        calls++;
        if (calls < 3) throw new ProviderError("503 from gw: upstream server error", "upstream", 503);
        return "ok";
      },
      { maxRetries: 3, retryBaseDelayMs: 1 },
    );
    expect((await flaky.complete(ask("x"))).text).toBe("ok");
    expect(calls).toBe(3);

    let authCalls = 0;
    const denied = functionProvider(
      "denied",
      () => {
        authCalls++;
        throw new ProviderError("401 from gw: set KEY", "auth", 401);
      },
      { maxRetries: 3, retryBaseDelayMs: 1 },
    );
    await expect(denied.complete(ask("x"))).rejects.toThrow("401 from gw");
    expect(authCalls).toBe(1);
  });

  it("limits concurrency", async () => {
    let active = 0;
    let peak = 0;
    const p = functionProvider(
      "slow",
      async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 10));
        active--;
        return "done";
      },
      { concurrency: 2 },
    );
    await Promise.all(Array.from({ length: 6 }, () => p.complete(ask("x"))));
    expect(peak).toBe(2);
  });
});
