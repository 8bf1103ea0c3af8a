/**
 * Durability of acknowledged audit events: a child process writes events continuously and reports
 * each acknowledged (committed) id; the parent kill -9s it mid-run, reopens the database, and checks
 * that every acknowledged event is there and the database is intact. Repeated on the same file, so
 * recovery after a crash is itself crashed into.
 */
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMonitorDb, type MonitorDb } from "./store/connect.js";
import { dropSchema, freshSchemaName, postgresUrl } from "./testing/postgres.js";
import { sqliteTarget } from "./testing/targets.js";

const root = resolve(import.meta.dirname, "../..");
let outDir = "";

beforeAll(() => {
  // Node cannot run .ts: compile the child (and what it imports) into a folder under node_modules, so
  // its imports of kysely, better-sqlite3 and pg resolve from the project.
  const cache = join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  outDir = mkdtempSync(join(cache, "gs-crash-"));
  writeFileSync(join(outDir, "package.json"), '{ "type": "module" }\n');
  execFileSync(
    process.execPath,
    [
      join(root, "node_modules", "typescript", "bin", "tsc"),
      "--outDir",
      outDir,
      "--rootDir",
      join(root, "src"),
      "--module",
      "nodenext",
      "--moduleResolution",
      "nodenext",
      "--target",
      "es2022",
      "--types",
      "node",
      "--skipLibCheck",
      "--resolveJsonModule",
      "--esModuleInterop",
      join(root, "src", "monitor", "testing", "crash-child.ts"),
    ],
    { stdio: "inherit" },
  );
}, 300_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

interface Run {
  acked: string[];
  exit: { code: number | null; signal: NodeJS.Signals | null };
}

/** Runs the child until it has acknowledged at least `minAcked` events (and ran `minMs`), then kill -9. */
function runAndKill(args: string[], minAcked: number, minMs: number): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(outDir, "monitor", "testing", "crash-child.js"), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acked: string[] = [];
    let partial = "";
    let stderr = "";
    const t0 = Date.now();
    let killed = false;
    const maybeKill = () => {
      if (!killed && acked.length >= minAcked && Date.now() - t0 >= minMs) {
        killed = true;
        child.kill("SIGKILL");
      }
    };
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const l of lines) if (l) acked.push(l);
      maybeKill();
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const poll = setInterval(maybeKill, 20);
    const deadline = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the child acknowledged only ${acked.length} events in time; stderr: ${stderr}`));
    }, 120_000);
    child.on("exit", (code, signal) => {
      clearInterval(poll);
      clearTimeout(deadline);
      if (!killed) reject(new Error(`the child exited by itself (${code}); stderr: ${stderr}`));
      else resolvePromise({ acked, exit: { code, signal } });
    });
  });
}

async function missing(mdb: MonitorDb, ids: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await mdb.db
      .selectFrom("audit_events")
      .select("id")
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return ids.filter((id) => !found.has(id));
}

describe("crash safety of acknowledged audit events", () => {
  const target = sqliteTarget();
  afterAll(() => target.cleanup());

  it("SQLite (WAL): every acknowledged event survives kill -9, three crashes in a row", async () => {
    const first = await target.open();
    const file = first.location;
    await first.close();
    const all: string[] = [];
    for (let round = 0; round < 3; round++) {
      const run = await runAndKill([file], 1500, 700);
      expect(run.exit.signal).toBe("SIGKILL");
      all.push(...run.acked);
      const mdb = await openMonitorDb(file);
      try {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(mdb.db);
        expect(check.rows.map((r) => r.integrity_check)).toEqual(["ok"]);
        expect(await missing(mdb, all)).toEqual([]);
        const count = await mdb.db
          .selectFrom("audit_events")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirst();
        expect(Number(count?.n)).toBeGreaterThanOrEqual(all.length);
      } finally {
        await mdb.close();
      }
    }
    expect(new Set(all).size).toBe(all.length);
  }, 300_000);

  const pgUrl = postgresUrl();
  it.skipIf(!pgUrl)(
    "Postgres: every acknowledged event survives kill -9 of the writer",
    async () => {
      const url = pgUrl as string;
      const schema = freshSchemaName();
      try {
        const run = await runAndKill([url, schema], 1500, 700);
        const mdb = await openMonitorDb(url, { schema });
        try {
          expect(await missing(mdb, run.acked)).toEqual([]);
        } finally {
          await mdb.close();
        }
      } finally {
        await dropSchema(url, schema);
      }
    },
    300_000,
  );
});
