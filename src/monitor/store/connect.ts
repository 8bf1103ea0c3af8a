/**
 * Opens the monitoring database: a SQLite file (the embedded default, shared with the eval store) or a
 * Postgres URL, through Kysely, and brings its schema up to date. An unreachable Postgres fails at once
 * with one line naming the server (password hidden) and what to check.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Dialect } from "kysely";
import pg from "pg";
import {
  MONITOR_MIGRATION_LOCK_TABLE,
  MONITOR_MIGRATION_TABLE,
  monitorMigrationProvider,
} from "./migrations.js";
import type { MonitorDatabase } from "./schema.js";

/** The database file guardstack keeps by default (the eval store uses the same one). */
export const DEFAULT_MONITOR_DB = ".guardstack/guardstack.db";

export type MonitorDialect = "sqlite" | "postgres";

export interface OpenMonitorDbOptions {
  /**
   * SQLite durability. "normal" (default, WAL): a committed transaction survives a killed process;
   * "full": it also survives a power cut, at the cost of an fsync per commit.
   */
  synchronous?: "normal" | "full";
  /** Postgres: connections in the pool (default 4). */
  poolSize?: number;
  /** Postgres: how long to wait for a connection (default 5000 ms). */
  connectTimeoutMs?: number;
  /** Postgres: keep the tables in this schema (created when missing) instead of the default one. */
  schema?: string;
  /** Wraps the dialect, e.g. to inject faults in tests. */
  wrapDialect?: (dialect: Dialect) => Dialect;
}

export interface MonitorDb {
  readonly db: Kysely<MonitorDatabase>;
  readonly dialect: MonitorDialect;
  /** The file path, or the URL with its password hidden. */
  readonly location: string;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
export const PATTERNS: readonly RegExp[] = [SCHEMA_NAME];

export function isPostgresUrl(target: string): boolean {
  const t = target.slice(0, 14).toLowerCase();
  return t.startsWith("postgres://") || t.startsWith("postgresql://");
}

/** The URL with any password replaced by ***, for messages and logs. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(an unparsable URL)";
  }
}

/** A driver error as one line; Node's AggregateError (IPv4 and IPv6 both refused) has no message of its own. */
export function errorLine(err: unknown): string {
  if (err instanceof AggregateError && !err.message) {
    const first: unknown = err.errors[0];
    if (first instanceof Error) return first.message.split("\n")[0] ?? first.message;
  }
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    const msg = err.message.split("\n")[0] ?? "";
    return msg || code || err.name;
  }
  return String(err);
}

async function migrate(
  db: Kysely<MonitorDatabase>,
  where: string,
  schema: string | undefined,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: monitorMigrationProvider,
    migrationTableName: MONITOR_MIGRATION_TABLE,
    migrationLockTableName: MONITOR_MIGRATION_LOCK_TABLE,
    // Kysely looks for its tables across every schema; name ours, or another schema's copy would count.
    ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error)
    throw new Error(`cannot migrate the monitoring tables in ${where}: ${errorLine(error)}`, {
      cause: error,
    });
}

function openSqlite(path: string, options: OpenMonitorDbOptions): Kysely<MonitorDatabase> {
  const file = path === ":memory:" ? path : resolve(path);
  let sqlite: Database.Database;
  try {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    sqlite = new Database(file);
  } catch (err) {
    throw new Error(`cannot open the audit database ${file}: ${errorLine(err)}`, { cause: err });
  }
  // WAL: a commit is one append to the log; readers (the CLI, the dashboard) never block the writer.
  if (file !== ":memory:") sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${options.synchronous === "full" ? "FULL" : "NORMAL"}`);
  sqlite.pragma("busy_timeout = 5000");
  const dialect: Dialect = new SqliteDialect({ database: sqlite });
  return new Kysely<MonitorDatabase>({
    dialect: options.wrapDialect ? options.wrapDialect(dialect) : dialect,
  });
}

function openPostgres(url: string, options: OpenMonitorDbOptions): Kysely<MonitorDatabase> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema))
    throw new Error(`bad Postgres schema name "${options.schema}": use lower-case letters, digits and _`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    ...(options.schema !== undefined ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection the server drops emits "error" on the pool; unhandled, it would end the process.
  // The next query then fails (or reconnects), which is where the writer notices and retries.
  pool.on("error", () => undefined);
  // Likewise a connection lost mid-query emits "error" on its client, which Kysely does not listen to;
  // the query itself fails, which is what the writer acts on.
  pool.on("connect", (client) => {
    client.on("error", () => undefined);
  });
  const dialect: Dialect = new PostgresDialect({ pool });
  return new Kysely<MonitorDatabase>({
    dialect: options.wrapDialect ? options.wrapDialect(dialect) : dialect,
  });
}

/**
 * Opens (creating when needed) the monitoring database at `target` — a file path, ":memory:", or a
 * postgres:// URL — and migrates it.
 */
export async function openMonitorDb(
  target: string = DEFAULT_MONITOR_DB,
  options: OpenMonitorDbOptions = {},
): Promise<MonitorDb> {
  const postgres = isPostgresUrl(target);
  const location = postgres ? maskUrl(target) : target === ":memory:" ? target : resolve(target);
  const db = postgres ? openPostgres(target, options) : openSqlite(target, options);
  const ping = async () => {
    await sql`select 1`.execute(db);
  };
  try {
    if (postgres) {
      try {
        await ping();
      } catch (err) {
        throw new Error(`cannot connect to postgres at ${location}: ${errorLine(err)}; check the URL`, {
          cause: err,
        });
      }
      if (options.schema !== undefined)
        await sql`create schema if not exists ${sql.id(options.schema)}`.execute(db);
    }
    await migrate(db, location, postgres ? options.schema : undefined);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
  return {
    db,
    dialect: postgres ? "postgres" : "sqlite",
    location,
    ping,
    close: () => db.destroy(),
  };
}
