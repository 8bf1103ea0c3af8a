/**
 * Postgres for tests: when GUARDSTACK_PG_URL is set, each test store gets a fresh schema (dropped
 * afterwards), so runs never see each other's rows. Without the variable, Postgres tests are skipped.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export function postgresUrl(): string | undefined {
  const url = process.env.GUARDSTACK_PG_URL;
  return url && url.trim() !== "" ? url : undefined;
}

export function freshSchemaName(prefix = "gs_test"): string {
  return `${prefix}_${randomBytes(5).toString("hex")}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
