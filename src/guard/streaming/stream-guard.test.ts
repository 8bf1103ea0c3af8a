import { beforeAll, describe, expect, it } from "vitest";
import type { Detector, Finding } from "../../detectors/types.js";
import { createGuard, type Guard } from "../create-guard.js";
import { guardStream } from "./guard-stream.js";
import { chunkAt, fromChunks, runStream } from "./run-stream.js";
import { StreamGuard } from "./stream-guard.js";
import type { StreamCheckGuard, StreamEvent } from "./types.js";

let guard: Guard;
beforeAll(async () => {
  guard = await createGuard({ policy: "default" });
});

/** A source that records how far it was read and whether it was cancelled. */
function trackedSource(chunks: string[]) {
  const state = { pulled: 0, returned: false };
  const iterable: AsyncIterable<string> = {
    [Symbol.asyncIterator]() {
      return {
        next: () => {
          if (state.pulled >= chunks.length) return Promise.resolve({ done: true, value: undefined });
          return Promise.resolve({ done: false, value: chunks[state.pulled++] as string });
        },
        return: () => {
          state.returned = true;
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  };
  return { iterable, state };
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const ev of events) out.push(ev);
  return out;
}

describe("StreamGuard releases checked text as it goes", () => {
  it("releases each sentence once it ends, before the source is done", async () => {
    const s = new StreamGuard(guard);
    const text = "The first sentence is here. The second one follows. And a third";
    const released: Array<{ at: number; text: string }> = [];
    for (let i = 0; i < text.length; i++) {
      for (const ev of await s.push(text[i] as string))
        if (ev.type === "text") released.push({ at: i, text: ev.text });
    }
    expect(released.map((r) => r.text)).toEqual(["The first sentence is here. ", "The second one follows. "]);
    // Released as soon as the white space after the full stop arrived.
    expect(released[0]?.at).toBe("The first sentence is here. ".length - 1);
    const tail = await s.end();
    expect(tail.map((e) => e.type)).toEqual(["text", "end"]);
    expect(s.releasedText).toBe(text);
    expect(s.closed).toBe(true);
    expect(await s.push("more")).toEqual([]);
  });

  it("holds run-on text to at most about holdChars, releasing it in steps", async () => {
    const words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do ".repeat(20);
    const s = new StreamGuard(guard, { holdChars: 120, lookaheadChars: 40 });
    let maxHeldAfterPush = 0;
    let pushed = 0;
    let releasedLen = 0;
    for (const c of chunkAt(
      words,
      Array.from({ length: words.length / 5 }, (_, i) => i * 5),
    )) {
      pushed += c.length;
      for (const ev of await s.push(c)) if (ev.type === "text") releasedLen += ev.text.length;
      maxHeldAfterPush = Math.max(maxHeldAfterPush, pushed - releasedLen);
    }
    expect(maxHeldAfterPush).toBeLessThanOrEqual(120 + 5);
    await s.end();
    expect(s.releasedText).toBe(words);
    expect(s.stats.checks).toBeGreaterThan(5);
    expect(s.stats.maxHeldChars).toBeLessThanOrEqual(125);
  });

  it("numbers placeholders across the whole stream, as one check would", async () => {
    const text =
      "Mail ann.lee@example.com now. Later mail bob.ray@example.net too. Then ann.lee@example.com again.";
    const oneShot = await guard.checkOutput(text);
    const run = await runStream(guard, [...text]);
    expect(run.released).toBe(oneShot.text);
    expect(run.released).toContain("[EMAIL_2]");
    expect(run.end?.decision.reasons.filter((r) => r.label === "email")).toHaveLength(3);
    // Reasons carry stream offsets: each span points at an email in the original text.
    for (const r of run.end?.decision.reasons ?? []) {
      expect(text.slice(r.span![0], r.span![1])).toMatch(/@example\.(com|net)$/);
    }
  });

  it("keeps vault placeholders reversible across segments", async () => {
    const g = await createGuard({ policy: { extends: "default", redaction: { mode: "vault" } } });
    const text = "First write to ann.lee@example.com please. Then again to ann.lee@example.com today.";
    const run = await runStream(g, chunkAt(text, [20, 45, 60]));
    expect(run.released).toBe("First write to [EMAIL_1] please. Then again to [EMAIL_1] today.");
    expect(run.end?.decision.vault?.deanonymize(run.released)).toBe(text);
  });
});

describe("context across the release point", () => {
  // A system prompt of 20 sentences of 10 distinct words; the answer echoes two sentences of it.
  const vocab = "amber birch cedar delta ember fjord grove heron iris juniper".split(" ");
  const sentences = Array.from(
    { length: 20 },
    (_, i) => vocab.map((w, j) => `${w}${String.fromCharCode(97 + ((i + j) % 26))}${i}`).join(" ") + ".",
  );
  const systemPrompt = sentences.join(" ");
  const answer = `${sentences[3]} ${sentences[4]} Done.`;

  it("each echoed sentence alone is under the threshold, both together are not", async () => {
    const ctx = { systemPrompt };
    expect((await guard.checkOutput(`${sentences[3]}`, ctx)).action).toBe("allow");
    expect((await guard.checkOutput(`${sentences[4]} Done.`, ctx)).action).toBe("allow");
    expect((await guard.checkOutput(answer, ctx)).action).toBe("block");
  });

  it("blocks the echo split at a sentence end, because released text is re-checked", async () => {
    const chunks = [`${sentences[3]} `, `${sentences[4]} Done.`];
    const run = await runStream(guard, chunks, { ctx: { systemPrompt } });
    expect(run.blocked).toBeDefined();
    expect(run.released).toBe(`${sentences[3]} `);
    // Without the re-checked context the same stream passes: the tail is what catches it.
    const blind = await runStream(guard, chunks, { ctx: { systemPrompt }, contextChars: 0 });
    expect(blind.blocked).toBeUndefined();
  });

  it("blocks a canary spelled across a sentence end", async () => {
    const ctx = { canaries: ["ZEBRAFISH-4412"] };
    const chunks = ["The code word is ZEBRAFISH. ", "4412 and nothing else."];
    const run = await runStream(guard, chunks, { ctx });
    expect(run.released).toBe("The code word is ZEBRAFISH. ");
    expect(run.blocked?.decision.reasons[0]?.label).toBe("canary");
    expect((await runStream(guard, chunks, { ctx, contextChars: 0 })).blocked).toBeUndefined();
  });
});

describe("blocking and failing closed", () => {
  it("ends with the rule's safe reply and cancels the source", async () => {
    const src = trackedSource([
      "All good so far. Your token ",
      "CANARY-55aa77bb ",
      "is here. ",
      "more ",
      "more",
    ]);
    const events = await collect(
      guardStream(guard, src.iterable, { ctx: { canaries: ["CANARY-55aa77bb"] } }),
    );
    const last = events.at(-1);
    expect(last?.type).toBe("blocked");
    if (last?.type !== "blocked") return;
    expect(last.safeReply).toBe(guard.policy.safeReply);
    expect(last.decision.reasons.some((r) => r.label === "canary")).toBe(true);
    // Reason spans are stream offsets.
    const span = last.decision.reasons.find((r) => r.label === "canary")?.span;
    expect(span).toEqual([28, 43]);
    expect(src.state.returned).toBe(true);
    expect(src.state.pulled).toBeLessThan(5);
    expect(events.filter((e) => e.type === "text").map((e) => (e.type === "text" ? e.text : ""))).toEqual([
      "All good so far. ",
    ]);
  });

  it("treats escalate like block, with that rule's reply", async () => {
    const hold: Detector = {
      name: "refund-word",
      stages: ["output"],
      cost: "fast",
      categories: ["specialized-advice"],
      detect: (t): Finding[] => {
        const i = t.raw.indexOf("refund");
        return i < 0
          ? []
          : [{ detector: "refund-word", category: "specialized-advice", score: 0.9, span: [i, i + 6] }];
      },
    };
    const g = await createGuard({
      policy: {
        extends: "default",
        rules: { "specialized-advice": { action: "escalate", safeReply: "A person will review this." } },
      },
      detectors: [hold],
    });
    const run = await runStream(g, ["Hello. ", "You get a ref", "und now."]);
    expect(run.blocked?.safeReply).toBe("A person will review this.");
    expect(run.blocked?.decision.action).toBe("escalate");
    expect(run.released).toBe("Hello. ");
  });

  it("fails closed when the source throws, with the error in the decision", async () => {
    async function* broken(): AsyncGenerator<string> {
      await Promise.resolve();
      yield "Fine text. ";
      yield "half a sent";
      throw new Error("connection reset");
    }
    const events = await collect(guardStream(guard, broken()));
    expect(events.map((e) => e.type)).toEqual(["text", "blocked"]);
    const last = events[1];
    if (last?.type !== "blocked") throw new Error("expected blocked");
    expect(last.decision.action).toBe("block");
    expect(last.decision.failures).toContainEqual({
      detector: "stream-source",
      kind: "error",
      message: "source failed: connection reset",
      failedClosed: true,
    });
    expect(last.safeReply).toBe(guard.policy.safeReply);
  });

  it("fails closed when the guard throws, releasing nothing it did not check", async () => {
    let calls = 0;
    const flaky: StreamCheckGuard = {
      policy: guard.policy,
      policyVersion: guard.policyVersion,
      check: (stage, text, ctx) => {
        calls++;
        if (calls === 2) return Promise.reject(new Error("detector pool gone"));
        return guard.check(stage, text, ctx);
      },
    };
    const run = await runStream(flaky, ["One sentence. ", "Another sentence. ", "A third. "]);
    expect(run.released).toBe("One sentence. ");
    expect(run.blocked?.decision.failures[0]).toMatchObject({ detector: "guard", failedClosed: true });
    expect(run.blocked?.decision.failures[0]?.message).toContain("detector pool gone");
  });

  it("fails closed on a chunk that is not a string", async () => {
    const run = await runStream(guard, ["ok. ", 42 as unknown as string, "more"]);
    expect(run.blocked?.decision.reasons[0]?.label).toBe("source-error");
    expect(run.released).toBe("ok. ");
  });

  it("blocks when a redaction span is found in, or reaches back into, released text", async () => {
    // Reports "alpha beta" as personal data only once "gamma" has been seen after it.
    const late: Detector = {
      name: "late",
      stages: ["output"],
      cost: "fast",
      categories: ["pii"],
      detect: (t): Finding[] => {
        const i = t.raw.indexOf("alpha beta");
        if (i < 0 || !t.raw.includes("gamma")) return [];
        return [{ detector: "late", category: "pii", score: 0.9, span: [i, i + 10], label: "person" }];
      },
    };
    const g = await createGuard({ policy: "default", detectors: [late] });
    const run = await runStream(g, ["It was alpha beta. ", "Then gamma came."]);
    expect(run.released).toBe("It was alpha beta. ");
    expect(run.blocked?.decision.reasons[0]?.label).toBe("found-after-release");
    // A span that starts in released text and ends in held text.
    const crossing = await runStream(g, ["It was alpha ", "beta gamma came."], {
      holdChars: 2,
      lookaheadChars: 0,
    });
    expect(crossing.released).toBe("It was alpha ");
    expect(crossing.blocked?.decision.reasons[0]?.label).toBe("span-crosses-release");
    // Had it all come at once, it would have been redacted instead.
    const once = await runStream(g, ["It was alpha beta. Then gamma came."]);
    expect(once.released).toBe("It was [PERSON_1]. Then gamma came.");
  });

  it("fails closed when the policy truncates an oversize window", async () => {
    const g = await createGuard({
      policy: { extends: "default", limits: { maxChars: 50, onOversize: "truncate" } },
    });
    const run = await runStream(g, ["short. ", "x".repeat(80)]);
    expect(run.released).toBe("short. ");
    expect(run.blocked?.decision.reasons[0]?.label).toBe("oversize-window");
  });
});

describe("guardStream plumbing", () => {
  it("cancels the source when the consumer stops early", async () => {
    const src = trackedSource(["One. ", "Two. ", "Three. ", "Four. "]);
    for await (const ev of guardStream(guard, src.iterable)) {
      if (ev.type === "text") break;
    }
    expect(src.state.returned).toBe(true);
  });

  it("accepts a plain iterable and an empty source", async () => {
    expect(await collect(guardStream(guard, ["a ", "b."]))).toMatchObject([
      { type: "text", text: "a b." },
      { type: "end", decision: { action: "allow", text: "a b." } },
    ]);
    const empty = await collect(guardStream(guard, fromChunks([])));
    expect(empty).toMatchObject([{ type: "end", decision: { action: "allow", text: "" } }]);
  });

  it("serialises pushes that are not awaited", async () => {
    const s = new StreamGuard(guard);
    const parts = ["One. ", "Two. ", "Three. ", "Four."];
    const results = await Promise.all([...parts.map((p) => s.push(p)), s.end()]);
    const texts = results.flat().flatMap((e) => (e.type === "text" ? [e.text] : []));
    expect(texts.join("")).toBe(parts.join(""));
    expect(results.flat().at(-1)?.type).toBe("end");
  });

  it("rejects inconsistent windows", () => {
    expect(() => new StreamGuard(guard, { holdChars: 50, lookaheadChars: 50 })).toThrow(/lookaheadChars/);
    expect(() => new StreamGuard(guard, { holdChars: 50, maxHoldChars: 10 })).toThrow(/maxHoldChars/);
    expect(() => new StreamGuard(guard, { contextChars: -1 })).toThrow(/contextChars/);
  });
});
