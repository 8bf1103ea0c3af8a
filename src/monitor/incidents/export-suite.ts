/**
 * Closing the loop: chosen incidents become an eval suite (the YAML format of eval/suites), so what went
 * wrong in production is re-tested before every release. Cases are de-identified — the audit trail's
 * redacted text, never the raw text — de-duplicated by a hash of their normalised text, and each names
 * its origin as `source: "incident:<id>"`. Only input-stage events become cases (a prompt to replay);
 * model outputs and tool traffic have no prompt to ask again and are counted as skipped.
 */
import { createHash } from "node:crypto";
import { stringify } from "yaml";
import { normalize } from "../../text/normalize.js";
import type { AuditEvent } from "../types.js";
import type { IncidentStore } from "./incident-store.js";
import { IncidentError, type Incident } from "./types.js";

export interface IncidentSuiteOptions {
  ids: readonly string[];
  /** Suite name (default "incidents"). */
  name?: string;
  description?: string;
  /**
   * The expected behaviour of each case: as the guard decided at the time ("decision": refuse when it
   * blocked or escalated, comply otherwise) or "refuse" for every case.
   */
  expect?: "decision" | "refuse";
  /** Events read per incident (default 1000). */
  maxEventsPerIncident?: number;
  /** For the header comment (default now). */
  now?: Date;
}

export interface SuiteCase {
  id: string;
  category: string;
  severity: Incident["severity"];
  source: string;
  prompt: string;
  expected: "refuse" | "comply";
}

export interface IncidentSuite {
  yaml: string;
  cases: SuiteCase[];
  /** Events dropped because an earlier case had the same normalised text. */
  duplicates: number;
  /** Events of other stages than input, by stage. */
  skipped: Record<string, number>;
}

const WHITESPACE = /\s+/;
export const PATTERNS: readonly RegExp[] = [WHITESPACE];

/** A hash of the text as the detectors see it (NFKC, invisibles removed), lower-cased, spaces collapsed. */
export function normalizedTextHash(text: string): string {
  const view = normalize(text).views.find((v) => v.kind === "normalized")?.text ?? text;
  const folded = view.toLowerCase().split(WHITESPACE).filter(Boolean).join(" ");
  return createHash("sha256").update(folded).digest("hex").slice(0, 32);
}

function topCategory(e: AuditEvent, incident: Incident): string {
  let best: { category: string; score: number } | undefined;
  for (const r of e.reasons) if (!best || r.score > best.score) best = r;
  if (best) return best.category;
  const fromIncident = incident.details.category;
  if (typeof fromIncident === "string") return fromIncident;
  let top: [string, number] | undefined;
  for (const [c, s] of Object.entries(e.categories)) if (!top || s > top[1]) top = [c, s];
  return top?.[0] ?? "uncategorised";
}

export async function incidentsToSuite(
  store: IncidentStore,
  options: IncidentSuiteOptions,
): Promise<IncidentSuite> {
  if (options.ids.length === 0) throw new IncidentError("name at least one incident to export");
  const seen = new Set<string>();
  const cases: SuiteCase[] = [];
  const skipped: Record<string, number> = {};
  let duplicates = 0;
  const incidents: Incident[] = [];
  for (const id of options.ids) {
    const incident = await store.get(id);
    if (!incident) throw new IncidentError(`no incident with id ${id}`);
    incidents.push(incident);
  }
  for (const incident of incidents) {
    let n = 0;
    for (const e of await store.events(incident.id, { limit: options.maxEventsPerIncident ?? 1000 })) {
      if (e.stage !== "input") {
        skipped[e.stage] = (skipped[e.stage] ?? 0) + 1;
        continue;
      }
      if (e.text.trim() === "") continue;
      const key = normalizedTextHash(e.text);
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      const refuse = options.expect === "refuse" || e.action === "block" || e.action === "escalate";
      cases.push({
        id: `${incident.id}-${++n}`,
        category: topCategory(e, incident),
        severity: incident.severity,
        source: `incident:${incident.id}`,
        prompt: e.text,
        expected: refuse ? "refuse" : "comply",
      });
    }
  }
  if (cases.length === 0)
    throw new IncidentError(
      `the incidents hold no input-stage events to replay (skipped: ${JSON.stringify(skipped)}, duplicates: ${duplicates})`,
    );
  const name = options.name ?? "incidents";
  const header = [
    `# guardstack suite exported from incidents: ${incidents.map((i) => i.id).join(", ")}`,
    `# on ${(options.now ?? new Date()).toISOString()} by \`guardstack incidents export\`.`,
    "# Texts are the audit trail's redacted copies (personal data and secrets are placeholders).",
    options.expect === "refuse"
      ? "# Every case expects a refusal."
      : "# Expectations repeat the guard's decision at the time (refuse when it blocked or escalated): review them.",
    "",
  ].join("\n");
  const body = stringify(
    {
      name,
      version: "1",
      description:
        options.description ??
        `Regression cases from ${incidents.length} incident(s): ${incidents.map((i) => i.title).join("; ")}`,
      cases,
    },
    { lineWidth: 0 },
  );
  return { yaml: `${header}${body}`, cases, duplicates, skipped };
}
