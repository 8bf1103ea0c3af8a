import { describe, expect, it } from "vitest";
import { SSEDecoder, type SSEEvent } from "./sse.js";

/** Feeds `text` to a fresh decoder in pieces of `size` bytes (UTF-8), then ends it. */
function decode(text: string, size: number): SSEEvent[] {
  const bytes = Buffer.from(text, "utf8");
  const d = new SSEDecoder();
  const out: SSEEvent[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(...d.push(bytes.subarray(i, i + size)));
  out.push(...d.end());
  return out;
}

describe("SSEDecoder", () => {
  const stream =
    ': keep-alive comment\n\ndata: {"a":1}\n\nevent: error\ndata: {"message":"x"}\n\r\n' +
    "data: line one\r\ndata: line two\r\rid: 7\nretry: 100\ndata: héllo → 🌍\n\ndata: [DONE]\n\n";
  const expected: SSEEvent[] = [
    { data: '{"a":1}' },
    { event: "error", data: '{"message":"x"}' },
    { data: "line one\nline two" },
    { data: "héllo → 🌍" },
    { data: "[DONE]" },
  ];

  it("splits events on LF, CRLF and CR, joins data lines, and skips comments and other fields", () => {
    expect(decode(stream, stream.length * 4)).toEqual(expected);
  });

  it("gives the same events however the bytes are split (CRLF and multi-byte characters across pieces)", () => {
    for (const size of [1, 2, 3, 5, 7, 16])
      expect(decode(stream, size), `pieces of ${size}`).toEqual(expected);
  });

  it("takes 'data:' without a space, and an event the stream ended without a blank line", () => {
    expect(decode("data:{}\n\ndata: last", 4)).toEqual([{ data: "{}" }, { data: "last" }]);
    expect(decode("event: ping\n\n", 3)).toEqual([]);
  });

  it("stays linear on a long line that arrives in many small pieces", () => {
    const d = new SSEDecoder();
    const piece = Buffer.from("x".repeat(64));
    const t0 = performance.now();
    d.push("data: ");
    for (let i = 0; i < 40_000; i++) d.push(piece); // 2.5 MB in one line
    const out = [...d.push("\n\n"), ...d.end()];
    expect(out).toHaveLength(1);
    expect(out[0]?.data.length).toBe(64 * 40_000);
    // Rescanning the held line on every piece would be quadratic: ~50 billion character visits.
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
