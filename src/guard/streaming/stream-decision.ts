/**
 * Decisions of a stream. Each check sees a window of the stream; its findings are moved to stream
 * offsets and gathered (once each, though the overlapping windows see them again) into the one
 * decision the stream ends with. A failure of the source, of the guard, or of the stream rail's
 * own invariant becomes a blocking decision that says what failed.
 */
import type { Finding } from "../../detectors/types.js";
import type { RuleAction } from "../../policy/schema.js";
import type { Stage } from "../../policy/stages.js";
import type { Vault } from "../redaction/index.js";
import type { Decision, DetectorFailure, TransformationExemption } from "../types.js";
import type { StreamCheckGuard } from "./types.js";

/** A finding with its span moved by `offset` (window offsets to stream offsets). */
export function shiftFinding(f: Finding, offset: number): Finding {
  return f.span && offset !== 0 ? { ...f, span: [f.span[0] + offset, f.span[1] + offset] } : f;
}

function findingKey(f: Finding): string {
  const where = f.span ? `${f.span[0]}:${f.span[1]}` : "";
  return `${f.detector}\u0000${f.category}\u0000${f.label ?? ""}\u0000${f.view ?? ""}\u0000${where}`;
}

/** Keeps each finding once (by detector, category, label, view and span), with its highest score. */
class FindingSet {
  private readonly byKey = new Map<string, Finding>();

  add(f: Finding): void {
    const key = findingKey(f);
    const prev = this.byKey.get(key);
    if (!prev || f.score > prev.score) this.byKey.set(key, f);
  }

  list(): Finding[] {
    return [...this.byKey.values()];
  }
}

/** Gathers the checks of one stream into its final decision. */
export class StreamDecisionBuilder {
  private readonly reasons = new FindingSet();
  private readonly findings = new FindingSet();
  private readonly latencyMs: Record<string, number> = {};
  private readonly failures: DetectorFailure[] = [];
  private readonly exemptions: TransformationExemption[] = [];
  private readonly ruleActions: Record<string, RuleAction> = {};
  private truncated = false;
  private redacted = false;

  constructor(
    private readonly guard: StreamCheckGuard,
    private readonly stage: Stage,
  ) {}

  /** Records one check of the window that starts at stream offset `offset`. */
  addCheck(d: Decision, offset: number): void {
    for (const f of d.reasons) this.reasons.add(shiftFinding(f, offset));
    for (const f of d.findings) this.findings.add(shiftFinding(f, offset));
    for (const [k, v] of Object.entries(d.latencyMs)) this.latencyMs[k] = (this.latencyMs[k] ?? 0) + v;
    for (const f of d.failures)
      if (!this.failures.some((x) => x.detector === f.detector)) this.failures.push(f);
    for (const x of d.exemptions) this.exemptions.push({ ...x, finding: shiftFinding(x.finding, offset) });
    Object.assign(this.ruleActions, d.ruleActions);
    if (d.truncated) this.truncated = true;
  }

  markRedacted(): void {
    this.redacted = true;
  }

  /** Per-step latency summed over all checks so far. */
  latency(): Record<string, number> {
    return { ...this.latencyMs };
  }

  /** The decision a completed stream ends with: allow, or modify when anything was redacted. */
  final(text: string, vault: Vault | undefined): Decision {
    const d: Decision = {
      action: this.redacted ? "modify" : "allow",
      stage: this.stage,
      layer: `${this.stage}-rail`,
      text,
      reasons: this.reasons.list(),
      findings: this.findings.list(),
      latencyMs: this.latency(),
      failures: [...this.failures],
      exemptions: [...this.exemptions],
      ruleActions: { ...this.ruleActions },
      policy: { name: this.guard.policy.name, version: this.guard.policyVersion },
      truncated: this.truncated,
    };
    if (vault && vault.size > 0) d.vault = vault;
    return d;
  }

  /** A violating check's decision, moved to stream offsets, with the stream's latency. */
  violation(d: Decision, offset: number): Decision {
    return {
      ...d,
      reasons: d.reasons.map((f) => shiftFinding(f, offset)),
      findings: d.findings.map((f) => shiftFinding(f, offset)),
      exemptions: d.exemptions.map((x) => ({ ...x, finding: shiftFinding(x.finding, offset) })),
      latencyMs: this.latency(),
    };
  }

  /**
   * A blocking decision for a failure of the stream itself: the source threw (`source`), the guard
   * threw (`guard`), or the stream could not honour its own rule (`stream`).
   */
  failure(source: "source" | "guard" | "stream", label: string, message: string): Decision {
    const detector = source === "source" ? "stream-source" : source === "guard" ? "guard" : "stream-rail";
    const reason: Finding = {
      detector,
      category: "stream-failure",
      score: 1,
      label,
      evidence: `${message} (fail closed)`,
    };
    const failures: DetectorFailure[] = [...this.failures];
    if (source !== "stream") failures.push({ detector, kind: "error", message, failedClosed: true });
    return {
      action: "block",
      stage: this.stage,
      layer: "stream-rail",
      safeReply: this.guard.policy.safeReply,
      reasons: [reason],
      findings: [reason],
      latencyMs: this.latency(),
      failures,
      exemptions: [],
      ruleActions: { "stream-failure": "block" },
      policy: { name: this.guard.policy.name, version: this.guard.policyVersion },
      truncated: false,
    };
  }
}
