/**
 * Schema migrations, in code (no migration files to ship or copy into dist/). Kysely's Migrator runs
 * the ones a database has not seen, in name order, and records them in its own table — named for the
 * eval store so another Kysely user of the same file keeps its own history.
 */
import { type Kysely, type Migration, type MigrationProvider } from "kysely";

export const MIGRATION_TABLE = "eval_kysely_migration";
export const MIGRATION_LOCK_TABLE = "eval_kysely_migration_lock";

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("eval_runs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("target", "text", (c) => c.notNull())
      .addColumn("suite_ids", "text", (c) => c.notNull())
      .addColumn("config", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("total_cases", "integer", (c) => c.notNull())
      .addColumn("started_at", "text", (c) => c.notNull())
      .addColumn("finished_at", "text")
      .execute();
    await db.schema
      .createTable("eval_case_results")
      .addColumn("run_id", "text", (c) => c.notNull().references("eval_runs.id").onDelete("cascade"))
      .addColumn("suite_id", "text", (c) => c.notNull())
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("strategy", "text", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("result", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("eval_case_results_pk", ["run_id", "suite_id", "case_id", "strategy"])
      .execute();
    await db.schema
      .createTable("eval_response_cache")
      .addColumn("target", "text", (c) => c.notNull())
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("response", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("hits", "integer", (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint("eval_response_cache_pk", ["target", "key"])
      .execute();
    await db.schema.createIndex("eval_runs_started").on("eval_runs").column("started_at").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("eval_response_cache").execute();
    await db.schema.dropTable("eval_case_results").execute();
    await db.schema.dropTable("eval_runs").execute();
  },
};

/** The run's threshold sweep (JSON of RunSweep), null for runs without one and for runs made before it. */
const runSweep: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("eval_runs").addColumn("sweep", "text").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("eval_runs").dropColumn("sweep").execute();
  },
};

export const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": initial,
  "0002_run_sweep": runSweep,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
