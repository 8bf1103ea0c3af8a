/**
 * The streaming output rail, push style: feed chunks with `push`, finish with `end` (or `fail` when
 * the upstream broke); each returns the events to forward. Nothing is released before it has been
 * checked:
 *
 * - text is held until a sentence end, or until holdChars are held (then released at a space,
 *   keeping lookaheadChars back) — see ReleasePlanner;
 * - each check sees the held text together with the last contextChars of released text, so a
 *   pattern that spans the release point is still seen;
 * - a redaction span is never released in part: the cut moves to before any span that crosses it;
 *   a span that reaches back into released text, or one found in released text only now (with
 *   later context), blocks the stream (fail closed: the rail cannot take text back);
 * - a block or escalate decision ends the stream with the policy's safe reply, and none of the held
 *   text is released; an error in the source or the guard ends it the same way.
 */
import type { Stage } from "../../policy/stages.js";
import { Vault } from "../redaction/index.js";
import type { RedactionItem } from "../redaction/index.js";
import type { CheckContext, Decision } from "../types.js";
import { cutOnCodePoint, firstSpaceCut } from "./boundaries.js";
import { ReleasePlanner } from "./release-planner.js";
import { SegmentRedactor } from "./segment-redactor.js";
import { StreamDecisionBuilder } from "./stream-decision.js";
import type { StreamCheckGuard, StreamEvent, StreamGuardOptions, StreamStats } from "./types.js";

export const STREAM_DEFAULTS = {
  holdChars: 200,
  lookaheadChars: 100,
  maxHoldChars: 1000,
  contextChars: 1000,
} as const;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function positiveInt(name: string, v: number): number {
  if (!(v >= 0) || (Number.isFinite(v) && !Number.isInteger(v))) {
    throw new RangeError(`${name} must be a non-negative integer (or Infinity), got ${v}`);
  }
  return v;
}

type State = "open" | "ended" | "blocked";

export class StreamGuard {
  private readonly stage: Stage;
  private readonly ctx: CheckContext;
  private readonly contextChars: number;
  private readonly planner: ReleasePlanner;
  private readonly redactor: SegmentRedactor;
  private readonly decisions: StreamDecisionBuilder;
  private readonly vault: Vault | undefined;

  /** Unreleased raw text. */
  private held = "";
  /** The last contextChars of released raw text (starting at a word), re-checked with the held text. */
  private tail = "";
  /** Stream offset of held[0]: raw characters released so far. */
  private releasedRaw = 0;
  private readonly out: string[] = [];
  /** Stream spans redacted on release that are still inside the re-checked context. */
  private redacted: Array<[number, number]> = [];
  private state: State = "open";
  private queue: Promise<unknown> = Promise.resolve();
  private readonly counters: StreamStats = {
    chunks: 0,
    charsIn: 0,
    charsOut: 0,
    checks: 0,
    checkedChars: 0,
    maxHeldChars: 0,
    checkMs: 0,
  };

  constructor(
    private readonly guard: StreamCheckGuard,
    options: StreamGuardOptions = {},
  ) {
    const holdChars = positiveInt("holdChars", options.holdChars ?? STREAM_DEFAULTS.holdChars);
    const lookaheadChars = positiveInt(
      "lookaheadChars",
      options.lookaheadChars ?? Math.min(STREAM_DEFAULTS.lookaheadChars, Math.floor(holdChars / 2)),
    );
    const maxHoldChars = positiveInt(
      "maxHoldChars",
      options.maxHoldChars ?? Math.max(STREAM_DEFAULTS.maxHoldChars, holdChars),
    );
    if (lookaheadChars >= holdChars && holdChars > 0) {
      throw new RangeError(`lookaheadChars (${lookaheadChars}) must be less than holdChars (${holdChars})`);
    }
    if (maxHoldChars < holdChars) {
      throw new RangeError(`maxHoldChars (${maxHoldChars}) must be at least holdChars (${holdChars})`);
    }
    this.contextChars = positiveInt("contextChars", options.contextChars ?? STREAM_DEFAULTS.contextChars);
    this.planner = new ReleasePlanner({ holdChars, lookaheadChars, maxHoldChars });
    this.stage = options.stage ?? "output";

    const policy = guard.policy;
    const needsVault =
      policy.redaction.mode === "vault" || Object.values(policy.redaction.labels).includes("vault");
    // One vault for the whole stream, so every check and every segment uses the same placeholders.
    this.vault = options.ctx?.vault ?? (needsVault ? new Vault() : undefined);
    this.ctx = this.vault ? { ...options.ctx, vault: this.vault } : { ...options.ctx };
    this.redactor = new SegmentRedactor(policy.redaction, this.vault);
    this.decisions = new StreamDecisionBuilder(guard, this.stage);
  }

  /** True once the stream has ended or was blocked; later pushes are ignored. */
  get closed(): boolean {
    return this.state !== "open";
  }

  /** Everything released so far (redacted where the policy redacts). */
  get releasedText(): string {
    return this.out.join("");
  }

  /** Characters received but not yet released. */
  get heldChars(): number {
    return this.held.length;
  }

  get stats(): StreamStats {
    return { ...this.counters };
  }

  /** Adds a chunk; resolves to the events it releases (often none: the text is being held). */
  push(chunk: string): Promise<StreamEvent[]> {
    return this.serial(() => this.pushNow(chunk));
  }

  /** The source is done: checks and releases the rest, then the "end" event. */
  end(): Promise<StreamEvent[]> {
    return this.serial(() => this.endNow());
  }

  /** The source failed: ends the stream with a blocked event that carries the error. */
  fail(error: unknown): Promise<StreamEvent[]> {
    return this.serial(() =>
      Promise.resolve(
        this.state === "open"
          ? this.block(this.decisions.failure("source", "source-error", `source failed: ${message(error)}`))
          : [],
      ),
    );
  }

  /** Runs calls one after another, whatever the caller awaits. */
  private serial(fn: () => Promise<StreamEvent[]>): Promise<StreamEvent[]> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async pushNow(chunk: string): Promise<StreamEvent[]> {
    if (this.state !== "open") return [];
    if (typeof chunk !== "string") {
      return this.block(
        this.decisions.failure("source", "source-error", `source yielded a ${typeof chunk}, not a string`),
      );
    }
    this.counters.chunks++;
    this.counters.charsIn += chunk.length;
    if (chunk.length === 0) return [];
    this.held += chunk;
    if (this.held.length > this.counters.maxHeldChars) this.counters.maxHeldChars = this.held.length;
    const cut = this.planner.candidate(this.held);
    return cut > 0 ? this.checkAndRelease(cut, false) : [];
  }

  private async endNow(): Promise<StreamEvent[]> {
    if (this.state !== "open") return [];
    const events: StreamEvent[] = [];
    if (this.held.length > 0) {
      events.push(...(await this.checkAndRelease(this.held.length, true)));
      if (this.state !== "open") return events;
    }
    this.state = "ended";
    events.push({ type: "end", decision: this.decisions.final(this.releasedText, this.vault) });
    return events;
  }

  private block(decision: Decision): StreamEvent[] {
    this.state = "blocked";
    this.held = "";
    this.tail = "";
    return [{ type: "blocked", decision, safeReply: decision.safeReply ?? this.guard.policy.safeReply }];
  }

  /** Checks tail + held text and releases up to `cut` held characters (all of them when `final`). */
  private async checkAndRelease(cut: number, final: boolean): Promise<StreamEvent[]> {
    const window = this.tail + this.held;
    const tl = this.tail.length;
    const offset = this.releasedRaw - tl;
    let d: Decision;
    const t0 = performance.now();
    try {
      d = await this.guard.check(this.stage, window, this.ctx);
    } catch (err) {
      return this.block(
        this.decisions.failure("guard", "guard-error", `guard check failed: ${message(err)}`),
      );
    } finally {
      this.counters.checks++;
      this.counters.checkedChars += window.length;
      this.counters.checkMs += performance.now() - t0;
    }
    this.decisions.addCheck(d, offset);
    if (d.action === "block" || d.action === "escalate")
      return this.block(this.decisions.violation(d, offset));
    if (d.truncated) {
      // The guard checked only a prefix (policy limits.onOversize: truncate): the rest is unchecked.
      return this.block(
        this.decisions.failure(
          "stream",
          "oversize-window",
          `a ${window.length}-character window exceeds the policy's limits.maxChars`,
        ),
      );
    }

    const spans: Array<[number, number, string]> = [];
    for (const f of d.reasons) {
      if (!f.span || d.ruleActions[f.category] !== "redact") continue;
      const [s, e] = f.span;
      if (e <= tl) {
        // In released text: fine if it was redacted on release; if not, it leaked (found only now,
        // with more context), so stop the stream here.
        if (this.wasRedacted(offset + s, offset + e)) continue;
        return this.block(
          this.decisions.failure(
            "stream",
            "found-after-release",
            `a ${f.label ?? f.category} span in text already released was found only with later text`,
          ),
        );
      }
      if (s < tl) {
        return this.block(
          this.decisions.failure(
            "stream",
            "span-crosses-release",
            `a ${f.label ?? f.category} span reaches into text already released`,
          ),
        );
      }
      spans.push([s - tl, e - tl, f.label ?? f.category]);
    }

    // Move the cut to before any redaction span that crosses it (repeat: spans may overlap).
    let c = final ? this.held.length : cutOnCodePoint(this.held, cut);
    for (let moved = true; moved && c > 0;) {
      moved = false;
      for (const [s, e] of spans) {
        if (s < c && e > c) {
          c = s;
          moved = true;
        }
      }
    }
    if (c <= 0) return [];

    const items: RedactionItem[] = [];
    for (const [s, e, label] of spans) if (e <= c) items.push({ span: [s, e], label });
    const segment = this.held.slice(0, c);
    const { text, replaced } = this.redactor.redact(segment, items);
    if (replaced > 0) this.decisions.markRedacted();
    for (const it of items)
      this.redacted.push([this.releasedRaw + it.span[0], this.releasedRaw + it.span[1]]);
    this.release(segment);
    this.out.push(text);
    this.counters.charsOut += text.length;
    return text.length > 0 ? [{ type: "text", text }] : [];
  }

  /** True when stream span [s, e) overlaps a span redacted on release. */
  private wasRedacted(s: number, e: number): boolean {
    for (const [rs, re] of this.redacted) if (rs < e && s < re) return true;
    return false;
  }

  /** Moves `segment` (the first raw characters held) from held to released. */
  private release(segment: string): void {
    const n = segment.length;
    this.held = this.held.slice(n);
    this.releasedRaw += n;
    this.planner.consume(n);
    if (this.contextChars === 0) return;
    let tail = this.tail + segment;
    if (tail.length > this.contextChars) {
      tail = tail.slice(tail.length - this.contextChars);
      // Start the context at a word, not inside one: a cut-off token could look like something else.
      const w = firstSpaceCut(tail);
      if (w > 0) tail = tail.slice(w);
    }
    this.tail = tail;
    // Forget redacted spans that fell out of the re-checked context.
    const from = this.releasedRaw - tail.length;
    if (this.redacted.length > 0 && (this.redacted[0] as [number, number])[1] <= from) {
      this.redacted = this.redacted.filter(([, e]) => e > from);
    }
  }
}
