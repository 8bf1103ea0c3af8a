import { describe, expect, it } from "vitest";
import {
  beginTurn,
  createSession,
  describeTaint,
  isTainted,
  markTainted,
  MAX_UNTRUSTED_SOURCES,
} from "./state.js";

describe("session state", () => {
  it("starts clean, counts turns, and is plain JSON", () => {
    const s = createSession("abc");
    expect(s).toEqual({ id: "abc", turn: 0, untrusted: [], risk: { turns: [] } });
    beginTurn(s);
    expect(s.turn).toBe(1);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(createSession().id).not.toBe(createSession().id);
  });

  it("records each untrusted source once, with the turn it was read in", () => {
    const s = createSession();
    beginTurn(s);
    markTainted(s, { kind: "toolResult", id: "call_1", origin: "web_fetch" });
    markTainted(s, { kind: "toolResult", id: "call_1", origin: "web_fetch" });
    markTainted(s, { kind: "retrieval", id: "call_1" });
    expect(isTainted(s)).toBe(true);
    expect(s.untrusted).toEqual([
      { kind: "toolResult", id: "call_1", origin: "web_fetch", turn: 1 },
      { kind: "retrieval", id: "call_1", turn: 1 },
    ]);
    expect(describeTaint(s)).toBe("toolResult call_1 (web_fetch), retrieval call_1");
  });

  it("keeps at most MAX_UNTRUSTED_SOURCES, the latest", () => {
    const s = createSession();
    for (let i = 0; i < MAX_UNTRUSTED_SOURCES + 10; i++) markTainted(s, { kind: "retrieval", id: `d${i}` });
    expect(s.untrusted).toHaveLength(MAX_UNTRUSTED_SOURCES);
    expect(s.untrusted.at(-1)?.id).toBe(`d${MAX_UNTRUSTED_SOURCES + 9}`);
    expect(describeTaint(s, 2)).toBe(
      `retrieval d${MAX_UNTRUSTED_SOURCES + 8}, retrieval d${MAX_UNTRUSTED_SOURCES + 9} and ${MAX_UNTRUSTED_SOURCES - 2} more`,
    );
  });

  it("turn scope clears the taint at the next turn; conversation scope keeps it", () => {
    const s = createSession();
    markTainted(s, { kind: "retrieval", id: "d" });
    beginTurn(s, "conversation");
    expect(isTainted(s)).toBe(true);
    beginTurn(s, "turn");
    expect(isTainted(s)).toBe(false);
  });
});
