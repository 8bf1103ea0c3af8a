/**
 * The streaming rail over an AI SDK stream (LanguageModelV3StreamPart): text deltas go through the
 * StreamGuard and come out as one checked text block; tool calls are held until the text is done and
 * then pass the tool rail; the finish part comes last, carrying the report. Parts that are not model
 * text (stream-start, metadata, sources, files, provider-executed tool calls and their results) pass
 * through; streamed tool-input fragments are dropped (the whole tool-call part carries the input, once
 * checked); reasoning is dropped unless the caller opts in, as the guard does not check it.
 */
import type {
  LanguageModelV3FinishReason,
  LanguageModelV3StreamPart,
  LanguageModelV3ToolCall,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
} from "@ai-sdk/provider";
import type { Guard } from "../../guard/create-guard.js";
import type { JudgeCheckContext } from "../../guard/cascade/types.js";
import type { SessionState } from "../../guard/session/state.js";
import { StreamGuard } from "../../guard/streaming/stream-guard.js";
import type { StreamEvent, StreamGuardOptions } from "../../guard/streaming/types.js";
import { allowedCalls, runOutputRails, stoppedCallReply } from "../../guard/wrap/rails.js";
import type { GuardReport } from "../../guard/wrap/types.js";
import { reportMetadata } from "./report-metadata.js";

type FinishPart = Extract<LanguageModelV3StreamPart, { type: "finish" }>;

export const EMPTY_USAGE: LanguageModelV3Usage = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

export const CONTENT_FILTER: LanguageModelV3FinishReason = { unified: "content-filter", raw: "guardstack" };

export function withReport(
  metadata: SharedV3ProviderMetadata | undefined,
  report: GuardReport,
): SharedV3ProviderMetadata {
  return { ...metadata, guardstack: reportMetadata(report) };
}

export interface StreamPartsOptions {
  guard: Guard;
  session: SessionState;
  ctx: JudgeCheckContext;
  report: GuardReport;
  stream?: Omit<StreamGuardOptions, "ctx" | "stage">;
  reasoning: "drop" | "pass";
  onReport?: (report: GuardReport) => void;
}

function isReasoning(p: LanguageModelV3StreamPart): boolean {
  return p.type === "reasoning-start" || p.type === "reasoning-delta" || p.type === "reasoning-end";
}

async function* guardParts(
  source: ReadableStream<LanguageModelV3StreamPart>,
  o: StreamPartsOptions,
): AsyncGenerator<LanguageModelV3StreamPart> {
  const reader = source.getReader();
  const rail = new StreamGuard(o.guard, { ...o.stream, stage: "output", ctx: o.ctx });
  let done = false;
  let textId: string | undefined;
  let opened = false;
  let released = false;
  let blocked = false;
  let failed = false;
  const calls: LanguageModelV3ToolCall[] = [];
  let finish: FinishPart | undefined;

  function* textPart(text: string): Generator<LanguageModelV3StreamPart> {
    textId ??= "guarded-text";
    if (!opened) {
      opened = true;
      yield { type: "text-start", id: textId };
    }
    yield { type: "text-delta", id: textId, delta: text };
  }
  function* events(evs: StreamEvent[]): Generator<LanguageModelV3StreamPart> {
    for (const ev of evs) {
      if (ev.type === "text") {
        released = true;
        yield* textPart(ev.text);
      } else if (ev.type === "end") {
        o.report.output = ev.decision;
      } else {
        blocked = true;
        o.report.output = ev.decision;
        o.report.blockedAt = "output";
        yield* textPart(`${released ? "\n\n" : ""}${ev.safeReply}`);
      }
    }
  }

  try {
    while (!blocked) {
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await reader.read();
      } catch (err) {
        // A provider error is reported as such (not as a policy block); held text is not released.
        done = true;
        failed = true;
        yield { type: "error", error: err };
        break;
      }
      if (step.done) {
        done = true;
        yield* events(await rail.end());
        break;
      }
      const part = step.value;
      switch (part.type) {
        case "text-start":
          textId ??= part.id;
          break;
        case "text-end":
          break;
        case "text-delta":
          yield* events(await rail.push(part.delta));
          break;
        case "tool-input-start":
        case "tool-input-delta":
        case "tool-input-end":
          break;
        case "tool-call":
          if (part.providerExecuted === true) yield part;
          else calls.push(part);
          break;
        case "finish":
          finish = part;
          break;
        default:
          if (!isReasoning(part) || o.reasoning === "pass") yield part;
      }
    }
    if (opened) yield { type: "text-end", id: textId! };

    const usage = finish?.usage ?? EMPTY_USAGE;
    if (failed) {
      o.onReport?.(o.report);
      yield { type: "finish", usage, finishReason: { unified: "error", raw: "upstream error" } };
      return;
    }
    if (blocked) {
      o.onReport?.(o.report);
      yield {
        type: "finish",
        usage,
        finishReason: CONTENT_FILTER,
        providerMetadata: withReport(finish?.providerMetadata, o.report),
      };
      return;
    }
    const asCalls = calls.map((c) => ({ id: c.toolCallId, name: c.toolName, arguments: c.input }));
    const out = await runOutputRails(o.guard, "", asCalls, o.session, o.ctx);
    o.report.toolCalls = out.toolCalls;
    const allowed = allowedCalls(asCalls, out.toolCalls);
    for (const call of allowed) {
      const original = calls.find((c) => c.toolCallId === call.id)!;
      yield { ...original, input: call.arguments };
    }
    let finishReason = finish?.finishReason ?? { unified: "stop", raw: undefined };
    if (allowed.length < calls.length) {
      if (allowed.length === 0) {
        finishReason = CONTENT_FILTER;
        if (!released) {
          textId = "guarded-tool-reply";
          opened = false;
          yield* textPart(stoppedCallReply(out.toolCalls, o.guard.policy.safeReply));
          yield { type: "text-end", id: textId };
        }
      } else finishReason = { unified: "tool-calls", raw: finishReason.raw };
    }
    o.onReport?.(o.report);
    yield {
      type: "finish",
      usage,
      finishReason,
      providerMetadata: withReport(finish?.providerMetadata, o.report),
    };
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** The guarded stream: pulls the source only as fast as the consumer reads; cancelling it cancels the source. */
export function guardStreamParts(
  source: ReadableStream<LanguageModelV3StreamPart>,
  options: StreamPartsOptions,
): ReadableStream<LanguageModelV3StreamPart> {
  const it = guardParts(source, options);
  return new ReadableStream<LanguageModelV3StreamPart>({
    async pull(controller) {
      try {
        const next = await it.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await it.return(undefined);
    },
  });
}
