/**
 * The guarded stack for one case, through the guard's own rails, as an application wires them:
 * - input rail: every turn the caller sent — user and (fabricated) assistant turns at the input stage,
 *   tool results through the tool rail's `checkToolResult` (which taints the turn: the text is untrusted);
 * - retrieval rail: the context documents through `checkRetrieved` (drop / quarantine / sanitise per the
 *   policy, taint, and spotlighting: the kept documents reach the model marked, with the policy's
 *   sentence telling it what the marks mean);
 * - the model;
 * - output rail: the answer at the output stage, each tool call through `checkToolCall` (policy tool
 *   rules, argument schema and detectors, and the taint rule for high-risk tools).
 * Each layer can be switched off (ablations). Block and escalate stop the case (the policy's safe reply
 * is what the user sees; an escalation is held, so nothing else is); modify passes the redacted text on.
 *
 * With `trace` (the threshold sweep, see eval/sweep), every guard check is scored as well, and a case a
 * rail stopped goes on in the shadow — the later rails, the model (or its recording) and the output rail
 * run as if the stop had not happened — so the sweep knows what a higher threshold would have let
 * through. The shadow never changes the case's output; its rail events are not recorded.
 */
import { createHash } from "node:crypto";
import type { Guard } from "../../guard/create-guard.js";
import { checkRetrieved } from "../../guard/retrieval/index.js";
import { beginTurn, createSession } from "../../guard/session/index.js";
import { checkToolCall, checkToolResult } from "../../guard/tools/index.js";
import type { CheckContext, Decision, DecisionAction } from "../../guard/types.js";
import type { ChatMessage, ChatResponse, ToolCall } from "../../providers/types.js";
import { hasSweptClassifier } from "../sweep/check-scores.js";
import { addScores, newCaseTrace, tracingGuard, withCaseTrace, type CaseTrace } from "../sweep/trace.js";
import { settleTrace } from "../sweep/settle.js";
import { taintHeldBackDocument, taintHeldBackToolResult } from "../sweep/shadow.js";
import type { EvalCase } from "../types.js";
import { caseMessages, conversationTurns, plainDocuments, type DocumentBlock } from "./messages.js";
import { modelStop } from "./model-stop.js";
import type { RailEvent, RailLayer, StackOutput } from "./types.js";

export interface StackLayers {
  input: boolean;
  retrieval: boolean;
  output: boolean;
}

export const ALL_LAYERS: Readonly<StackLayers> = Object.freeze({
  input: true,
  retrieval: true,
  output: true,
});

export interface StackRunOptions {
  guard: Guard;
  /** Produces the model's answer for the (guarded) messages; null when there is none (guard alone, no recording). */
  respond(messages: ChatMessage[], c: EvalCase, signal?: AbortSignal): Promise<ChatResponse | null>;
  layers?: StackLayers;
  /**
   * True when a document the retrieval rail holds back stops the case (the guard-alone target, where no
   * model answers without it); false in the full stack, where the model answers from the rest.
   */
  droppedDocumentStops?: boolean;
  /** Give the guard the case's canaries (`expected.noLeak`), as an application tells it the tokens it planted. */
  knownCanaries?: boolean;
  /**
   * Record what the threshold sweep needs (StackOutput.sweep): the guard's scores, and the case carried
   * on past a stop. With a model, a case the input rail stopped then costs one model call.
   */
  trace?: boolean;
  signal?: AbortSignal;
}

const stops = (action: DecisionAction) => action === "block" || action === "escalate";

function reasonsOf(d: Decision): string[] {
  return [...new Set(d.reasons.map((r) => r.category))];
}

/**
 * The spotlighting code for a case: fixed per case so the same case sends the same request (the
 * response cache and replays match), and unknown to the documents, which is what makes it unforgeable.
 */
function spotlightCode(c: EvalCase): string {
  return createHash("sha256")
    .update(`guardstack-eval-spotlight\n${c.id}\n${(c.context ?? []).join("\n")}`)
    .digest("hex")
    .slice(0, 16);
}

export async function runStack(c: EvalCase, options: StackRunOptions): Promise<StackOutput> {
  // A guard that runs no learned classifier (the default policy turns them off) has nothing to sweep.
  if (!options.trace || !hasSweptClassifier(options.guard)) return runLayers(c, options);
  const trace = newCaseTrace();
  return withCaseTrace(trace, () => runLayers(c, { ...options, guard: tracingGuard(options.guard) }, trace));
}

async function runLayers(c: EvalCase, options: StackRunOptions, trace?: CaseTrace): Promise<StackOutput> {
  const t0 = performance.now();
  // The sweep's scoring is not the stack's latency.
  const elapsed = () => performance.now() - t0 - (trace?.overheadMs ?? 0);
  const { guard } = options;
  const layers = options.layers ?? ALL_LAYERS;
  const ctx: CheckContext = { sessionId: `eval:${c.id}` };
  if (c.system !== undefined) ctx.systemPrompt = c.system;
  if (options.knownCanaries !== false && c.expected.noLeak && c.expected.noLeak.length > 0)
    ctx.canaries = c.expected.noLeak;
  const session = createSession(`eval:${c.id}`);
  const taintScope = guard.policy.session.taint;
  const rails: RailEvent[] = [];
  // The case's output once a rail stopped it; with a trace the case goes on in the shadow after that.
  let first: StackOutput | undefined;
  let inputStopped = false;
  let outputStopped = false;
  const record = (layer: RailLayer, subject: string, d: Decision) => {
    if (d.action !== "allow" && first === undefined)
      rails.push({
        layer,
        stage: d.stage,
        action: d.action,
        reasons: reasonsOf(d),
        subject,
        latencyMs: d.latencyMs.total ?? 0,
      });
  };
  const safeReply = (d?: { safeReply?: string }) => d?.safeReply ?? guard.policy.safeReply;
  const stopped = (by: StackOutput["stoppedBy"], text: string, withheld?: ChatResponse): StackOutput => {
    const out: StackOutput = { text, toolCalls: [], stoppedBy: by, latencyMs: elapsed(), rails };
    if (withheld) out.withheld = { text: withheld.text, toolCalls: withheld.toolCalls };
    return out;
  };
  /** Records a stop; true when the case ends here (no trace: nothing runs in the shadow). */
  const stop = (by: "input-rail" | "output-rail", text: string, withheld?: ChatResponse): boolean => {
    if (by === "input-rail") inputStopped = true;
    else outputStopped = true;
    first ??= stopped(by, text, withheld);
    return trace === undefined;
  };
  const side = (s: "input" | "output" | null) => {
    if (trace) trace.side = s;
  };

  // Input rail: the turns in order (a user turn begins a turn of the session; tool results taint it).
  const turns = conversationTurns(c);
  const toolNames = new Map<string, string>();
  for (const m of turns) for (const t of m.toolCalls ?? []) toolNames.set(t.id, t.name);
  side("input");
  for (let i = 0; i < turns.length; i++) {
    const m = turns[i]!;
    if (m.role === "user") beginTurn(session, taintScope);
    if (!layers.input || m.role === "system") continue;
    const subject = `turn ${i + 1} (${m.role})`;
    let d: Decision;
    if (m.role === "tool") {
      const name = m.name ?? (m.toolCallId !== undefined ? toolNames.get(m.toolCallId) : undefined) ?? "tool";
      const result = await checkToolResult(guard, name, m.content, session, {
        ctx,
        ...(m.toolCallId !== undefined ? { callId: m.toolCallId } : {}),
      });
      d = result.decision;
      // In the shadow a blocked result is read, as at the scales where it is not blocked: it taints.
      if (trace) taintHeldBackToolResult(guard.policy, session, result, m.toolCallId);
    } else d = await guard.check("input", m.content, ctx);
    record("input-rail", subject, d);
    if (stops(d.action)) {
      if (stop("input-rail", safeReply(d))) return first!;
    } else if (d.action === "modify" && d.text !== undefined) turns[i] = { ...m, content: d.text };
  }

  // Retrieval rail: each document checked, the kept ones marked for the model.
  const contextDocs = c.context ?? [];
  let documents: DocumentBlock = plainDocuments(contextDocs);
  if (layers.retrieval && contextDocs.length > 0) {
    // A held-back document stops the guard-alone case (an input-side stop the sweep varies); in the full
    // stack the model answers without it, and what it would say with it only a new call can tell.
    side(options.droppedDocumentStops ? "input" : null);
    const docs = contextDocs.map((text, i) => ({ id: `document-${i + 1}`, text }));
    const check = await checkRetrieved(guard, docs, session, { ctx, spotlight: { code: spotlightCode(c) } });
    let heldBack: Decision | undefined;
    check.docs.forEach((v, i) => {
      const action: DecisionAction =
        v.status === "dropped"
          ? "block"
          : v.status === "quarantined"
            ? "escalate"
            : v.redacted || v.sanitised
              ? "modify"
              : "allow";
      if (action !== "allow" && first === undefined)
        rails.push({
          layer: "retrieval-rail",
          stage: "retrieval",
          action,
          reasons: [...new Set(v.findings.map((f) => f.category))],
          subject: `document ${i + 1}`,
          latencyMs: v.decision?.latencyMs.total ?? 0,
        });
      if (v.status !== "kept" && v.decision) heldBack ??= v.decision;
      // A held-back document stops the case here: in the shadow it is read, and taints, as when kept.
      if (trace && options.droppedDocumentStops) taintHeldBackDocument(session, v);
    });
    if (check.kept.length < docs.length && options.droppedDocumentStops) {
      if (stop("input-rail", safeReply(heldBack))) return first!;
    }
    documents =
      check.kept.length === 0
        ? { text: "" }
        : { text: check.spotlight.text, instruction: check.spotlight.systemPrompt };
  }

  side(null);
  const messages = caseMessages({ ...c, messages: turns, prompt: undefined }, documents);
  let res: ChatResponse | null;
  try {
    res = await options.respond(messages, c, options.signal);
  } catch (err) {
    // A failed call in the shadow costs the case its sweep scores, not its result.
    if (first !== undefined) return first;
    throw err;
  }
  if (res === null) {
    const none: StackOutput = {
      text: "",
      toolCalls: [],
      stoppedBy: "none",
      latencyMs: elapsed(),
      rails,
    };
    return trace
      ? settleTrace(first ?? none, none, trace, {
          inputStopped,
          outputStopped,
          safeReply: guard.policy.safeReply,
        })
      : none;
  }

  let text = res.text;
  let toolCalls: ToolCall[] = res.toolCalls;
  if (layers.output) {
    side("output");
    if (text !== "") {
      const d = await guard.checkOutput(text, ctx);
      record("output-rail", "answer", d);
      if (stops(d.action)) {
        if (stop("output-rail", safeReply(d), res)) return first!;
      } else if (d.action === "modify" && d.text !== undefined) text = d.text;
    }
    const checked: ToolCall[] = [];
    for (const call of toolCalls) {
      const d = await checkToolCall(guard, call, session, { ctx });
      if ((d.action !== "allow" || d.arguments !== call.arguments) && first === undefined)
        rails.push({
          layer: "output-rail",
          stage: "toolCall",
          action: d.action === "allow" ? "modify" : d.action,
          reasons: [
            ...new Set(
              d.reasons.filter((r) => r.action !== "allow").map((r) => r.finding?.category ?? r.kind),
            ),
          ],
          subject: `tool call ${call.name}`,
          latencyMs: d.latencyMs.total,
        });
      if (stops(d.action)) {
        // Tool rules (allow-list, schema, taint, approval, rate limit) stop whatever the thresholds.
        if (trace && d.reasons.some((r) => r.kind !== "finding" && stops(r.action)))
          addScores(trace, "output", { ratio: 0, fixed: true });
        if (stop("output-rail", safeReply(d), res)) return first!;
        checked.push(call);
      } else checked.push(d.arguments !== undefined ? { ...call, arguments: d.arguments } : call);
    }
    toolCalls = checked;
  }
  side(null);
  const open: StackOutput = {
    text,
    toolCalls,
    stoppedBy: modelStop(text, res.finishReason),
    latencyMs: elapsed(),
    rails,
  };
  if (!trace) return open;
  return settleTrace(first ?? open, open, trace, {
    inputStopped,
    outputStopped,
    safeReply: guard.policy.safeReply,
    ...(layers.output ? { withheld: { text: res.text, toolCalls: res.toolCalls } } : {}),
  });
}
