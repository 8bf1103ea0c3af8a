/**
 * Groundedness rail quality and speed on HaluEval QA: for each question, the knowledge passage is the
 * context, the right answer is a negative and the hallucinated answer a positive. The answer
 * threshold is tuned on the even-numbered items and every figure is reported on the odd-numbered
 * ones (both subsets share their knowledge passages, so the split is by item, the same in both).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cosine, embed } from "../classifiers/embeddings/index.js";
import { checkGroundedness, GROUNDEDNESS_DEFAULTS } from "../guard/groundedness/check.js";
import { buildContextIndex, contextIndex, sentenceText } from "../guard/groundedness/context-index.js";
import { fmtUs, percentile } from "./timing.js";
import type { BenchContext, BenchModule, BenchSection } from "./types.js";

interface Item {
  knowledge: string;
  question: string;
  right: string;
  hallucinated: string;
}

interface Scored {
  /** 1 = hallucinated. */
  label: 0 | 1;
  score: number;
}

const SUBSETS = [
  { name: "qa one-turn", file: "qa_one-turn_data.json" },
  { name: "qa multi-turn", file: "qa_multi-turn_data.json" },
] as const;

function loadItems(dataDir: string, file: string): Item[] {
  const path = join(dataDir, "halueval", file);
  if (!existsSync(path)) throw new Error(`benchmark data missing: ${path} (set GUARDSTACK_DATA)`);
  const items: Item[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const v = JSON.parse(line) as Record<string, unknown>;
    const { knowledge, question, right_answer, hallucinated_answer } = v;
    if (
      typeof knowledge === "string" &&
      typeof question === "string" &&
      typeof right_answer === "string" &&
      typeof hallucinated_answer === "string"
    ) {
      items.push({ knowledge, question, right: right_answer, hallucinated: hallucinated_answer });
    }
  }
  return items;
}

/** Area under the ROC curve of "hallucinated" by score (higher = more likely hallucinated). */
export function auc(rows: ReadonlyArray<{ label: 0 | 1; risk: number }>): number {
  const sorted = [...rows].sort((a, b) => a.risk - b.risk);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j]!.risk === sorted[i]!.risk) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (sorted[k]!.label !== 1) continue;
      rankSum += avgRank;
      pos++;
    }
    i = j;
  }
  const neg = sorted.length - pos;
  return pos === 0 || neg === 0 ? NaN : (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

interface Confusion {
  accuracy: number;
  precision: number;
  recall: number;
  fpr: number;
}

/** Flagging an answer as hallucinated when its score is under `threshold`. */
function confusion(rows: readonly Scored[], threshold: number): Confusion {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const r of rows) {
    const flagged = r.score < threshold;
    if (flagged && r.label === 1) tp++;
    else if (flagged) fp++;
    else if (r.label === 1) fn++;
    else tn++;
  }
  return {
    accuracy: (tp + tn) / rows.length,
    precision: tp + fp === 0 ? NaN : tp / (tp + fp),
    recall: tp / Math.max(1, tp + fn),
    fpr: fp / Math.max(1, fp + tn),
  };
}

/** The threshold with the best accuracy (classes are balanced), between observed scores. */
function tuneThreshold(rows: readonly Scored[]): number {
  const cands = [...new Set(rows.map((r) => r.score))].sort((a, b) => a - b);
  let best = 0.5;
  let bestAcc = -1;
  for (let i = 0; i <= cands.length; i++) {
    const lo = i === 0 ? 0 : cands[i - 1]!;
    const hi = i === cands.length ? 1.0001 : cands[i]!;
    const t = (lo + hi) / 2;
    const acc = confusion(rows, t).accuracy;
    if (acc > bestAcc) {
      bestAcc = acc;
      best = t;
    }
  }
  return Math.round(best * 1000) / 1000;
}

const pct = (x: number) => (Number.isNaN(x) ? "–" : `${(100 * x).toFixed(1)}%`);
const risk = (rows: readonly Scored[]) => rows.map((r) => ({ label: r.label, risk: 1 - r.score }));

/** Words in a text: runs of non-space characters. */
function words(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** How an item's answers are put to the rail. */
interface Variant {
  name: string;
  text(item: Item, answer: string): string;
  context(item: Item): string[];
}

/** `<question without its question marks> — <answer>`. */
function frame(item: Item, answer: string): string {
  const q = item.question.trim();
  let end = q.length;
  while (end > 0 && q.charAt(end - 1) === "?") end--;
  return `${q.slice(0, end)} — ${answer}`;
}

const VARIANTS: Variant[] = [
  { name: "as given", text: (_i, a) => a, context: (i) => [i.knowledge] },
  { name: "question-framed", text: frame, context: (i) => [i.knowledge] },
  { name: "question-framed, question in context", text: frame, context: (i) => [i.knowledge, i.question] },
];

/** Pairs whose two answers differ by at most one word: answer length says nothing there. */
const lengthMatched = (item: Item) => Math.abs(words(item.right) - words(item.hallucinated)) <= 1;

export const run: BenchModule = (ctx) => Promise.resolve(report(ctx));

function report(ctx: BenchContext): BenchSection {
  const subsets = SUBSETS.map((s) => ({ ...s, items: loadItems(ctx.dataDir, s.file) }));
  const isTest = (i: number) => i % 2 === 1;

  const qualityRows: string[] = [];
  const shapeRows: string[] = [];
  const thresholds: string[] = [];
  const warmUs: number[] = [];
  const claimCounts: number[] = [];

  // Warm up (JIT) on a few items before anything is timed.
  for (const item of subsets[0]!.items.slice(0, 50)) checkGroundedness(item.hallucinated, [item.knowledge]);

  for (const variant of VARIANTS) {
    const rows = new Map<string, Scored[]>();
    const lengths = new Map<string, Array<{ label: 0 | 1; risk: number }>>();
    const matched: Scored[] = [];
    const matchedLength: Array<{ label: 0 | 1; risk: number }> = [];
    for (const subset of subsets) {
      subset.items.forEach((item, i) => {
        const key = `${subset.name}/${isTest(i) ? "test" : "tune"}`;
        const context = variant.context(item);
        for (const [answer, label] of [
          [item.right, 0],
          [item.hallucinated, 1],
        ] as const) {
          const text = variant.text(item, answer);
          contextIndex(context); // indexed once per context; the timing below is the per-answer check
          const t0 = process.hrtime.bigint();
          const r = checkGroundedness(text, context);
          if (variant === VARIANTS[0]) {
            warmUs.push(Number(process.hrtime.bigint() - t0) / 1000);
            claimCounts.push(r.claims.length);
          }
          (rows.get(key) ?? rows.set(key, []).get(key)!).push({ label, score: r.score });
          (lengths.get(key) ?? lengths.set(key, []).get(key)!).push({ label, risk: words(text) });
          if (isTest(i) && lengthMatched(item)) {
            matched.push({ label, score: r.score });
            matchedLength.push({ label, risk: words(text) });
          }
        }
      });
    }
    const tune = subsets.flatMap((s) => rows.get(`${s.name}/tune`) ?? []);
    const threshold = tuneThreshold(tune);
    thresholds.push(
      `${variant.name}: ${threshold} (accuracy on the tuning half ${pct(confusion(tune, threshold).accuracy)})`,
    );
    ctx.log(`groundedness: ${variant.name}: tuned threshold ${threshold}`);
    for (const s of subsets) {
      const test = rows.get(`${s.name}/test`) ?? [];
      const c = confusion(test, threshold);
      const d = confusion(test, GROUNDEDNESS_DEFAULTS.threshold);
      qualityRows.push(
        `| ${variant.name} | ${s.name} | ${test.length} | ${threshold} | ${pct(c.accuracy)} | ${pct(c.precision)} | ${pct(c.recall)} | ${pct(c.fpr)} | ${auc(risk(test)).toFixed(3)} | ${pct(d.accuracy)} | ${pct(d.recall)} | ${pct(d.fpr)} |`,
      );
      shapeRows.push(
        `| ${variant.name} | ${s.name} | ${auc(risk(test)).toFixed(3)} | ${auc(lengths.get(`${s.name}/test`) ?? []).toFixed(3)} |`,
      );
    }
    shapeRows.push(
      `| ${variant.name} | length-matched pairs, both files (${matched.length / 2}) | ${auc(risk(matched)).toFixed(3)} | ${auc(matchedLength).toFixed(3)} |`,
    );
  }

  // The distilled static sentence embedding, as the best cosine between answer and a context sentence.
  const embRows: string[] = [];
  for (const s of subsets) {
    const lexical: Scored[] = [];
    const emb: Array<{ label: 0 | 1; risk: number }> = [];
    s.items.forEach((item, i) => {
      if (!isTest(i)) return;
      const index = contextIndex([item.knowledge]);
      const sentences = index.sentences.map((_, id) => embed(sentenceText(index, id)));
      for (const [answer, label] of [
        [item.right, 0],
        [item.hallucinated, 1],
      ] as const) {
        const e = embed(answer);
        let best = -1;
        for (const c of sentences) best = Math.max(best, cosine(e, c));
        emb.push({ label, risk: 1 - best });
        lexical.push({ label, score: checkGroundedness(answer, [item.knowledge]).score });
      }
    });
    embRows.push(`| ${s.name} | ${auc(risk(lexical)).toFixed(3)} | ${auc(emb).toFixed(3)} |`);
  }

  // Indexing cost of a context (cold: a new array, text not cached).
  const indexUs: number[] = [];
  for (const item of subsets[0]!.items) {
    const t0 = process.hrtime.bigint();
    buildContextIndex([item.knowledge]);
    indexUs.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  const sortedWarm = [...warmUs].sort((a, b) => a - b);
  const sortedIndex = indexUs.sort((a, b) => a - b);
  const knowledgeChars = subsets[0]!.items.map((i) => i.knowledge.length).sort((a, b) => a - b);

  const markdown = [
    "Data: halueval `qa_one-turn_data.json` and `qa_multi-turn_data.json` (500 items each; knowledge",
    "passages and questions from HotpotQA; the two files share knowledge and right answers and differ in",
    "the hallucinated answer). Each item gives two answers to check against the knowledge: the right one",
    "(negative) and the hallucinated one (positive). Thresholds are tuned for accuracy on the even-numbered",
    "items of both files, and every figure is on the odd-numbered items (the split is by item, so a",
    "knowledge passage is never on both sides). `general_data.json` has no source passages (answers to",
    "open queries), so groundedness, which needs a context, does not apply to it; the dialogue and",
    "summarisation files are not in the snapshot.",
    "",
    "Three ways to put the answers: **as given**; **question-framed** (`<question> — <answer>`: both",
    "answers become sentences of the same shape that restate the question, as a chat answer does, so the",
    "right one is no longer a verbatim span of the knowledge); and question-framed with the **question",
    "in the context** (restating the user's question is not a hallucination; pass it when you have it).",
    "Tuned thresholds: " + thresholds.join("; ") + ".",
    "",
    "| answers | subset | answers (test half) | tuned threshold | accuracy | precision | recall (hallucinations flagged) | false-flag rate | AUC | accuracy at default | recall at default | false flags at default |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...qualityRows,
    "",
    `Default: \`GROUNDEDNESS_DEFAULTS.threshold\` = ${GROUNDEDNESS_DEFAULTS.threshold}, the threshold tuned on question-framed answers with`,
    "the question in context (the setting closest to a chat answer). For the detector, whose finding",
    `score is 1 − groundedness, the matching policy rule threshold is ${(1 - GROUNDEDNESS_DEFAULTS.threshold).toFixed(2)}.`,
    "",
    "**How much is answer length?** HaluEval's right answers are short spans copied from the knowledge and",
    "its hallucinated answers are often full sentences, so length alone separates them. The table sets the",
    "score's AUC beside the AUC of answer length in words, on the test half, and on the pairs whose two",
    "answers differ by at most one word (where length carries no signal). The as-given figures overstate",
    "what to expect on real answers; the framed ones, where faithful answers paraphrase too, are the",
    "sober estimate: a lexical check catches a wrong name, number or date, not a wrong relation between",
    "right ones.",
    "",
    "| answers | subset | score AUC | answer-length AUC |",
    "|---|---|---:|---:|",
    ...shapeRows,
    "",
    "**Embedding similarity.** The distilled static sentence embedding (`src/classifiers/embeddings/`),",
    "as 1 − the best cosine between the answer and a context sentence, on the as-given test half. It",
    "ranks right answers (short spans) as less similar than hallucinated sentences, so it scores below",
    "0.5; blended into the sentence support it lowered the AUC on the tuning half at every weight tried",
    "(0.2–0.5), so the rail does not use it.",
    "",
    "| subset | lexical score AUC | embedding AUC |",
    "|---|---:|---:|",
    ...embRows,
    "",
    `**Latency** (knowledge passages: median ${percentile(knowledgeChars, 50)} characters). A context is indexed once and`,
    "cached (by array, and by text for the last 32 contexts); each answer is then checked against the index.",
    "",
    "| step | median µs | p99 µs |",
    "|---|---:|---:|",
    `| index a context (\`buildContextIndex\`, ${sortedIndex.length} contexts) | ${fmtUs(percentile(sortedIndex, 50))} | ${fmtUs(percentile(sortedIndex, 99))} |`,
    `| check one answer against an indexed context (\`checkGroundedness\`, ${sortedWarm.length} answers) | ${fmtUs(percentile(sortedWarm, 50))} | ${fmtUs(percentile(sortedWarm, 99))} |`,
    "",
    `Claims per answer (as given): median ${percentile(
      [...claimCounts].sort((a, b) => a - b),
      50,
    )}, max ${Math.max(...claimCounts)}.`,
  ].join("\n");
  return { title: "Groundedness rail (HaluEval QA)", markdown };
}
