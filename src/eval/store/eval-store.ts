/**
 * Where evaluation runs live: runs, their case results (written one by one as cases finish, so a run
 * killed midway keeps every finished case and resumes from there), and a response cache keyed by
 * (target, conversation key) so judging a run again, or re-running it, costs no model calls.
 * SQLite through Kysely over better-sqlite3, migrated on open.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type Compilable } from "kysely";
import { reviveSweep } from "../sweep/revive.js";
import type { RunSweep } from "../sweep/types.js";
import type { CaseResult, RunSummary } from "../types.js";
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE, migrationProvider } from "./migrations.js";
import { newRunId, resultKey } from "./run-id.js";
import type { EvalDatabase, EvalRunsTable } from "./schema.js";

export const DEFAULT_DB_PATH = ".guardstack/guardstack.db";

export type RunStatus = EvalRunsTable["status"];

export interface RunRecord {
  id: string;
  target: string;
  suiteIds: string[];
  /** How the run was made (JSON), so `--resume` can rebuild the same plan. */
  config: Record<string, unknown>;
  status: RunStatus;
  totalCases: number;
  startedAt: string;
  finishedAt?: string;
  /** The run's threshold sweep, once computed. */
  sweep?: RunSweep;
}

export interface NewRun {
  id?: string;
  target: string;
  suiteIds: string[];
  config?: Record<string, unknown>;
  totalCases: number;
}

function toRecord(row: EvalRunsTable): RunRecord {
  const rec: RunRecord = {
    id: row.id,
    target: row.target,
    suiteIds: JSON.parse(row.suite_ids) as string[],
    config: JSON.parse(row.config) as Record<string, unknown>,
    status: row.status,
    totalCases: row.total_cases,
    startedAt: row.started_at,
  };
  if (row.finished_at !== null) rec.finishedAt = row.finished_at;
  const sweep = row.sweep ? reviveSweep(JSON.parse(row.sweep)) : undefined;
  if (sweep) rec.sweep = sweep;
  return rec;
}

export class EvalStore {
  /** Prepared statements by SQL text, for the writes made once per case. */
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(
    readonly db: Kysely<EvalDatabase>,
    private readonly sqlite: Database.Database,
    /** The database file, or ":memory:". */
    readonly path: string,
  ) {}

  /**
   * Runs a write built with Kysely through a cached prepared statement. Kysely's driver prepares every
   * query anew, which costs more than the insert itself when a run writes a result per case; the SQL
   * is the same each time, only the parameters change. better-sqlite3 is synchronous and this store
   * holds no transaction open across an await, so running beside Kysely's connection is safe.
   */
  private statement(query: Compilable): { stmt: Database.Statement; parameters: unknown[] } {
    const { sql, parameters } = query.compile();
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return { stmt, parameters: [...parameters] };
  }

  private write(query: Compilable): void {
    const { stmt, parameters } = this.statement(query);
    stmt.run(...parameters);
  }

  /** The first row of a read built with Kysely, through a cached prepared statement (see write). */
  private readOne<T>(query: Compilable<T>): T | undefined {
    const { stmt, parameters } = this.statement(query);
    return stmt.get(...parameters) as T | undefined;
  }

  /** Opens (creating when needed) the store at `path` (default .guardstack/guardstack.db) and migrates it. */
  static async open(path: string = DEFAULT_DB_PATH): Promise<EvalStore> {
    const file = path === ":memory:" ? path : resolve(path);
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    let sqlite: Database.Database;
    try {
      sqlite = new Database(file);
    } catch (err) {
      throw new Error(`cannot open the eval store ${file}: ${(err as Error).message}`, { cause: err });
    }
    // Wait for another process's lock (a second eval, a report) instead of failing at once.
    sqlite.pragma("busy_timeout = 10000");
    // WAL: each committed result survives a killed process; readers never block the writer.
    if (file !== ":memory:") sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    const db = new Kysely<EvalDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
    const migrator = new Migrator({
      db,
      provider: migrationProvider,
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
    });
    const { error } = await migrator.migrateToLatest();
    if (error) {
      await db.destroy();
      throw new Error(`cannot migrate the eval store ${file}: ${(error as Error).message}`, { cause: error });
    }
    return new EvalStore(db, sqlite, file);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async createRun(run: NewRun): Promise<RunRecord> {
    const row: EvalRunsTable = {
      id: run.id ?? newRunId(),
      target: run.target,
      suite_ids: JSON.stringify(run.suiteIds),
      config: JSON.stringify(run.config ?? {}),
      status: "running",
      total_cases: run.totalCases,
      started_at: new Date().toISOString(),
      finished_at: null,
      sweep: null,
    };
    await this.db.insertInto("eval_runs").values(row).execute();
    return toRecord(row);
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const row = await this.db.selectFrom("eval_runs").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** The most recent runs first. */
  async listRuns(limit = 50): Promise<RunRecord[]> {
    const rows = await this.db
      .selectFrom("eval_runs")
      .selectAll()
      .orderBy("started_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  async setStatus(id: string, status: RunStatus): Promise<void> {
    await this.db
      .updateTable("eval_runs")
      .set({ status, finished_at: status === "running" ? null : new Date().toISOString() })
      .where("id", "=", id)
      .execute();
  }

  /** Stores the run's threshold sweep (replacing one stored before, e.g. by an earlier attempt of a resumed run). */
  async saveSweep(id: string, sweep: RunSweep | undefined): Promise<void> {
    await this.db
      .updateTable("eval_runs")
      .set({ sweep: sweep === undefined ? null : JSON.stringify(sweep) })
      .where("id", "=", id)
      .execute();
  }

  /** Records one case result; committed at once (a crash after this call keeps it). */
  saveResult(runId: string, seq: number, result: CaseResult): Promise<void> {
    const row = {
      run_id: runId,
      suite_id: result.suiteId,
      case_id: result.caseId,
      strategy: result.strategy,
      seq,
      outcome: result.outcome,
      result: JSON.stringify(result),
      created_at: new Date().toISOString(),
    };
    this.write(
      this.db
        .insertInto("eval_case_results")
        .values(row)
        .onConflict((oc) =>
          oc.columns(["run_id", "suite_id", "case_id", "strategy"]).doUpdateSet({
            seq: row.seq,
            outcome: row.outcome,
            result: row.result,
            created_at: row.created_at,
          }),
        ),
    );
    return Promise.resolve();
  }

  /** A run's results in plan order. */
  async results(runId: string): Promise<CaseResult[]> {
    const rows = await this.db
      .selectFrom("eval_case_results")
      .select(["result"])
      .where("run_id", "=", runId)
      .orderBy("seq")
      .execute();
    return rows.map((r) => JSON.parse(r.result) as CaseResult);
  }

  /** Keys (see resultKey) of the cases a run has finished, errors excluded: those are tried again on resume. */
  async finishedKeys(runId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom("eval_case_results")
      .select(["suite_id", "case_id", "strategy"])
      .where("run_id", "=", runId)
      .where("outcome", "!=", "error")
      .execute();
    return new Set(rows.map((r) => resultKey(r.suite_id, r.case_id, r.strategy)));
  }

  async countResults(runId: string): Promise<number> {
    const row = await this.db
      .selectFrom("eval_case_results")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("run_id", "=", runId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** A stored run as the RunSummary reports and statistics read. */
  async loadRun(id: string): Promise<RunSummary> {
    const run = await this.getRun(id);
    if (!run) throw new Error(`no run "${id}" in ${this.path}`);
    const summary: RunSummary = {
      runId: run.id,
      target: run.target,
      suiteIds: run.suiteIds,
      startedAt: run.startedAt,
      results: await this.results(id),
    };
    if (run.finishedAt !== undefined) summary.finishedAt = run.finishedAt;
    if (run.sweep !== undefined) summary.sweep = run.sweep;
    return summary;
  }

  cacheGet<T>(target: string, key: string): Promise<T | undefined> {
    const row = this.readOne(
      this.db
        .selectFrom("eval_response_cache")
        .select(["response"])
        .where("target", "=", target)
        .where("key", "=", key),
    );
    if (!row) return Promise.resolve(undefined);
    this.write(
      this.db
        .updateTable("eval_response_cache")
        .set((eb) => ({ hits: eb("hits", "+", 1) }))
        .where("target", "=", target)
        .where("key", "=", key),
    );
    return Promise.resolve(JSON.parse(row.response) as T);
  }

  cachePut(target: string, key: string, value: unknown): Promise<void> {
    const response = JSON.stringify(value);
    const created_at = new Date().toISOString();
    this.write(
      this.db
        .insertInto("eval_response_cache")
        .values({ target, key, response, created_at })
        .onConflict((oc) => oc.columns(["target", "key"]).doUpdateSet({ response, created_at })),
    );
    return Promise.resolve();
  }

  async cacheSize(target?: string): Promise<number> {
    let q = this.db.selectFrom("eval_response_cache").select((eb) => eb.fn.countAll<number>().as("n"));
    if (target !== undefined) q = q.where("target", "=", target);
    const row = await q.executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
