/**
 * Audit trail benchmark: events ingested per second by the audit writer into SQLite (and Postgres when
 * GUARDSTACK_PG_URL is set), counted back afterwards to show nothing was lost; and the guard's latency on
 * 2 KB inputs with and without auditing (and metrics), against the run-to-run noise of the guard alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { createGuard, type Guard } from "../guard/create-guard.js";
import type { Decision } from "../guard/types.js";
import { AuditWriter } from "../monitor/audit-writer.js";
import { createAuditRedactor } from "../monitor/redactor.js";
import { MonitorMetrics } from "../monitor/metrics.js";
import { AuditStore } from "../monitor/store/audit-store.js";
import { openMonitorDb, type OpenMonitorDbOptions } from "../monitor/store/connect.js";
import { dropSchema, freshSchemaName, postgresUrl } from "../monitor/testing/postgres.js";
import { withAudit } from "../monitor/with-audit.js";
import { benchTexts } from "./corpus.js";
import { fmtUs, percentile } from "./timing.js";
import type { BenchModule } from "./types.js";

interface IngestResult {
  store: string;
  events: number;
  seconds: number;
  stored: number;
  dropped: number;
  batches: number;
  maxBatchMs: number;
}

/** 2 KB windows of the chat mix at different offsets, and the default guard's decisions on them. */
async function samples(
  guard: Guard,
  dataDir: string,
  n: number,
): Promise<Array<{ text: string; decision: Decision }>> {
  const long = benchTexts(dataDir).chat[20480] as string;
  const out = [];
  for (let i = 0; i < n; i++) {
    const start = (i * 997) % (long.length - 2048);
    const text = long.slice(start, start + 2048);
    out.push({ text, decision: await guard.checkInput(text) });
  }
  return out;
}

async function ingest(
  label: string,
  target: string,
  options: OpenMonitorDbOptions,
  guard: Guard,
  inputs: Array<{ text: string; decision: Decision }>,
  events: number,
): Promise<IngestResult> {
  const store = new AuditStore(await openMonitorDb(target, options));
  const redactor = createAuditRedactor({ policy: guard.policy });
  const maxQueue = 10_000;
  const writer = new AuditWriter({ store, maxQueue });
  try {
    await store.salt();
    const t0 = performance.now();
    let recorded = 0;
    while (recorded < events) {
      // Produce as fast as the writer drains, never past its bound: the rate without loss.
      if (writer.stats().queued > maxQueue - 500) {
        await yieldToLoop();
        continue;
      }
      for (let i = 0; i < 500 && recorded < events; i++, recorded++) {
        const s = inputs[recorded % inputs.length] as { text: string; decision: Decision };
        writer.record({ decision: s.decision, text: s.text, userId: `u${recorded % 50}`, redactor });
      }
      await yieldToLoop();
    }
    await writer.flush();
    const seconds = (performance.now() - t0) / 1000;
    const stats = writer.stats();
    return {
      store: label,
      events,
      seconds,
      stored: await store.count(),
      dropped: stats.dropped,
      batches: stats.batches,
      maxBatchMs: stats.maxBatchMs,
    };
  } finally {
    await writer.close();
    await store.close();
  }
}

interface Latency {
  medianUs: number;
  p99Us: number;
}

/**
 * Times `check` like a server would see it: one request at a time, with a turn of the event loop between
 * requests (where the writer's flushes run), which is not timed.
 */
async function timeChecks(
  check: (text: string) => Promise<unknown>,
  texts: string[],
  n: number,
): Promise<number[]> {
  const samplesUs: number[] = [];
  for (let i = 0; i < n; i++) {
    await yieldToLoop();
    const t0 = process.hrtime.bigint();
    await check(texts[i % texts.length] as string);
    samplesUs.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return samplesUs;
}

function summary(samplesUs: number[]): Latency {
  const sorted = Float64Array.from(samplesUs).sort();
  return { medianUs: percentile(sorted, 50), p99Us: percentile(sorted, 99) };
}

export const run: BenchModule = async (ctx) => {
  const guard = await createGuard();
  const inputs = await samples(guard, ctx.dataDir, 64);
  const events = ctx.quick ? 5_000 : 50_000;
  const dir = mkdtempSync(join(tmpdir(), "gs-bench-audit-"));
  const ingestRows: IngestResult[] = [];
  const pgUrl = postgresUrl();
  try {
    ingestRows.push(await ingest("SQLite (file, WAL)", join(dir, "ingest.db"), {}, guard, inputs, events));
    ctx.log(`audit ingest sqlite: ${(events / (ingestRows[0] as IngestResult).seconds).toFixed(0)} events/s`);
    if (pgUrl) {
      const schema = freshSchemaName("gs_bench");
      try {
        ingestRows.push(await ingest("PostgreSQL (local)", pgUrl, { schema }, guard, inputs, events));
      } finally {
        await dropSchema(pgUrl, schema);
      }
    }

    // Latency: the guard alone twice (A/A: the noise), then with auditing, then auditing plus metrics.
    const store = new AuditStore(await openMonitorDb(join(dir, "latency.db")));
    const writer = new AuditWriter({ store, maxQueue: 100_000 });
    const metrics = new MonitorMetrics();
    metrics.watchWriter(writer);
    const audited = withAudit(guard, writer, { userId: "bench" });
    const auditedWithMetrics = withAudit(guard, writer, { userId: "bench", observers: [metrics] });
    const texts = inputs.map((s) => s.text);
    const n = ctx.quick ? 300 : 2000;
    const arms: Array<[string, (t: string) => Promise<unknown>]> = [
      ["guard alone (A)", (t) => guard.checkInput(t)],
      ["guard + audit (SQLite)", (t) => audited.checkInput(t)],
      ["guard + audit + metrics", (t) => auditedWithMetrics.checkInput(t)],
      ["guard alone (B)", (t) => guard.checkInput(t)],
    ];
    for (const [, check] of arms) await timeChecks(check, texts, 200); // warm up
    const collected = arms.map(() => [] as number[]);
    // Interleaved rounds, so drift on a shared machine hits every arm alike; per-round medians give the
    // spread of the differences.
    const rounds = 10;
    const roundMedians = arms.map(() => [] as number[]);
    for (let r = 0; r < rounds; r++)
      for (let a = 0; a < arms.length; a++) {
        const check = (arms[a] as [string, (t: string) => Promise<unknown>])[1];
        const got = await timeChecks(check, texts, Math.ceil(n / rounds));
        (collected[a] as number[]).push(...got);
        (roundMedians[a] as number[]).push(summary(got).medianUs);
      }
    const latency: Array<[string, Latency]> = arms.map(([name], a) => [
      name,
      summary(collected[a] as number[]),
    ]);
    const perRound = (f: (r: number) => number) => Array.from({ length: rounds }, (_, r) => f(r));
    const med = (a: number, r: number) => (roundMedians[a] as number[])[r] as number;
    const noise = perRound((r) => med(0, r) - med(3, r));
    const auditCost = perRound((r) => med(1, r) - (med(0, r) + med(3, r)) / 2);
    const metricsCost = perRound((r) => med(2, r) - (med(0, r) + med(3, r)) / 2);
    await writer.flush();
    const auditStats = writer.stats();
    await writer.close();
    await store.close();
    ctx.log(`audit latency: ${latency.map(([k, v]) => `${k} p50 ${fmtUs(v.medianUs)} µs`).join("; ")}`);

    const ingestTable = [
      "| store | events | seconds | events/s | counted after | dropped | batches | longest batch (ms) |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
      ...ingestRows.map(
        (r) =>
          `| ${r.store} | ${r.events} | ${r.seconds.toFixed(2)} | ${Math.round(r.events / r.seconds)} | ${r.stored} | ${r.dropped} | ${r.batches} | ${r.maxBatchMs.toFixed(1)} |`,
      ),
    ];
    const latencyTable = [
      "| guard | median µs | p99 µs |",
      "|---|---:|---:|",
      ...latency.map(([name, l]) => `| ${name} | ${fmtUs(l.medianUs)} | ${fmtUs(l.p99Us)} |`),
    ];
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    const spread = (xs: number[]) =>
      `${fmtUs(mean(xs))} µs (rounds: ${fmtUs(Math.min(...xs))} to ${fmtUs(Math.max(...xs))})`;
    const markdown = [
      `Ingest: ${events} audit events, each a default-policy decision on a 2 KB slice of the chat mix`,
      "(hh-rlhf-helpful-test first turns with fake personal data, a fake key and links, as in the latency",
      "section), recorded through `AuditWriter` (batches of 100, one transaction each, redaction in the",
      "flush) as fast as it drains without passing its 10 000-event bound; the rows are counted back",
      "afterwards. The longest batch is the longest single write (the transaction); with SQLite it holds",
      "the event loop that long (building the events yields every 20).",
      pgUrl ? "" : "PostgreSQL was not measured in this run (set GUARDSTACK_PG_URL to include it).",
      "",
      ...ingestTable,
      "",
      `Latency: \`guard.checkInput\` on 2 KB inputs (default policy), ${n} calls per row in ${rounds} interleaved`,
      "rounds, one request at a time with a turn of the event loop between requests, where the writer's",
      'flushes run (as in a server). The two "guard alone" rows measure the noise. Differences of the',
      `per-round medians: guard alone A − B ${spread(noise)}; with auditing − guard alone`,
      `${spread(auditCost)}; with auditing and metrics − guard alone ${spread(metricsCost)}.`,
      `During the latency rows the writer stored ${auditStats.written} events and dropped ${auditStats.dropped}.`,
      "",
      ...latencyTable,
    ]
      .filter((l, i, all) => !(l === "" && all[i - 1] === ""))
      .join("\n");
    return { title: "Audit trail: ingest rate and cost on the guard", markdown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
