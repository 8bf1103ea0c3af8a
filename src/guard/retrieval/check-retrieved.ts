/**
 * The retrieval rail: each retrieved document through the guard's retrieval stage (injection,
 * secrets, obfuscation, banned terms...) before the model reads it.
 *
 * - allowed: kept as it is; redacted by a `redact` rule: kept, redacted.
 * - a block or escalate rule fired (a violation): `retrieval.onViolation` says what happens —
 *   drop it; quarantine it (held back from the model, returned for review); or sanitise it (cut the
 *   offending spans out, check the result again, keep it if it now passes, else drop it). A finding
 *   without a span (a whole-document classifier score, a size limit) cannot be cut out: dropped.
 * - a kept document whose source is not on `retrieval.allowSources` taints the session (see
 *   session/state.ts): a high-risk tool call later in the turn is then held or blocked.
 * The kept documents come back marked per `retrieval.spotlight`, with the system-prompt sentence.
 */
import type { Finding } from "../../detectors/types.js";
import type { Policy } from "../../policy/schema.js";
import type { Guard } from "../create-guard.js";
import { markTainted, type SessionState } from "../session/state.js";
import type { CheckContext, Decision } from "../types.js";
import { removeSpans } from "./remove-spans.js";
import { SourceAllowList } from "./source-match.js";
import { spotlight, type SpotlightOptions, type SpotlightResult } from "./spotlight.js";

export interface RetrievedDoc {
  id: string;
  text: string;
  /** Where it came from: a URL or a source id; matched against retrieval.allowSources (default: the id). */
  source?: string;
}

export type DocStatus = "kept" | "dropped" | "quarantined";

export interface DocVerdict {
  id: string;
  source?: string;
  status: DocStatus;
  /** When kept: the text to give the model (the document's own, redacted or sanitised as the policy asks). */
  text?: string;
  /** The source is on retrieval.allowSources. */
  trusted: boolean;
  redacted: boolean;
  sanitised: boolean;
  /** What happened and why, in plain words. */
  reasons: string[];
  /** The findings that made the document a violation, or that were redacted. */
  findings: Finding[];
  /** The retrieval-stage decision on the document. */
  decision: Decision;
  /** For a sanitised document: the decision on the sanitised text. */
  recheck?: Decision;
}

export interface RetrievalCheck {
  docs: DocVerdict[];
  /** Documents to give the model, with the text to use. */
  kept: RetrievedDoc[];
  /** Documents held back for review, with their original text. */
  quarantined: RetrievedDoc[];
  /** True when a kept document from outside the allow-list tainted the session. */
  tainted: boolean;
  /** The kept documents marked per retrieval.spotlight, and the system-prompt sentence. */
  spotlight: SpotlightResult;
  latencyMs: { total: number };
}

export interface RetrievalOptions {
  ctx?: CheckContext;
  spotlight?: SpotlightOptions;
}

const allowLists = new WeakMap<Policy, SourceAllowList>();

/** The policy's compiled allow-list (built once per policy). */
export function allowListFor(policy: Policy): SourceAllowList {
  let list = allowLists.get(policy);
  if (!list) {
    list = new SourceAllowList(policy.retrieval.allowSources);
    allowLists.set(policy, list);
  }
  return list;
}

function isViolation(d: Decision): boolean {
  return d.action === "block" || d.action === "escalate";
}

/** The reasons of a decision whose rule blocks or escalates. */
function violations(d: Decision): Finding[] {
  return d.reasons.filter((f) => {
    const a = d.ruleActions[f.category];
    return a === "block" || a === "escalate";
  });
}

function describe(f: Finding, d: Decision): string {
  const what = f.label !== undefined && f.label !== f.category ? `${f.category} (${f.label})` : f.category;
  const evidence = f.evidence !== undefined ? `: ${f.evidence}` : "";
  return `${what} found by ${f.detector} with score ${f.score.toFixed(2)}; rules.${f.category} at retrieval says ${d.ruleActions[f.category]}${evidence}`;
}

function keep(verdict: DocVerdict, d: Decision, how: string): void {
  verdict.status = "kept";
  verdict.text = d.text ?? "";
  if (d.action === "modify") {
    verdict.redacted = true;
    const redactions = d.reasons.filter((f) => d.ruleActions[f.category] === "redact");
    verdict.findings.push(...redactions);
    const labels = [...new Set(redactions.map((f) => f.label ?? f.category))].join(", ");
    verdict.reasons.push(
      `${how}redacted ${redactions.length} span(s) (${labels}) as the retrieval rules ask`,
    );
  }
}

async function checkDoc(
  guard: Guard,
  doc: RetrievedDoc,
  trusted: boolean,
  ctx?: CheckContext,
): Promise<DocVerdict> {
  const policy = guard.policy;
  const decision = await guard.check("retrieval", doc.text, ctx);
  const verdict: DocVerdict = {
    id: doc.id,
    status: "dropped",
    trusted,
    redacted: false,
    sanitised: false,
    reasons: [],
    findings: [],
    decision,
  };
  if (doc.source !== undefined) verdict.source = doc.source;
  if (!isViolation(decision)) {
    keep(verdict, decision, "");
    return verdict;
  }

  const bad = violations(decision);
  verdict.findings.push(...bad);
  verdict.reasons.push(...bad.map((f) => describe(f, decision)));
  const mode = policy.retrieval.onViolation;
  if (mode === "quarantine") {
    verdict.status = "quarantined";
    verdict.reasons.push(
      "quarantined: held back from the model for review (retrieval.onViolation: quarantine)",
    );
    return verdict;
  }
  if (mode === "drop") {
    verdict.reasons.push("dropped (retrieval.onViolation: drop)");
    return verdict;
  }

  // sanitise
  const whole = bad.filter((f) => !f.span);
  if (whole.length > 0) {
    const names = [...new Set(whole.map((f) => f.category))].join(", ");
    verdict.reasons.push(
      `dropped: ${names} applies to the whole document (no span to cut out), so it cannot be sanitised`,
    );
    return verdict;
  }
  const subject = decision.truncated ? doc.text.slice(0, policy.limits.maxChars) : doc.text;
  const cut = removeSpans(
    subject,
    bad.map((f) => ({ span: f.span as [number, number], category: f.category })),
  );
  const recheck = await guard.check("retrieval", cut.text, ctx);
  verdict.recheck = recheck;
  if (isViolation(recheck)) {
    verdict.reasons.push(
      ...violations(recheck).map((f) => `after sanitising: ${describe(f, recheck)}`),
      "dropped: still a violation after the offending spans were removed (retrieval.onViolation: sanitise)",
    );
    return verdict;
  }
  verdict.sanitised = true;
  verdict.reasons.push(`sanitised: removed ${cut.removed} span(s) (retrieval.onViolation: sanitise)`);
  keep(verdict, recheck, "then ");
  return verdict;
}

export async function checkRetrieved(
  guard: Guard,
  docs: readonly RetrievedDoc[],
  session: SessionState,
  options: RetrievalOptions = {},
): Promise<RetrievalCheck> {
  const t0 = performance.now();
  const allow = allowListFor(guard.policy);
  const ctx = { ...options.ctx, sessionId: options.ctx?.sessionId ?? session.id };
  const verdicts = await Promise.all(
    docs.map((doc) => checkDoc(guard, doc, allow.trusts(doc.source ?? doc.id), ctx)),
  );
  const kept: RetrievedDoc[] = [];
  const quarantined: RetrievedDoc[] = [];
  let tainted = false;
  verdicts.forEach((v, i) => {
    const doc = docs[i]!;
    if (v.status === "quarantined") quarantined.push(doc);
    if (v.status !== "kept") return;
    const out: RetrievedDoc = { id: doc.id, text: v.text ?? "" };
    if (doc.source !== undefined) out.source = doc.source;
    kept.push(out);
    if (!v.trusted) {
      const source: { kind: "retrieval"; id: string; origin?: string } = { kind: "retrieval", id: doc.id };
      if (doc.source !== undefined) source.origin = doc.source;
      markTainted(session, source);
      tainted = true;
    }
  });
  const marked = spotlight(kept, guard.policy.retrieval.spotlight, options.spotlight);
  return {
    docs: verdicts,
    kept,
    quarantined,
    tainted,
    spotlight: marked,
    latencyMs: { total: performance.now() - t0 },
  };
}
