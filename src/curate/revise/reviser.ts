/**
 * Critique and revision of a record's assistant turns against the policy's principles (Constitutional
 * AI): for each turn, each applicable principle is asked for a critique; a critique that finds a
 * violation is followed by a revision, which becomes the reply the next principle sees. A round is one
 * pass over the principles; the loop stops after a round whose critiques all find no violation, or after
 * `maxRounds`. The original reply, every critique and every revision are kept for audit.
 *
 * A principle with categories applies only when the classifiers show one of them: the harm model's
 * hazard category on the request or the harmful-response model's on the reply, "toxicity" on the reply,
 * or "privacy" when the pii or secrets detector finds personal data in the reply.
 */
import { ProviderError, type Provider } from "../../providers/types.js";
import type { Policy } from "../../policy/schema.js";
import { normalize } from "../../text/normalize.js";
import { PrivacyCheck } from "../checks/privacy.js";
import { ClassifierScores } from "../checks/scorers.js";
import type { PrincipleT } from "../config.js";
import { CurateError } from "../errors.js";
import { applyTurnTexts } from "../formats/apply.js";
import type { ParsedRecord, Turn } from "../formats/types.js";
import { critiqueMessages, revisionMessages } from "./prompts.js";
import { parseVerdict, type CritiqueVerdict } from "./verdict.js";

export interface ReviseStep {
  round: number;
  principle: string;
  verdict: CritiqueVerdict;
  critique: string;
  /** The revised reply, when the critique found a violation. */
  revision?: string;
}

export interface TurnRevision {
  turn: number;
  /** The reply as it was in the input. */
  original: string;
  /** The reply after the loop (the same as `original` when nothing was revised). */
  final: string;
  revised: boolean;
  rounds: number;
  principles: string[];
  steps: ReviseStep[];
  error?: string;
}

export interface ReviserOptions {
  provider: Provider;
  policy: Policy;
  principles: readonly PrincipleT[];
  /** Rounds at most (default 2). */
  maxRounds?: number;
}

export interface RecordRevision {
  record: unknown;
  turns: TurnRevision[];
}

export class Reviser {
  private readonly scores: ClassifierScores;
  private readonly privacy: PrivacyCheck;
  private readonly maxRounds: number;

  constructor(private readonly options: ReviserOptions) {
    this.scores = new ClassifierScores(options.policy);
    this.privacy = new PrivacyCheck(options.policy, { pii: 0.5, secrets: 0.5 });
    this.maxRounds = options.maxRounds ?? 2;
  }

  /** The categories the classifiers show for a reply and its request, with their scores. */
  private shown(request: string, reply: string): Map<string, number> {
    const out = new Map<string, number>();
    const put = (c: string, s: number): void => {
      if (c !== "" && s > (out.get(c) ?? -1)) out.set(c, s);
    };
    const r = normalize(reply);
    if (request.trim() !== "") {
      const h = this.scores.score("harm", normalize(request), "input");
      put(h.category, h.score);
    }
    const hr = this.scores.score("harmful-response", r, "output");
    put(hr.category, hr.score);
    put("toxicity", this.scores.score("toxicity", r, "output").score);
    if (this.privacy.check(r).findings.length > 0) put("privacy", 1);
    return out;
  }

  private applicable(request: string, reply: string): PrincipleT[] {
    const all = this.options.principles;
    if (all.every((p) => p.categories.length === 0)) return [...all];
    const shown = this.shown(request, reply);
    return all.filter(
      (p) => p.categories.length === 0 || p.categories.some((c) => (shown.get(c) ?? -1) >= p.minScore),
    );
  }

  private async ask(messages: Parameters<Provider["complete"]>[0]["messages"]): Promise<string> {
    try {
      const res = await this.options.provider.complete({ messages, temperature: 0 });
      return res.text.trim();
    } catch (err) {
      if (err instanceof ProviderError && (err.kind === "unreachable" || err.kind === "auth"))
        throw new CurateError(`${this.options.provider.name}: ${err.message}`);
      throw err;
    }
  }

  private async reviseTurn(context: Turn[], turn: Turn, index: number): Promise<TurnRevision | undefined> {
    const request = requestBefore(context);
    const principles = this.applicable(request, turn.text);
    if (principles.length === 0) return undefined;
    const ctx = context.map((t) => ({ role: t.role, content: t.text }));
    const rev: TurnRevision = {
      turn: index,
      original: turn.text,
      final: turn.text,
      revised: false,
      rounds: 0,
      principles: principles.map((p) => p.id),
      steps: [],
    };
    let reply = turn.text;
    try {
      for (let round = 1; round <= this.maxRounds; round++) {
        rev.rounds = round;
        let violated = false;
        for (const p of principles) {
          const critique = await this.ask(critiqueMessages(p, ctx, reply));
          const verdict = parseVerdict(critique);
          const step: ReviseStep = { round, principle: p.id, verdict, critique };
          if (verdict === "yes") {
            const revision = await this.ask(revisionMessages(p, ctx, reply, critique));
            if (revision !== "") {
              step.revision = revision;
              reply = revision;
              violated = true;
            }
          }
          rev.steps.push(step);
        }
        if (!violated) break;
      }
    } catch (err) {
      if (err instanceof CurateError) throw err;
      rev.error = err instanceof Error ? err.message.split("\n")[0]! : String(err);
    }
    rev.final = reply;
    rev.revised = reply !== turn.text;
    return rev;
  }

  /** Revises every assistant turn (a preference record's rejected side is left alone). */
  async reviseRecord(parsed: ParsedRecord, record: unknown): Promise<RecordRevision> {
    const turns: TurnRevision[] = [];
    const replacements = new Map<number, string>();
    const done = new Set<number>();
    for (const thread of parsed.threads) {
      for (let k = 0; k < thread.length; k++) {
        const i = thread[k]!;
        const t = parsed.turns[i]!;
        if (t.role !== "assistant" || t.side === "rejected" || done.has(i) || t.text.trim() === "") continue;
        done.add(i);
        const context = thread.slice(0, k).map((j) => parsed.turns[j]!);
        const rev = await this.reviseTurn(context, t, i);
        if (!rev) continue;
        turns.push(rev);
        if (rev.revised) replacements.set(i, rev.final);
      }
    }
    return { record: applyTurnTexts(record, parsed.turns, replacements), turns };
  }
}

/** The user and context text since the last assistant turn. */
function requestBefore(context: readonly Turn[]): string {
  const parts: string[] = [];
  for (let i = context.length - 1; i >= 0; i--) {
    const t = context[i]!;
    if (t.role === "assistant") break;
    if (t.role === "user" || t.role === "context") parts.unshift(t.text);
  }
  return parts.join("\n");
}
