/**
 * The monitoring schema's migrations, in code and dialect-neutral (Kysely's schema builder; types that
 * SQLite and Postgres both accept). The same mechanism as the eval store — Kysely's Migrator over
 * in-code migrations — with its own history table, so both stores share one database file and each
 * migrates only its own tables.
 */
import type { Kysely, Migration, MigrationProvider } from "kysely";

export const MONITOR_MIGRATION_TABLE = "monitor_kysely_migration";
export const MONITOR_MIGRATION_LOCK_TABLE = "monitor_kysely_migration_lock";

const audit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("audit_events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("ts", "bigint", (c) => c.notNull())
      .addColumn("stage", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("layer", "text", (c) => c.notNull())
      .addColumn("categories", "text", (c) => c.notNull())
      .addColumn("reasons", "text", (c) => c.notNull())
      .addColumn("latency_ms", "double precision", (c) => c.notNull())
      .addColumn("failures", "integer", (c) => c.notNull())
      .addColumn("user_id", "text")
      .addColumn("session_id", "text")
      .addColumn("key_id", "text")
      .addColumn("policy_name", "text", (c) => c.notNull())
      .addColumn("policy_version", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("text_hash", "text", (c) => c.notNull())
      .addColumn("raw_text", "text")
      .addColumn("text_chars", "integer", (c) => c.notNull())
      .addColumn("text_truncated", "integer", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("audit_events_ts").on("audit_events").column("ts").execute();
    await db.schema
      .createIndex("audit_events_user_ts")
      .on("audit_events")
      .columns(["user_id", "ts"])
      .execute();
    await db.schema.createIndex("audit_events_hash").on("audit_events").column("text_hash").execute();
    await db.schema
      .createTable("audit_event_categories")
      .addColumn("event_id", "text", (c) => c.notNull())
      .addColumn("category", "text", (c) => c.notNull())
      .addColumn("score", "double precision", (c) => c.notNull())
      .addColumn("reason", "integer", (c) => c.notNull())
      .addColumn("ts", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("audit_event_categories_pk", ["event_id", "category"])
      .execute();
    await db.schema
      .createIndex("audit_event_categories_cat_ts")
      .on("audit_event_categories")
      .columns(["category", "ts"])
      .execute();
    await db.schema
      .createIndex("audit_event_categories_ts")
      .on("audit_event_categories")
      .column("ts")
      .execute();
    await db.schema
      .createTable("monitor_meta")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("monitor_meta").execute();
    await db.schema.dropTable("audit_event_categories").execute();
    await db.schema.dropTable("audit_events").execute();
  },
};

const incidents: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("incidents")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("dedupe_key", "text", (c) => c.notNull())
      .addColumn("rule", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("severity", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("owner", "text")
      .addColumn("opened_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .addColumn("resolved_at", "bigint")
      .addColumn("event_count", "integer", (c) => c.notNull())
      .addColumn("last_event_at", "bigint", (c) => c.notNull())
      .addColumn("details", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("incidents_status")
      .on("incidents")
      .columns(["status", "opened_at"])
      .execute();
    await db.schema.createIndex("incidents_key").on("incidents").columns(["dedupe_key", "status"]).execute();
    await db.schema
      .createTable("incident_events")
      .addColumn("incident_id", "text", (c) => c.notNull())
      .addColumn("event_id", "text", (c) => c.notNull())
      .addColumn("added_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("incident_events_pk", ["incident_id", "event_id"])
      .execute();
    await db.schema.createIndex("incident_events_event").on("incident_events").column("event_id").execute();
    await db.schema
      .createTable("incident_history")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("incident_id", "text", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("from_status", "text")
      .addColumn("to_status", "text")
      .addColumn("note", "text")
      .addUniqueConstraint("incident_history_seq", ["incident_id", "seq"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("incident_history").execute();
    await db.schema.dropTable("incident_events").execute();
    await db.schema.dropTable("incidents").execute();
  },
};

const review: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("review_escalations")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("stage", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("decision", "text", (c) => c.notNull())
      .addColumn("user_id", "text")
      .addColumn("session_id", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("reviewer", "text")
      .addColumn("note", "text")
      .addColumn("flagged", "integer", (c) => c.notNull())
      .addColumn("queued_seq", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("review_escalations_status")
      .on("review_escalations")
      .columns(["status", "queued_seq"])
      .execute();
    await db.schema
      .createTable("review_escalation_events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("item_id", "text", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("from_status", "text")
      .addColumn("to_status", "text", (c) => c.notNull())
      .addColumn("note", "text")
      .addUniqueConstraint("review_escalation_events_seq", ["item_id", "seq"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("review_escalation_events").execute();
    await db.schema.dropTable("review_escalations").execute();
  },
};

export const MONITOR_MIGRATIONS: Record<string, Migration> = {
  "0001_audit": audit,
  "0002_incidents": incidents,
  "0003_review": review,
};

export const monitorMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MONITOR_MIGRATIONS),
};
