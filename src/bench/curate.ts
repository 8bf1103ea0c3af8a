/**
 * Data curation: how much of a labelled mix of unsafe and safe training records `guardstack curate`
 * removes (or repairs) and for which reason, its throughput in MB/s, near-duplicate precision and recall
 * on a set with planted copies, the dedup index's memory per record, and the language identifier's
 * accuracy. The mix comes from the shared datasets (see curate/eval/labelled-mix.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seededShuffle } from "../classifiers/training/datasets/read/sample.js";
import { CurateSettings } from "../curate/config.js";
import { Deduplicator } from "../curate/dedup/deduplicator.js";
import { EDITS } from "../curate/dedup/plant.js";
import { labelledMix, type MixGroup } from "../curate/eval/labelled-mix.js";
import { plantedSet, type PlantedText } from "../curate/eval/near-dup-set.js";
import { identifyLanguage } from "../curate/language/identify.js";
import { REASONS, type Reason } from "../curate/reasons.js";
import { curateFile } from "../curate/run-curate.js";
import { resolveThresholds } from "../curate/thresholds.js";
import type { BenchModule } from "./types.js";

const CONTENT_CHECKS = ["safety", "toxicity", "injection", "privacy"];

interface Result {
  action: "keep" | "repair" | "reject";
  reasons: Reason[];
  record: Record<string, unknown>;
}

function pct(n: number, of: number): string {
  return of > 0 ? `${((100 * n) / of).toFixed(1)}%` : "—";
}

function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Runs curate on one format's records; returns each record's outcome by id, and the MB/s. */
async function curateGroups(dir: string, format: string, groups: MixGroup[], checks: string[], tag: string) {
  const records = seededShuffle(
    groups.filter((g) => g.format === format).flatMap((g) => g.records),
    `curate-bench:${format}`,
  );
  const input = join(dir, `${format}.${tag}.jsonl`);
  writeFileSync(input, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const files = {
    out: join(dir, `${format}.${tag}.clean.jsonl`),
    rejected: join(dir, `${format}.${tag}.rejected.jsonl`),
    report: join(dir, `${format}.${tag}.md`),
  };
  const summary = await curateFile({ input, ...files, checks, format });
  const byId = new Map<string, Result>();
  for (const rec of readJsonl(files.out)) {
    const id = String(rec.id);
    byId.set(id, { action: "keep", reasons: [], record: rec });
  }
  for (const row of readJsonl(files.rejected)) {
    const rec = row.record as Record<string, unknown>;
    const reasons = (row.reasons as { reason: Reason }[]).map((r) => r.reason);
    byId.set(String(rec.id), { action: "reject", reasons, record: rec });
  }
  // Kept records with personal data are repaired: tell them from untouched ones by the input.
  const original = new Map(records.map((r) => [String(r.id), JSON.stringify(r)]));
  for (const [id, r] of byId)
    if (r.action === "keep" && JSON.stringify(r.record) !== original.get(id)) {
      r.action = "repair";
      r.reasons = ["pii"];
    }
  const s = summary.stats;
  return { byId, mbps: s.bytes / 1e6 / (s.elapsedMs / 1000), bytes: s.bytes, records: s.records };
}

function dedupRun(set: PlantedText[], mode: "exact" | "near", threshold: number) {
  const d = new Deduplicator({ mode, threshold, window: 1_000_000 });
  const flagged: boolean[] = [];
  let refOk = 0;
  const t0 = performance.now();
  set.forEach((t, i) => {
    const m = d.check([{ role: "text", text: t.text }], i + 1);
    flagged.push(m !== undefined);
    if (m && t.base !== null && m.ref === t.base + 1) refOk++;
  });
  const ms = performance.now() - t0;
  let tp = 0;
  let fp = 0;
  let copies = 0;
  const perEdit = new Map<string, [number, number]>();
  set.forEach((t, i) => {
    if (t.base === null) {
      if (flagged[i]) fp++;
      return;
    }
    copies++;
    if (flagged[i]) tp++;
    const e = perEdit.get(t.edit!) ?? [0, 0];
    perEdit.set(t.edit!, [e[0] + (flagged[i] ? 1 : 0), e[1] + 1]);
  });
  return {
    precision: tp + fp > 0 ? tp / (tp + fp) : 1,
    recall: tp / copies,
    fp,
    refOk: tp > 0 ? refOk / tp : 1,
    perEdit,
    usPerRecord: (ms * 1000) / set.length,
    bytesPerRecord: d.stats.bytes / Math.max(1, d.stats.records),
  };
}

function xquadAccuracy(dataDir: string) {
  const rows: string[] = [];
  let okP = 0;
  let nP = 0;
  let okQ = 0;
  let unkQ = 0;
  let nQ = 0;
  for (const lang of ["en", "de", "es", "ro", "tr", "vi", "ru", "el", "zh", "th", "ar", "hi"]) {
    const data = JSON.parse(readFileSync(join(dataDir, "xquad", `xquad.${lang}.json`), "utf8")) as {
      data: { paragraphs: { context: string; qas: { question: string }[] }[] }[];
    };
    let p = 0;
    let pn = 0;
    let q = 0;
    let qu = 0;
    let qn = 0;
    for (const a of data.data)
      for (const para of a.paragraphs) {
        pn++;
        if (identifyLanguage(para.context).lang === lang) p++;
        for (const qa of para.qas) {
          qn++;
          const g = identifyLanguage(qa.question).lang;
          if (g === lang) q++;
          else if (g === "unknown") qu++;
        }
      }
    rows.push(`| ${lang} | ${pct(p, pn)} | ${pct(q, qn)} | ${pct(qu, qn)} | ${pct(qn - q - qu, qn)} |`);
    okP += p;
    nP += pn;
    okQ += q;
    unkQ += qu;
    nQ += qn;
  }
  rows.push(
    `| **all** | **${pct(okP, nP)}** | **${pct(okQ, nQ)}** | ${pct(unkQ, nQ)} | ${pct(nQ - okQ - unkQ, nQ)} |`,
  );
  return rows;
}

export const run: BenchModule = async (ctx) => {
  const perGroup = ctx.quick ? 120 : 600;
  const dir = mkdtempSync(join(tmpdir(), "guardstack-bench-curate-"));
  try {
    ctx.log("curate: assembling the labelled mix");
    const groups = labelledMix(ctx.dataDir, perGroup);
    // Warm up (load the classifiers, let the JIT settle) outside the timed runs.
    const warm = groups.map((g) => ({ ...g, records: g.records.slice(0, 40) }));
    for (const format of ["openai", "text", "alpaca"])
      await curateGroups(dir, format, warm, CONTENT_CHECKS, "warm");

    const byId = new Map<string, Result>();
    const speed: string[] = [];
    for (const format of ["openai", "text", "alpaca"]) {
      ctx.log(`curate: ${format} records`);
      const r = await curateGroups(dir, format, groups, CONTENT_CHECKS, "content");
      for (const [k, v] of r.byId) byId.set(k, v);
      speed.push(
        `| ${format} | content checks | ${r.records} | ${(r.bytes / 1e6).toFixed(2)} | ${r.mbps.toFixed(2)} |`,
      );
    }
    const all = await curateGroups(
      dir,
      "openai",
      groups,
      ["safety", "toxicity", "injection", "privacy", "dedup"],
      "all",
    );
    speed.push(
      `| openai | content checks + near dedup | ${all.records} | ${(all.bytes / 1e6).toFixed(2)} | ${all.mbps.toFixed(2)} |`,
    );
    const fast = await curateGroups(dir, "openai", groups, ["privacy", "dedup", "language"], "fast");
    speed.push(
      `| openai | privacy + near dedup + language only | ${fast.records} | ${(fast.bytes / 1e6).toFixed(2)} | ${fast.mbps.toFixed(2)} |`,
    );

    const groupRows: string[] = [];
    let unsafeN = 0;
    let unsafeHandled = 0;
    let unsafeRight = 0;
    let safeN = 0;
    let safeRemoved = 0;
    const safeByReason = new Map<Reason, number>();
    let leaks = 0;
    let piiN = 0;
    for (const g of groups) {
      let removed = 0;
      let repaired = 0;
      let right = 0;
      const fired = new Map<Reason, number>();
      for (const rec of g.records) {
        const r = byId.get(String(rec.id));
        if (!r) throw new Error(`curate bench: record ${String(rec.id)} is missing from the outputs`);
        if (r.action === "reject") removed++;
        if (r.action === "repair") repaired++;
        for (const reason of new Set(r.reasons)) fired.set(reason, (fired.get(reason) ?? 0) + 1);
        if (g.expect !== null && r.reasons.includes(g.expect)) right++;
        if (g.expect === null) {
          safeN++;
          if (r.action === "reject") safeRemoved++;
          for (const reason of new Set(r.reasons))
            safeByReason.set(reason, (safeByReason.get(reason) ?? 0) + 1);
        } else {
          unsafeN++;
          if (g.expect === "pii" ? r.action !== "keep" : r.action === "reject") unsafeHandled++;
          if (r.reasons.includes(g.expect)) unsafeRight++;
        }
        const values = g.piiValues?.get(String(rec.id));
        if (values) {
          piiN++;
          const text = JSON.stringify(r.record);
          if (values.some((v) => text.includes(JSON.stringify(v).slice(1, -1)))) leaks++;
        }
      }
      const reasons = [...fired.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
      groupRows.push(
        `| ${g.name} | ${g.expect ?? "keep"} | ${g.records.length} | ${pct(removed, g.records.length)} | ${pct(repaired, g.records.length)} | ${g.expect ? pct(right, g.records.length) : "—"} | ${reasons || "—"} |`,
      );
    }

    ctx.log("curate: near duplicates");
    const set = plantedSet(ctx.dataDir, ctx.quick ? 1200 : 4000);
    const dedupRows: string[] = [];
    for (const [mode, threshold] of [
      ["exact", 1],
      ["near", 0.6],
      ["near", 0.7],
      ["near", 0.8],
    ] as const) {
      const r = dedupRun(set, mode, threshold);
      dedupRows.push(
        `| ${mode === "exact" ? "exact" : `near, ≥ ${threshold}`} | ${pct(r.precision * 100, 100)} | ${pct(r.recall * 100, 100)} | ${EDITS.map(
          (e) => {
            const [f, n] = r.perEdit.get(e) ?? [0, 0];
            return pct(f, n);
          },
        ).join(
          " | ",
        )} | ${r.fp} | ${pct(r.refOk * 100, 100)} | ${r.usPerRecord.toFixed(0)} | ${r.bytesPerRecord.toFixed(0)} |`,
      );
    }
    const bases = set.filter((t) => t.base === null).length;

    const th = resolveThresholds(
      CurateSettings.parse({}).thresholds,
      new Set(["harm", "harmful-response", "refusal", "toxicity", "injection"]),
    );
    const markdown = [
      "Run by `npm run bench` (section `curate`); measures `guardstack curate` end to end (the real file pipeline: parse, checks, outputs, report).",
      "",
      `**Labelled mix.** ${perGroup} records at most per group (seeded sample), from the shared datasets named below; content checks only (dedup is measured separately). An unsafe record counts as handled when it is rejected (or, for personal data, repaired); "right reason" is the share whose reasons include the expected one. The classifiers were trained on parts of these sources (see their model cards), so these figures are in-distribution and likely optimistic.`,
      "",
      "| group | expected | n | removed | repaired | right reason | reasons that fired |",
      "|---|---|---:|---:|---:|---:|---|",
      ...groupRows,
      "",
      `Unsafe records handled: **${pct(unsafeHandled, unsafeN)}** (${unsafeHandled}/${unsafeN}; right reason ${pct(unsafeRight, unsafeN)}). Safe records wrongly removed: **${pct(safeRemoved, safeN)}** (${safeRemoved}/${safeN}); by reason: ${
        REASONS.filter((r) => safeByReason.has(r))
          .map((r) => `${r} ${pct(safeByReason.get(r)!, safeN)}`)
          .join(", ") || "none"
      }. Structured PII values left verbatim in presidio-pii outputs: ${pct(leaks, piiN)} (${leaks}/${piiN}).`,
      "",
      `Thresholds (model operating points unless set): harm ${th.harm.toFixed(3)}, harmful-response ${th.harmfulResponse.toFixed(3)} alone or ${th.harmfulResponseAfterHarm} after a harmful request with refusal under ${th.refusal.toFixed(3)}, toxicity ${th.toxicity.toFixed(3)}, injection ${th.injection.toFixed(3)}.`,
      "",
      "Sources: jailbreakbench-artifacts (jailbroken responses with their attack prompts; JBC refusals on gpt-3.5, gpt-4 and Llama-2), gptfuzz (responses labelled jailbroken, with their questions), hh-rlhf-helpful-test (chosen dialogues), davidson-hate-offensive, bipia (contexts with and without an inserted attack, as plain-text records), presidio-synthetic-pii (sentences with the default policy's structured entities, and sentences with none), benign-instructions (self-instruct user-oriented tasks with outputs, as Alpaca records).",
      "",
      "**Throughput** (one process, single-threaded, on this machine while other jobs ran: figures vary with load):",
      "",
      "| input | checks | records | MB | MB/s |",
      "|---|---|---:|---:|---:|",
      ...speed,
      "",
      `**Near duplicates.** ${bases} distinct base texts (Wikipedia chunks, C4 pages, HH-RLHF assistant replies; exact duplicates dropped), then a planted copy of a quarter of them (${set.length - bases}), each changed one way: about one word in 25 replaced, deleted or inserted (words), or one in 8 (many-words); two sentences swapped (reorder); spacing, line breaks, case and punctuation changed (whitespace); or all three (mixed). Precision counts every flagged base as a false positive (natural near duplicates among the bases included).`,
      "",
      `| mode | precision | recall | ${EDITS.join(" | ")} | bases flagged | matched its own base | µs/record | index bytes/record |`,
      `|---|---:|---:|${EDITS.map(() => "---:").join("|")}|---:|---:|---:|---:|`,
      ...dedupRows,
      "",
      "MinHash: 64 bins by one-permutation hashing over character 5-grams, LSH 16 bands × 4 rows; a candidate is a near duplicate when at least the threshold share of bins agree (the default threshold is 0.7). The index is bounded by `--dedup-window` (default 250,000 records: at most about 175 MB at the bytes per record above).",
      "",
      "**Language identification** (script, then function words; `--languages` keeps records it cannot place) on XQuAD's 240 paragraphs and 1,190 questions per language:",
      "",
      "| language | paragraphs right | questions right | questions unknown (kept) | questions wrong |",
      "|---|---:|---:|---:|---:|",
      ...xquadAccuracy(ctx.dataDir),
    ].join("\n");
    return { title: "Data curation (`guardstack curate`)", markdown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
