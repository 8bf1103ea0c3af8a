/**
 * What the audit trail stores instead of the text: the text with personal data and secrets replaced by
 * placeholders ([EMAIL_1], [AWS_ACCESS_KEY_1]). The guard's own pii and secrets findings are reused when
 * those detectors ran on the whole text; otherwise (disabled for the stage, failed, or the text was cut
 * or blocked for size before any detector ran) the redactor runs them itself — off the guard's path, in
 * the audit writer's flush.
 */
import { piiDetector } from "../detectors/pii/detector.js";
import { secretsDetector } from "../detectors/secrets/detector.js";
import type { Detector, DetectorContext } from "../detectors/types.js";
import { redact } from "../guard/redaction/index.js";
import type { Decision } from "../guard/types.js";
import { PolicySchema, RedactionSettings, type Policy } from "../policy/schema.js";
import { normalize } from "../text/normalize.js";

/** Returns `text` (a prefix of what the guard checked) with PII and secrets replaced. */
export type AuditRedactor = (text: string, decision: Decision) => Promise<string>;

export interface AuditRedactorOptions {
  /** The detectors whose findings are redacted; default the built-in pii and secrets detectors. */
  detectors?: readonly Detector[];
  /** Settings for those detectors (the guard's policy); default the default policy's. */
  policy?: Policy;
}

const PLACEHOLDERS = RedactionSettings.parse({ mode: "placeholder" });

export function createAuditRedactor(options: AuditRedactorOptions = {}): AuditRedactor {
  const detectors = options.detectors ?? [piiDetector, secretsDetector];
  const names = new Set(detectors.map((d) => d.name));
  const categories = new Set(detectors.flatMap((d) => d.categories));
  const settings = options.policy ?? PolicySchema.parse({});

  return async (text, decision) => {
    const items: Array<{ span: [number, number]; label: string }> = [];
    const ranOnWhole = (name: string) =>
      !decision.truncated &&
      decision.latencyMs[name] !== undefined &&
      !decision.failures.some((f) => f.detector === name);
    const missing = detectors.filter((d) => !ranOnWhole(d.name));
    for (const f of decision.findings) {
      if (f.span && (names.has(f.detector) || categories.has(f.category)) && ranOnWhole(f.detector))
        items.push({ span: [f.span[0], f.span[1]], label: f.label ?? f.category });
    }
    if (missing.length > 0) {
      const guardText = normalize(text);
      const ctx: DetectorContext = { stage: decision.stage, settings };
      for (const d of missing) {
        for (const f of await d.detect(guardText, ctx))
          if (f.span) items.push({ span: [f.span[0], f.span[1]], label: f.label ?? f.category });
      }
    }
    return items.length === 0 ? text : redact(text, items, PLACEHOLDERS).text;
  };
}
