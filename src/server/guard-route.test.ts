/** `POST /v1/guard`: one decision over HTTP, the vault never serialised, errors in OpenAI's format. */
import { afterEach, describe, expect, it } from "vitest";
import type { Decision } from "../guard/types.js";
import { startHarness, type Harness } from "./testing/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function guard(body: unknown) {
  const res = await fetch(`${h!.baseURL}/guard`, { method: "POST", body: JSON.stringify(body) });
  return {
    status: res.status,
    text: await res.clone().text(),
    json: (await res.json()) as Record<string, unknown>,
  };
}

describe("POST /v1/guard", () => {
  it("returns the decision: allow, modify with the redacted text, block with the safe reply", async () => {
    h = await startHarness({
      config: { policy: { extends: "default", terms: { banned: ["operation nightfall"] } } },
    });
    const allow = await guard({ stage: "input", text: "What are your opening hours?" });
    expect(allow.status).toBe(200);
    expect(allow.json).toMatchObject({ action: "allow", stage: "input", layer: "input-rail" });

    const modify = (await guard({ stage: "input", text: "mail me at jane.roe@example.com" }))
      .json as unknown as Decision;
    expect(modify.action).toBe("modify");
    expect(modify.text).toBe("mail me at [EMAIL_1]");
    expect(modify.reasons[0]?.category).toBe("pii");
    expect(modify.latencyMs.total).toBeGreaterThan(0);

    const block = (await guard({ stage: "output", text: "Welcome to operation nightfall." }))
      .json as unknown as Decision;
    expect(block.action).toBe("block");
    expect(block.safeReply).toBe("I can't help with that request.");
    expect(block.text).toBeUndefined();
  });

  it("uses the context: canaries planted in the prompt are caught at output", async () => {
    h = await startHarness();
    const d = (
      await guard({
        stage: "output",
        text: "The token is CANARY-7f3a9b21 ok.",
        context: { canaries: ["CANARY-7f3a9b21"] },
      })
    ).json as unknown as Decision;
    expect(d.action).toBe("block");
  });

  it("never serialises the vault, even in vault redaction mode", async () => {
    h = await startHarness({ config: { policy: { extends: "default", redaction: { mode: "vault" } } } });
    const r = await guard({ stage: "input", text: "mail me at jane.roe@example.com" });
    expect(r.json.action).toBe("modify");
    expect(r.json).not.toHaveProperty("vault");
    // The vault holds the original; nothing of it is in the response.
    expect(r.text).not.toContain("jane.roe");
  });

  it("400 naming the field for a bad stage or a missing text", async () => {
    h = await startHarness();
    const stage = await guard({ stage: "prompt", text: "x" });
    expect(stage.status).toBe(400);
    expect(stage.json).toMatchObject({ error: { param: "stage", type: "invalid_request_error" } });
    const text = await guard({ stage: "input" });
    expect(text.json).toMatchObject({ error: { param: "text" } });
    const extra = await guard({ stage: "input", text: "x", context: { vault: {} } });
    expect(extra.status).toBe(400);
    expect(extra.json).toMatchObject({ error: { param: "context" } });
  });
});
