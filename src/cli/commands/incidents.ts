/**
 * `guardstack incidents list|show|triage|resolve|export` — work the incidents the monitor opened, and turn
 * chosen ones into an eval suite (`export --ids ... --out suite.yaml`, then `guardstack eval --suite
 * suite.yaml`). The database is --db (a file, default .guardstack/guardstack.db, or a postgres:// URL),
 * else GUARDSTACK_DB.
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import type { Command } from "commander";
import { incidentsToSuite } from "../../monitor/incidents/export-suite.js";
import { IncidentStore } from "../../monitor/incidents/incident-store.js";
import {
  IncidentError,
  INCIDENT_STATUSES,
  type Incident,
  type IncidentStatus,
} from "../../monitor/incidents/types.js";
import {
  DEFAULT_MONITOR_DB,
  errorLine,
  isPostgresUrl,
  openMonitorDb,
  type MonitorDb,
} from "../../monitor/store/connect.js";
import type { AuditEvent } from "../../monitor/types.js";
import { UserError } from "../errors.js";

interface DbFlags {
  db?: string;
}

function dbTarget(flags: DbFlags): string {
  return flags.db ?? process.env.GUARDSTACK_DB ?? DEFAULT_MONITOR_DB;
}

async function withStore<T>(
  flags: DbFlags,
  fn: (store: IncidentStore, db: MonitorDb) => Promise<T>,
): Promise<T> {
  const target = dbTarget(flags);
  if (!isPostgresUrl(target) && target !== ":memory:" && !existsSync(target))
    throw new UserError(
      `no monitoring database at ${target}; point --db at one (a file or a postgres:// URL) or set GUARDSTACK_DB`,
    );
  let db: MonitorDb;
  try {
    db = await openMonitorDb(target);
  } catch (err) {
    throw new UserError(errorLine(err));
  }
  try {
    return await fn(new IncidentStore(db), db);
  } catch (err) {
    if (err instanceof IncidentError) throw new UserError(err.message);
    throw err;
  } finally {
    await db.close();
  }
}

function actor(by: string | undefined): string {
  const who = by ?? process.env.GUARDSTACK_ACTOR ?? safeUser();
  if (!who || who.trim() === "")
    throw new UserError("say who you are with --by NAME (it goes into the incident's history)");
  return who;
}

function safeUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

const MILLIS = /\.\d{3}Z$/;
const SPACES = /\s+/g;
const LINE_STARTS = /^/gm;
/** Control, zero-width and bidi characters: shown as "\uFFFD" so stored text cannot steer the terminal. */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
export const PATTERNS: readonly RegExp[] = [MILLIS, SPACES, LINE_STARTS, UNPRINTABLE];

const printable = (s: string) => s.replace(UNPRINTABLE, "\uFFFD");

const iso = (ms: number) => new Date(ms).toISOString().replace(MILLIS, "Z");

function table(raw: string[][]): string {
  const rows = raw.map((r) => r.map(printable));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  "))
    .join("\n");
}

function clip(text: string, max: number): string {
  const one = text.replace(SPACES, " ");
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function parseStatus(value: string): IncidentStatus[] | undefined {
  if (value === "all") return undefined;
  const list = value.split(",").map((s) => s.trim());
  for (const s of list)
    if (!(INCIDENT_STATUSES as readonly string[]).includes(s))
      throw new UserError(`unknown status "${s}": use ${INCIDENT_STATUSES.join(", ")} or all`);
  return list as IncidentStatus[];
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(`${flag} must be a whole number of at least 1, got "${value}"`);
  return n;
}

function incidentLines(i: Incident): string[] {
  return [
    `incident ${i.id}  ${i.status}  ${i.severity}`,
    `title:    ${i.title}`,
    `rule:     ${i.rule} (key ${i.key})`,
    `owner:    ${i.owner ?? "-"}`,
    `opened:   ${iso(i.openedAt)}   updated: ${iso(i.updatedAt)}${i.resolvedAt !== undefined ? `   resolved: ${iso(i.resolvedAt)}` : ""}`,
    `events:   ${i.eventCount} (last ${iso(i.lastEventAt)})`,
    `details:  ${JSON.stringify(i.details)}`,
  ].map(printable);
}

function eventRow(e: AuditEvent): string[] {
  const cats = e.reasons.map((r) => `${r.category}:${r.score.toFixed(2)}`).join(",") || "-";
  return [iso(e.time), e.stage, e.action, cats, e.userId ?? "-", clip(e.text, 80)];
}

export function registerIncidents(program: Command): void {
  const incidents = program
    .command("incidents")
    .description("work incidents from the audit trail; export them as eval cases");
  const dbOption = [
    "--db <file|url>",
    `monitoring database: a SQLite file or a postgres:// URL (default GUARDSTACK_DB or ${DEFAULT_MONITOR_DB})`,
  ] as const;

  incidents
    .command("list")
    .description("list incidents, newest first")
    .option(...dbOption)
    .option("--status <s>", `${INCIDENT_STATUSES.join(", ")} (comma-separated) or all`, "open,triaged")
    .option("--rule <rule>", "only incidents opened by this rule (severe, strikes, spike)")
    .option("--limit <n>", "at most n incidents", "50")
    .option("--json", "print JSON")
    .action(async (flags: DbFlags & { status: string; rule?: string; limit: string; json?: boolean }) => {
      const status = parseStatus(flags.status);
      const limit = positiveInt(flags.limit, "--limit");
      await withStore(flags, async (store) => {
        const list = await store.list({
          ...(status ? { status } : {}),
          ...(flags.rule ? { rule: flags.rule } : {}),
          limit,
        });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        if (list.length === 0) {
          process.stdout.write(`no incidents (status ${flags.status})\n`);
          return;
        }
        const rows = [["ID", "STATUS", "SEVERITY", "RULE", "EVENTS", "OPENED", "OWNER", "TITLE"]];
        for (const i of list)
          rows.push([
            i.id,
            i.status,
            i.severity,
            i.rule,
            String(i.eventCount),
            iso(i.openedAt),
            i.owner ?? "-",
            i.title,
          ]);
        process.stdout.write(`${table(rows)}\n`);
      });
    });

  incidents
    .command("show")
    .description("an incident with its history and its events (redacted text)")
    .argument("<id>", "incident id")
    .option(...dbOption)
    .option("--events <n>", "at most n events", "20")
    .option("--json", "print JSON")
    .action(async (id: string, flags: DbFlags & { events: string; json?: boolean }) => {
      const limit = positiveInt(flags.events, "--events");
      await withStore(flags, async (store) => {
        const incident = await store.get(id);
        if (!incident)
          throw new UserError(
            `no incident with id ${id}; list them with: guardstack incidents list --status all`,
          );
        const history = await store.history(id);
        const events = await store.events(id, { limit });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ incident, history, events }, null, 2)}\n`);
          return;
        }
        const out = [...incidentLines(incident), "", "history:"];
        for (const h of history)
          out.push(
            printable(
              `  ${iso(h.at)}  ${h.actor}  ${h.action}${h.fromStatus || h.toStatus ? ` (${h.fromStatus ?? "-"} -> ${h.toStatus ?? "-"})` : ""}${h.note ? `: ${h.note}` : ""}`,
            ),
          );
        out.push("", `events (${events.length} of ${incident.eventCount}):`);
        if (events.length > 0)
          out.push(
            table([["TIME", "STAGE", "ACTION", "REASONS", "USER", "TEXT"], ...events.map(eventRow)]).replace(
              LINE_STARTS,
              "  ",
            ),
          );
        process.stdout.write(`${out.join("\n")}\n`);
      });
    });

  incidents
    .command("triage")
    .description("take an incident: status triaged, with an owner")
    .argument("<id>", "incident id")
    .option(...dbOption)
    .option("--by <name>", "who you are (default GUARDSTACK_ACTOR or your user name)")
    .option("--owner <name>", "who owns it (default: you)")
    .option("--note <text>", "why, for the history")
    .action(async (id: string, flags: DbFlags & { by?: string; owner?: string; note?: string }) => {
      const who = actor(flags.by);
      await withStore(flags, async (store) => {
        const i = await store.triage(id, {
          actor: who,
          ...(flags.owner ? { owner: flags.owner } : {}),
          ...(flags.note ? { note: flags.note } : {}),
        });
        process.stdout.write(`${i.id}: triaged, owner ${i.owner ?? who}\n`);
      });
    });

  incidents
    .command("resolve")
    .description("close an incident (a later match opens a new one)")
    .argument("<id>", "incident id")
    .option(...dbOption)
    .option("--by <name>", "who you are (default GUARDSTACK_ACTOR or your user name)")
    .option("--note <text>", "how it was resolved, for the history")
    .action(async (id: string, flags: DbFlags & { by?: string; note?: string }) => {
      const who = actor(flags.by);
      await withStore(flags, async (store) => {
        const i = await store.resolve(id, { actor: who, ...(flags.note ? { note: flags.note } : {}) });
        process.stdout.write(`${i.id}: resolved by ${who}\n`);
      });
    });

  incidents
    .command("export")
    .description("turn incidents into an eval suite (redacted, de-duplicated), for guardstack eval --suite")
    .requiredOption("--ids <ids>", "incident ids, comma-separated")
    .requiredOption("--out <file>", "suite file to write (.yaml)")
    .option(...dbOption)
    .option("--name <name>", "suite name", "incidents")
    .option(
      "--expect <how>",
      "decision (refuse where the guard blocked or escalated) or refuse (every case)",
      "decision",
    )
    .action(async (flags: DbFlags & { ids: string; out: string; name: string; expect: string }) => {
      if (flags.expect !== "decision" && flags.expect !== "refuse")
        throw new UserError(`--expect must be decision or refuse, got "${flags.expect}"`);
      const ids = flags.ids
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (ids.length === 0) throw new UserError("--ids needs at least one incident id");
      await withStore(flags, async (store) => {
        const suite = await incidentsToSuite(store, {
          ids,
          name: flags.name,
          expect: flags.expect as "decision" | "refuse",
        });
        await writeFile(flags.out, suite.yaml);
        const skipped = Object.entries(suite.skipped)
          .map(([s, n]) => `${n} ${s}`)
          .join(", ");
        process.stderr.write(
          `wrote ${suite.cases.length} case(s) from ${ids.length} incident(s) to ${flags.out}` +
            `${suite.duplicates > 0 ? `; ${suite.duplicates} duplicate(s) dropped` : ""}` +
            `${skipped ? `; skipped (no prompt to replay): ${skipped}` : ""}\n` +
            `run them with: guardstack eval --suite ${flags.out}\n`,
        );
      });
    });
}
