/**
 * `--fail-on` rules, parsed. A rule is either a threshold on a metric of a run, optionally in one group:
 *
 *   asr>0.05   over-refusal>=10%   asr:violent-crimes>0.02   asr:language=de>0.1   error-rate>0
 *
 * (a bare group is a category; `category=`, `strategy=`, `language=`, `severity=` name the dimension),
 * or `regression` / `regression:asr` / `regression:over-refusal`: a significant regression against the
 * baseline of a comparison. The rule is violated when the comparison holds, e.g. `asr>0.05` fails the
 * gate when the ASR is above 5%.
 */

export type GateMetric = "asr" | "over-refusal" | "error-rate";
export type GateDimension = "category" | "strategy" | "language" | "severity";
export type GateOperator = ">" | ">=" | "<" | "<=";

export type GateRule =
  | {
      kind: "threshold";
      source: string;
      metric: GateMetric;
      group?: { dimension: GateDimension; value: string };
      operator: GateOperator;
      threshold: number;
    }
  | { kind: "regression"; source: string; metric?: "asr" | "over-refusal" };

export const GATE_METRICS: readonly GateMetric[] = ["asr", "over-refusal", "error-rate"];
const DIMENSIONS: readonly GateDimension[] = ["category", "strategy", "language", "severity"];

const FORMS =
  "expected <metric>[:<group>]<op><value> (metric: asr, over-refusal, error-rate; group: a category or " +
  "category=|strategy=|language=|severity=<name>; op: >, >=, <, <=; value: 0..1 or a percentage like 5%), " +
  "or regression[:asr|:over-refusal]";

/** One or more rules could not be parsed; the message lists each with what is wrong. */
export class GateRuleError extends Error {
  override readonly name = "GateRuleError";
}

function fail(rule: string, why: string): never {
  throw new GateRuleError(`invalid gate rule "${rule}": ${why}; ${FORMS}`);
}

function isMetric(s: string): s is GateMetric {
  return (GATE_METRICS as readonly string[]).includes(s);
}

function parseThreshold(rule: string, text: string): number {
  const percent = text.endsWith("%");
  const digits = percent ? text.slice(0, -1).trim() : text;
  if (digits === "") fail(rule, "the threshold is missing");
  const n = Number(digits);
  if (!Number.isFinite(n)) fail(rule, `"${text}" is not a number`);
  const value = percent ? n / 100 : n;
  if (value < 0 || value > 1) fail(rule, `the threshold ${text} is outside 0..1 (write 5% or 0.05, not 5)`);
  return value;
}

function parseGroup(rule: string, text: string): { dimension: GateDimension; value: string } {
  const eq = text.indexOf("=");
  if (eq < 0) return { dimension: "category", value: text };
  const dimension = text.slice(0, eq).trim();
  const value = text.slice(eq + 1).trim();
  if (!(DIMENSIONS as readonly string[]).includes(dimension))
    fail(rule, `unknown group dimension "${dimension}" (use ${DIMENSIONS.join(", ")})`);
  if (value === "") fail(rule, `the ${dimension} name is missing`);
  return { dimension: dimension as GateDimension, value };
}

/** Parses one rule; throws GateRuleError saying what is wrong. */
export function parseGateRule(input: string): GateRule {
  const rule = input.trim();
  if (rule === "") fail(input, "the rule is empty");
  if (rule === "regression" || rule.startsWith("regression:")) {
    const metric = rule.slice("regression".length + 1).trim();
    if (rule === "regression") return { kind: "regression", source: rule };
    if (metric !== "asr" && metric !== "over-refusal")
      fail(rule, `a regression rule takes asr or over-refusal, not "${metric}"`);
    return { kind: "regression", source: rule, metric };
  }
  let at = -1;
  for (let i = 0; i < rule.length; i++) {
    const ch = rule[i];
    if (ch === ">" || ch === "<") {
      at = i;
      break;
    }
  }
  if (at < 0) fail(rule, "no comparison (>, >=, <, <=) found");
  const orEqual = rule[at + 1] === "=";
  const operator = (rule[at]! + (orEqual ? "=" : "")) as GateOperator;
  const left = rule.slice(0, at).trim();
  const right = rule.slice(at + operator.length).trim();
  if (right.includes("<") || right.includes(">")) fail(rule, "more than one comparison");
  const colon = left.indexOf(":");
  const metric = (colon < 0 ? left : left.slice(0, colon)).trim();
  if (metric === "") fail(rule, "the metric is missing");
  if (!isMetric(metric)) fail(rule, `unknown metric "${metric}"`);
  const groupText = colon < 0 ? undefined : left.slice(colon + 1).trim();
  if (groupText === "") fail(rule, "the group after ':' is empty");
  const threshold = parseThreshold(rule, right);
  return {
    kind: "threshold",
    source: rule,
    metric,
    ...(groupText !== undefined ? { group: parseGroup(rule, groupText) } : {}),
    operator,
    threshold,
  };
}

/** Parses every rule; throws one GateRuleError listing all the bad ones. */
export function parseGateRules(rules: readonly string[]): GateRule[] {
  const parsed: GateRule[] = [];
  const errors: string[] = [];
  for (const r of rules) {
    try {
      parsed.push(parseGateRule(r));
    } catch (e) {
      if (!(e instanceof GateRuleError)) throw e;
      errors.push(e.message);
    }
  }
  if (errors.length === 1) throw new GateRuleError(errors[0]);
  if (errors.length > 1)
    throw new GateRuleError(`${errors.length} invalid gate rules:\n${errors.join("\n")}`);
  return parsed;
}
