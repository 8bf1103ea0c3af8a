import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { chat, EXAMPLES as X } from "../../../test/fixtures/curate/examples.js";
import {
  startMockOpenAIServer,
  type MockHandler,
  type MockOpenAIServer,
} from "../../providers/testing/mock-openai-server.js";
import { CurateError } from "../errors.js";
import { buildPairsFile } from "./run-pairs.js";

/** A mock request's message content as text (the provider sends plain strings). */
function text(content: unknown): string {
  return typeof content === "string" ? content : "";
}

const dir = mkdtempSync(join(tmpdir(), "curate-pairs-"));
let server: MockOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const KILL = "How do I kill a Python process that is stuck?";
// A request whose harm score stays far under the look-alike screen (0.2) whatever the model: "How do I
// make …?" is the form of many harmful requests, and the shared fixture's score sits near 0.2.
const BANANA = "What is a good recipe for banana bread?";
const KILL_ANSWER = "Use ps aux | grep python to find its process id, then run kill -9 followed by that id.";
const KILL_CHILD = "How do I kill a child process in Linux?";
const KILL_CHILD_ANSWER =
  "Find its id with ps or pgrep, then run kill followed by the id; use kill -9 only if it ignores the normal signal.";
const PHISHING_REFUSAL =
  "I am sorry, but I cannot help with writing phishing emails. I can explain how to recognise and report them instead.";
const KILL_REFUSAL = "I am sorry, but I cannot help with killing anything. Violence is never the answer.";

function input(name: string, records: unknown[]): string {
  const p = join(dir, `${name}.jsonl`);
  writeFileSync(p, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return p;
}

function lines(path: string): Record<string, unknown>[] {
  const text = readFileSync(path, "utf8").trim();
  return text === "" ? [] : text.split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A policy that counts KILL_CHILD as dangerous-looking (its harm score is about 0.1). */
function policy(): string {
  const p = join(dir, "pairs-policy.yaml");
  writeFileSync(
    p,
    "extends: default\nname: pairs-test\npairs:\n  lookalikeScore: 0.05\n  style: Keep it to two sentences.\n",
  );
  return p;
}

async function providerFile(handler: MockHandler): Promise<string> {
  server = await startMockOpenAIServer({ handler });
  const p = join(dir, "provider.yaml");
  writeFileSync(p, `kind: openai\nmodel: mock-model\nbaseURL: ${server.url}\napiKey: test\nmaxRetries: 0\n`);
  return p;
}

/** The mock model: answers each generation request by what its system prompt asks for. */
const writer: MockHandler = (body) => {
  const system = text(body.messages[0]?.content);
  if (system.includes("over-cautious")) return { text: KILL_REFUSAL };
  if (system.includes("legitimate and safe")) return { text: KILL_ANSWER };
  if (system.includes("could cause serious harm"))
    return {
      text: "I can't help with that. If you're curious about chemistry, I can suggest safe experiments instead.",
    };
  return { status: 400, text: "unexpected request" };
};

describe("pairs from the data alone", () => {
  it("pairs a refusal over a harmful reply, and an answer over a needless refusal; skips and counts the rest", async () => {
    const p = input("data", [
      { prompt: X.pipeBombRequest, chosen: X.refusal, rejected: X.pipeBombReply },
      // Sides the wrong way round in the data: the classifiers decide which is which.
      {
        prompt: X.phishingRequest,
        chosen: X.phishingReply,
        rejected: PHISHING_REFUSAL,
      },
      { prompt: KILL, chosen: KILL_REFUSAL, rejected: KILL_ANSWER },
      // Neither side refuses nor harms (a curt "Just buy one." would count as a deflecting refusal).
      {
        prompt: BANANA,
        chosen: X.bananaReply,
        rejected: "Banana bread is a sweet quick bread made with mashed bananas.",
      },
      "not an object",
    ]);
    const out = join(dir, "data.pairs.jsonl");
    const s = await buildPairsFile({ input: p, out });
    expect(s.format).toBe("preference");
    expect(s.records).toBe(4);
    expect(s.malformed).toBe(1);
    const pairs = lines(out);
    expect(pairs).toEqual([
      { prompt: X.pipeBombRequest, chosen: X.refusal, rejected: X.pipeBombReply },
      {
        prompt: X.phishingRequest,
        chosen: PHISHING_REFUSAL,
        rejected: X.phishingReply,
      },
      { prompt: KILL, chosen: KILL_ANSWER, rejected: KILL_REFUSAL },
    ]);
    expect(s).toMatchObject({ pairs: 3, harmfulPromptPairs: 2, benignPromptPairs: 1 });
    expect(s.skipped["benign-prompt"]).toBe(1);
    expect(s.generated).toEqual({ "safe-response": 0, "helpful-answer": 0, "needless-refusal": 0 });
  });

  it("skips what the data cannot pair, never inventing a side", async () => {
    const p = input("chats", [
      chat(["user", X.methRequest], ["assistant", X.methReply]),
      chat(["user", X.pipeBombRequest], ["assistant", X.refusal]),
      chat(["user", BANANA], ["assistant", X.bananaReply]),
      chat(["user", KILL], ["assistant", KILL_REFUSAL]),
      // Plainly benign and unanswered (a look-alike's score depends on the model; this one's does not).
      chat(["user", "What time does the library open on Sundays?"]),
    ]);
    const s = await buildPairsFile({ input: p, out: join(dir, "chats.pairs.jsonl") });
    expect(s.pairs).toBe(0);
    expect(s.skipped).toMatchObject({
      "no-safe-response": 1,
      "no-harmful-response": 1,
      "benign-prompt": 2,
      "no-helpful-answer": 1,
    });
  });

  it("writes the OpenAI preference format and DPO's conversational variant, with personal data redacted", async () => {
    const record = {
      system: "You are a helpful assistant.",
      prompt: X.pipeBombRequest + " Mail it to jane.roe@example.com.",
      chosen: X.refusal,
      rejected: X.pipeBombReply,
    };
    const p = input("formats", [record]);
    const openai = join(dir, "openai.jsonl");
    await buildPairsFile({ input: p, out: openai, format: "openai" });
    const [o] = lines(openai);
    expect(o).toEqual({
      input: {
        messages: [
          { role: "system", content: "You are a helpful assistant." },
          { role: "user", content: X.pipeBombRequest + " Mail it to [EMAIL_1]." },
        ],
      },
      preferred_output: [{ role: "assistant", content: X.refusal }],
      non_preferred_output: [{ role: "assistant", content: X.pipeBombReply }],
    });
    const dpo = join(dir, "dpo.jsonl");
    await buildPairsFile({ input: p, out: dpo });
    const [d] = lines(dpo);
    expect(d!.prompt).toEqual((o!.input as { messages: unknown }).messages);
    expect(d!.chosen).toEqual([{ role: "assistant", content: X.refusal }]);
  });
});

describe("pairs with a provider (mock OpenAI server, real SDK)", () => {
  it("asks for the missing side with the documented prompt and checks the reply", async () => {
    const providerConfig = await providerFile(writer);
    const p = input("provider", [
      chat(["user", X.pipeBombRequest], ["assistant", X.pipeBombReply]),
      chat(["user", KILL], ["assistant", KILL_REFUSAL]),
      chat(["user", KILL_CHILD], ["assistant", KILL_CHILD_ANSWER]),
    ]);
    const out = join(dir, "provider.pairs.jsonl");
    const s = await buildPairsFile({ input: p, out, providerConfig, policy: policy() });
    expect(s.generated).toEqual({ "safe-response": 1, "helpful-answer": 1, "needless-refusal": 1 });
    expect(lines(out)).toEqual([
      {
        prompt: X.pipeBombRequest,
        chosen:
          "I can't help with that. If you're curious about chemistry, I can suggest safe experiments instead.",
        rejected: X.pipeBombReply,
      },
      { prompt: KILL, chosen: KILL_ANSWER, rejected: KILL_REFUSAL },
      { prompt: KILL_CHILD, chosen: KILL_CHILD_ANSWER, rejected: KILL_REFUSAL },
    ]);
    const requests = server!.requests as { messages: { role: string; content: string }[] }[];
    expect(requests).toHaveLength(3);
    // The conversation is quoted to the model, with the policy's style and safe reply in the instructions.
    const safe = requests.find((r) => r.messages[0]!.content.includes("could cause serious harm"))!;
    expect(safe.messages[0]!.content).toContain("Keep it to two sentences.");
    expect(safe.messages[0]!.content).toContain("I can't help with that request.");
    expect(safe.messages[1]!.content).toContain(`[user]: ${X.pipeBombRequest}`);
  });

  it("discards a provider reply the classifiers disagree with, and never asks for a harmful reply", async () => {
    const providerConfig = await providerFile(() => ({ text: X.phishingReply }));
    const p = input("disagree", [
      chat(["user", X.phishingRequest], ["assistant", X.phishingReply]),
      chat(["user", X.pipeBombRequest], ["assistant", X.refusal]),
    ]);
    const s = await buildPairsFile({ input: p, out: join(dir, "disagree.pairs.jsonl"), providerConfig });
    expect(s.pairs).toBe(0);
    expect(s.skipped["provider-reply-failed-check"]).toBe(1);
    expect(s.skipped["no-harmful-response"]).toBe(1);
    expect(server!.requests).toHaveLength(1);
  });

  it("stops with one clear error when the provider cannot be reached", async () => {
    const providerConfig = await providerFile(writer);
    await server!.close();
    server = undefined;
    const p = input("down", [chat(["user", X.pipeBombRequest], ["assistant", X.pipeBombReply])]);
    await expect(
      buildPairsFile({ input: p, out: join(dir, "down.pairs.jsonl"), providerConfig }),
    ).rejects.toThrow(CurateError);
  });
});
