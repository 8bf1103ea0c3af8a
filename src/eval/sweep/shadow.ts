/**
 * The shadow of a stop (see targets/run-stack.ts): a traced case a rail stopped carries on as if the
 * stop had not happened, so the sweep knows what it becomes at a scale where the stop does not happen.
 * "As if" includes the session's taint. Untrusted text the input side held back — a blocked tool
 * result, a document the guard-alone target's retrieval rail dropped or quarantined — never reached the
 * model, so the rails marked nothing tainted; at a scale where it is not held back it is read, and it
 * taints the turn as any admitted tool result or document does. The taint rule on the output side (a
 * high-risk tool call held or blocked after untrusted text) must see that, or the sweep lets through a
 * call a real run at that scale stops.
 *
 * This is exact, not a guess: where the hold-back is for a reason the sweep does not vary (a secret, a
 * size limit, a detector that failed closed), the input side stops the case at every scale and the
 * shadow is never read; where it is a classifier's, at the scales the input side does not stop the case
 * the text is admitted — allowed, redacted, sanitised or held for review, each of which taints.
 */
import type { DocVerdict } from "../../guard/retrieval/check-retrieved.js";
import { markTainted, type SessionState } from "../../guard/session/state.js";
import { resolveToolRule } from "../../guard/tools/resolve-tool-rule.js";
import type { ToolResultCheck } from "../../guard/tools/types.js";
import type { Policy } from "../../policy/schema.js";

/**
 * A tool result the tool rail checked, in the shadow: taints the session as `checkToolResult` does for
 * a result it lets the model read, when the rail blocked this one (a trusted tool's result taints
 * nothing, admitted or not). `callId` as given to `checkToolResult`.
 */
export function taintHeldBackToolResult(
  policy: Policy,
  session: SessionState,
  check: ToolResultCheck,
  callId?: string,
): void {
  if (check.tainted || check.decision.action !== "block") return;
  if (resolveToolRule(policy, check.tool).trustedResult) return;
  markTainted(session, { kind: "toolResult", id: callId ?? check.tool, origin: check.tool });
}

/**
 * A retrieved document in the shadow: taints the session as `checkRetrieved` does for a kept document,
 * when the rail held this one back (a document from `retrieval.allowSources` taints nothing).
 */
export function taintHeldBackDocument(session: SessionState, doc: DocVerdict): void {
  if (doc.status === "kept" || doc.trusted) return;
  markTainted(session, {
    kind: "retrieval",
    id: doc.id,
    ...(doc.source !== undefined ? { origin: doc.source } : {}),
  });
}
