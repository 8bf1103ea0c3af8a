/**
 * The cascade: a Guard whose `check` runs the fast check and, only when some of its evidence falls in
 * the uncertain band, asks a slower judge (a guard model) within a time budget. The engine is not
 * changed: the fast check is the wrapped guard's own, band-probe scores arrive through an async-local
 * slot, and the judge's findings are mapped by the same policy rules.
 *
 * - The fast path decides alone when it already blocks or escalates, or nothing is in the band.
 * - The judge sees the text the fast path would pass on (redacted when it redacts), never more.
 * - Over budget, the call is aborted and the fast verdict stands, with the timeout recorded as a
 *   failure (not failed closed: the fast path's own rules already ran).
 */
import type { Stage } from "../../policy/stages.js";
import { isStage, STAGES } from "../../policy/stages.js";
import type { Guard } from "../create-guard.js";
import type { Decision, DetectorFailure } from "../types.js";
import { isBandProbe } from "./band-probes.js";
import { bandHits, type BandLimits } from "./band.js";
import { mergeJudgeFindings } from "./merge.js";
import { probeSlots, type ProbeSlot } from "./probe-slot.js";
import type {
  CascadeDecision,
  CascadeGuard,
  CascadeOptions,
  CascadeTrace,
  JudgeCheckContext,
} from "./types.js";

export const CASCADE_DEFAULTS = { low: 0.5, high: 1, budgetMs: 1500, stages: ["input", "output"] } as const;

class BudgetExceeded extends Error {}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Resolves with `run(signal)`, or rejects with BudgetExceeded after `ms` (aborting the signal). */
async function withinBudget<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new BudgetExceeded(`no verdict within ${ms} ms`));
      reject(new BudgetExceeded(`no verdict within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function withCascade(guard: Guard, options: CascadeOptions): CascadeGuard {
  const low = options.band?.low ?? CASCADE_DEFAULTS.low;
  const high = options.band?.high ?? CASCADE_DEFAULTS.high;
  if (!(low >= 0 && low < high && high <= 1))
    throw new RangeError(`cascade band must satisfy 0 <= low < high <= 1, got low ${low}, high ${high}`);
  const budgetMs = options.budgetMs ?? CASCADE_DEFAULTS.budgetMs;
  if (!(budgetMs > 0)) throw new RangeError(`cascade budgetMs must be positive, got ${budgetMs}`);
  const stages = new Set<Stage>(options.stages ?? CASCADE_DEFAULTS.stages);
  for (const s of stages) if (!isStage(s)) throw new Error(`cascade: unknown stage "${String(s)}"`);
  const judge = options.judge;
  const limits: BandLimits = { low, high, categories: new Set(options.categories ?? judge.categories) };

  // A probe scores at a stage only where its classifier runs; its floor must reach the band's low edge.
  const probes = guard.registry.all().filter(isBandProbe);
  for (const p of probes) {
    if (p.bandProbe.floor > low)
      throw new RangeError(
        `cascade band low ${low} is under probe ${p.name}'s floor ${p.bandProbe.floor}: create the probes with { floor: ${low} } or less`,
      );
  }
  const wanted = new Map<Stage, ReadonlySet<string>>(
    STAGES.map((s) => {
      const running = new Set(guard.detectorsFor(s).map((d) => d.name));
      return [
        s,
        new Set(
          probes.filter((p) => running.has(p.name) && running.has(p.bandProbe.source)).map((p) => p.name),
        ),
      ];
    }),
  );

  const traced = (d: Decision, cascade: CascadeTrace): CascadeDecision => ({ ...d, cascade });

  async function check(stage: Stage, text: string, ctx: JudgeCheckContext = {}): Promise<CascadeDecision> {
    if (!stages.has(stage))
      return traced(await guard.check(stage, text, ctx), { fired: false, outcome: "stage-off", hits: [] });
    const slot: ProbeSlot = { wanted: wanted.get(stage) ?? new Set(), records: [] };
    const fast =
      slot.wanted.size > 0
        ? await probeSlots.run(slot, () => guard.check(stage, text, ctx))
        : await guard.check(stage, text, ctx);
    if (fast.action === "block" || fast.action === "escalate")
      return traced(fast, { fired: false, outcome: "fast-decided", hits: [] });
    const hits = bandHits(guard.policy, stage, fast, slot.records, limits);
    if (hits.length === 0) return traced(fast, { fired: false, outcome: "not-in-band", hits });

    const t0 = performance.now();
    const trace: CascadeTrace = { fired: true, outcome: "safe", hits, judge: judge.name };
    const latencyMs = { ...fast.latencyMs };
    const done = (d: Decision): CascadeDecision => {
      const judgeMs = performance.now() - t0;
      trace.judgeMs = judgeMs;
      latencyMs[judge.name] = judgeMs;
      latencyMs.total = (fast.latencyMs.total ?? 0) + judgeMs;
      return traced({ ...d, latencyMs }, trace);
    };
    try {
      const verdict = await withinBudget(budgetMs, (signal) =>
        judge.judge({
          text: fast.text ?? text,
          stage,
          signal,
          ...(ctx.prompt !== undefined ? { prompt: ctx.prompt } : {}),
        }),
      );
      trace.reply = verdict.reply;
      const merged = mergeJudgeFindings(guard.policy, stage, fast, verdict.findings);
      trace.outcome = merged.raised ? "unsafe" : "safe";
      return done(merged.decision);
    } catch (err) {
      const timeout = err instanceof BudgetExceeded;
      trace.outcome = timeout ? "timeout" : "error";
      const failure: DetectorFailure = {
        detector: judge.name,
        kind: timeout ? "timeout" : "error",
        message: `${message(err)}; the fast verdict stands`,
        failedClosed: false,
      };
      return done({ ...fast, failures: [...fast.failures, failure] });
    }
  }

  return {
    policy: guard.policy,
    policyVersion: guard.policyVersion,
    registry: guard.registry,
    detectorsFor: (stage) => guard.detectorsFor(stage),
    fast: guard,
    check,
    checkInput: (text, ctx) => check("input", text, ctx),
    checkOutput: (text, ctx) => check("output", text, ctx),
  };
}
