/**
 * The databases monitoring tests run against: a SQLite file in a temporary folder always, and Postgres
 * (a fresh schema) when GUARDSTACK_PG_URL is set.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openMonitorDb, type MonitorDb, type OpenMonitorDbOptions } from "../store/connect.js";
import { dropSchema, freshSchemaName, postgresUrl } from "./postgres.js";

export interface TestTarget {
  name: "sqlite" | "postgres";
  /** Opens a fresh, empty database (each call a new one). */
  open(options?: OpenMonitorDbOptions): Promise<MonitorDb>;
  /** Reopens the database the last open() made. */
  reopen(options?: OpenMonitorDbOptions): Promise<MonitorDb>;
  cleanup(): Promise<void>;
}

export function sqliteTarget(): TestTarget {
  const dirs: string[] = [];
  let last = "";
  return {
    name: "sqlite",
    open(options) {
      const dir = mkdtempSync(join(tmpdir(), "gs-monitor-"));
      dirs.push(dir);
      last = join(dir, "guardstack.db");
      return openMonitorDb(last, options);
    },
    reopen: (options) => openMonitorDb(last, options),
    cleanup() {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

export function postgresTarget(url: string): TestTarget {
  const schemas: string[] = [];
  let last = "";
  return {
    name: "postgres",
    open(options) {
      last = freshSchemaName();
      schemas.push(last);
      return openMonitorDb(url, { ...options, schema: last });
    },
    reopen: (options) => openMonitorDb(url, { ...options, schema: last }),
    async cleanup() {
      for (const s of schemas) await dropSchema(url, s);
    },
  };
}

/** SQLite, plus Postgres when GUARDSTACK_PG_URL is set. */
export function testTargets(): TestTarget[] {
  const url = postgresUrl();
  return url ? [sqliteTarget(), postgresTarget(url)] : [sqliteTarget()];
}
