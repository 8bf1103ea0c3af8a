/**
 * The `secrets` detector: API keys, tokens, private keys, JWTs, credentials in URLs and connection
 * strings, and high-entropy values assigned to secret-like names.
 *
 * It scans the raw text, the normalised view (so a key split by zero-width characters is seen
 * whole), decoded views (a key inside base64, hex, URL or HTML encoding) and text smuggled in
 * Unicode tag characters, maps every hit back to a raw span, and keeps one finding per secret. The skeleton and leetspeak views are skipped:
 * they fold case and characters, which destroys keys.
 */
import { STAGES } from "../../policy/stages.js";
import type { GuardText } from "../../text/types.js";
import { viewLabel } from "../../text/view-label.js";
import type { Detector, DetectorContext, Finding } from "../types.js";
import { resolveOverlaps, type Candidate } from "./overlaps.js";
import { defaultScanner, type SecretScanner } from "./scan.js";

const SCANNED_VIEWS = new Set(["raw", "normalized", "decoded", "tag-smuggled"]);

interface Located extends Candidate {
  label: string;
  view: string;
  evidence: string;
}

export function findSecrets(
  text: GuardText,
  settings: { entropyThreshold: number; minGenericLength: number },
  scanner: SecretScanner = defaultScanner,
): Finding[] {
  const scanned: string[] = [];
  const located: Located[] = [];
  for (const view of text.views) {
    if (!SCANNED_VIEWS.has(view.kind)) continue;
    // Views often equal the raw text (nothing to normalise): scan each distinct text once.
    if (scanned.some((t) => t === view.text)) continue;
    scanned.push(view.text);
    const identity = view.kind === "raw";
    for (const h of scanner.scan(view.text, settings)) {
      const [start, end] = identity ? [h.start, h.end] : view.toRaw([h.start, h.end]);
      located.push({
        start,
        end,
        tier: h.tier,
        score: h.score,
        label: h.label,
        view: viewLabel(view),
        evidence: h.evidence,
      });
    }
  }
  return resolveOverlaps(located).map((c) => ({
    detector: "secrets",
    category: "secrets",
    score: c.score,
    label: c.label,
    span: [c.start, c.end],
    view: c.view,
    evidence: c.view === "raw" ? c.evidence : `${c.evidence} in ${c.view} view`,
  }));
}

export const secretsDetector: Detector = {
  name: "secrets",
  stages: STAGES,
  cost: "fast",
  categories: ["secrets"],
  detect(text: GuardText, ctx: DetectorContext): Finding[] {
    return findSecrets(text, ctx.settings.secrets);
  },
};
