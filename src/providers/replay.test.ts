import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { conversationKey } from "./conversation-key.js";
import { loadReplayFile, replayProvider, replayProviderFromFile } from "./replay.js";
import { ProviderError, type ChatChunk, type ChatMessage } from "./types.js";

const dir = mkdtempSync(join(tmpdir(), "guardstack-replay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("conversationKey", () => {
  const base: ChatMessage[] = [
    { role: "system", content: "s" },
    { role: "user", content: "hello" },
  ];

  it("is a stable sha256 hex of the conversation", () => {
    expect(conversationKey(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(conversationKey(base)).toBe(conversationKey(structuredClone(base)));
  });

  it("changes with role, content, order and tool calls", () => {
    const k = conversationKey(base);
    expect(conversationKey([base[0]!, { role: "user", content: "hello!" }])).not.toBe(k);
    expect(conversationKey([base[0]!, { role: "assistant", content: "hello" }])).not.toBe(k);
    expect(conversationKey([base[1]!, base[0]!])).not.toBe(k);
    const call = (args: string): ChatMessage => ({
      role: "assistant",
      content: "",
      toolCalls: [{ id: "x", name: "t", arguments: args }],
    });
    expect(conversationKey([call("{}")])).not.toBe(conversationKey([call('{"a":1}')]));
    // Content boundaries matter: ["ab","c"] is not ["a","bc"].
    expect(
      conversationKey([
        { role: "user", content: "ab" },
        { role: "user", content: "c" },
      ]),
    ).not.toBe(
      conversationKey([
        { role: "user", content: "a" },
        { role: "user", content: "bc" },
      ]),
    );
  });

  it("ignores tool-call ids, which differ on every run", () => {
    const withId = (id: string): ChatMessage[] => [
      { role: "assistant", content: "", toolCalls: [{ id, name: "t", arguments: "{}" }] },
      { role: "tool", content: "r", toolCallId: id },
    ];
    expect(conversationKey(withId("call_1"))).toBe(conversationKey(withId("call_2")));
  });
});

describe("replayProvider", () => {
  const provider = replayProvider([
    { prompt: "What is 2+2?", response: "4" },
    {
      messages: [
        { role: "system", content: "be terse" },
        { role: "user", content: "weather?" },
      ],
      response: "",
      toolCalls: [{ name: "weather", arguments: { city: "Oslo" } }],
    },
  ]);

  it("answers a recorded prompt, also when a system prompt was added", async () => {
    expect(await provider.complete({ messages: [{ role: "user", content: "What is 2+2?" }] })).toEqual({
      text: "4",
      toolCalls: [],
      finishReason: "stop",
    });
    const withSystem = await provider.complete({
      messages: [
        { role: "system", content: "You are guarded." },
        { role: "user", content: "What is 2+2?" },
      ],
    });
    expect(withSystem.text).toBe("4");
  });

  it("replays recorded tool calls, streamed too", async () => {
    const messages: ChatMessage[] = [
      { role: "system", content: "be terse" },
      { role: "user", content: "weather?" },
    ];
    const res = await provider.complete({ messages });
    expect(res.finishReason).toBe("tool_calls");
    expect(res.toolCalls).toEqual([{ id: "call_replay_0", name: "weather", arguments: '{"city":"Oslo"}' }]);
    const chunks: ChatChunk[] = [];
    for await (const c of provider.stream({ messages })) chunks.push(c);
    expect(chunks.map((c) => c.type)).toEqual(["tool-call", "finish"]);
  });

  it("fails a miss with a clear ProviderError", async () => {
    const err = (await provider
      .complete({ messages: [{ role: "user", content: "What is 3+3?" }] })
      .catch((e: unknown) => e)) as ProviderError;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).toMatch(
      /^replay: no recorded response for this conversation \(key [0-9a-f]{12}, last user message "What is 3\+3\?"\)/,
    );
    const streamed = async () => {
      for await (const _ of provider.stream({ messages: [{ role: "user", content: "nope" }] })) void _;
    };
    await expect(streamed()).rejects.toThrow(ProviderError);
  });

  it("does not let a caller mutate the recording", async () => {
    const messages: ChatMessage[] = [
      { role: "system", content: "be terse" },
      { role: "user", content: "weather?" },
    ];
    (await provider.complete({ messages })).toolCalls[0]!.name = "changed";
    expect((await provider.complete({ messages })).toolCalls[0]!.name).toBe("weather");
  });

  it("rejects invalid records", () => {
    expect(() => replayProvider([{ response: "x" }])).toThrow(
      /record 1 is invalid: .*"prompt" or "messages"/,
    );
  });
});

describe("loadReplayFile", () => {
  it("reads JSONL, skipping blank lines, and later records win", async () => {
    const path = join(dir, "ok.jsonl");
    writeFileSync(
      path,
      [
        JSON.stringify({ prompt: "hi", response: "old" }),
        "",
        JSON.stringify({ prompt: "hi", response: "new" }),
        JSON.stringify({ messages: [{ role: "user", content: "yo" }], response: "hey" }),
        "",
      ].join("\n"),
    );
    expect(loadReplayFile(path)).toHaveLength(3);
    const p = replayProviderFromFile(path);
    expect(p.name).toBe(`replay:${path}`);
    expect((await p.complete({ messages: [{ role: "user", content: "hi" }] })).text).toBe("new");
    expect((await p.complete({ messages: [{ role: "user", content: "yo" }] })).text).toBe("hey");
  });

  it("names the file and line of a bad record", () => {
    const path = join(dir, "bad.jsonl");
    writeFileSync(path, `${JSON.stringify({ prompt: "a", response: "b" })}\n{oops\n`);
    expect(() => loadReplayFile(path)).toThrow(`${path}:2: not valid JSON`);
    writeFileSync(path, `${JSON.stringify({ prompt: "a" })}\n`);
    expect(() => loadReplayFile(path)).toThrow(new RegExp(`${path}:1: .*response`));
    expect(() => loadReplayFile(join(dir, "missing.jsonl"))).toThrow(/cannot read replay file/);
  });
});
