import type { Span, Tracer } from "@opentelemetry/api";
import { beforeAll, describe, expect, it } from "vitest";
import { createGuard, type Guard } from "../guard/create-guard.js";
import { AuditWriter, type AuditSink } from "./audit-writer.js";
import { MonitorMetrics } from "./metrics.js";
import { makeDecision } from "./testing/events.js";
import { withTracing } from "./tracing.js";
import { withAudit } from "./with-audit.js";

let guard: Guard;
beforeAll(async () => {
  guard = await createGuard();
});

function line(text: string, prefix: string): number | undefined {
  const l = text.split("\n").find((x) => x.startsWith(prefix));
  return l === undefined ? undefined : Number(l.slice(prefix.length).trim());
}

describe("MonitorMetrics", () => {
  it("counts decisions by stage and action, reasons by category, and times each detector", async () => {
    const metrics = new MonitorMetrics();
    const writer = new AuditWriter({
      store: { insert: () => Promise.resolve(), salt: () => Promise.resolve("s") },
    });
    const audited = withAudit(guard, writer, { observers: [metrics] });
    await audited.checkInput("hello there");
    await audited.checkInput("hello again");
    // Unicode tag characters smuggle hidden ASCII: the default policy blocks them (obfuscation).
    const blocked = await audited.checkInput("hello \u{E0041}\u{E0042}\u{E0043} world");
    expect(blocked.action).toBe("block");
    const text = await metrics.text();
    expect(line(text, 'guardstack_decisions_total{stage="input",action="allow"}')).toBe(2);
    expect(line(text, 'guardstack_decisions_total{stage="input",action="block"}')).toBe(1);
    const category = blocked.reasons[0]!.category;
    expect(
      line(text, `guardstack_decision_reasons_total{stage="input",action="block",category="${category}"}`),
    ).toBe(1);
    expect(line(text, 'guardstack_detector_latency_seconds_count{detector="pii",stage="input"}')).toBe(3);
    expect(line(text, 'guardstack_decision_latency_seconds_count{stage="input"}')).toBe(3);
    expect(text).not.toContain('detector="total"');
    expect(text).not.toContain('detector="normalize"');
    await writer.close();
  });

  it("reports the audit queue's depth, drops and store health", async () => {
    const metrics = new MonitorMetrics({ prefix: "gs_" });
    let release: () => void = () => undefined;
    const stuck: AuditSink = {
      insert: () => new Promise<void>((r) => (release = r)),
      salt: () => Promise.resolve("s"),
    };
    const writer = new AuditWriter({ store: stuck, maxQueue: 5, flushIntervalMs: 1 });
    metrics.watchWriter(writer);
    for (let i = 0; i < 8; i++) writer.record({ decision: makeDecision(), text: "x" });
    let text = await metrics.text();
    expect(line(text, "gs_audit_queue_depth")).toBe(5);
    expect(line(text, "gs_audit_dropped_events_total")).toBe(3);
    expect(line(text, "gs_audit_store_up")).toBe(1);
    await new Promise((r) => setTimeout(r, 20));
    release();
    await writer.flush();
    text = await metrics.text();
    expect(line(text, "gs_audit_queue_depth")).toBe(0);
    expect(line(text, "gs_audit_written_events_total")).toBe(5);
    expect(line(text, "gs_audit_dropped_events_total")).toBe(3); // a counter: not counted twice
    metrics.incidentOpened("severe");
    expect(line(await metrics.text(), 'gs_incidents_opened_total{rule="severe"}')).toBe(1);
    expect(metrics.contentType).toMatch(/text\/plain/);
  });

  it("observes a decision in well under a microsecond (prom-client is fed off the guard's path)", () => {
    const metrics = new MonitorMetrics();
    const d = makeDecision({
      category: "hate",
      latencyMs: { total: 0.4, normalize: 0.1, pii: 0.05, secrets: 0.04, urls: 0.02, code: 0.01 },
    });
    for (let i = 0; i < 1000; i++) metrics.observeDecision(d);
    const t0 = performance.now();
    for (let i = 0; i < 20_000; i++) metrics.observeDecision(d);
    const us = ((performance.now() - t0) * 1000) / 20_000;
    expect(us).toBeLessThan(15); // ~0.3 µs here; generous for a loaded machine
  });
});

describe("withTracing", () => {
  interface Recorded {
    name: string;
    attributes: Record<string, unknown>;
    ended: boolean;
    status?: unknown;
    exception?: unknown;
  }
  function fakeTracer(spans: Recorded[]): Tracer {
    return {
      startActiveSpan(name: string, fn: (span: Span) => unknown) {
        const rec: Recorded = { name, attributes: {}, ended: false };
        spans.push(rec);
        const span = {
          setAttributes: (a: Record<string, unknown>) => Object.assign(rec.attributes, a),
          setAttribute: (k: string, v: unknown) => (rec.attributes[k] = v),
          setStatus: (s: unknown) => (rec.status = s),
          recordException: (e: unknown) => (rec.exception = e),
          end: () => (rec.ended = true),
        };
        return fn(span as unknown as Span);
      },
    } as unknown as Tracer;
  }

  it("opens one span per check with the decision's facts and no text", async () => {
    const spans: Recorded[] = [];
    const traced = withTracing(guard, { tracer: fakeTracer(spans) });
    const secret = "my mail is jane.roe@example.com";
    const d = await traced.checkInput(secret);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      name: "guardstack.check input",
      ended: true,
      attributes: {
        "guardstack.stage": "input",
        "guardstack.action": d.action,
        "guardstack.layer": "input-rail",
        "guardstack.text_chars": secret.length,
      },
    });
    expect(spans[0]!.attributes["guardstack.latency_ms.pii"]).toBeTypeOf("number");
    expect(JSON.stringify(spans)).not.toContain("jane.roe");
  });

  it("marks the span as an error when the check throws", async () => {
    const spans: Recorded[] = [];
    const traced = withTracing(guard, { tracer: fakeTracer(spans) });
    await expect(traced.check("nowhere" as never, "x")).rejects.toThrow(/unknown stage/);
    expect(spans[0]).toMatchObject({ ended: true, status: { code: 2 } });
  });

  it("works with the global no-op tracer when no SDK is registered", async () => {
    const d = await withTracing(guard).checkInput("hello");
    expect(d.action).toBe("allow");
  });
});
