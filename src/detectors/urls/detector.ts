/**
 * The urls detector: links that exfiltrate data (markdown images and links whose URL carries
 * context data) and links that break the URL policy (denied or not-allowed domains, IP-literal
 * hosts, punycode look-alikes). Scans the raw, normalised and decoded views, so links hidden by
 * full-width letters, zero-width characters or an encoding are seen too.
 */
import type { ViewKind } from "../../text/types.js";
import type { Detector, Finding } from "../types.js";
import { mergeFindings } from "../common/merge-findings.js";
import { distinctViews, viewName } from "../common/views.js";
import { analyzeLink, EXFIL_CATEGORY, POLICY_CATEGORY } from "./analyze.js";
import { extractLinks } from "./extract.js";

const VIEWS: ReadonlySet<ViewKind> = new Set<ViewKind>(["raw", "normalized", "decoded", "tag-smuggled"]);

export const urlsDetector: Detector = {
  name: "urls",
  stages: ["input", "retrieval", "toolCall", "toolResult", "output"],
  cost: "fast",
  categories: [EXFIL_CATEGORY, POLICY_CATEGORY],
  detect(text, ctx): Finding[] {
    const settings = ctx.settings.urls;
    const out: Finding[] = [];
    for (const view of distinctViews(text, VIEWS)) {
      const links = extractLinks(view.text);
      if (links.length === 0) continue;
      const name = viewName(view);
      for (const link of links) {
        for (const hit of analyzeLink(link, settings, ctx.stage)) {
          out.push({
            detector: "urls",
            category: hit.category,
            score: hit.score,
            label: hit.label,
            span: view.toRaw(hit.wholeConstruct ? link.span : link.urlSpan),
            view: name,
            evidence: hit.evidence,
          });
        }
      }
    }
    return mergeFindings(out);
  },
};
