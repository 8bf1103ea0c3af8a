/** /healthz (liveness and upstream reachability) and /metrics (Prometheus text) over HTTP. */
import { afterEach, describe, expect, it } from "vitest";
import { closedPort, startHarness, type Harness } from "./testing/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The value of one sample line, e.g. `guardstack_decisions_total{stage="input",action="allow"}`. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.indexOf("}"));
    const got = Object.fromEntries(
      inner.split(",").map((kv) => {
        const [k, v] = kv.split("=");
        return [k, JSON.parse(v ?? '""') as string];
      }),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v))
      return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

describe("GET /healthz", () => {
  it("reports liveness and that the upstream is reachable", async () => {
    h = await startHarness();
    const res = await fetch(`${h.server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; upstream: { reachable: boolean; status: number } };
    expect(body.status).toBe("ok");
    expect(body.upstream).toMatchObject({ reachable: true, via: "http", status: 200 });
  });

  it("stays live but flags an unreachable upstream", async () => {
    h = await startHarness({ upstream: { baseURL: `http://127.0.0.1:${await closedPort()}/v1` } });
    const res = await fetch(`${h.server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { upstream: { reachable: boolean; error: string } };
    expect(body.upstream.reachable).toBe(false);
    expect(body.upstream.error).toMatch(/refused/);
  });
});

describe("GET /metrics", () => {
  it("counts decisions by stage, action and category, detector and request latency, upstream errors", async () => {
    h = await startHarness({
      handler: (body) =>
        JSON.stringify(body.messages).includes("slow")
          ? { text: "x", delayMs: 2_000 }
          : { text: "Write to a@example.com." },
      upstream: { timeoutMs: 300 },
    });
    await h.client.chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "hello there" }],
    });
    await h.client.chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "mail b@example.org" }],
    });
    await h.client.chat.completions
      .create({ model: "m", messages: [{ role: "user", content: "slow please" }] })
      .catch(() => undefined);

    const res = await fetch(`${h.server.url}/metrics`);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(sample(text, "guardstack_decisions_total", { stage: "input", action: "allow" })).toBe(2);
    expect(sample(text, "guardstack_decisions_total", { stage: "input", action: "modify" })).toBe(1);
    expect(sample(text, "guardstack_decisions_total", { stage: "output", action: "modify" })).toBe(2);
    expect(
      sample(text, "guardstack_decision_reasons_total", {
        stage: "output",
        action: "modify",
        category: "pii",
      }),
    ).toBe(2);
    expect(
      sample(text, "guardstack_detector_latency_seconds_count", { detector: "pii", stage: "input" }),
    ).toBe(3);
    expect(sample(text, "guardstack_upstream_errors_total", { kind: "timeout" })).toBe(1);
    expect(
      sample(text, "guardstack_http_request_duration_seconds_count", {
        route: "/v1/chat/completions",
        method: "POST",
        status: "200",
      }),
    ).toBe(2);
    expect(
      sample(text, "guardstack_http_request_duration_seconds_count", {
        route: "/v1/chat/completions",
        method: "POST",
        status: "504",
      }),
    ).toBe(1);
    expect(text).toContain("guardstack_http_requests_in_flight");
    expect(text).toContain("guardstack_process_cpu_seconds_total");
  });
});
