/**
 * The rule in force for one tool: each field from `tools.<name>`, else `tools.default`, else the
 * built-in default — with the policy path that set it, so a reason can quote the setting to change.
 */
import type { Policy, ToolRisk, ToolRuleT, UntrustedInputAction } from "../../policy/schema.js";

export interface ResolvedToolRule {
  name: string;
  allowed: boolean;
  risk: ToolRisk;
  approval: boolean;
  schema?: Record<string, unknown>;
  rateLimit?: { max: number; perSeconds: number };
  untrustedInput: UntrustedInputAction;
  trustedResult: boolean;
  /** Field -> where it was set: "tools.<name>.<field>", "tools.default.<field>" or "built-in default". */
  setBy: Record<"allowed" | "risk" | "approval" | "schema" | "rateLimit" | "untrustedInput", string>;
}

/** Tool names are data: look them up only as own keys ("constructor" is not a rule). */
function ownRule(policy: Policy, name: string): ToolRuleT | undefined {
  return Object.hasOwn(policy.tools, name) ? policy.tools[name] : undefined;
}

const BUILT_IN = "built-in default";

export function resolveToolRule(policy: Policy, name: string): ResolvedToolRule {
  const own = name === "default" ? undefined : ownRule(policy, name);
  const def = policy.tools.default;
  const pick = <K extends keyof ToolRuleT>(field: K): [ToolRuleT[K], string] => {
    if (own?.[field] !== undefined) return [own[field], `tools.${name}.${field}`];
    if (def[field] !== undefined) return [def[field], `tools.default.${field}`];
    return [undefined, BUILT_IN];
  };
  const [allowed, allowedBy] = pick("allowed");
  const [risk, riskBy] = pick("risk");
  const [approval, approvalBy] = pick("approval");
  const [schema, schemaBy] = pick("schema");
  const [rateLimit, rateBy] = pick("rateLimit");
  const [untrusted, untrustedBy] = pick("untrustedInput");
  const [trustedResult] = pick("trustedResult");
  const effectiveRisk: ToolRisk = risk ?? "medium";
  const rule: ResolvedToolRule = {
    name,
    allowed: allowed ?? true,
    risk: effectiveRisk,
    approval: approval ?? false,
    // The taint rule's default: high-risk tools need a person after untrusted text was read.
    untrustedInput: untrusted ?? (effectiveRisk === "high" ? "approve" : "allow"),
    trustedResult: trustedResult ?? false,
    setBy: {
      allowed: allowedBy,
      risk: riskBy,
      approval: approvalBy,
      schema: schemaBy,
      rateLimit: rateBy,
      untrustedInput: untrusted === undefined ? `${BUILT_IN} for ${effectiveRisk}-risk tools` : untrustedBy,
    },
  };
  if (schema !== undefined) rule.schema = schema;
  if (rateLimit !== undefined) rule.rateLimit = rateLimit;
  return rule;
}
