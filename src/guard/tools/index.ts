/** The tool rail: gating tool calls (allow-list, argument schema, detectors, taint, approval, rate limit) and checking tool results. */
export { checkToolCall, defaultToolRateLimiter } from "./check-tool-call.js";
export { checkToolResult, type ToolResultOptions } from "./check-tool-result.js";
export { resolveToolRule, type ResolvedToolRule } from "./resolve-tool-rule.js";
export {
  InMemoryToolRateLimiter,
  type InMemoryToolRateLimiterOptions,
  type ToolRateLimitSpec,
  type ToolRateLimiter,
  type ToolRateVerdict,
} from "./rate-limiter.js";
export {
  applyEdits,
  formatPath as formatJsonPath,
  leafAt,
  MAX_DEPTH as MAX_ARGUMENT_DEPTH,
  parseArguments,
  pathOf,
  type ArgumentLeaf,
  type PathNode,
  type ArgumentText,
  type JsonPath,
  type ParsedArguments,
  type TextEdit,
} from "./argument-text.js";
export { redactArguments, type RedactedArguments } from "./redact-arguments.js";
export type {
  ToolAction,
  ToolCheckOptions,
  ToolDecision,
  ToolReason,
  ToolReasonKind,
  ToolResultCheck,
} from "./types.js";
