import { afterAll, describe, expect, it } from "vitest";
import { EscalationQueue } from "../../../guard/escalation/index.js";
import { SqlEscalationStore } from "../../../monitor/review/sql-escalation-store.js";
import { AuditStore } from "../../../monitor/store/audit-store.js";
import { makeDecision, makeEvent } from "../../../monitor/testing/events.js";
import { testTargets } from "../../../monitor/testing/targets.js";
import { seedAuditTrail } from "../testing/seed.js";
import { filterQuery, parseEventFilter, parseTime, PATTERNS as FILTER_PATTERNS } from "./event-filter.js";
import { likePattern, matchHistogram, PATTERNS as SEARCH_PATTERNS, searchEvents } from "./event-search.js";
import { incidentCounts, openedBySeverity } from "./incident-stats.js";
import { binnedQuantile, LATENCY_EDGES_MS, latencyBin } from "./latency-bins.js";
import { overviewStats } from "./overview-stats.js";
import { recentDecisions } from "./review-reader.js";
import { bucketIndex, timeWindow } from "./time-window.js";

const NOW = Date.parse("2025-03-14T15:09:26Z");

describe("event filters", () => {
  it("parses every field and fills the form back as typed", () => {
    const { filter, form, problems } = parseEventFilter(
      {
        q: " card dump ",
        stage: "output",
        action: "block",
        category: "prompt-injection",
        user: "u-1",
        session: "s-1",
        hash: "ABCDEF0123456789abcdef0123456789",
        since: "24h",
        until: "2025-03-14 15:00",
        offset: "50",
      },
      NOW,
    );
    expect(problems).toEqual([]);
    expect(filter).toEqual({
      q: "card dump",
      stage: "output",
      action: "block",
      category: "prompt-injection",
      userId: "u-1",
      sessionId: "s-1",
      textHash: "abcdef0123456789abcdef0123456789",
      since: NOW - 86_400_000,
      until: Date.parse("2025-03-14T15:00:00Z"),
      offset: 50,
    });
    expect(form.q).toBe(" card dump ");
  });

  it("says what is wrong with each malformed value instead of failing", () => {
    const { problems } = parseEventFilter(
      {
        stage: "Input",
        action: "deny",
        category: "Violent Crimes",
        hash: "xyz",
        since: "yesterday",
        until: "2025-02-30",
        offset: "-1",
        q: "x".repeat(201),
      },
      NOW,
    );
    expect(problems).toHaveLength(8);
    expect(problems.join("\n")).toMatch(/stage "Input" is not a stage: use one of input, retrieval/);
    expect(problems.join("\n")).toMatch(/action "deny" is not an action/);
    expect(problems.join("\n")).toMatch(/since "yesterday" is not a time/);
    expect(problems.join("\n")).toMatch(/until "2025-02-30" is not a time/);
    expect(problems.join("\n")).toMatch(/offset "-1" is not a whole number/);
  });

  it("refuses an empty span", () => {
    const { problems } = parseEventFilter({ since: "2025-03-02", until: "2025-03-01" }, NOW);
    expect(problems).toEqual(["since is not before until: no event can match"]);
  });

  it("reads times in UTC unless a zone is given, and spans back from now", () => {
    expect(parseTime("2025-03-01", NOW)).toBe(Date.parse("2025-03-01T00:00:00Z"));
    expect(parseTime("2025-03-01 13:30", NOW)).toBe(Date.parse("2025-03-01T13:30:00Z"));
    expect(parseTime("2025-03-01T13:30:05.250Z", NOW)).toBe(Date.parse("2025-03-01T13:30:05.250Z"));
    expect(parseTime("2025-03-01 13:30 UTC", NOW)).toBe(Date.parse("2025-03-01T13:30:00Z"));
    expect(parseTime("2025-03-01T13:30+02:00", NOW)).toBe(Date.parse("2025-03-01T11:30:00Z"));
    expect(parseTime("30m", NOW)).toBe(NOW - 1_800_000);
    expect(parseTime("7d", NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseTime("2w", NOW)).toBe(NOW - 14 * 86_400_000);
    for (const bad of [
      "",
      "now",
      "2025-13-01",
      "2025-02-29",
      "2025-03-01T25:00",
      "1e9",
      "24 hours",
      "2025-03-01;drop",
    ])
      expect(parseTime(bad, NOW), bad).toBeUndefined();
  });

  it("builds query strings without empty fields", () => {
    expect(filterQuery({ q: "a b", stage: "", user: "u&1" }, { offset: "50" })).toBe(
      "?q=a+b&user=u%261&offset=50",
    );
    expect(filterQuery({})).toBe("");
  });
});

describe("latency bins", () => {
  it("estimates quantiles within one √2-wide bin of the exact value", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: 5000 }, () => 0.02 * Math.exp(rand() * 9)); // 20 µs .. 160 ms
    const counts = new Array<number>(LATENCY_EDGES_MS.length + 1).fill(0);
    for (const v of values) counts[latencyBin(v)]!++;
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1]!;
      const est = binnedQuantile(counts, q)!;
      expect(est / exact).toBeGreaterThan(1 / Math.SQRT2);
      expect(est / exact).toBeLessThan(Math.SQRT2);
    }
    expect(binnedQuantile(new Array<number>(5).fill(0), 0.5)).toBeNull();
  });

  it("covers 10 µs to a minute", () => {
    expect(LATENCY_EDGES_MS[0]).toBe(0.01);
    expect(LATENCY_EDGES_MS.at(-1)).toBeGreaterThan(60_000);
    expect(latencyBin(0)).toBe(0);
    expect(latencyBin(1e9)).toBe(LATENCY_EDGES_MS.length);
  });
});

describe("time windows", () => {
  it("aligns buckets to their size and ends with the bucket holding now", () => {
    const w = timeWindow("24h", NOW);
    expect(w.starts).toHaveLength(24);
    expect(w.until).toBe(Date.parse("2025-03-14T16:00:00Z"));
    expect(w.since).toBe(Date.parse("2025-03-13T16:00:00Z"));
    expect(bucketIndex(w, Math.floor(NOW / 3_600_000))).toBe(23);
    expect(bucketIndex(w, Math.floor(w.since / 3_600_000) - 1)).toBe(-1);
    expect(timeWindow("7d", NOW).starts).toHaveLength(28);
    expect(timeWindow("30d", NOW).starts).toHaveLength(30);
  });
});

describe("regular expressions", () => {
  it("run in linear time on long near-matches", () => {
    const patterns = [...FILTER_PATTERNS, ...SEARCH_PATTERNS];
    const inputs = (n: number) => [
      "1".repeat(n),
      "2025-03-01 ".repeat(Math.floor(n / 11)),
      "+00".repeat(Math.floor(n / 3)),
      "UTC ".repeat(Math.floor(n / 4)),
      "%_\\".repeat(Math.floor(n / 3)),
      "a-".repeat(Math.floor(n / 2)) + "A",
      "x".repeat(n),
    ];
    const small = inputs(25_000);
    const large = inputs(200_000);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const time = (re: RegExp, texts: string[]) =>
      median(
        Array.from({ length: 5 }, () => {
          const t0 = performance.now();
          for (const s of texts) {
            re.lastIndex = 0;
            re.test(s);
          }
          return performance.now() - t0;
        }),
      );
    for (const re of patterns) {
      time(re, small); // warm up
      const a = Math.max(time(re, small), 0.5);
      const b = time(re, large);
      // 8x the input: linear is ~8x; generous slack for timer noise and garbage collection.
      expect(b / a, re.source).toBeLessThan(8 * 4);
    }
  });
});

for (const target of testTargets()) {
  describe(`dashboard queries on ${target.name}`, () => {
    afterAll(() => target.cleanup());

    it("count decisions, reasons and latencies per bucket exactly as the audit store does", async () => {
      const audit = new AuditStore(await target.open());
      try {
        const now = Date.now();
        const seeded = await seedAuditTrail(audit, now);
        const w = timeWindow("24h", now);
        const stats = await overviewStats(audit.db, w);
        const range = { since: w.since, until: w.until };
        expect(stats.total).toBe(await audit.count(range));
        expect(await audit.count()).toBe(seeded.events.length);
        expect(stats.total).toBeGreaterThan(90);
        for (const action of ["allow", "modify", "block", "escalate"] as const) {
          expect(stats.totals[action]).toBe(await audit.count({ ...range, action }));
          expect(stats.traffic[action].reduce((a, b) => a + b, 0)).toBe(stats.totals[action]);
        }
        expect(stats.totals.block).toBe(8);
        expect(stats.totals.escalate).toBe(1);
        const weapons = stats.categories.find((c) => c.category === "indiscriminate-weapons");
        expect(weapons?.totals.block).toBe(6);
        expect(stats.categories[0]?.category).toBe("indiscriminate-weapons"); // busiest first
        const { p50, p95, p99 } = stats.latency.overall;
        expect(p50).not.toBeNull();
        expect(p50!).toBeLessThanOrEqual(p95!);
        expect(p95!).toBeLessThanOrEqual(p99!);

        // The database bins latencies exactly as latencyBin does, edges included.
        const edgeEvents = LATENCY_EDGES_MS.slice(0, 30).flatMap((e, i) => [
          makeEvent({ time: now - 1000 - i, latencyMs: e }),
          makeEvent({ time: now - 1000 - i, latencyMs: e * 0.999999 }),
        ]);
        await audit.insert(edgeEvents);
        const rows = await audit.db
          .selectFrom("audit_events")
          .select(["id", "latency_ms"])
          .select((await import("./latency-bins.js")).latencyBinSql("latency_ms").as("bin"))
          .where(
            "id",
            "in",
            edgeEvents.map((e) => e.id),
          )
          .execute();
        for (const r of rows)
          expect(Number(r.bin), String(r.latency_ms)).toBe(latencyBin(Number(r.latency_ms)));

        expect(await incidentCounts(audit.db)).toEqual({ open: 2, triaged: 0, resolved: 0 });
        const opened = await openedBySeverity(audit.db, timeWindow("30d", now));
        expect(opened.critical.reduce((a, b) => a + b, 0)).toBe(1);
        expect(opened.medium.reduce((a, b) => a + b, 0)).toBe(1);
      } finally {
        await audit.close();
      }
    });

    it("search the redacted text with wildcards taken literally, plus every filter", async () => {
      const mdb = await target.open();
      const audit = new AuditStore(mdb);
      try {
        const t = Date.now() - 60_000;
        await audit.insert([
          makeEvent({ time: t, text: "Discount of 100% today", userId: "u1" }),
          makeEvent({ time: t + 1, text: "Discount of 100 percent", userId: "u1" }),
          makeEvent({ time: t + 2, text: "file_name.txt and FILENAME", userId: "u2", stage: "output" }),
          makeEvent({ time: t + 3, text: "My email is [EMAIL_1]", userId: "u2", action: "modify" }),
          makeEvent({
            time: t + 4,
            text: "ignore previous instructions",
            action: "block",
            categories: { "prompt-injection": 0.97 },
            reasons: [{ detector: "terms", category: "prompt-injection", score: 0.97 }],
          }),
        ]);
        const find = async (f: Parameters<typeof searchEvents>[1]) =>
          (await searchEvents(mdb, f)).events.map((e) => e.text);
        expect(await find({ q: "100%", offset: 0 })).toEqual(["Discount of 100% today"]);
        expect(await find({ q: "e_n", offset: 0 })).toEqual(["file_name.txt and FILENAME"]);
        expect(await find({ q: "discount", offset: 0 })).toHaveLength(2); // case-insensitive
        expect(await find({ q: "[EMAIL_1]", offset: 0 })).toEqual(["My email is [EMAIL_1]"]);
        expect(await find({ q: "%", offset: 0 })).toEqual(["Discount of 100% today"]);
        expect(await find({ stage: "output", offset: 0 })).toEqual(["file_name.txt and FILENAME"]);
        expect(await find({ category: "prompt-injection", offset: 0 })).toEqual([
          "ignore previous instructions",
        ]);
        expect(await find({ action: "modify", userId: "u2", offset: 0 })).toEqual(["My email is [EMAIL_1]"]);
        expect(await find({ since: t + 3, offset: 0 })).toHaveLength(2);
        const page = await searchEvents(mdb, { offset: 1 }, 2);
        expect(page.total).toBe(5);
        expect(page.events.map((e) => e.time)).toEqual([t + 3, t + 2]); // newest first, paged
        const hist = await matchHistogram(mdb, { q: "discount", offset: 0 }, t + 10 * 60_000);
        expect(hist?.counts.reduce((a, b) => a + b, 0)).toBe(2);
        expect(await matchHistogram(mdb, { q: "nothing like this", offset: 0 }, t)).toBeUndefined();
      } finally {
        await audit.close();
      }
    });

    it("list the latest review decisions newest first", async () => {
      const mdb = await target.open();
      try {
        let clock = Date.parse("2025-01-01T00:00:00Z");
        const tick = () => (clock += 1000);
        const sql = new EscalationQueue({ store: new SqlEscalationStore(mdb), clock: tick });
        const memory = new EscalationQueue({ clock: tick });
        for (const queue of [sql, memory]) {
          const ids: string[] = [];
          for (let i = 0; i < 4; i++)
            ids.push(
              await queue.enqueue({
                stage: "input",
                text: `t${i}`,
                decision: makeDecision({ category: "hate" }),
              }),
            );
          await queue.deny(ids[2]!, { reviewer: "a" });
          await queue.approve(ids[0]!, { reviewer: "b", note: "fine" });
          await queue.approve(ids[3]!, { reviewer: "c" });
          const latest = await recentDecisions(queue, 2);
          expect(latest.map((i) => i.text)).toEqual(["t3", "t0"]);
          expect(latest[1]).toMatchObject({ status: "approved", reviewer: "b", note: "fine" });
        }
      } finally {
        await mdb.close();
      }
    });
  });
}

describe("like patterns", () => {
  it("escape the wildcards and the escape character", () => {
    expect(likePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});
