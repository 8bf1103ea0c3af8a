import { beforeAll, describe, expect, it } from "vitest";
import { CurateSettings, type CurateSettingsT } from "./config.js";
import { Curator } from "./curator.js";
import { formatByName } from "./formats/detect.js";
import type { FormatName } from "./formats/types.js";
import { loadCuratePolicy } from "./policy-sections.js";
import { CHECKS, type CheckName } from "./reasons.js";
import { chat, EXAMPLES as X } from "../../test/fixtures/curate/examples.js";
import type { Policy } from "../policy/schema.js";

let policy: Policy;
beforeAll(async () => {
  policy = (await loadCuratePolicy()).loaded.policy;
});

function curator(settings: Partial<CurateSettingsT> = {}, checks: readonly CheckName[] = CHECKS) {
  return new Curator({ policy, settings: CurateSettings.parse(settings), checks: new Set(checks) });
}

function examine(c: Curator, value: unknown, format: FormatName = "openai") {
  const parsed = formatByName(format).parse(value);
  if (typeof parsed === "string") throw new Error(parsed);
  return c.examine(parsed, value);
}

const reasons = (o: { hits: { reason: string }[] }) => [...new Set(o.hits.map((h) => h.reason))].sort();

describe("curator checks", () => {
  it("keeps benign chats and a refusal of a harmful request", () => {
    const c = curator();
    for (const v of [
      chat(["user", X.bananaRequest], ["assistant", X.bananaReply]),
      chat(["user", X.capitalRequest], ["assistant", X.capitalReply]),
      chat(["user", X.pipeBombRequest], ["assistant", X.refusal]),
    ]) {
      const o = examine(c, v);
      expect(o.hits).toEqual([]);
      expect(o.action).toBe("keep");
      expect(o.record).toBe(v);
    }
  });

  it("rejects assistant turns that carry out harmful requests", () => {
    const c = curator();
    for (const [q, a] of [
      [X.pipeBombRequest, X.pipeBombReply],
      [X.phishingRequest, X.phishingReply],
      [X.methRequest, X.methReply],
    ] as const) {
      const o = examine(c, chat(["user", q], ["assistant", a]));
      expect(o.action).toBe("reject");
      expect(reasons(o)).toContain("harmful-compliance");
      const hit = o.hits.find((h) => h.reason === "harmful-compliance")!;
      expect(hit.turn).toBe(1);
      expect(hit.role).toBe("assistant");
    }
  });

  it("rejects toxic text the model would learn, but not a toxic user turn by default", () => {
    const c = curator();
    expect(reasons(examine(c, chat(["user", "What do you think of me?"], ["assistant", X.insult])))).toEqual([
      "toxicity",
    ]);
    expect(examine(c, { text: X.insult }, "text").action).toBe("reject");
    const userOnly = chat(["user", X.insult], ["assistant", "I'm sorry you feel that way. How can I help?"]);
    expect(examine(c, userOnly).action).toBe("keep");
    expect(reasons(examine(curator({ toxicityInUserTurns: true }), userOnly))).toEqual(["toxicity"]);
  });

  it("rejects injected instructions in text that is not the user's (poisoning), not in user turns", () => {
    const c = curator();
    const poisoned = chat(["system", X.injection], ["user", X.capitalRequest], ["assistant", X.capitalReply]);
    expect(reasons(examine(c, poisoned))).toEqual(["injection"]);
    const alpaca = {
      instruction: "Summarise the text.",
      input: X.injection,
      output: "It asks for no restrictions.",
    };
    expect(reasons(examine(c, alpaca, "alpaca"))).toEqual(["injection"]);
    expect(
      examine(c, chat(["user", X.injection], ["assistant", X.refusal])).hits.map((h) => h.reason),
    ).not.toContain("injection");
  });

  it("redacts personal data and secrets in place, or drops the record with pii=drop", () => {
    // (Not "How can I contact you?": the harm model scores that 0.92, over its threshold, a known false positive.)
    const v = chat(["user", "Who do I talk to about the order?"], ["assistant", X.pii]);
    const o = examine(curator(), v);
    expect(o.action).toBe("repair");
    expect(reasons(o)).toEqual(["pii"]);
    const out = JSON.stringify(o.record);
    expect(out).not.toContain("jane.roe@example.com");
    expect(out).not.toContain("555 0132");
    expect(out).toContain("[EMAIL_1]");
    expect(JSON.stringify(v)).toContain("jane.roe@example.com"); // the input is not modified
    const s = examine(curator(), chat(["user", "How do I set the token?"], ["assistant", X.secret]));
    expect(reasons(s)).toEqual(["secret"]);
    expect(JSON.stringify(s.record)).not.toContain("ghp_R2d2");
    const dropped = examine(curator({ pii: "drop" }), v);
    expect(dropped.action).toBe("reject");
    expect(JSON.stringify(dropped.record)).not.toContain("jane.roe@example.com");
    expect(dropped.excerpts.join(" ")).not.toContain("jane.roe");
  });

  it("filters languages, keeping text it cannot place", () => {
    const c = curator({ languages: ["en"] });
    expect(reasons(examine(c, { text: X.german }, "text"))).toEqual(["language"]);
    expect(examine(c, { text: X.capitalReply }, "text").action).toBe("keep");
    expect(examine(c, { text: "OK" }, "text").action).toBe("keep");
    expect(examine(curator({ languages: ["de", "en"] }), { text: X.german }, "text").action).toBe("keep");
  });

  it("rejects exact and near duplicates of kept records, naming the line", () => {
    const c = curator();
    const a = chat(["user", X.bananaRequest], ["assistant", X.bananaReply]);
    expect(examine(c, a).action).toBe("keep");
    const same = chat(["user", "how do I make BANANA bread"], ["assistant", X.bananaReply.replace(/,/g, "")]);
    const d = examine(c, same);
    expect(reasons(d)).toEqual(["duplicate"]);
    expect(d.hits[0]!.detail).toBe("same text as line 1 of the clean output");
    const edited = chat(["user", X.bananaRequest], ["assistant", X.bananaReply.replace("three", "four")]);
    expect(reasons(examine(c, edited))).toEqual(["near-duplicate"]);
    expect(examine(c, chat(["user", X.capitalRequest], ["assistant", X.capitalReply])).action).toBe("keep");
  });

  it("treats a preference record's rejected reply as the negative example it is", () => {
    const c = curator();
    const good = { prompt: X.pipeBombRequest, chosen: X.refusal, rejected: X.pipeBombReply };
    expect(examine(c, good, "preference").action).toBe("keep");
    const inverted = { prompt: X.pipeBombRequest, chosen: X.pipeBombReply, rejected: X.refusal };
    const o = examine(c, inverted, "preference");
    expect(reasons(o)).toEqual(["harmful-compliance"]);
  });

  it("runs only the checks asked for", () => {
    const c = curator({}, ["dedup"]);
    expect(examine(c, chat(["user", X.phishingRequest], ["assistant", X.phishingReply])).action).toBe("keep");
    expect(examine(c, chat(["user", "x"], ["assistant", X.pii])).action).toBe("keep");
  });
});

describe("curator runs in linear time", () => {
  it("on 25 KB and 200 KB of one character and of near-miss emails", () => {
    const c = curator({ dedup: "off" });
    for (const make of [(n: number) => "a".repeat(n), (n: number) => "a@a.".repeat(n / 4)]) {
      const time = (n: number) => {
        const v = { text: make(n) };
        let best = Infinity;
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          examine(c, v, "text");
          best = Math.min(best, performance.now() - t0);
        }
        return best;
      };
      time(25_000);
      const small = time(25_000);
      const large = time(200_000);
      expect(large, `${small.toFixed(1)} ms at n, ${large.toFixed(1)} ms at 8n`).toBeLessThan(
        Math.max(small, 2) * 8 * 3,
      );
    }
  });
});
