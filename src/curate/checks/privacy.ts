/**
 * Personal data and secrets in a turn: the guard's pii and secrets detectors (the policy's entity list
 * and settings), findings at or over the curate thresholds, and the turn's text with them redacted by
 * the policy's redaction settings (placeholders such as [EMAIL_1] by default).
 */
import { piiDetector } from "../../detectors/pii/detector.js";
import { secretsDetector } from "../../detectors/secrets/detector.js";
import type { DetectorContext, Finding } from "../../detectors/types.js";
import { redact } from "../../guard/redaction/index.js";
import type { Policy } from "../../policy/schema.js";
import type { GuardText } from "../../text/types.js";

export interface PrivacyResult {
  findings: Finding[];
  /** The text with every finding redacted (the input text when nothing was found). */
  redacted: string;
}

export class PrivacyCheck {
  private readonly ctx: DetectorContext;

  constructor(
    private readonly policy: Policy,
    private readonly thresholds: { pii: number; secrets: number },
  ) {
    this.ctx = { stage: "output", settings: policy };
  }

  check(text: GuardText): PrivacyResult {
    const findings: Finding[] = [];
    for (const [detector, min] of [
      [piiDetector, this.thresholds.pii],
      [secretsDetector, this.thresholds.secrets],
    ] as const) {
      const found = detector.detect(text, this.ctx);
      if (found instanceof Promise) throw new Error(`${detector.name} detector is not synchronous`);
      for (const f of found) if (f.score >= min && f.span) findings.push(f);
    }
    if (findings.length === 0) return { findings, redacted: text.raw };
    const items = findings.map((f) => ({ span: f.span!, label: f.label ?? f.category }));
    return { findings, redacted: redact(text.raw, items, this.policy.redaction).text };
  }
}
