/**
 * What a tool returned, before the model reads it: the guard's toolResult stage (injection, secrets,
 * obfuscation...), then the taint. A result the model will read — allowed, redacted, or held for a
 * person who may release it — is untrusted text: it marks the session tainted, which is what lets the
 * tool rail stop a high-risk call the result may have asked for. A blocked result never reaches the
 * model and taints nothing; a tool marked `trustedResult` (its output is the application's own data)
 * taints nothing either.
 */
import type { Guard } from "../create-guard.js";
import { markTainted, type SessionState, type UntrustedSource } from "../session/state.js";
import type { CheckContext } from "../types.js";
import { parseArguments, type ArgumentText } from "./argument-text.js";
import { redactArguments } from "./redact-arguments.js";
import { resolveToolRule } from "./resolve-tool-rule.js";
import type { ToolResultCheck } from "./types.js";

export interface ToolResultOptions {
  /** The id of the call this result answers; names the taint source (default: the tool's name). */
  callId?: string;
  ctx?: CheckContext;
}

/** Structured results are checked as `path: value` lines, like tool arguments. */
function structured(result: unknown): { json: string; args?: ArgumentText } {
  let json: string | undefined;
  try {
    json = JSON.stringify(result);
  } catch {
    json = undefined;
  }
  if (json === undefined) return { json: String(result) };
  const parsed = parseArguments(json);
  return parsed.ok ? { json, args: parsed.args } : { json };
}

export async function checkToolResult(
  guard: Guard,
  toolName: string,
  result: unknown,
  session: SessionState,
  options: ToolResultOptions = {},
): Promise<ToolResultCheck> {
  const asText = typeof result === "string" ? { json: result } : structured(result);
  const ctx = { ...options.ctx, sessionId: options.ctx?.sessionId ?? session.id };
  const decision = await guard.check("toolResult", asText.args?.text ?? asText.json, ctx);

  // For a structured result, pass on JSON: the original, or with redactions written into its values.
  if (asText.args && decision.action === "allow") decision.text = asText.json;
  if (asText.args && decision.action === "modify") {
    const redacted = redactArguments(
      guard.policy,
      asText.args,
      decision,
      options.ctx?.vault ?? decision.vault,
    );
    // A redaction in a field name cannot be written back into the JSON: the redacted lines go instead.
    if (redacted.unplaced === 0) decision.text = redacted.json;
  }

  const check: ToolResultCheck = { decision, tool: toolName, tainted: false };
  if (decision.action !== "block" && !resolveToolRule(guard.policy, toolName).trustedResult) {
    const id = options.callId ?? toolName;
    markTainted(session, { kind: "toolResult", id, origin: toolName });
    check.tainted = true;
    check.source = session.untrusted.find((s: UntrustedSource) => s.kind === "toolResult" && s.id === id);
  }
  return check;
}
