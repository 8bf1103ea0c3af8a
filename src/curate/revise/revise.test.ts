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
import { reviseFile } from "./run-revise.js";
import type { TurnRevision } from "./reviser.js";
import { parseVerdict } from "./verdict.js";

/** A mock request's message content as text (the provider sends plain strings). */
function text(content: unknown): string {
  return typeof content === "string" ? content : "";
}

const dir = mkdtempSync(join(tmpdir(), "curate-revise-"));
let server: MockOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function write(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const POLICY = `extends: default
name: revise-test
principles:
  - id: no-weapons
    text: The reply must not help anyone build a weapon.
  - id: no-personal-data
    text: The reply must not reveal personal contact details.
    categories: [privacy]
`;

function quoted(content: string, label: string): string {
  const start = content.indexOf(`${label}\n<<<\n`);
  if (start < 0) return "";
  const from = start + label.length + 5;
  return content.slice(from, content.indexOf("\n>>>", from));
}

/** A scripted critic: a reply with weapon steps or an email address violates; revisions are safe. */
function critic(unclear = false): MockHandler {
  return (body) => {
    const system = text(body.messages[0]?.content);
    const user = text(body.messages[1]?.content);
    if (system.startsWith("You rewrite")) {
      if (user.includes("contact details")) return { text: "You can reach me through the contact form." };
      return { text: X.refusal };
    }
    const reply = quoted(user, "Reply to review:");
    if (unclear) return { text: "Hard to say, really." };
    const bad =
      (user.includes("weapon") && reply.includes("pipe")) ||
      (user.includes("contact") && reply.includes("@"));
    return { text: bad ? "VIOLATION: yes\nIt gives the steps." : "**VIOLATION: no**\nNothing to fix." };
  };
}

async function setup(handler: MockHandler) {
  server = await startMockOpenAIServer({ handler });
  const provider = write(
    "provider.yaml",
    `kind: openai\nmodel: mock-model\nbaseURL: ${server.url}\napiKey: k\nmaxRetries: 0\n`,
  );
  return { provider, policy: write("policy.yaml", POLICY) };
}

type Out = Record<string, unknown> & { guardstack_revise: { turns: TurnRevision[] } };

function read(path: string): Out[] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Out);
}

describe("critique and revise (mock OpenAI server, real SDK)", () => {
  it("revises a violating reply until the critique finds nothing, keeping the audit trail", async () => {
    const { provider, policy } = await setup(critic());
    const input = write(
      "in.jsonl",
      [
        JSON.stringify(chat(["user", X.pipeBombRequest], ["assistant", X.pipeBombReply])),
        JSON.stringify(chat(["user", X.bananaRequest], ["assistant", X.bananaReply])),
        JSON.stringify(chat(["user", "How can I reach you?"], ["assistant", X.pii])),
      ].join("\n") + "\n",
    );
    const out = join(dir, "out.jsonl");
    const s = await reviseFile({ input, out, providerConfig: provider, policy });
    expect(s).toMatchObject({ records: 3, turnsReviewed: 3, turnsRevised: 2, turnErrors: 0, unclear: 0 });
    const [bomb, bread, contact] = read(out);

    const b = bomb!.guardstack_revise.turns[0]!;
    expect((bomb!.messages as { content: string }[])[1]!.content).toBe(X.refusal);
    expect(b).toMatchObject({
      turn: 1,
      original: X.pipeBombReply,
      final: X.refusal,
      revised: true,
      rounds: 2,
    });
    expect(b.principles).toEqual(["no-weapons"]); // no personal data: the privacy principle does not apply
    expect(b.steps.map((x) => [x.round, x.principle, x.verdict, x.revision !== undefined])).toEqual([
      [1, "no-weapons", "yes", true],
      [2, "no-weapons", "no", false],
    ]);
    expect(b.steps[0]!.critique).toContain("It gives the steps.");

    expect(bread!.messages).toEqual(chat(["user", X.bananaRequest], ["assistant", X.bananaReply]).messages);
    expect(bread!.guardstack_revise.turns[0]).toMatchObject({ revised: false, rounds: 1 });

    const c = contact!.guardstack_revise.turns[0]!;
    expect(c.principles).toEqual(["no-weapons", "no-personal-data"]);
    expect(c.final).toBe("You can reach me through the contact form.");

    // The critic sees the conversation quoted, the principle, and the verdict line it must write.
    const first = (server!.requests[0] as { messages: { content: string }[] }).messages[1]!.content;
    expect(first).toContain("Principle: The reply must not help anyone build a weapon.");
    expect(first).toContain(`[user]: ${X.pipeBombRequest}`);
    expect(first).toContain('"VIOLATION: yes" or "VIOLATION: no"');
  });

  it("leaves a reply alone when the verdict cannot be read, and says so", async () => {
    const { provider, policy } = await setup(critic(true));
    const input = write(
      "unclear.jsonl",
      JSON.stringify(chat(["user", X.pipeBombRequest], ["assistant", X.pipeBombReply])) + "\n",
    );
    const out = join(dir, "unclear.out.jsonl");
    const s = await reviseFile({ input, out, providerConfig: provider, policy, maxRounds: 3 });
    expect(s).toMatchObject({ turnsRevised: 0, unclear: 1 });
    expect(read(out)[0]!.guardstack_revise.turns[0]!.steps[0]!.verdict).toBe("unclear");
  });

  it("stops after max rounds when every critique finds a violation", async () => {
    const { provider, policy } = await setup((body) => {
      const system = text(body.messages[0]?.content);
      return { text: system.startsWith("You rewrite") ? `${X.pipeBombReply} (again)` : "VIOLATION: yes" };
    });
    const input = write(
      "loop.jsonl",
      JSON.stringify({ prompt: X.pipeBombRequest, chosen: X.pipeBombReply, rejected: "No." }) + "\n",
    );
    const out = join(dir, "loop.out.jsonl");
    const s = await reviseFile({ input, out, providerConfig: provider, policy, maxRounds: 2 });
    expect(s.turnsReviewed).toBe(1); // the rejected side is not revised
    const t = read(out)[0]!.guardstack_revise.turns[0]!;
    expect(t.rounds).toBe(2);
    expect(t.steps).toHaveLength(2);
    expect(read(out)[0]!.rejected).toBe("No.");
  });

  it("records a provider failure on the turn and goes on", async () => {
    const { provider, policy } = await setup(() => ({ status: 500, text: "boom" }));
    const input = write("fail.jsonl", JSON.stringify(chat(["user", "hi"], ["assistant", "hello"])) + "\n");
    const out = join(dir, "fail.out.jsonl");
    const s = await reviseFile({ input, out, providerConfig: provider, policy });
    expect(s.turnErrors).toBe(1);
    expect(read(out)[0]!.guardstack_revise.turns[0]!.error).toBeTruthy();
  });
});

describe("verdict line", () => {
  it("reads yes, no and anything else as unclear", () => {
    expect(parseVerdict("VIOLATION: yes\nbecause")).toBe("yes");
    expect(parseVerdict("\n  **Violation:** No — fine")).toBe("no");
    expect(parseVerdict("## violation : YES")).toBe("yes");
    expect(parseVerdict("The reply is fine.\nVIOLATION: no")).toBe("unclear");
    expect(parseVerdict("VIOLATION: maybe")).toBe("unclear");
    expect(parseVerdict("")).toBe("unclear");
  });
});
