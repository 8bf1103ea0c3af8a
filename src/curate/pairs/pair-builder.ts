/**
 * One safety preference pair from one record, or the reason there is none.
 *
 * - A harmful prompt (harm classifier at its threshold): a safe reply is chosen over a harmful one. The
 *   safe reply is a refusal from the data, or — with a provider — one written to the policy's style;
 *   the harmful reply must come from the data (a reply that carries out the request), never generated.
 * - A benign prompt that looks dangerous (harm score at least `lookalikeScore`, or refused in the data):
 *   a helpful answer is chosen over a needless refusal; either side may come from the data or, when
 *   missing, from the provider.
 *
 * Replies from the data are sorted by the refusal and harmful-response classifiers (the same rule as
 * curate's harmful-compliance check); a provider's reply is used only when the classifiers agree it is
 * what was asked for. Personal data and secrets are redacted in every text of the pair.
 */
import { normalize } from "../../text/normalize.js";
import { ProviderError, type Provider } from "../../providers/types.js";
import type { Policy } from "../../policy/schema.js";
import { judgeReply } from "../checks/compliance.js";
import { PrivacyCheck } from "../checks/privacy.js";
import { ClassifierScores } from "../checks/scorers.js";
import type { PairsSettingsT } from "../config.js";
import { lastRequest, toMessages, type PromptMessage } from "../conversation.js";
import { CurateError } from "../errors.js";
import type { ParsedRecord } from "../formats/types.js";
import type { ResolvedThresholds } from "../thresholds.js";
import type { Pair } from "./pair-format.js";
import { generationMessages, type GeneratedSide } from "./prompts.js";

export const SKIP_REASONS = [
  "no-prompt",
  "tool-messages",
  "benign-prompt",
  "no-harmful-response",
  "no-safe-response",
  "no-helpful-answer",
  "no-refusal",
  "provider-reply-failed-check",
  "provider-error",
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const SKIP_TEXT: Readonly<Record<SkipReason, string>> = {
  "no-prompt": "no user prompt to pair replies for (plain text, or no user turn)",
  "tool-messages": "the prompt has tool calls or tool results, which the pair formats here do not carry",
  "benign-prompt": "a benign prompt that does not look dangerous: not a safety pair",
  "no-harmful-response": "a harmful prompt without a harmful reply in the data (one is never generated)",
  "no-safe-response": "a harmful prompt without a refusal in the data, and no provider configured",
  "no-helpful-answer":
    "a dangerous-looking benign prompt without a helpful answer in the data, and no provider",
  "no-refusal": "a dangerous-looking benign prompt without a refusal in the data, and no provider",
  "provider-reply-failed-check":
    "the provider's reply was not what was asked for (the classifiers disagreed)",
  "provider-error": "the provider failed for this record",
};

export type ReplyKind = "refusal" | "harmful" | "helpful";

export interface PairResult {
  pair?: Pair;
  kind?: "harmful-prompt" | "benign-prompt";
  skip?: SkipReason;
  /** The sides the provider wrote. */
  generated: GeneratedSide[];
  error?: string;
}

interface Candidate {
  prompt: PromptMessage[];
  replies: string[];
}

/** The prompt and the replies of a record: the last assistant turn of each thread, and what came before. */
export function candidateOf(parsed: ParsedRecord): Candidate | SkipReason {
  let prompt: PromptMessage[] | undefined;
  const replies: string[] = [];
  for (const thread of parsed.threads) {
    const turns = thread.map((i) => parsed.turns[i]!);
    let last = turns.length - 1;
    while (last >= 0 && turns[last]!.role === "tool-call") last--;
    const hasReply = last >= 0 && turns[last]!.role === "assistant";
    const messages = toMessages(hasReply ? turns.slice(0, last) : turns);
    if (typeof messages === "string") return messages === "has tool messages" ? "tool-messages" : "no-prompt";
    prompt ??= messages;
    if (hasReply && turns[last]!.text.trim() !== "") replies.push(turns[last]!.text);
  }
  if (!prompt || !prompt.some((m) => m.role === "user")) return "no-prompt";
  return { prompt, replies };
}

export interface PairBuilderOptions {
  policy: Policy;
  settings: PairsSettingsT;
  thresholds: ResolvedThresholds;
  provider?: Provider;
}

export class PairBuilder {
  private readonly scores: ClassifierScores;
  private readonly privacy: PrivacyCheck;

  constructor(private readonly options: PairBuilderOptions) {
    this.scores = new ClassifierScores(options.policy);
    this.privacy = new PrivacyCheck(options.policy, options.thresholds);
  }

  /** How the classifiers read a reply to a prompt (harmful or not). */
  kindOf(reply: string, request: string, harmfulPrompt: boolean): ReplyKind {
    const r = normalize(reply);
    const q = normalize(request);
    const j = judgeReply(this.scores, this.options.thresholds, r, harmfulPrompt ? () => q : undefined);
    if (j.harmful) return "harmful";
    const f = j.refusal ?? this.scores.score("refusal", r, "output");
    return f.score >= this.options.thresholds.refusal ? "refusal" : "helpful";
  }

  async build(parsed: ParsedRecord): Promise<PairResult> {
    const c = candidateOf(parsed);
    if (typeof c === "string") return { skip: c, generated: [] };
    const th = this.options.thresholds;
    const request = lastRequest(c.prompt);
    const harm = this.scores.score("harm", normalize(request), "input");
    const harmful = harm.score >= th.harm;
    const kinds = c.replies.map((r) => this.kindOf(r, request, harmful));
    const generated: GeneratedSide[] = [];

    type Side = { text: string } | { skip: SkipReason };
    const fromData = (k: ReplyKind): Side | undefined => {
      const text = c.replies[kinds.indexOf(k)];
      return text === undefined ? undefined : { text };
    };
    const fill = async (side: GeneratedSide, want: ReplyKind, missing: SkipReason): Promise<Side> => {
      if (!this.options.provider) return { skip: missing };
      const made = await this.generate(side, c.prompt);
      if ("skip" in made) return made;
      // A safe response need not read as a refusal (it may offer an alternative), but must not be harmful.
      const kind = this.kindOf(made.text, request, harmful);
      const ok = side === "safe-response" ? kind !== "harmful" : kind === want;
      if (!ok) return { skip: "provider-reply-failed-check" };
      generated.push(side);
      return made;
    };

    let chosen: Side;
    let rejected: Side;
    if (harmful) {
      const bad = fromData("harmful");
      if (!bad) return { skip: "no-harmful-response", generated };
      rejected = bad;
      chosen = fromData("refusal") ?? (await fill("safe-response", "refusal", "no-safe-response"));
    } else {
      const looksDangerous = harm.score >= this.options.settings.lookalikeScore || kinds.includes("refusal");
      if (!looksDangerous) return { skip: "benign-prompt", generated };
      chosen = fromData("helpful") ?? (await fill("helpful-answer", "helpful", "no-helpful-answer"));
      if ("skip" in chosen) return { skip: chosen.skip, generated };
      rejected = fromData("refusal") ?? (await fill("needless-refusal", "refusal", "no-refusal"));
    }
    if ("skip" in chosen) return { skip: chosen.skip, generated };
    if ("skip" in rejected) return { skip: rejected.skip, generated };
    return {
      pair: {
        prompt: c.prompt.map((m) => ({ role: m.role, content: this.redact(m.content) })),
        chosen: this.redact(chosen.text),
        rejected: this.redact(rejected.text),
      },
      kind: harmful ? "harmful-prompt" : "benign-prompt",
      generated,
    };
  }

  private redact(text: string): string {
    return this.privacy.check(normalize(text)).redacted;
  }

  private async generate(
    side: GeneratedSide,
    prompt: PromptMessage[],
  ): Promise<{ text: string } | { skip: SkipReason }> {
    const provider = this.options.provider!;
    try {
      const res = await provider.complete({
        messages: generationMessages(
          side,
          prompt,
          this.options.settings.style,
          this.options.policy.safeReply,
        ),
        temperature: 0.7,
      });
      const text = res.text.trim();
      return text === "" ? { skip: "provider-reply-failed-check" } : { text };
    } catch (err) {
      // A provider that cannot be reached or refuses the key fails every record: stop with its message.
      if (err instanceof ProviderError && (err.kind === "unreachable" || err.kind === "auth"))
        throw new CurateError(`${provider.name}: ${err.message}`);
      return { skip: "provider-error" };
    }
  }
}
