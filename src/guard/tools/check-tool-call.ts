/**
 * The tool rail: may this tool call run, as the model asked for it, in this session?
 *
 * In order: the tool must be allowed; its arguments must be JSON and match `tools.<name>.schema`; the
 * guard's toolCall stage runs over the argument text (code, URL, secrets, PII... detectors), and its
 * redactions are written back into the arguments; the taint rule holds or blocks a guarded tool in a
 * turn that read untrusted text; `approval` holds every call for a person; the rate limit counts the
 * calls that may run. Every check that applies adds a reason in plain words naming the policy
 * setting behind it; the strongest action wins (block > escalate > allow).
 */
import type { ToolCall } from "../../providers/types.js";
import { compileArgsSchema } from "../../policy/tool-args-schema.js";
import type { Guard } from "../create-guard.js";
import { isTainted, describeTaint, type SessionState } from "../session/state.js";
import { parseArguments } from "./argument-text.js";
import { InMemoryToolRateLimiter } from "./rate-limiter.js";
import { redactArguments } from "./redact-arguments.js";
import { resolveToolRule } from "./resolve-tool-rule.js";
import type { ToolAction, ToolCheckOptions, ToolDecision, ToolReason } from "./types.js";
import type { Finding } from "../../detectors/types.js";

const RANK: Record<ToolAction, number> = { allow: 0, escalate: 1, block: 2 };

const limiters = new WeakMap<Guard, InMemoryToolRateLimiter>();

/** The in-memory rate limiter a guard uses when the caller gives none. */
export function defaultToolRateLimiter(guard: Guard): InMemoryToolRateLimiter {
  let limiter = limiters.get(guard);
  if (!limiter) {
    limiter = new InMemoryToolRateLimiter();
    limiters.set(guard, limiter);
  }
  return limiter;
}

function describeFinding(f: Finding, action: string): string {
  const what = f.label !== undefined && f.label !== f.category ? `${f.category} (${f.label})` : f.category;
  const evidence = f.evidence !== undefined ? `: ${f.evidence}` : "";
  return `the arguments contain ${what}, found by ${f.detector} with score ${f.score.toFixed(2)}; rules.${f.category} at toolCall says ${action}${evidence}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export async function checkToolCall(
  guard: Guard,
  call: ToolCall,
  session: SessionState,
  options: ToolCheckOptions = {},
): Promise<ToolDecision> {
  const t0 = performance.now();
  const policy = guard.policy;
  const name = call.name;
  const rule = resolveToolRule(policy, name);
  const decision: ToolDecision = {
    action: "allow",
    tool: name,
    callId: call.id,
    risk: rule.risk,
    reasons: [],
    schemaErrors: [],
    findings: [],
    taint: [],
    latencyMs: { total: 0 },
  };
  const add = (reason: ToolReason) => {
    decision.reasons.push(reason);
    if (RANK[reason.action] > RANK[decision.action]) decision.action = reason.action;
  };
  const finish = (): ToolDecision => {
    if (decision.action === "block") delete decision.arguments;
    if (decision.action !== "allow") decision.safeReply ??= policy.safeReply;
    decision.latencyMs.total = performance.now() - t0;
    return decision;
  };

  // 1. Allow-list. Nothing else matters for a tool the policy does not allow.
  if (!rule.allowed) {
    add({
      kind: "not-allowed",
      action: "block",
      message: `tool "${name}" is not allowed by the policy (${rule.setBy.allowed}: false)`,
    });
    return finish();
  }
  decision.arguments = call.arguments;
  if (call.arguments.length > policy.limits.maxChars && policy.limits.onOversize === "block") {
    add({
      kind: "too-long",
      action: "block",
      message: `the arguments of tool "${name}" are ${call.arguments.length} characters; the policy's limit is ${policy.limits.maxChars} (limits.maxChars)`,
    });
    return finish();
  }

  // 2. Arguments: JSON, then the schema.
  const parsed = parseArguments(call.arguments);
  const validator = rule.schema ? compileArgsSchema(rule.schema) : undefined;
  if (!parsed.ok) {
    add({
      kind: "invalid-arguments",
      action: "block",
      message: `the arguments of tool "${name}" are not valid JSON (${parsed.error})`,
    });
  } else if (validator) {
    const ts = performance.now();
    decision.schemaErrors = validator.validate(parsed.args.value);
    decision.latencyMs.schema = performance.now() - ts;
    for (const e of decision.schemaErrors) {
      add({
        kind: "schema",
        action: "block",
        message: `argument ${e.path === "" ? "(the whole object)" : e.path} of tool "${name}" ${e.message} (${rule.setBy.schema})`,
      });
    }
  }

  // 3. Detectors over the argument text (the decoded values, one `path: value` line each).
  const td = performance.now();
  const ctx = { ...options.ctx, sessionId: options.ctx?.sessionId ?? session.id };
  const stage = await guard.check("toolCall", parsed.ok ? parsed.args.text : call.arguments, ctx);
  decision.latencyMs.detectors = performance.now() - td;
  decision.stage = stage;
  decision.findings = stage.findings;
  if (stage.action === "block" || stage.action === "escalate") {
    for (const f of stage.reasons) {
      const ruleAction = stage.ruleActions[f.category];
      if (ruleAction !== "block" && ruleAction !== "escalate") continue;
      add({ kind: "finding", action: ruleAction, message: describeFinding(f, ruleAction), finding: f });
    }
    if (stage.safeReply !== undefined) decision.safeReply = stage.safeReply;
  } else if (stage.action === "modify" && parsed.ok) {
    const redacted = redactArguments(policy, parsed.args, stage, options.ctx?.vault ?? stage.vault);
    if (redacted.unplaced > 0) {
      add({
        kind: "redacted",
        action: "block",
        message: `${plural(redacted.unplaced, "finding")} to redact lie in field names of tool "${name}"'s arguments, which cannot be rewritten`,
      });
    } else {
      decision.arguments = redacted.json;
      const labels = [...new Set(redacted.labels)].join(", ");
      add({
        kind: "redacted",
        action: "allow",
        message: `redacted ${plural(redacted.labels.length, "value")} (${labels}) in the arguments of tool "${name}", as the toolCall rules ask`,
      });
      const after = validator?.validate(redacted.value) ?? [];
      for (const e of after) {
        add({
          kind: "schema",
          action: "block",
          message: `after redaction, argument ${e.path === "" ? "(the whole object)" : e.path} of tool "${name}" ${e.message} (${rule.setBy.schema})`,
        });
      }
    }
  }
  if (stage.truncated) {
    add({
      kind: "truncated",
      action: "allow",
      message: `only the first ${policy.limits.maxChars} characters of the arguments were checked (limits.maxChars, onOversize: truncate)`,
    });
  }

  // 4. The taint rule: untrusted text was read in this turn.
  if (isTainted(session)) {
    decision.taint = [...session.untrusted];
    const setting = `${rule.setBy.untrustedInput}: ${rule.untrustedInput}`;
    const what = `tool "${name}" (${rule.risk} risk) was called in a turn that read untrusted content (${describeTaint(session)})`;
    if (rule.untrustedInput === "block") {
      add({
        kind: "untrusted-input",
        action: "block",
        message: `${what}; ${setting}, so the call is blocked`,
      });
    } else if (rule.untrustedInput === "approve") {
      add({
        kind: "untrusted-input",
        action: "escalate",
        message: `${what}; ${setting}, so a person must approve the call`,
      });
    } else {
      add({ kind: "untrusted-input", action: "allow", message: `${what}; ${setting}, so the call may run` });
    }
  }

  // 5. Tools that always need a person.
  if (rule.approval) {
    add({
      kind: "approval",
      action: "escalate",
      message: `tool "${name}" needs a person's approval for every call (${rule.setBy.approval}: true)`,
    });
  }

  // 6. Rate limit: only calls that may run (now or after approval) count.
  if (rule.rateLimit && decision.action !== "block") {
    const limiter = options.limiter ?? defaultToolRateLimiter(guard);
    const { max, perSeconds } = rule.rateLimit;
    const verdict = await limiter.take(
      `${session.id}\u0000${name}`,
      rule.rateLimit,
      options.now ?? Date.now(),
    );
    if (!verdict.allowed) {
      const retry =
        verdict.retryAfterMs !== undefined ? `; retry in ${Math.ceil(verdict.retryAfterMs / 1000)} s` : "";
      add({
        kind: "rate-limit",
        action: "block",
        message: `tool "${name}" was already called ${plural(verdict.count, "time")} in the last ${perSeconds} s of this session; ${rule.setBy.rateLimit} allows ${max} per ${perSeconds} s${retry}`,
      });
    }
  }
  return finish();
}
