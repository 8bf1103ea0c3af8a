/**
 * The events page's filters, from the query string: free text over the stored (redacted) text, stage,
 * action, category, user, session, text hash and a time span. Every malformed value is reported in
 * words on the page — never a 500, never silently ignored.
 */
import type { DecisionAction } from "../../../guard/types.js";
import { STAGES, isStage, type Stage } from "../../../policy/stages.js";
import { ACTIONS } from "./overview-stats.js";

export interface EventFilter {
  q?: string;
  stage?: Stage;
  action?: DecisionAction;
  category?: string;
  userId?: string;
  sessionId?: string;
  textHash?: string;
  /** Inclusive, epoch ms. */
  since?: number;
  /** Exclusive, epoch ms. */
  until?: number;
  offset: number;
}

/** The raw values, to fill the form back in as typed. */
export type EventFilterForm = Record<(typeof FILTER_FIELDS)[number], string>;

export const FILTER_FIELDS = [
  "q",
  "stage",
  "action",
  "category",
  "user",
  "session",
  "hash",
  "since",
  "until",
] as const;

const CATEGORY_ID = /^[a-z][a-z0-9-]{0,63}$/;
const TEXT_HASH = /^[0-9a-f]{32}$/;
const RELATIVE = /^(\d{1,5}) ?(m|min|h|d|w)$/;
const ABSOLUTE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)?(?: ?(?:Z|UTC|[+-]\d{2}:?\d{2}))?$/i;
const HAS_ZONE = /(?:Z|UTC|[+-]\d{2}:?\d{2})$/i;
const UTC_SUFFIX = / ?UTC$/i;
const OFFSET = /^\d{1,7}$/;

export const PATTERNS: readonly RegExp[] = [
  CATEGORY_ID,
  TEXT_HASH,
  RELATIVE,
  ABSOLUTE,
  HAS_ZONE,
  UTC_SUFFIX,
  OFFSET,
];

const MAX_TEXT = 200;
const UNIT_MS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** A time as typed: "2024-05-01", "2024-05-01 13:30" (UTC unless a zone is given), or "24h" back from now. */
export function parseTime(text: string, now: number): number | undefined {
  const t = text.trim();
  const rel = RELATIVE.exec(t.toLowerCase());
  if (rel) return now - Number(rel[1]) * (UNIT_MS[rel[2] as string] as number);
  if (t.length > 40 || !ABSOLUTE.test(t)) return undefined;
  let iso = t.replace(" ", "T").replace(UTC_SUFFIX, "Z").replace(" ", "");
  if (iso.length === 10) iso += "T00:00";
  if (!HAS_ZONE.test(iso)) iso += "Z";
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return undefined;
  // Date.parse rolls "2024-02-31" over to March: refuse dates that do not exist.
  const day = new Date(Date.parse(`${iso.slice(0, 10)}T00:00Z`));
  return day.toISOString().slice(0, 10) === iso.slice(0, 10) ? ms : undefined;
}

export function parseEventFilter(
  params: Record<string, string | undefined>,
  now: number,
): { filter: EventFilter; form: EventFilterForm; problems: string[] } {
  const form = Object.fromEntries(
    FILTER_FIELDS.map((k) => [k, (params[k] ?? "").slice(0, 1000)]),
  ) as EventFilterForm;
  const problems: string[] = [];
  const filter: EventFilter = { offset: 0 };
  const value = (k: keyof EventFilterForm) => form[k].trim();

  const q = value("q");
  if (q !== "") {
    if (q.length > MAX_TEXT)
      problems.push(`the text search is ${q.length} characters long; use at most ${MAX_TEXT}`);
    else filter.q = q;
  }
  const stage = value("stage");
  if (stage !== "") {
    if (isStage(stage)) filter.stage = stage;
    else problems.push(`stage "${stage}" is not a stage: use one of ${STAGES.join(", ")}`);
  }
  const action = value("action");
  if (action !== "") {
    if ((ACTIONS as readonly string[]).includes(action)) filter.action = action as DecisionAction;
    else problems.push(`action "${action}" is not an action: use one of ${ACTIONS.join(", ")}`);
  }
  const category = value("category");
  if (category !== "") {
    if (CATEGORY_ID.test(category)) filter.category = category;
    else
      problems.push(
        `category "${category}" is not a category id (lower-case words joined by "-", e.g. violent-crimes)`,
      );
  }
  const user = value("user");
  if (user !== "") {
    if (user.length > MAX_TEXT) problems.push(`the user id is longer than ${MAX_TEXT} characters`);
    else filter.userId = user;
  }
  const session = value("session");
  if (session !== "") {
    if (session.length > MAX_TEXT) problems.push(`the session id is longer than ${MAX_TEXT} characters`);
    else filter.sessionId = session;
  }
  const hash = value("hash").toLowerCase();
  if (hash !== "") {
    if (TEXT_HASH.test(hash)) filter.textHash = hash;
    else problems.push(`text hash "${value("hash")}" is not 32 hexadecimal digits`);
  }
  for (const key of ["since", "until"] as const) {
    const raw = value(key);
    if (raw === "") continue;
    const ms = parseTime(raw, now);
    if (ms === undefined)
      problems.push(
        `${key} "${raw}" is not a time: write a date (2024-05-01), a date and time in UTC (2024-05-01 13:30), or a span back from now (30m, 24h, 7d, 2w)`,
      );
    else filter[key] = ms;
  }
  if (filter.since !== undefined && filter.until !== undefined && filter.since >= filter.until)
    problems.push("since is not before until: no event can match");
  const offset = (params.offset ?? "").trim();
  if (offset !== "") {
    if (OFFSET.test(offset)) filter.offset = Number(offset);
    else problems.push(`offset "${offset.slice(0, 40)}" is not a whole number`);
  }
  return { filter, form, problems };
}

/** The query string for a filter form (empty fields left out), plus extra parameters. */
export function filterQuery(form: Partial<EventFilterForm>, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const k of FILTER_FIELDS) {
    const v = form[k]?.trim();
    if (v) p.set(k, v);
  }
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}
