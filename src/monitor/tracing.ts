/**
 * OpenTelemetry spans for guard checks: one span per check ("guardstack.check <stage>") with the
 * action, deciding layer, reason categories, policy, total and per-detector latency — never the text.
 * `@opentelemetry/api` is a no-op until the application registers an SDK, so this costs next to nothing
 * when tracing is not configured.
 */
import { SpanStatusCode, trace, type Tracer } from "@opentelemetry/api";
import type { Guard } from "../guard/create-guard.js";
import type { CheckContext, Decision } from "../guard/types.js";
import type { Stage } from "../policy/stages.js";

export interface WithTracingOptions {
  /** Default: the global tracer provider's "guardstack" tracer. */
  tracer?: Tracer;
}

export function withTracing(guard: Guard, options: WithTracingOptions = {}): Guard {
  const tracer = options.tracer ?? trace.getTracer("guardstack");
  const check = (stage: Stage, text: string, ctx?: CheckContext): Promise<Decision> =>
    tracer.startActiveSpan(`guardstack.check ${stage}`, async (span) => {
      try {
        const d = await guard.check(stage, text, ctx);
        span.setAttributes({
          "guardstack.stage": stage,
          "guardstack.action": d.action,
          "guardstack.layer": d.layer,
          "guardstack.categories": d.reasons.map((r) => r.category),
          "guardstack.policy": `${d.policy.name}@${d.policy.version}`,
          "guardstack.text_chars": text.length,
          "guardstack.latency_ms": d.latencyMs.total ?? 0,
        });
        for (const name in d.latencyMs)
          if (name !== "total") span.setAttribute(`guardstack.latency_ms.${name}`, d.latencyMs[name]);
        if (d.failures.length > 0)
          span.setAttribute(
            "guardstack.failures",
            d.failures.map((f) => `${f.detector}:${f.kind}`),
          );
        return d;
      } catch (err) {
        span.recordException(err instanceof Error ? err : String(err));
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: err instanceof Error ? err.message : String(err),
        });
        throw err;
      } finally {
        span.end();
      }
    });
  return {
    ...guard,
    check,
    checkInput: (text, ctx) => check("input", text, ctx),
    checkOutput: (text, ctx) => check("output", text, ctx),
  };
}
