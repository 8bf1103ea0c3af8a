/**
 * The curator's decision on one record: which turns break which rule (harmful compliance, toxicity,
 * injected instructions, personal data and secrets, language, duplicates), and the record to write —
 * repaired (redacted) when it is kept, redacted too when it is rejected, so neither output repeats
 * personal data. Checks run on each turn's normalised text (computed once per turn and shared by every
 * detector and classifier); duplicates are looked for last, on the repaired text, and only for records
 * that pass every other check, so the dedup index holds exactly the records written to the clean output.
 */
import type { Policy } from "../policy/schema.js";
import type { Stage } from "../policy/stages.js";
import { normalize } from "../text/normalize.js";
import type { GuardText } from "../text/types.js";
import { judgeReply } from "./checks/compliance.js";
import { PrivacyCheck } from "./checks/privacy.js";
import { ClassifierScores, type ScoreTask } from "./checks/scorers.js";
import type { CurateSettingsT } from "./config.js";
import { Deduplicator, type DedupPart } from "./dedup/deduplicator.js";
import { applyTurnTexts } from "./formats/apply.js";
import type { ParsedRecord, Turn, TurnRole } from "./formats/types.js";
import { identifyLanguage } from "./language/identify.js";
import type { CheckName, Hit } from "./reasons.js";
import { resolveThresholds, type ResolvedThresholds } from "./thresholds.js";

export type CurateAction = "keep" | "repair" | "reject";

export interface Outcome {
  action: CurateAction;
  hits: Hit[];
  /** The record to write: repaired when kept, with personal data redacted when rejected. */
  record: unknown;
  /** A short, redacted excerpt of the text behind each hit (same order as `hits`). */
  excerpts: string[];
}

export interface CuratorOptions {
  policy: Policy;
  settings: CurateSettingsT;
  checks: ReadonlySet<CheckName>;
}

const STAGE_OF: Readonly<Record<TurnRole, Stage>> = {
  system: "input",
  user: "input",
  assistant: "output",
  tool: "toolResult",
  "tool-call": "toolCall",
  context: "retrieval",
  text: "retrieval",
};

/**
 * Text that is neither the user's nor the model's: where planted instructions are poisoning. Replies are
 * left out: the injection classifier was trained on requests and documents, and on replies it scores
 * refusals ("I cannot fulfill your request. I'm just an AI ...") as high as jailbreaks (measured on
 * JailbreakBench responses: a third of the non-jailbroken replies flagged).
 */
const INJECTION_ROLES: ReadonlySet<TurnRole> = new Set(["system", "tool", "context", "text"]);
const TOXICITY_ROLES: ReadonlySet<TurnRole> = new Set(["system", "assistant", "tool", "context", "text"]);

const EXCERPT_CHARS = 160;
const WHITESPACE = /\s+/g;

/** Regular expressions of this module, for the global ReDoS check. */
export const CURATOR_PATTERNS: readonly RegExp[] = [WHITESPACE];
const LANGUAGE_SAMPLE_CHARS = 2000;

function excerpt(text: string): string {
  const flat = text
    .slice(0, EXCERPT_CHARS * 4)
    .replace(WHITESPACE, " ")
    .trim();
  return flat.length > EXCERPT_CHARS ? flat.slice(0, EXCERPT_CHARS - 1) + "…" : flat;
}

/** A rejected side's assistant turns are the example of what not to do: exempt from content checks. */
function isRejectedReply(t: Turn): boolean {
  return t.side === "rejected" && t.role === "assistant";
}

function fmt(x: number): string {
  return x.toFixed(3);
}

export class Curator {
  readonly thresholds: ResolvedThresholds;
  readonly dedup: Deduplicator;
  private readonly scores: ClassifierScores;
  private readonly privacy: PrivacyCheck;
  private readonly languages: ReadonlySet<string>;
  /** Records kept so far (the clean output's line count): duplicates name the kept record they copy. */
  private kept = 0;

  constructor(private readonly options: CuratorOptions) {
    const { checks, settings } = options;
    const needed = new Set<ScoreTask>();
    if (checks.has("safety")) for (const t of ["harm", "harmful-response", "refusal"] as const) needed.add(t);
    if (checks.has("toxicity")) needed.add("toxicity");
    if (checks.has("injection")) needed.add("injection");
    this.thresholds = resolveThresholds(settings.thresholds, needed);
    this.scores = new ClassifierScores(options.policy);
    this.privacy = new PrivacyCheck(options.policy, this.thresholds);
    this.languages = new Set(checks.has("language") ? settings.languages : []);
    this.dedup = new Deduplicator({
      mode: checks.has("dedup") ? settings.dedup : "off",
      threshold: settings.nearDuplicate.threshold,
      window: settings.nearDuplicate.window,
    });
  }

  examine(parsed: ParsedRecord, record: unknown): Outcome {
    const { checks } = this.options;
    const { turns } = parsed;
    const hits: Hit[] = [];
    const excerpts: string[] = [];
    const views: (GuardText | undefined)[] = new Array<GuardText | undefined>(turns.length);
    const view = (i: number): GuardText => (views[i] ??= normalize(turns[i]!.text));
    const repaired = new Map<number, string>();
    const textOf = (i: number): string => repaired.get(i) ?? turns[i]!.text;
    const add = (hit: Hit, text: string): void => {
      hits.push(hit);
      excerpts.push(excerpt(text));
    };

    if (checks.has("privacy")) {
      for (let i = 0; i < turns.length; i++) {
        if (turns[i]!.text.trim() === "") continue;
        const p = this.privacy.check(view(i));
        if (p.findings.length === 0) continue;
        repaired.set(i, p.redacted);
        const byReason = new Map<"pii" | "secret", Set<string>>();
        for (const f of p.findings) {
          const reason = f.detector === "secrets" ? "secret" : "pii";
          const labels = byReason.get(reason) ?? new Set<string>();
          labels.add(f.label ?? f.category);
          byReason.set(reason, labels);
        }
        for (const [reason, labels] of byReason)
          add(
            {
              reason,
              turn: i,
              role: turns[i]!.role,
              label: [...labels].join(","),
              detail: [...labels].join(", "),
            },
            p.redacted,
          );
      }
    }

    // A record in an unwanted language is rejected without the classifier checks (they cost the most).
    if (this.languages.size > 0) {
      const language = this.language(parsed);
      if (language.lang !== "unknown" && !this.languages.has(language.lang)) {
        add(
          {
            reason: "language",
            label: language.lang,
            detail: `identified as ${language.lang} (${language.script} script)`,
          },
          this.firstText(parsed, textOf),
        );
        return { action: "reject", hits, record: applyTurnTexts(record, turns, repaired), excerpts };
      }
    }

    let unsafe = false;
    const scan = (i: number): GuardText | undefined => (turns[i]!.text.trim() === "" ? undefined : view(i));
    for (let i = 0; i < turns.length; i++) {
      const t = turns[i]!;
      if (isRejectedReply(t)) continue;
      const g = scan(i);
      if (!g) continue;
      const stage = STAGE_OF[t.role];
      if (checks.has("injection") && INJECTION_ROLES.has(t.role)) {
        const s = this.scores.score("injection", g, stage);
        if (s.score >= this.thresholds.injection) {
          unsafe = true;
          add(
            {
              reason: "injection",
              turn: i,
              role: t.role,
              score: s.score,
              label: s.category,
              detail: `injection ${fmt(s.score)} (${s.category})`,
            },
            textOf(i),
          );
        }
      }
      if (
        checks.has("toxicity") &&
        (TOXICITY_ROLES.has(t.role) || (t.role === "user" && this.options.settings.toxicityInUserTurns))
      ) {
        const s = this.scores.score("toxicity", g, stage);
        if (s.score >= this.thresholds.toxicity) {
          unsafe = true;
          add(
            { reason: "toxicity", turn: i, role: t.role, score: s.score, detail: `toxicity ${fmt(s.score)}` },
            textOf(i),
          );
        }
      }
    }

    if (checks.has("safety")) {
      for (const hit of this.compliance(parsed, view)) {
        unsafe = true;
        add(hit, textOf(hit.turn!));
      }
    }

    const privacyHit = hits.some((h) => h.reason === "pii" || h.reason === "secret");
    const written = applyTurnTexts(record, turns, repaired);
    if (unsafe || (privacyHit && this.options.settings.pii === "drop"))
      return { action: "reject", hits, record: written, excerpts };

    const dup = this.dedup.check(this.dedupParts(parsed, textOf), this.kept + 1);
    if (dup) {
      const of = `line ${dup.ref} of the clean output`;
      add(
        {
          reason: dup.kind,
          score: dup.similarity,
          detail:
            dup.kind === "duplicate"
              ? `same text as ${of}`
              : `similarity ${dup.similarity.toFixed(2)} to ${of}`,
        },
        this.firstText(parsed, textOf),
      );
      return { action: "reject", hits, record: written, excerpts };
    }
    this.kept++;
    return { action: privacyHit ? "repair" : "keep", hits, record: written, excerpts };
  }

  /** Remembers a record already in the clean output (rebuilding the dedup index when a run resumes). */
  remember(parsed: ParsedRecord): void {
    this.dedup.check(
      this.dedupParts(parsed, (i) => parsed.turns[i]!.text),
      ++this.kept,
    );
  }

  private dedupParts(parsed: ParsedRecord, textOf: (i: number) => string): DedupPart[] {
    return parsed.turns.map((t, i) => ({ role: t.role, text: textOf(i), exactOnly: t.role === "system" }));
  }

  private firstText(parsed: ParsedRecord, textOf: (i: number) => string): string {
    const i = parsed.turns.findIndex((t) => t.role !== "system" && t.text.trim() !== "");
    return i >= 0 ? textOf(i) : "";
  }

  private language(parsed: ParsedRecord): { lang: string; script: string } {
    let sample = "";
    for (const t of parsed.turns) {
      if (t.role === "system" || t.role === "tool-call") continue;
      sample += (sample ? "\n" : "") + t.text;
      if (sample.length >= LANGUAGE_SAMPLE_CHARS) break;
    }
    const guess = identifyLanguage(sample);
    return { lang: guess.lang, script: guess.script };
  }

  /**
   * Assistant turns that carry out a harmful request. A reply is flagged when the harmful-response
   * classifier is sure on its own (its threshold), or when it passes the lower after-harm bar, the reply
   * does not refuse, and the request before it (the user and context turns since the previous reply)
   * is harmful. Replies on a preference record's rejected side are the negative example and exempt.
   */
  private compliance(parsed: ParsedRecord, view: (i: number) => GuardText): Hit[] {
    const out: Hit[] = [];
    const done = new Set<number>();
    const requests = new Map<string, GuardText>();
    const th = this.thresholds;
    for (const thread of parsed.threads) {
      let request: number[] = [];
      let afterRequest = false;
      for (const i of thread) {
        const t = parsed.turns[i]!;
        if (t.role === "user" || t.role === "context") {
          if (afterRequest) request.push(i);
          else request = [i];
          afterRequest = true;
          continue;
        }
        if (t.role !== "assistant") continue;
        afterRequest = false;
        if (done.has(i) || isRejectedReply(t) || t.text.trim() === "") continue;
        done.add(i);
        const req = request;
        const j = judgeReply(
          this.scores,
          th,
          view(i),
          req.length > 0 ? () => this.requestView(req, parsed, view, requests) : undefined,
        );
        if (j.harmful)
          out.push({
            reason: "harmful-compliance",
            turn: i,
            role: t.role,
            score: j.harmfulResponse.score,
            label: j.category,
            detail: j.detail,
          });
      }
    }
    return out;
  }

  private requestView(
    request: number[],
    parsed: ParsedRecord,
    view: (i: number) => GuardText,
    cache: Map<string, GuardText>,
  ): GuardText {
    if (request.length === 1) return view(request[0]!);
    const key = request.join(",");
    let g = cache.get(key);
    if (!g) {
      g = normalize(request.map((i) => parsed.turns[i]!.text).join("\n"));
      cache.set(key, g);
    }
    return g;
  }
}
