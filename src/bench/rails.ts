/**
 * The rails: latency of checkToolCall, checkToolResult, checkRetrieved (2 KB documents) and
 * spotlighting under the default policy; and the conversation-risk rule on real multi-turn dialogues
 * — how often it escalates a benign conversation the single-turn rules let through, and how many
 * red-team conversations it catches that the single-turn rules never stopped.
 */
import { createGuard, type Guard } from "../guard/create-guard.js";
import { checkRetrieved } from "../guard/retrieval/check-retrieved.js";
import { spotlight } from "../guard/retrieval/spotlight.js";
import { ConversationRisk } from "../guard/session/conversation-risk.js";
import { createSession, markTainted } from "../guard/session/state.js";
import { checkToolCall } from "../guard/tools/check-tool-call.js";
import { checkToolResult } from "../guard/tools/check-tool-result.js";
import type { Finding } from "../detectors/types.js";
import { PolicySchema, type Policy, type PolicyInput } from "../policy/schema.js";
import { classifierDetector, HAZARD_CATEGORIES } from "../classifiers/detectors.js";
import { getClassifier } from "../classifiers/model/load.js";
import { benchTexts } from "./corpus.js";
import { readDialogues } from "./rails-dialogues.js";
import { fmtUs, measure, type LatencyStats } from "./timing.js";
import type { BenchContext, BenchModule } from "./types.js";

const TOOLS: PolicyInput["tools"] = {
  send_email: {
    risk: "high",
    rateLimit: { max: 1_000_000, perSeconds: 60 },
    schema: {
      type: "object",
      properties: {
        to: { type: "string", format: "email" },
        subject: { type: "string", maxLength: 200 },
        body: { type: "string" },
      },
      required: ["to", "body"],
      additionalProperties: false,
    },
  },
  delete_repo: { allowed: false },
};

async function latency(ctx: BenchContext): Promise<string> {
  const guard = await createGuard({ policy: { extends: "default", name: "rails-bench", tools: TOOLS } });
  const texts = benchTexts(ctx.dataDir);
  const chat2k = texts.chat[2048] as string;
  const prose2k = texts.prose[2048] as string;
  const iterations = ctx.quick ? 300 : 3000;
  const rows: string[] = [];
  const row = (what: string, s: LatencyStats) => {
    rows.push(`| ${what} | ${fmtUs(s.medianUs)} | ${fmtUs(s.p99Us)} |`);
    ctx.log(`rails: ${what}: p99 ${fmtUs(s.p99Us)} µs`);
  };

  const clean = createSession("bench-clean");
  const tainted = createSession("bench-tainted");
  markTainted(tainted, { kind: "retrieval", id: "doc-1", origin: "https://forum.example.net/t/1" });
  const small = {
    id: "c1",
    name: "send_email",
    arguments: JSON.stringify({ to: "bob@example.com", subject: "Lunch", body: "Noon at the usual place?" }),
  };
  const big = {
    id: "c2",
    name: "send_email",
    arguments: JSON.stringify({ to: "bob@example.com", subject: "Notes", body: chat2k }),
  };
  const m = (fn: () => unknown) => measure(fn, { iterations });
  row(
    "checkToolCall: send_email, schema-checked, ~100 B of arguments",
    await m(() => checkToolCall(guard, small, clean)),
  );
  row(
    `checkToolCall: send_email, ${big.arguments.length} B of arguments (2 KB body)`,
    await m(() => checkToolCall(guard, big, clean)),
  );
  row(
    "checkToolCall: same, in a tainted turn (escalated)",
    await m(() => checkToolCall(guard, big, tainted)),
  );
  row(
    "checkToolCall: a tool the policy does not allow",
    await m(() => checkToolCall(guard, { id: "c3", name: "delete_repo", arguments: "{}" }, clean)),
  );
  row(
    'guard.check("toolCall") alone on the same 2 KB body (for comparison)',
    await m(() => guard.check("toolCall", chat2k)),
  );
  const session = createSession("bench-results");
  row(
    "checkToolResult: 2 KB text result",
    await m(() => checkToolResult(guard, "web_fetch", prose2k, session)),
  );
  row(
    "checkRetrieved: one 2 KB document (prose), delimit",
    await m(() =>
      checkRetrieved(
        guard,
        [{ id: "d1", text: prose2k, source: "https://en.wikipedia.org/wiki/X" }],
        session,
      ),
    ),
  );
  row(
    "checkRetrieved: one 2 KB document (chat with personal data, a key, a link)",
    await m(() => checkRetrieved(guard, [{ id: "d2", text: chat2k }], session)),
  );
  const five = Array.from({ length: 5 }, (_, i) => ({ id: `d${i}`, text: i % 2 === 0 ? prose2k : chat2k }));
  row("checkRetrieved: five 2 KB documents", await m(() => checkRetrieved(guard, five, session)));
  row(
    "spotlight: one 2 KB document, delimit",
    await m(() => spotlight([{ id: "d", text: prose2k }], "delimit")),
  );
  row(
    "spotlight: one 2 KB document, datamark",
    await m(() => spotlight([{ id: "d", text: prose2k }], "datamark")),
  );

  return [
    `Default policy (deterministic detectors) plus a \`tools:\` section: \`send_email\` (high risk, a JSON`,
    `Schema with an email format, a rate limit) and a disallowed tool. Texts are the 2 KB "prose" (a slice of`,
    `wikipedia-articles-sample) and "chat" (hh-rlhf-helpful-test first turns with fake personal data, a fake key`,
    `and a link) texts of the stage-latency section. ${iterations} calls per row after warm-up.`,
    "",
    "| operation | median µs | p99 µs |",
    "|---|---:|---:|",
    ...rows,
  ].join("\n");
}

interface TurnRecord {
  findings: Finding[];
  /** The single-turn rules already blocked or escalated this turn. */
  stopped: boolean;
}

async function scoreDialogues(guard: Guard, dialogues: string[][]): Promise<TurnRecord[][]> {
  const out: TurnRecord[][] = [];
  for (const turns of dialogues) {
    const records: TurnRecord[] = [];
    for (const text of turns) {
      const d = await guard.checkInput(text);
      // A failed classifier fails closed and would read as a stopped turn: the figures would be wrong.
      const failure = d.failures[0];
      if (failure)
        throw new Error(`${failure.detector} failed (${failure.message}); fix it before this benchmark`);
      records.push({ findings: d.findings, stopped: d.action === "block" || d.action === "escalate" });
    }
    out.push(records);
  }
  return out;
}

interface SessionOutcome {
  /** Dialogues where the session rule raised at least one turn the single-turn rules let through. */
  raised: number;
  /** Of those, dialogues the single-turn rules never stopped at all. */
  raisedOnly: number;
  /** Turns raised by the session rule. */
  raisedTurns: number;
}

function simulate(policy: Policy, scored: TurnRecord[][]): SessionOutcome {
  const risk = new ConversationRisk(policy);
  const outcome: SessionOutcome = { raised: 0, raisedOnly: 0, raisedTurns: 0 };
  for (const dialogue of scored) {
    const state = { turns: [] };
    let raised = 0;
    for (const turn of dialogue) {
      const a = risk.observe(state, turn.findings);
      if (a.triggered && !turn.stopped) raised++;
    }
    if (raised > 0) {
      outcome.raised++;
      outcome.raisedTurns += raised;
      if (!dialogue.some((t) => t.stopped)) outcome.raisedOnly++;
    }
  }
  return outcome;
}

/** Wilson 95% interval for k of n, as "a–b %". */
function wilson(k: number, n: number): string {
  if (n === 0) return "–";
  const z = 1.96;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return `${(100 * Math.max(0, c - h)).toFixed(1)}–${(100 * Math.min(1, c + h)).toFixed(1)} %`;
}

const pct = (k: number, n: number) => (n === 0 ? "–" : `${((100 * k) / n).toFixed(1)} %`);

/**
 * The built-in classifier detectors report only scores at their operating point (1% FPR), which is
 * above every rule threshold: a turn they report is already stopped, and the session rule has nothing
 * below threshold to add up. So this benchmark registers graded copies that report every score from
 * 0.05, and sets each rule's input threshold to the classifier's operating point: single-turn
 * decisions stay those of the built-in classifiers, and the session rule sees the evidence under them.
 */
async function gradedGuard(): Promise<{ guard: Guard; operatingPoints: Record<string, number> }> {
  const tasks = ["harm", "injection"] as const;
  const operatingPoints: Record<string, number> = {};
  for (const t of tasks) operatingPoints[t] = getClassifier(t).model.operatingPoint.threshold;
  const detectors = tasks.map((t) => ({
    ...classifierDetector(t, { threshold: 0.05 }),
    name: `${t}-graded`,
  }));
  const rules: NonNullable<PolicyInput["rules"]> = {};
  for (const c of HAZARD_CATEGORIES) rules[c] = { stages: { input: { threshold: operatingPoints.harm } } };
  rules.jailbreak = { stages: { input: { threshold: operatingPoints.injection } } };
  const policy: PolicyInput = {
    extends: "default",
    name: "rails-bench-graded",
    rules,
    detectors: {
      disabled: [
        "harm-classifier",
        "injection-classifier",
        "toxicity-classifier",
        "harmful-response-classifier",
        "refusal-classifier",
      ],
    },
  };
  return { guard: await createGuard({ policy, detectors }), operatingPoints };
}

async function conversations(ctx: BenchContext): Promise<string> {
  const { guard, operatingPoints } = await gradedGuard();
  const limit = ctx.quick ? 150 : 100_000;
  const benign = readDialogues(ctx.dataDir, "hh-rlhf-helpful-test/helpful-base_test.jsonl", 3, limit);
  const redTeam = readDialogues(ctx.dataDir, "anthropic-hh-harmless-test/harmless-base_test.jsonl", 3, limit);
  ctx.log(`rails: scoring ${benign.length} benign and ${redTeam.length} red-team dialogues`);
  const benignScored = await scoreDialogues(guard, benign);
  const redScored = await scoreDialogues(guard, redTeam);
  const benignStopped = benignScored.filter((d) => d.some((t) => t.stopped)).length;
  const redStopped = redScored.filter((d) => d.some((t) => t.stopped)).length;
  const benignTurns = benignScored.reduce((n, d) => n + d.length, 0);
  const redTurns = redScored.reduce((n, d) => n + d.length, 0);

  const rows: string[] = [];
  for (const setting of [
    { riskThreshold: 1.5 },
    { riskThreshold: 2 },
    { riskThreshold: 2.5 },
    { riskThreshold: 2, decay: 0.5 },
    { riskThreshold: 2, floor: 0.3 },
  ]) {
    const policy = PolicySchema.parse({ ...guard.policy, session: { ...guard.policy.session, ...setting } });
    const b = simulate(policy, benignScored);
    const r = simulate(policy, redScored);
    const s = policy.session;
    rows.push(
      `| ${s.riskThreshold} | ${s.decay} | ${s.window} | ${s.floor} | ${pct(b.raised, benign.length)} (${wilson(b.raised, benign.length)}) | ${pct(b.raisedTurns, benignTurns)} | ${pct(r.raised, redTeam.length)} | ${pct(r.raisedOnly, redTeam.length)} (${wilson(r.raisedOnly, redTeam.length)}) |`,
    );
  }
  return [
    `Dialogues with at least 3 human turns: ${benign.length} benign ones (hh-rlhf-helpful-test, helpful-base,`,
    `${benignTurns} turns) and ${redTeam.length} red-team ones (anthropic-hh-harmless-test, harmless-base, ${redTurns}`,
    `turns; crowdworkers trying to elicit harm, often over several turns). Each human turn goes through the`,
    `input stage of the default policy with the harm and injection classifiers on, reporting every score from`,
    `0.05, and each hazard rule's input threshold set to the classifier's operating point (harm`,
    `${operatingPoints.harm?.toFixed(3)}, injection ${operatingPoints.injection?.toFixed(3)}: 1% FPR on validation negatives) — single-turn decisions`,
    `are those of the built-in classifiers, and the session rule sees the scores under them (the built-in`,
    `classifier detectors report only scores at their operating point, so with them the rule has nothing to`,
    `add). Single-turn rules alone stop at least one turn in ${pct(benignStopped, benign.length)} of the`,
    `benign and ${pct(redStopped, redTeam.length)} of the red-team dialogues. "Raised" counts dialogues where the session rule`,
    `escalated a turn the single-turn rules let through: on benign dialogues that is over-escalation; on`,
    `red-team dialogues "raised only" counts conversations the single-turn rules never stopped at all (the`,
    `red-team set is not labelled per turn, so these are candidates, not confirmed catches). The second row`,
    `is the default setting (riskThreshold 2, decay 0.7, window 6, floor 0.5). 95% Wilson intervals in brackets.`,
    "",
    "| riskThreshold | decay | window | floor | benign dialogues raised | benign turns raised | red-team dialogues raised | red-team raised only |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
}

export const run: BenchModule = async (ctx) => {
  const markdown = [
    "### Latency",
    "",
    await latency(ctx),
    "",
    "### Conversation risk on real dialogues",
    "",
    await conversations(ctx),
  ].join("\n");
  return { title: "Rails: tool calls, retrieval, conversation risk", markdown };
};
